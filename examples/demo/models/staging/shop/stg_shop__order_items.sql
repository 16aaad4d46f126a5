with

source as (

    select * from {{ source('shop', 'order_items') }}

),

products as (

    -- the list price is needed to work out the line discount
    select * from {{ ref('stg_shop__products') }}

),

renamed as (

    select
        source.id as order_item_id,
        source.order_id,
        source.product_id,
        source.quantity,
        {{ cents_to_dollars('source.unit_price_cents') }} as unit_price,
        products.list_price,
        source._loaded_at

    from source
    left join products
        on source.product_id = products.product_id

)

select * from renamed
