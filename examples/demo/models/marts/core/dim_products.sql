with

products as (

    select * from {{ ref('stg_shop__products') }}

),

order_items as (

    select * from {{ ref('int_order_items_enriched') }}

),

product_sales as (

    select
        product_id,
        count(distinct order_id) as order_count,
        sum(quantity) as units_sold,
        sum(line_amount) as gross_revenue,
        sum(line_margin) as gross_margin

    from order_items
    group by product_id

),

final as (

    select
        products.product_id,
        products.sku,
        products.product_name,
        products.product_category,
        products.brand,
        products.list_price,
        products.unit_cost,
        products.is_active,
        coalesce(product_sales.order_count, 0) as order_count,
        coalesce(product_sales.units_sold, 0) as units_sold,
        coalesce(product_sales.gross_revenue, 0) as gross_revenue,
        coalesce(product_sales.gross_margin, 0) as gross_margin,
        rank() over (
            partition by products.product_category
            order by coalesce(product_sales.gross_revenue, 0) desc
        ) as category_revenue_rank

    from products
    left join product_sales
        on products.product_id = product_sales.product_id

)

select * from final
