{%- set payment_methods = var('payment_methods') -%}

with

payments as (

    select * from {{ ref('stg_shop__payments') }}
    where payment_status = 'captured'

),

pivoted as (

    select
        order_id,
        {%- for payment_method in payment_methods %}
        sum(case when payment_method = '{{ payment_method }}' then amount else 0 end) as {{ payment_method }}_amount,
        {%- endfor %}
        sum(amount) as total_paid_amount,
        count(*) as payment_count,
        max(payment_created_at) as last_payment_at

    from payments
    group by order_id

)

select * from pivoted
