{{
    config(
        partition_by={
            'field': 'ordered_date',
            'data_type': 'date',
            'granularity': 'day'
        },
        cluster_by=['product_id']
    )
}}

with

order_items as (

    select * from {{ ref('int_order_items_enriched') }}

),

orders as (

    select * from {{ ref('stg_shop__orders') }}

),

final as (

    select
        order_items.order_item_id,
        order_items.order_id,
        orders.customer_id,
        orders.ordered_at,
        orders.ordered_date,
        orders.currency_code,
        order_items.product_id,
        order_items.sku,
        order_items.product_category,
        order_items.line_number,
        order_items.quantity,
        order_items.unit_price,
        order_items.line_amount,
        order_items.line_discount_amount,
        order_items.line_cost,
        order_items.line_margin,
        safe_divide(order_items.line_margin, order_items.line_amount) as line_margin_rate

    from order_items
    inner join orders
        on order_items.order_id = orders.order_id

)

select * from final
