with

source as (
    select * from {{ source('extract', 'event_mentions') }}
    where {{ not_set_aside() }}
),

renamed as (
    select
        article_id || '-e' || event_index as event_id,
        article_id,
        sentence_index,
        trigger as trigger_text,
        event_type,
        event_date,
        date_text,
        date_precision,
        place_text,
        place_id,
        actor_side,
        target_side,
        is_background,
        span_start as evidence_start,
        span_end as evidence_end,
        source_line,
        extractor_version
    from source
)

select * from renamed
