with

events as (
    select * from {{ ref('stg_extract__event_mentions') }}
),

sentences as (
    select * from {{ ref('stg_extract__sentences') }}
),

with_evidence as (
    select
        events.event_id,
        events.article_id,
        events.event_type,
        events.trigger_text,
        events.event_date,
        events.date_text,
        events.date_precision,
        events.place_id as location_id,
        events.place_text,
        coalesce(events.actor_side, 'unknown') as actor_side,
        coalesce(events.target_side, 'unknown') as target_side,
        events.is_background,
        events.evidence_start,
        events.evidence_end,
        sentences.sentence_text as evidence_text,
        events.source_line,
        events.extractor_version
    from events
    left join sentences
        on events.article_id = sentences.article_id
            and events.sentence_index = sentences.sentence_index
)

select * from with_evidence
