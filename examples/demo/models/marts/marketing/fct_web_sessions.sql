{{
    config(
        materialized='incremental',
        unique_key='session_id',
        incremental_strategy='merge',
        partition_by={
            'field': 'session_date',
            'data_type': 'date',
            'granularity': 'day'
        },
        cluster_by=['acquisition_channel', 'device_type']
    )
}}

with

sessions as (

    select * from {{ ref('int_sessions_attributed') }}

),

final as (

    select
        session_id,
        anonymous_id,
        customer_id,
        date(session_started_at, '{{ var("reporting_timezone") }}') as session_date,
        session_started_at,
        session_ended_at,
        session_duration_seconds,
        landing_page,
        device_type,
        page_views,
        acquisition_channel,
        campaign_id,
        visitor_session_number,
        visitor_session_number = 1 as is_first_visit,
        page_views <= 1 as is_bounce

    from sessions

)

select * from final
