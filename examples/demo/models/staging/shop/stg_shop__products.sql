with

source as (

    select * from {{ source('shop', 'products') }}

),

renamed as (

    select
        id as product_id,
        upper(sku) as sku,
        name as product_name,
        lower(category) as product_category,
        brand,
        {{ cents_to_dollars('list_price_cents') }} as list_price,
        {{ cents_to_dollars('cost_cents') }} as unit_cost,
        coalesce(is_active, true) as is_active,
        updated_at as product_updated_at

    from source

)

select * from renamed
