with

locations as (
    select * from {{ ref('int_locations__from_aliases') }}
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
        aliases
    from locations
)

select * from final
