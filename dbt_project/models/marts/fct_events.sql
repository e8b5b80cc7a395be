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

first_mentions as (
    -- an article that mentions an event of one type on one date twice mentions one event: its first mention
    select
        event_id,
        event_date,
        first_value(event_id) over (
            partition by article_id, event_type, event_date
            order by evidence_start, event_id
        ) as first_mention_id
    from events
),

article_events as (
    select
        event_id,
        case when event_date is null then event_id else first_mention_id end as article_event_id
    from first_mentions
),

final as (
    select
        events.event_id,
        article_events.article_event_id,
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
    inner join article_events on events.event_id = article_events.event_id
)

select * from final
