with

source as (

    select * from {{ source('shop', 'orders') }}

),

renamed as (

    select
        id as order_id,
        customer_id,
        lower(status) as order_status,
        upper(currency) as currency_code,
        placed_at as ordered_at,
        date(placed_at, '{{ var("reporting_timezone") }}') as ordered_date,
        shipped_at,
        {{ cents_to_dollars('shipping_cents') }} as shipping_amount,
        {{ cents_to_dollars('discount_cents') }} as discount_amount,
        updated_at as order_updated_at,
        _loaded_at

    from source
    where placed_at >= timestamp('{{ var("order_history_start_date") }}')

)

select * from renamed
