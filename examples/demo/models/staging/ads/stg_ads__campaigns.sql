with

source as (

    select * from {{ source('ads', 'campaigns') }}

),

renamed as (

    select
        cast(campaign_id as string) as campaign_id,
        campaign_name,
        lower(regexp_replace(campaign_name, r'[^a-zA-Z0-9]+', '_')) as campaign_slug,
        lower(channel) as channel,
        started_on,
        ended_on,
        ended_on is null or ended_on >= current_date() as is_running

    from source

)

select * from renamed
