{{ simple_cte([
    ('customers', 'stg_shop__customers'),
    ('orders', 'int_orders_with_payments')
]) }},

order_history as (

    select
        customer_id,
        count(*) as order_count,
        countif(order_status not in ('returned', 'return_pending')) as kept_order_count,
        min(ordered_at) as first_ordered_at,
        max(ordered_at) as last_ordered_at,
        sum(order_total - refunded_amount) as lifetime_net_revenue,
        avg(order_total) as average_order_value

    from orders
    where order_status != 'cancelled'
    group by customer_id

),

joined as (

    select
        customers.customer_id,
        customers.first_name,
        customers.last_name,
        customers.email,
        customers.country_code,
        customers.customer_created_at,
        coalesce(order_history.order_count, 0) as order_count,
        coalesce(order_history.kept_order_count, 0) as kept_order_count,
        order_history.first_ordered_at,
        order_history.last_ordered_at,
        coalesce(order_history.lifetime_net_revenue, 0) as lifetime_net_revenue,
        order_history.average_order_value,
        date_diff(current_date(), date(order_history.last_ordered_at), day) as days_since_last_order

    from customers
    left join order_history
        on customers.customer_id = order_history.customer_id

)

select * from joined
