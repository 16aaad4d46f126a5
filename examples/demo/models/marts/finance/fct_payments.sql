{{
    config(
        partition_by={
            'field': 'payment_date',
            'data_type': 'date',
            'granularity': 'day'
        },
        cluster_by=['payment_method', 'payment_status']
    )
}}

with

payments as (

    select * from {{ ref('stg_shop__payments') }}

),

orders as (

    select * from {{ ref('stg_shop__orders') }}

),

final as (

    select
        payments.payment_id,
        payments.order_id,
        orders.customer_id,
        orders.currency_code,
        payments.payment_method,
        payments.payment_status,
        payments.amount,
        case payments.payment_status
            when 'captured' then payments.amount
            when 'refunded' then -payments.amount
            else 0
        end as signed_amount,
        payments.payment_created_at,
        date(payments.payment_created_at, '{{ var("reporting_timezone") }}') as payment_date,
        row_number() over (
            partition by payments.order_id
            order by payments.payment_created_at, payments.payment_id
        ) as payment_attempt_number

    from payments
    left join orders
        on payments.order_id = orders.order_id

)

select * from final
