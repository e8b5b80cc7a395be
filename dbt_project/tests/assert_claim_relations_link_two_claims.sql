-- A relation links a claim to another one. A denial denies a figure or repeats another denial (a headline's
-- denial that its article's body makes); a figure is related to figures only.
select relations.*
from {{ ref('claim_relations') }} as relations
inner join {{ ref('fct_claims') }} as claims on relations.claim_id = claims.claim_id
inner join {{ ref('fct_claims') }} as related on relations.related_claim_id = related.claim_id
where relations.claim_id = relations.related_claim_id
    or case
        when relations.relation = 'denies' then claims.predicate != 'denial' or related.predicate = 'denial'
        when claims.predicate = 'denial' then relations.relation != 'repeats' or related.predicate != 'denial'
        else related.predicate = 'denial'
    end
