with

source as (
    select * from {{ source('extract', 'gazetteer_places') }}
    where {{ not_set_aside() }}
),

renamed as (
    select
        article_id,
        place_id as location_id,
        place_name as location_name,
        place_kind as location_kind,
        country_code,
        latitude,
        longitude,
        precision as coordinate_precision,
        extractor_version
    from source
)

select * from renamed
