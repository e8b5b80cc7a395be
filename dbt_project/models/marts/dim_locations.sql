with

seeded_locations as (
    select * from {{ ref('int_locations__from_aliases') }}
),

registry_locations as (
    select * from {{ ref('int_locations__from_gazetteer') }}
),

locations as (
    select * from seeded_locations
    union all by name
    select * from registry_locations
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
        location_source
    from locations
)

select * from final
