with

articles as (
    select * from {{ ref('stg_raw__articles') }}
),

outlets as (
    select * from {{ ref('outlets') }}
),

processed as (
    select * from {{ ref('stg_extract__processed_articles') }}
),

near_duplicates as (
    select * from {{ ref('int_articles__near_duplicates') }}
),

final as (
    select
        articles.article_id,
        articles.title,
        articles.outlet,
        coalesce(outlets.side, 'unknown') as outlet_side,
        articles.author,
        articles.published_date,
        articles.url,
        articles.source_file,
        articles.record_index,
        articles.source_format,
        articles.source_encoding,
        articles.content_hash,
        near_duplicates.original_article_id as near_duplicate_of,
        near_duplicates.similarity as near_duplicate_similarity,
        length(articles.article_text) as char_count,
        articles.repaired_lines,
        articles.boilerplate_lines,
        articles.ingested_at,
        processed.extractor_version,
        coalesce(processed.sentence_count, 0) as sentence_count,
        coalesce(processed.entity_count, 0) as entity_count,
        coalesce(processed.claim_count, 0) as claim_count,
        coalesce(processed.event_count, 0) as event_count
    from articles
    left join outlets
        on lower(articles.outlet) = lower(outlets.outlet)
    left join processed
        on articles.article_id = processed.article_id
    left join near_duplicates
        on articles.article_id = near_duplicates.article_id
)

select * from final
