{#
    Builds the import CTEs of a model from a list of (cte_name, model_name) pairs:

        {{ simple_cte([('customers', 'stg_shop__customers'), ('orders', 'stg_shop__orders')]) }}

    renders

        with customers as (select * from `...`.`stg_shop__customers`),
        orders as (select * from `...`.`stg_shop__orders`)

    The refs are made inside the macro, so dbt records them as dependencies
    of the calling model when it parses the project.
#}
{% macro simple_cte(tuple_list) -%}
with
{%- for cte_ref in tuple_list %}

{{ cte_ref[0] }} as (

    select * from {{ ref(cte_ref[1]) }}

){%- if not loop.last -%},{%- endif -%}
{%- endfor -%}
{%- endmacro %}
