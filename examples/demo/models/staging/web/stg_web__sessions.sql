with

source as (

    select * from {{ source('web', 'sessions') }}

),

renamed as (

    select
        session_id,
        anonymous_id,
        customer_id,
        started_at as session_started_at,
        ended_at as session_ended_at,
        timestamp_diff(ended_at, started_at, second) as session_duration_seconds,
        landing_page,
        lower(utm_source) as utm_source,
        lower(utm_medium) as utm_medium,
        lower(utm_campaign) as utm_campaign,
        lower(device_type) as device_type,
        page_views,
        _loaded_at

    from source

)

select * from renamed
