with

source as (

    select * from {{ source('shop', 'payments') }}

),

renamed as (

    select
        id as payment_id,
        order_id,
        lower(payment_method) as payment_method,
        lower(status) as payment_status,
        {{ cents_to_dollars('amount_cents') }} as amount,
        created_at as payment_created_at,
        _loaded_at

    from source

)

select * from renamed
