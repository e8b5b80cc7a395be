with

articles as (
    select published_date as calendar_day from {{ ref('stg_raw__articles') }}
),

claims as (
    select as_of_date as calendar_day from {{ ref('stg_extract__claim_mentions') }}
),

events as (
    select event_date as calendar_day from {{ ref('stg_extract__event_mentions') }}
),

all_days as (
    select calendar_day from articles
    union all
    select calendar_day from claims
    union all
    select calendar_day from events
),

bounds as (
    select
        min(calendar_day) as first_day,
        max(calendar_day) as last_day
    from all_days
    where calendar_day is not null
),

spine as (
    select cast(unnest(generate_series(first_day, last_day, interval 1 day)) as date) as date_day
    from bounds
    where first_day is not null
),

final as (
    select
        date_day,
        cast(year(date_day) as integer) as calendar_year,
        cast(month(date_day) as integer) as month_of_year,
        monthname(date_day) as month_name,
        cast(day(date_day) as integer) as day_of_month,
        cast(isodow(date_day) as integer) as iso_day_of_week,
        cast(weekofyear(date_day) as integer) as iso_week,
        isodow(date_day) >= 6 as is_weekend
    from spine
)

select * from final
