-- Figure claims about the 2020 war, in the order they were made, with a key for "the same claimant".
with

claims as (
    select * from {{ ref('int_claims__with_evidence') }}
),

comparable as (
    select
        claim_id,
        article_id,
        coalesce(
            claimant_actor_id,
            lower(trim(claimant_text)),
            'unnamed ' || claimant_side || ' source'
        ) as claimant_key,
        claimant_text,
        claimant_kind,
        claimant_side,
        predicate,
        subject_side,
        coalesce(subject_kind, 'unspecified') as subject_kind,
        quantity,
        denied_text,
        evidence_start,
        sentence_index = 0 as is_headline,
        coalesce(as_of_date, published_date) as as_of_date,
        row_number() over (
            order by coalesce(as_of_date, published_date), published_date, article_id, evidence_start, claim_id
        ) as claim_order
    from claims
    where not is_background
        and (quantity is not null or predicate = 'denial')
)

select * from comparable
