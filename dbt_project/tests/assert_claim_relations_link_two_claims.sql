-- A relation links a claim to another one, and a denial is always the claim that denies.
select relations.*
from {{ ref('claim_relations') }} as relations
inner join {{ ref('fct_claims') }} as claims on relations.claim_id = claims.claim_id
inner join {{ ref('fct_claims') }} as related on relations.related_claim_id = related.claim_id
where relations.claim_id = relations.related_claim_id
    or (relations.relation = 'denies') != (claims.predicate = 'denial')
    or related.predicate = 'denial'
