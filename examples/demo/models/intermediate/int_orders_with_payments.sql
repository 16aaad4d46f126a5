with

orders as (

    select * from {{ ref('stg_shop__orders') }}

),

order_items as (

    select * from {{ ref('int_order_items_enriched') }}

),

payments as (

    select * from {{ ref('int_order_payments_pivoted') }}

),

refunds as (

    select * from {{ ref('int_refunds_by_order') }}

),

order_item_totals as (

    select
        order_id,
        count(*) as item_count,
        sum(quantity) as unit_count,
        sum(line_amount) as gross_item_amount,
        sum(line_margin) as gross_margin_amount

    from order_items
    group by order_id

),

joined as (

    select
        orders.order_id,
        orders.customer_id,
        orders.order_status,
        orders.currency_code,
        orders.ordered_at,
        orders.ordered_date,
        orders.order_updated_at,
        coalesce(order_item_totals.item_count, 0) as item_count,
        coalesce(order_item_totals.unit_count, 0) as unit_count,
        coalesce(order_item_totals.gross_item_amount, 0) as gross_item_amount,
        coalesce(order_item_totals.gross_margin_amount, 0) as gross_margin_amount,
        orders.discount_amount,
        orders.shipping_amount,
        coalesce(order_item_totals.gross_item_amount, 0)
            - orders.discount_amount
            + orders.shipping_amount as order_total,
        coalesce(payments.total_paid_amount, 0) as amount_paid,
        coalesce(refunds.refunded_amount, 0) as refunded_amount,
        payments.last_payment_at

    from orders
    left join order_item_totals
        on orders.order_id = order_item_totals.order_id
    left join payments
        on orders.order_id = payments.order_id
    left join refunds
        on orders.order_id = refunds.order_id

)

select
    *,
    amount_paid >= order_total as is_fully_paid,
    row_number() over (
        partition by customer_id
        order by ordered_at, order_id
    ) as customer_order_number

from joined
