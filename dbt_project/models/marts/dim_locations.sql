with

seeded_locations as (
    select * from {{ ref('int_locations__from_aliases') }}
),

registry_locations as (
    select * from {{ ref('int_locations__from_gazetteer') }}
),

final as (
    select
        location_id,
        location_name,
        location_kind,
        country_code,
        latitude,
        longitude,
        coordinate_precision,
        held_by,
        aliases,
        'alias_seed' as location_source
    from seeded_locations
    union all
    select
        location_id,
        location_name,
        location_kind,
        country_code,
        latitude,
        longitude,
        coordinate_precision,
        null as held_by,
        location_name as aliases,
        'geonames' as location_source
    from registry_locations
)

select * from final
