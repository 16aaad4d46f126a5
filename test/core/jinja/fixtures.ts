/**
 * Real-shaped dbt files shared by the Jinja tests: an incremental model of typical size
 * (about 2.5 KB, with config, refs, sources, vars, macros, loops and comments) and a macros file.
 */

export const INCREMENTAL_MODEL = `{{
    config(
        materialized='incremental',
        unique_key=['order_id', 'order_date'],
        incremental_strategy='merge',
        partition_by={'field': 'order_date', 'data_type': 'date', 'granularity': 'day'},
        cluster_by=['customer_id'],
        on_schema_change='append_new_columns',
        tags=['finance', 'daily'],
        enabled=true,
        persist_docs={'relation': True, 'columns': True},
        meta={'owner': 'data-team@example.com', 'priority': 1}
    )
}}

{#-
    Orders enriched with payments and customers.
    The incremental branch only reads the last three days of events.
-#}

{%- set payment_methods = ['credit_card', 'coupon', 'bank_transfer', 'gift_card'] -%}
{%- set lookback_days = var('lookback_days', 3) -%}

with orders as (

    select * from {{ ref('stg_orders') }}

),

payments as (

    select * from {{ ref('stg_payments') }}

),

customers as (

    select * from {{ ref('jaffle', 'dim_customers', v=2) }}

),

events as (

    select
        order_id,
        event_type,
        event_at
    from {{ source('shop', 'order_events') }}
    {% if is_incremental() %}
    where event_at > (select dateadd(day, -{{ lookback_days }}, max(event_at)) from {{ this }})
    {% endif %}

),

order_payments as (

    select
        order_id,
        {% for payment_method in payment_methods -%}
        sum(case when payment_method = '{{ payment_method }}' then amount else 0 end) as {{ payment_method }}_amount,
        {% endfor -%}
        sum(amount) as total_amount
    from payments
    group by 1

),

final as (

    select
        orders.order_id,
        orders.customer_id,
        orders.order_date,
        orders.status,
        customers.customer_name,
        {{ dbt_utils.generate_surrogate_key(['orders.order_id', 'orders.customer_id']) }} as order_key,
        {% for payment_method in payment_methods -%}
        order_payments.{{ payment_method }}_amount,
        {% endfor -%}
        order_payments.total_amount as amount,
        {{ cents_to_dollars('order_payments.total_amount') }} as amount_dollars,
        '{{ env_var("DBT_ENV", "dev") }}' as environment,
        {{ dbt.current_timestamp() }} as loaded_at
    from orders
    left join order_payments on orders.order_id = order_payments.order_id
    left join customers on orders.customer_id = customers.customer_id
    where orders.order_date >= '{{ var("start_date", "2020-01-01") }}'

)

select * from final
`;

export const MACROS_FILE = `{% macro cents_to_dollars(column_name, scale=2) -%}
    ({{ column_name }} / 100)::numeric(16, {{ scale }})
{%- endmacro %}

{% test is_positive(model, column_name) %}
    select * from {{ model }} where {{ column_name }} < 0
{% endtest %}

{% docs orders_status %}
One of placed, shipped, completed, returned.
{% enddocs %}

{% materialization my_view, adapter='snowflake' %}
  {%- set target_relation = this.incorporate(type='view') -%}
  {% call statement('main') -%}
    create view {{ target_relation }} as {{ sql }}
  {%- endcall %}
  {{ return({'relations': [target_relation]}) }}
{% endmaterialization %}
`;
