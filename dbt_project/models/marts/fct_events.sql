with

events as (
    select * from {{ ref('int_events__with_evidence') }}
),

final as (
    select
        event_id,
        article_id,
        event_type,
        trigger_text,
        event_date,
        date_text,
        date_precision,
        location_id,
        place_text,
        actor_side,
        target_side,
        is_background,
        evidence_start,
        evidence_end,
        evidence_text,
        source_line,
        extractor_version
    from events
)

select * from final
