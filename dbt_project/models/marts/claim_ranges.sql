-- What each side reported for one thing in one week, and the range those reports span.
-- One row per (subject side, predicate, subject kind, as_of week). Each claimant counts once: its latest
-- figure of the week (a claimant revising within the week is not counted twice). Over those figures:
--   low  = the smallest, high = the largest,
--   best = the median (of independent claimants: one figure per claimant, whatever its side).
-- armenia_high / azerbaijan_high / third_party_high are the largest figure each side's claimants gave.
-- An article that is a near-duplicate of another (the same story re-published) adds nothing: its claims
-- are its original's, counted once.
with

near_duplicates as (
    select * from {{ ref('int_articles__near_duplicates') }}
),

claims as (
    select * from {{ ref('int_claims__comparable') }}
    where article_id not in (select near_duplicates.article_id from near_duplicates)
),

latest_per_claimant as (
    select
        *,
        cast(date_trunc('week', as_of_date) as date) as window_start
    from claims
    where predicate != 'denial'
        and as_of_date is not null
    qualify row_number() over (
            partition by subject_side, predicate, subject_kind, date_trunc('week', as_of_date), claimant_key
            order by as_of_date desc, claim_order desc
        ) = 1
),

ranges as (
    select
        subject_side,
        predicate,
        subject_kind,
        window_start,
        cast(window_start + interval 6 day as date) as window_end,
        count(*) as claimants,
        min(quantity) as low_quantity,
        median(quantity) as best_quantity,
        max(quantity) as high_quantity,
        max(quantity) filter (where claimant_side = 'armenia') as armenia_high,
        max(quantity) filter (where claimant_side = 'azerbaijan') as azerbaijan_high,
        max(quantity) filter (where claimant_side = 'third_party') as third_party_high,
        string_agg(
            coalesce(claimant_text, claimant_key) || ' (' || claimant_side || '): ' || quantity, '; '
            order by claimant_side, quantity
        ) as figures_reported,
        list(claim_id order by claim_order) as claim_ids
    from latest_per_claimant
    group by subject_side, predicate, subject_kind, window_start
),

final as (
    select
        subject_side || '|' || predicate || '|' || subject_kind || '|' || window_start as range_id,
        *,
        'best = median of the latest figure of each claimant in the as_of week; low/high = min/max' as range_rule
    from ranges
)

select * from final
