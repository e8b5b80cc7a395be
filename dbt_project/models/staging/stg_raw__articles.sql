with

source as (
    select * from {{ source('raw', 'articles') }}
    where {{ not_set_aside() }}
),

renamed as (
    select
        article_id,
        content_hash,
        source_file,
        record_index,
        source_format,
        encoding as source_encoding,
        title,
        outlet,
        author,
        published_date,
        url,
        text as article_text,
        original_text,
        first_line,
        lines_follow_file as is_line_mapped,
        repaired_lines,
        boilerplate_lines,
        ingested_at,
        minhash as minhash_signature
    from source
)

select * from renamed
