{{ config(cluster_by=['country_code']) }}

with

customers as (

    select * from {{ ref('int_customer_order_history') }}

),

countries as (

    select * from {{ ref('country_codes') }}

),

final as (

    select
        customers.customer_id,
        customers.first_name,
        customers.last_name,
        customers.email,
        customers.country_code,
        countries.country_name,
        countries.sales_region,
        customers.customer_created_at,
        customers.first_ordered_at,
        customers.last_ordered_at,
        customers.order_count,
        customers.kept_order_count,
        customers.lifetime_net_revenue,
        customers.average_order_value,
        case
            when customers.order_count = 0 then 'prospect'
            when customers.days_since_last_order > 365 then 'lapsed'
            when customers.order_count >= 5 or customers.lifetime_net_revenue >= 1000 then 'loyal'
            when customers.order_count = 1 then 'new'
            else 'returning'
        end as customer_segment

    from customers
    left join countries
        on customers.country_code = countries.country_code

)

select * from final
