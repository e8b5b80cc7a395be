with

claims as (
    select * from {{ ref('stg_extract__claim_mentions') }}
),

sentences as (
    select * from {{ ref('stg_extract__sentences') }}
),

articles as (
    select * from {{ ref('stg_raw__articles') }}
),

events as (
    select * from {{ ref('stg_extract__event_mentions') }}
),

with_evidence as (
    select
        claims.claim_id,
        claims.article_id,
        claims.sentence_index,
        claims.claimant_actor_id,
        claims.claimant_text,
        claims.claimant_kind,
        coalesce(claims.claimant_side, 'unknown') as claimant_side,
        claims.reporting_cue,
        claims.predicate,
        claims.quantity,
        claims.quantity_text,
        claims.qualifier,
        claims.denied_text,
        claims.subject_text,
        coalesce(claims.subject_side, 'unknown') as subject_side,
        claims.subject_kind,
        claims.as_of_date,
        claims.as_of_text,
        claims.as_of_precision,
        claims.as_of_is_fallback,
        claims.is_background,
        claims.evidence_start,
        claims.evidence_end,
        sentences.sentence_text as evidence_text,
        claims.source_line,
        articles.published_date,
        events.event_id,
        claims.extractor_version
    from claims
    left join sentences
        on claims.article_id = sentences.article_id
            and claims.sentence_index = sentences.sentence_index
    left join articles
        on claims.article_id = articles.article_id
    left join events
        on claims.article_id = events.article_id
            and claims.sentence_index = events.sentence_index
    -- a sentence with several events ('captured X on 9 October and Y on 19 October'): the one of the
    -- claim's own date, else the earliest
    qualify row_number() over (
            partition by claims.claim_id
            order by
                events.event_date = claims.as_of_date desc nulls last,
                events.event_date asc nulls last,
                events.event_id asc
        ) = 1
)

select * from with_evidence
