with

source as (
    select * from {{ source('extract', 'entity_mentions') }}
    where {{ not_set_aside() }}
),

renamed as (
    select
        article_id || '-n' || mention_index as entity_mention_id,
        article_id,
        sentence_index,
        label as entity_label,
        text as entity_text,
        span_start,
        span_end,
        source_line,
        actor_id,
        place_id,
        extractor_version
    from source
)

select * from renamed
