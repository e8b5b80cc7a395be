with

events as (
    select * from {{ ref('int_events__with_evidence') }}
),

claims as (
    select * from {{ ref('int_claims__with_evidence') }}
),

claims_per_event as (
    select
        event_id,
        list(claim_id order by claim_id) as reporting_claim_ids
    from claims
    where event_id is not null
    group by event_id
),

final as (
    select
        events.event_id,
        events.article_id,
        events.event_type,
        events.trigger_text,
        events.event_date,
        events.date_text,
        events.date_precision,
        events.location_id,
        events.place_text,
        events.actor_side,
        events.target_side,
        events.is_background,
        events.evidence_start,
        events.evidence_end,
        events.evidence_text,
        events.source_line,
        coalesce(claims_per_event.reporting_claim_ids, []) as reporting_claim_ids,
        events.extractor_version
    from events
    left join claims_per_event on events.event_id = claims_per_event.event_id
)

select * from final
