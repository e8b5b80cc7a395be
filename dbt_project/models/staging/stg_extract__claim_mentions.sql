with

source as (
    select * from {{ source('extract', 'claim_mentions') }}
    where {{ not_set_aside() }}
),

renamed as (
    select
        article_id || '-c' || claim_index as claim_id,
        article_id,
        sentence_index,
        claimant_text,
        claimant_start,
        claimant_end,
        claimant_actor_id,
        claimant_side,
        claimant_kind,
        reporting_cue,
        predicate,
        cast(round(quantity) as bigint) as quantity,
        quantity_text,
        qualifier,
        denied_text,
        subject_text,
        subject_side,
        subject_kind,
        as_of as as_of_date,
        as_of_text,
        as_of_precision,
        as_of_precision = 'publication_date' as as_of_is_fallback,
        is_background,
        span_start as evidence_start,
        span_end as evidence_end,
        source_line,
        extractor_version
    from source
)

select * from renamed
