with

claims as (
    select * from {{ ref('int_claims__with_evidence') }}
),

final as (
    select
        claim_id,
        article_id,
        claimant_actor_id,
        claimant_text,
        claimant_kind,
        claimant_side,
        reporting_cue,
        predicate,
        quantity,
        quantity_text,
        qualifier,
        denied_text,
        subject_text,
        subject_side,
        subject_kind,
        as_of_date,
        as_of_text,
        as_of_precision,
        as_of_is_fallback,
        is_background,
        evidence_start,
        evidence_end,
        evidence_text,
        source_line,
        published_date,
        event_id,
        extractor_version
    from claims
)

select * from final
