with

source as (
    select * from {{ source('extract', 'sentences') }}
    where {{ not_set_aside() }}
),

renamed as (
    select
        article_id || '-s' || sentence_index as sentence_id,
        article_id,
        sentence_index,
        span_start,
        span_end,
        source_line,
        text as sentence_text,
        extractor_version
    from source
)

select * from renamed
