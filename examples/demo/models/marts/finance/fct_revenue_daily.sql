{{
    config(
        partition_by={
            'field': 'revenue_date',
            'data_type': 'date',
            'granularity': 'month'
        },
        cluster_by=['currency_code']
    )
}}

with

orders as (

    select * from {{ ref('stg_shop__ordrs') }}

),

order_items as (

    select * from {{ ref('fct_order_items') }}

),

refunds as (

    select * from {{ ref('int_refunds_by_order') }}

),

order_item_totals as (

    select
        order_id,
        sum(line_amount) as item_amount,
        sum(line_cost) as cost_amount

    from order_items
    group by order_id

),

daily_orders as (

    select
        orders.ordered_date as revenue_date,
        orders.currency_code,
        count(*) as order_count,
        sum(coalesce(order_item_totals.item_amount, 0)) as gross_item_revenue,
        sum(orders.discount_amount) as discount_amount,
        sum(orders.shipping_amount) as shipping_revenue,
        sum(coalesce(order_item_totals.cost_amount, 0)) as cost_of_goods_sold

    from orders
    left join order_item_totals
        on orders.order_id = order_item_totals.order_id
    where orders.order_status != 'cancelled'
    group by 1, 2

),

daily_refunds as (

    select
        date(first_refunded_at, '{{ var("reporting_timezone") }}') as revenue_date,
        currency_code,
        sum(refunded_amount) as refunded_amount

    from refunds
    group by 1, 2

),

combined as (

    select
        coalesce(daily_orders.revenue_date, daily_refunds.revenue_date) as revenue_date,
        coalesce(daily_orders.currency_code, daily_refunds.currency_code) as currency_code,
        coalesce(daily_orders.order_count, 0) as order_count,
        coalesce(daily_orders.gross_item_revenue, 0) as gross_item_revenue,
        coalesce(daily_orders.discount_amount, 0) as discount_amount,
        coalesce(daily_orders.shipping_revenue, 0) as shipping_revenue,
        coalesce(daily_refunds.refunded_amount, 0) as refunded_amount,
        coalesce(daily_orders.cost_of_goods_sold, 0) as cost_of_goods_sold

    from daily_orders
    full outer join daily_refunds
        on daily_orders.revenue_date = daily_refunds.revenue_date
        and daily_orders.currency_code = daily_refunds.currency_code

),

final as (

    select
        *,
        gross_item_revenue - discount_amount + shipping_revenue - refunded_amount as net_revenue,
        sum(gross_item_revenue - discount_amount + shipping_revenue - refunded_amount) over (
            partition by currency_code, date_trunc(revenue_date, month)
            order by revenue_date
            rows between unbounded preceding and current row
        ) as month_to_date_net_revenue

    from combined

)

select * from final
