{#
    Converts an integer amount in cents (or micros, with divisor=1000000)
    into a NUMERIC amount in the currency's main unit.
#}
{% macro cents_to_dollars(column_name, scale=2, divisor=100) -%}
    round(cast({{ column_name }} as numeric) / {{ divisor }}, {{ scale }})
{%- endmacro %}
