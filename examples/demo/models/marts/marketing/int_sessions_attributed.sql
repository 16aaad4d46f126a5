with

sessions as (

    select * from {{ ref('stg_web__sessions') }}

),

campaigns as (

    select * from {{ ref('stg_ads__campaigns') }}

),

attributed as (

    select
        sessions.*,
        campaigns.campaign_id,
        campaigns.channel as campaign_channel,
        case
            when campaigns.campaign_id is not null then concat('paid_', campaigns.channel)
            when sessions.utm_medium = 'email' then 'email'
            when sessions.utm_source is not null then 'referral'
            else 'direct'
        end as acquisition_channel,
        row_number() over (
            partition by coalesce(cast(sessions.customer_id as string), sessions.anonymous_id)
            order by sessions.session_started_at
        ) as visitor_session_number

    from sessions
    left join campaigns
        on sessions.utm_campaign = campaigns.campaign_slug

)

select * from attributed
