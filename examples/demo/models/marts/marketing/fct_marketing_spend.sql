{{
    config(
        partition_by={
            'field': 'spend_date',
            'data_type': 'date',
            'granularity': 'day'
        },
        cluster_by=['channel', 'campaign_id']
    )
}}

with

ad_spend as (

    select * from {{ source('ads', 'ad_spend') }}

),

campaigns as (

    select * from {{ ref('stg_ads__campaigns') }}

),

sessions as (

    select * from {{ ref('int_sessions_attributed') }}

),

daily_spend as (

    select
        report_date as spend_date,
        cast(campaign_id as string) as campaign_id,
        sum(impressions) as impressions,
        sum(clicks) as clicks,
        {{ cents_to_dollars('sum(spend_micros)', divisor=1000000) }} as spend_amount

    from ad_spend
    group by 1, 2

),

daily_sessions as (

    select
        date(session_started_at, '{{ var("reporting_timezone") }}') as spend_date,
        campaign_id,
        count(*) as session_count,
        count(distinct customer_id) as identified_visitor_count

    from sessions
    where campaign_id is not null
    group by 1, 2

),

final as (

    select
        {{ dbt_utils.generate_surrogate_key(['daily_spend.spend_date', 'daily_spend.campaign_id']) }} as marketing_spend_id,
        daily_spend.spend_date,
        daily_spend.campaign_id,
        campaigns.campaign_name,
        campaigns.channel,
        daily_spend.impressions,
        daily_spend.clicks,
        daily_spend.spend_amount,
        coalesce(daily_sessions.session_count, 0) as session_count,
        coalesce(daily_sessions.identified_visitor_count, 0) as identified_visitor_count,
        safe_divide(daily_spend.clicks, daily_spend.impressions) as click_through_rate,
        safe_divide(daily_spend.spend_amount, daily_spend.clicks) as cost_per_click

    from daily_spend
    left join campaigns
        on daily_spend.campaign_id = campaigns.campaign_id
    left join daily_sessions
        on daily_spend.spend_date = daily_sessions.spend_date
        and daily_spend.campaign_id = daily_sessions.campaign_id

)

select * from final
