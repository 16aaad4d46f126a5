/**
 * Stand-ins for the dbt core macros that project and package macros commonly call.
 *
 * dbt ships these in its own `dbt` package. The renderer has no dbt installation, so it
 * loads small Jinja equivalents under the package name `dbt`, with the lowest priority:
 * any project or package macro of the same name wins. Naming macros follow dbt's defaults;
 * the cross-database helpers only need to produce plausible SQL text.
 */

import { DBT_BUILTIN_PACKAGE } from './macro-registry';
import { MacroSource } from './types';

const NAMING_MACROS = `
{% macro generate_schema_name(custom_schema_name, node) -%}
  {{ adapter.dispatch('generate_schema_name', 'dbt')(custom_schema_name, node) }}
{%- endmacro %}
{% macro default__generate_schema_name(custom_schema_name, node) -%}
  {%- if custom_schema_name is none -%}{{ target.schema }}{%- else -%}{{ target.schema }}_{{ custom_schema_name | trim }}{%- endif -%}
{%- endmacro %}
{% macro generate_schema_name_for_env(custom_schema_name, node) -%}
  {%- if target.name == 'prod' and custom_schema_name is not none -%}{{ custom_schema_name | trim }}{%- else -%}{{ target.schema }}{%- endif -%}
{%- endmacro %}
{% macro generate_alias_name(custom_alias_name=none, node=none) -%}
  {{ adapter.dispatch('generate_alias_name', 'dbt')(custom_alias_name, node) }}
{%- endmacro %}
{% macro default__generate_alias_name(custom_alias_name=none, node=none) -%}
  {%- if custom_alias_name -%}{{ custom_alias_name | trim }}{%- elif node.version -%}{{ node.name ~ "_v" ~ (node.version | string | replace(".", "_")) }}{%- else -%}{{ node.name }}{%- endif -%}
{%- endmacro %}
{% macro generate_database_name(custom_database_name=none, node=none) -%}
  {%- if custom_database_name is none -%}{{ target.database }}{%- else -%}{{ custom_database_name | trim }}{%- endif -%}
{%- endmacro %}
`;

const CROSS_DATABASE_MACROS = `
{% macro current_timestamp() %}current_timestamp{% endmacro %}
{% macro current_timestamp_backcompat() %}current_timestamp{% endmacro %}
{% macro current_timestamp_in_utc_backcompat() %}current_timestamp{% endmacro %}
{% macro type_string() %}varchar{% endmacro %}
{% macro type_timestamp() %}timestamp{% endmacro %}
{% macro type_int() %}int{% endmacro %}
{% macro type_bigint() %}bigint{% endmacro %}
{% macro type_float() %}float{% endmacro %}
{% macro type_boolean() %}boolean{% endmacro %}
{% macro type_numeric() %}numeric{% endmacro %}
{% macro dateadd(datepart, interval, from_date_or_timestamp) %}dateadd({{ datepart }}, {{ interval }}, {{ from_date_or_timestamp }}){% endmacro %}
{% macro datediff(first_date, second_date, datepart) %}datediff({{ datepart }}, {{ first_date }}, {{ second_date }}){% endmacro %}
{% macro date_trunc(datepart, date) %}date_trunc({{ datepart }}, {{ date }}){% endmacro %}
{% macro last_day(date, datepart) %}last_day({{ date }}){% endmacro %}
{% macro concat(fields) %}concat({{ fields | join(', ') }}){% endmacro %}
{% macro hash(field) %}md5(cast({{ field }} as varchar)){% endmacro %}
{% macro safe_cast(field, type) %}cast({{ field }} as {{ type }}){% endmacro %}
{% macro cast(field, type) %}cast({{ field }} as {{ type }}){% endmacro %}
{% macro split_part(string_text, delimiter_text, part_number) %}split_part({{ string_text }}, {{ delimiter_text }}, {{ part_number }}){% endmacro %}
{% macro position(substring_text, string_text) %}position({{ substring_text }} in {{ string_text }}){% endmacro %}
{% macro replace(field, old_chars, new_chars) %}replace({{ field }}, {{ old_chars }}, {{ new_chars }}){% endmacro %}
{% macro right(string_text, length_expression) %}right({{ string_text }}, {{ length_expression }}){% endmacro %}
{% macro length(expression) %}length({{ expression }}){% endmacro %}
{% macro listagg(measure, delimiter_text="','", order_by_clause=none, limit_num=none) %}listagg({{ measure }}, {{ delimiter_text }}){% endmacro %}
{% macro any_value(expression) %}any_value({{ expression }}){% endmacro %}
{% macro bool_or(expression) %}bool_or({{ expression }}){% endmacro %}
{% macro cast_bool_to_text(field) %}cast({{ field }} as varchar){% endmacro %}
{% macro escape_single_quotes(expression) %}{{ expression | replace("'", "''") }}{% endmacro %}
{% macro string_literal(value) %}'{{ value }}'{% endmacro %}
{% macro except() %}except{% endmacro %}
{% macro intersect() %}intersect{% endmacro %}
{% macro array_construct(inputs=[], data_type=none) %}array_construct({{ inputs | join(', ') }}){% endmacro %}
{% macro date_spine(datepart, start_date, end_date) %}select null as date_{{ datepart }}{% endmacro %}
`;

/** The stand-in macro file, loaded before every project's own macros. */
export function builtinMacroSources(): MacroSource[] {
  return [
    { path: '<dbt>/naming.sql', text: NAMING_MACROS, packageName: DBT_BUILTIN_PACKAGE },
    { path: '<dbt>/cross_database.sql', text: CROSS_DATABASE_MACROS, packageName: DBT_BUILTIN_PACKAGE },
  ];
}
