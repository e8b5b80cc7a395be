-- How claims answer one another. claim_id is the later claim, related_claim_id the one it answers:
--   denies    a denial → the figure it denies: the figure stated inside the denial's own sentence
--             (rule same_sentence), or a figure elsewhere in the warehouse with the same quantity as the
--             denied text writes, made by the other side about the denier's side, close in time (same_figure)
--   repeats   the same claimant, figure, predicate, subject side and kind again, in another sentence (of its
--             own article if it has one there, else the one before in the warehouse); or a
--             headline giving the figure a claim of its article's body gives for the same side, or in the
--             outlet's voice or no side's (headline_of_body_claim), whoever the body names as its source and
--             whatever side it gives what is counted when the headline gives none; or
--             a headline's denial that the body makes for the same side (headline_of_body_denial)
--   revises   the same claimant, predicate, subject side and kind, a different figure at a later as_of date
--   confirms  another claimant giving the same figure, predicate, subject side and kind, close in time
-- "Close in time" is var('claim_relation_window_days') days apart in as_of date (default 3).
with

claims as (
    select * from {{ ref('int_claims__comparable') }}
),

figures as (
    select * from claims
    where predicate != 'denial'
),

denials as (
    select
        *,
        list_transform(
            regexp_extract_all(replace(denied_text, ',', ''), '\d+'), x -> try_cast(x as bigint)
        ) as denied_quantities
    from claims
    where predicate = 'denial'
),

denied_in_same_sentence as (
    select
        denials.claim_id,
        figures.claim_id as related_claim_id,
        'denies' as relation,
        'same_sentence' as matched_by
    from denials
    inner join figures
        on denials.article_id = figures.article_id
            and denials.evidence_start = figures.evidence_start
            and figures.claimant_kind = 'denied_report'
),

denied_elsewhere as (
    select
        denials.claim_id,
        figures.claim_id as related_claim_id,
        'denies' as relation,
        'same_figure' as matched_by
    from denials
    inner join figures
        on list_contains(denials.denied_quantities, figures.quantity)
            and denials.subject_side = figures.subject_side
            and figures.claimant_side = case denials.claimant_side
                when 'armenia' then 'azerbaijan' when 'azerbaijan' then 'armenia'
            end
            and abs(datediff('day', figures.as_of_date, denials.as_of_date))
            <= {{ var('claim_relation_window_days', 3) }}
            and figures.claimant_kind != 'denied_report'
),

figure_history as (
    select
        *,
        lag(claim_id) over same_figure as previous_same_figure,
        lag(claim_id) over same_figure_in_article as previous_in_article,
        lag(evidence_start) over same_figure_in_article as previous_in_article_start,
        lag(claim_id) over same_series as previous_in_series,
        lag(quantity) over same_series as previous_quantity,
        lag(as_of_date) over same_series as previous_as_of
    from figures
    window
        same_figure as (
            partition by claimant_key, predicate, subject_side, subject_kind, quantity order by claim_order
        ),
        same_figure_in_article as (
            partition by article_id, claimant_key, predicate, subject_side, subject_kind, quantity
            order by claim_order
        ),
        same_series as (partition by claimant_key, predicate, subject_side, subject_kind order by claim_order)
),

repeats as (
    -- the mention before in the same article, else the one before in the warehouse
    select
        claim_id,
        coalesce(previous_in_article, previous_same_figure) as related_claim_id,
        'repeats' as relation,
        'same_claimant_same_figure' as matched_by
    from figure_history
    where coalesce(previous_in_article, previous_same_figure) is not null
        -- two items of one list ('one Osa, one KS-19') are two claims, not a repeat
        and (previous_in_article is null or evidence_start != previous_in_article_start)
),

headline_repeats as (
    -- a headline's figure the body gives, or its denial the body makes ('Georgia denies arms transit' over
    -- 'Georgia's Foreign Ministry rejected reports that ...'), for the same side
    select
        headline.claim_id,
        body.claim_id as related_claim_id,
        'repeats' as relation,
        case when headline.predicate = 'denial' then 'headline_of_body_denial' else 'headline_of_body_claim' end
            as matched_by
    from claims as headline
    inner join claims as body
        on headline.article_id = body.article_id
            and headline.is_headline
            and not body.is_headline
            and headline.predicate = body.predicate
            and (
                (
                    headline.predicate = 'denial'
                    and headline.claimant_side = body.claimant_side
                    and headline.claimant_side != 'unknown'
                )
                or (
                    headline.predicate != 'denial'
                    and (headline.claimant_side in (body.claimant_side, 'unknown') or headline.claimant_kind = 'outlet')
                    and headline.quantity = body.quantity
                    and headline.subject_side in (body.subject_side, 'unknown')
                    and headline.claimant_key != body.claimant_key
                )
            )
    qualify row_number() over (partition by headline.claim_id order by body.claim_order) = 1
),

revisions as (
    select
        claim_id,
        previous_in_series as related_claim_id,
        'revises' as relation,
        'same_claimant_later_figure' as matched_by
    from figure_history
    where previous_in_series is not null
        and quantity != previous_quantity
        and as_of_date > previous_as_of
),

confirmations as (
    select
        later.claim_id,
        earlier.claim_id as related_claim_id,
        'confirms' as relation,
        'other_claimant_same_figure' as matched_by
    from figures as later
    inner join figures as earlier
        on later.quantity = earlier.quantity
            and later.predicate = earlier.predicate
            and later.subject_side = earlier.subject_side
            and later.subject_kind = earlier.subject_kind
            and later.claimant_key != earlier.claimant_key
            and later.claim_order > earlier.claim_order
            and abs(datediff('day', earlier.as_of_date, later.as_of_date))
            <= {{ var('claim_relation_window_days', 3) }}
    qualify row_number() over (partition by later.claim_id order by earlier.claim_order) = 1
),

relations as (
    select * from denied_in_same_sentence
    union all
    select * from denied_elsewhere
    union all
    select * from repeats
    union all
    select * from headline_repeats
    union all
    select * from revisions
    union all
    select * from confirmations
),

final as (
    select
        relations.claim_id || '~' || relations.relation || '~' || relations.related_claim_id as relation_id,
        relations.claim_id,
        relations.relation,
        relations.related_claim_id,
        relations.matched_by,
        datediff('day', related.as_of_date, claim.as_of_date) as days_apart
    from relations
    inner join claims as claim on relations.claim_id = claim.claim_id
    inner join claims as related on relations.related_claim_id = related.claim_id
)

select * from final
