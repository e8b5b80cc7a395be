with

actors as (
    select * from {{ ref('int_actors__from_aliases') }}
),

final as (
    select
        actor_id,
        actor_name,
        actor_kind,
        side,
        aliases,
        alias_count
    from actors
)

select * from final
