-- Every fact's evidence span lies inside its article's text, and its text is what the span points at.
with

articles as (
    select
        article_id,
        article_text
    from {{ ref('stg_raw__articles') }}
),

spans as (
    select
        article_id,
        claim_id as fact_id,
        evidence_start,
        evidence_end,
        evidence_text
    from {{ ref('fct_claims') }}
    union all
    select
        article_id,
        event_id as fact_id,
        evidence_start,
        evidence_end,
        evidence_text
    from {{ ref('fct_events') }}
),

misplaced as (
    select spans.*
    from spans
    inner join articles on spans.article_id = articles.article_id
    where spans.evidence_start < 0
        or spans.evidence_end > length(articles.article_text)
        or spans.evidence_end <= spans.evidence_start
        or substr(articles.article_text, spans.evidence_start + 1, spans.evidence_end - spans.evidence_start)
        != spans.evidence_text
)

select * from misplaced
