with

order_items as (

    select * from {{ ref('stg_shop__order_items') }}

),

products as (

    select * from {{ ref('stg_shop__products') }}

),

enriched as (

    select
        order_items.order_item_id,
        order_items.order_id,
        order_items.product_id,
        products.sku,
        products.product_category,
        order_items.quantity,
        order_items.unit_price,
        order_items.list_price,
        products.unit_cost,
        order_items.quantity * order_items.unit_price as line_amount,
        order_items.quantity * greatest(order_items.list_price - order_items.unit_price, 0) as line_discount_amount,
        order_items.quantity * products.unit_cost as line_cost,
        order_items.quantity * (order_items.unit_price - products.unit_cost) as line_margin,
        row_number() over (
            partition by order_items.order_id
            order by order_items.order_item_id
        ) as line_number

    from order_items
    left join products
        on order_items.product_id = products.product_id

)

select * from enriched
