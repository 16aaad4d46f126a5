/**
 * Macro files shared by the render tests, modelled on real projects (GitLab's `simple_cte`,
 * dbt_utils' dispatched `star`).
 */

import { MacroSource, SandboxOptions } from '../../../server/src/core/render';

export const PROJECT = 'gitlab';

export const OPTIONS: SandboxOptions = { projectName: PROJECT, adapter: 'snowflake', targetName: 'dev', targetSchema: 'analytics', targetDatabase: 'raw_db' };

export const SIMPLE_CTE: MacroSource = {
  path: 'macros/utils/simple_cte.sql',
  packageName: PROJECT,
  text: `{%- macro simple_cte(tuple_list) -%}

WITH{% for cte_ref in tuple_list %} {{cte_ref[0]}} AS (

    SELECT *
    FROM {{ ref(cte_ref[1]) }}

){%- if not loop.last -%},{%- endif -%}

{%- endfor -%}

{%- endmacro %}
`,
};

export const NESTED: MacroSource = {
  path: 'macros/nested.sql',
  packageName: PROJECT,
  text: `{% macro outer_macro(name) %}select * from {{ middle_macro(name) }}{% endmacro %}

{% macro middle_macro(name) -%}
  {{ inner_macro(name ~ '_prep') }}
{%- endmacro %}

{% macro inner_macro(model_name) %}{{ ref(model_name) }}{% endmacro %}

{% macro no_refs() %}1{% endmacro %}
`,
};

export const DBT_UTILS: MacroSource[] = [
  {
    path: 'dbt_packages/dbt_utils/macros/sql/star.sql',
    packageName: 'dbt_utils',
    text: `{% macro star(from, relation_alias=False, except=[]) -%}
    {{ return(adapter.dispatch('star', 'dbt_utils')(from, relation_alias, except)) }}
{% endmacro %}

{% macro default__star(from, relation_alias=False, except=[]) -%}
    {%- do dbt_utils._is_relation(from, 'star') -%}
    *
{%- endmacro %}

{% macro snowflake__star(from, relation_alias=False, except=[]) -%}
    {{ from }}.*
{%- endmacro %}
`,
  },
  {
    path: 'dbt_packages/dbt_utils/macros/internal.sql',
    packageName: 'dbt_utils',
    text: `{% macro _is_relation(obj, macro) %}{% endmacro %}
{% macro surrogate_key(field_list) -%}
    {{ adapter.dispatch(macro_name='surrogate_key', macro_namespace='dbt_utils')(field_list) }}
{%- endmacro %}
{% macro default__surrogate_key(field_list) -%}md5({{ field_list | join(" || '-' || ") }}){%- endmacro %}
{% macro postgres__surrogate_key(field_list) -%}PG{%- endmacro %}
{% macro union_of(models) -%}
  {%- for m in models %}select * from {{ ref(m) }}{% if not loop.last %} union all {% endif %}{% endfor -%}
{%- endmacro %}
`,
  },
];

export const TEST_MACROS: MacroSource = {
  path: 'macros/tests/accepted_range.sql',
  packageName: PROJECT,
  text: `{% test accepted_range(model, column_name, min_value=none) %}
select * from {{ model }} where {{ column_name }} < {{ min_value }}
{% endtest %}

{% materialization custom_table, adapter='snowflake' %}
  {% call statement('main') %}select 1{% endcall %}
  {{ return({'relations': []}) }}
{% endmaterialization %}

{% docs my_doc %}
Some {{ documentation }} with {% weird %} tags.
{% enddocs %}

{% macro after_docs() %}after{% endmacro %}
`,
};

export function node(name: string, incremental = false) {
  return { name, packageName: PROJECT, incremental };
}
