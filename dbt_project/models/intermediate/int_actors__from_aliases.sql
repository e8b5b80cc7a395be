with

aliases as (
    select * from {{ ref('actor_aliases') }}
),

actors as (
    select
        actor_id,
        any_value(actor_name) as actor_name,
        any_value(actor_kind) as actor_kind,
        any_value(side) as side,
        string_agg(alias, '; ' order by alias) as aliases,
        count(*) as alias_count
    from aliases
    group by actor_id
)

select * from actors
