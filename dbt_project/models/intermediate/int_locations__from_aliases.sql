with

aliases as (
    select * from {{ ref('place_aliases') }}
),

locations as (
    select
        place_id as location_id,
        any_value(place_name) as location_name,
        any_value(place_kind) as location_kind,
        any_value(country_code) as country_code,
        any_value(latitude) as latitude,
        any_value(longitude) as longitude,
        any_value(precision) as coordinate_precision,
        any_value(held_by) as held_by,
        string_agg(alias, '; ' order by alias) as aliases,
        'alias_seed' as location_source
    from aliases
    group by place_id
)

select * from locations
