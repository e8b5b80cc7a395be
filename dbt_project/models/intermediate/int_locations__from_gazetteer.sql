with

gazetteer_places as (
    select * from {{ ref('stg_extract__gazetteer_places') }}
),

locations as (
    select
        location_id,
        any_value(location_name) as location_name,
        any_value(location_kind) as location_kind,
        any_value(country_code) as country_code,
        any_value(latitude) as latitude,
        any_value(longitude) as longitude,
        any_value(coordinate_precision) as coordinate_precision,
        null::varchar as held_by,
        any_value(location_name) as aliases,
        'geonames' as location_source
    from gazetteer_places
    group by location_id
)

select * from locations
