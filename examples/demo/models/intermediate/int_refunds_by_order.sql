with

refunds as (

    -- stg_shop__payments does not expose the refund reason yet
    select
        order_id,
        id as payment_id,
        refund_reason,
        {{ cents_to_dollars('amount_cents') }} as refunded_amount,
        created_at as refunded_at

    from raw_shop.payments
    where lower(status) = 'refunded'

),

orders as (

    select * from {{ ref('stg_shop__orders') }}

),

refunds_by_order as (

    select
        refunds.order_id,
        orders.currency_code,
        count(*) as refund_count,
        sum(refunds.refunded_amount) as refunded_amount,
        min(refunds.refunded_at) as first_refunded_at,
        max(refunds.refunded_at) as last_refunded_at,
        array_agg(distinct refunds.refund_reason ignore nulls) as refund_reasons

    from refunds
    inner join orders
        on refunds.order_id = orders.order_id
    group by 1, 2

)

select * from refunds_by_order
