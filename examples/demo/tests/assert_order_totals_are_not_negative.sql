-- An order can be discounted to zero, but never below.
select
    order_id,
    order_total

from {{ ref('fct_orders') }}
where order_total < 0
