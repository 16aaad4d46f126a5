{% snapshot products_snapshot %}

{{
    config(
        target_schema='snapshots',
        unique_key='id',
        strategy='timestamp',
        updated_at='updated_at',
        invalidate_hard_deletes=True
    )
}}

-- Prices and categories are edited in place in the storefront: keep their history.
select * from {{ source('shop', 'products') }}

{% endsnapshot %}
