with

source as (
    select * from {{ source('raw', 'ingest_log') }}
),

renamed as (
    select
        source_file,
        record_index,
        file_hash,
        status as ingest_status,
        reason as quarantine_reason,
        article_id,
        duplicate_of as duplicate_of_article_id,
        logged_at,
        quarantine_file
    from source
)

select * from renamed
