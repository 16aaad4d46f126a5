with

source as (

    select * from {{ source('shop', 'custmers') }}

),

renamed as (

    select
        id as customer_id,
        initcap(trim(first_name)) as first_name,
        initcap(trim(last_name)) as last_name,
        lower(trim(email)) as email,
        upper(country_code) as country_code,
        created_at as customer_created_at,
        updated_at as customer_updated_at,
        _loaded_at

    from source
    where not coalesce(is_deleted, false)

)

select * from renamed
