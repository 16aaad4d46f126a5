{{
    config(
        materialized='incremental',
        unique_key='order_id',
        incremental_strategy='merge',
        on_schema_change='append_new_columns',
        partition_by={
            'field': 'ordered_date',
            'data_type': 'date',
            'granularity': 'day'
        },
        cluster_by=['customer_id', 'order_status']
    )
}}

{# Orders keep changing for a few days after they are placed (shipping, payment
   capture, returns), so each run reprocesses a look-back window of updated orders
   rather than only the new ones. #}

with

orders as (

    select * from {{ ref('int_orders_with_payments') }}

    {% if is_incremental() %}
    where order_updated_at >= (
        select timestamp_sub(max(order_updated_at), interval {{ var('incremental_lookback_days') }} day)
        from {{ this }}
    )
    {% endif %}

),

final as (

    select
        order_id,
        customer_id,
        order_status,
        currency_code,
        ordered_at,
        ordered_date,
        customer_order_number,
        item_count,
        unit_count,
        gross_item_amount,
        discount_amount,
        shipping_amount,
        order_total,
        amount_paid,
        refunded_amount,
        order_total - refunded_amount as net_order_total,
        is_fully_paid,
        customer_order_number = 1 as is_first_order,
        order_updated_at

    from orders

)

select * from final
