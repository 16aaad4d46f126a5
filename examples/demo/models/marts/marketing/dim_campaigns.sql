with

campaigns as (

    select * from {{ ref('stg_ads__campaigns') }}

),

spend as (

    select * from {{ ref('fct_marketing_spend') }}

),

sessions as (

    select * from {{ ref('fct_web_sessions') }}

),

orders as (

    select * from {{ ref('fct_orders') }}

),

spend_totals as (

    select
        campaign_id,
        min(spend_date) as first_spend_date,
        max(spend_date) as last_spend_date,
        sum(spend_amount) as total_spend,
        sum(clicks) as total_clicks

    from spend
    group by campaign_id

),

session_totals as (

    select
        campaign_id,
        count(*) as session_count,
        count(distinct customer_id) as identified_customer_count

    from sessions
    where campaign_id is not null
    group by campaign_id

),

first_touch as (

    select
        customer_id,
        campaign_id

    from sessions
    where customer_id is not null
    qualify row_number() over (partition by customer_id order by session_started_at) = 1

),

acquired as (

    select
        first_touch.campaign_id,
        count(distinct orders.customer_id) as acquired_customer_count,
        sum(orders.net_order_total) as acquired_first_order_revenue

    from orders
    inner join first_touch
        on orders.customer_id = first_touch.customer_id
    where orders.is_first_order
    group by first_touch.campaign_id

),

final as (

    select
        campaigns.campaign_id,
        campaigns.campaign_name,
        campaigns.channel,
        campaigns.started_on,
        campaigns.ended_on,
        campaigns.is_running,
        spend_totals.first_spend_date,
        spend_totals.last_spend_date,
        coalesce(spend_totals.total_spend, 0) as total_spend,
        coalesce(spend_totals.total_clicks, 0) as total_clicks,
        coalesce(session_totals.session_count, 0) as session_count,
        coalesce(acquired.acquired_customer_count, 0) as acquired_customer_count,
        coalesce(acquired.acquired_first_order_revenue, 0) as acquired_first_order_revenue,
        safe_divide(spend_totals.total_spend, acquired.acquired_customer_count) as cost_per_acquisition

    from campaigns
    left join spend_totals
        on campaigns.campaign_id = spend_totals.campaign_id
    left join session_totals
        on campaigns.campaign_id = session_totals.campaign_id
    left join acquired
        on campaigns.campaign_id = acquired.campaign_id

)

select * from final
