with

source as (
    select * from {{ source('extract', 'processed_articles') }}
    where {{ not_set_aside() }}
),

renamed as (
    select
        article_id,
        extractor_version,
        processed_at,
        sentences as sentence_count,
        entities as entity_count,
        claims as claim_count,
        events as event_count
    from source
)

select * from renamed
