/** The project-level files: dbt_project.yml, packages.yml, profiles.yml and the macros. */
import type { GeneratorContext } from './context';
import { domainName } from './vocabulary';

const PROJECT = 'synthetic_analytics';

/** Writes dbt_project.yml with folder-level configs, packages.yml and profiles.yml. */
export function writeProjectFiles(ctx: GeneratorContext, domains: number): void {
  const bq = ctx.opts.adapter === 'bigquery';
  const lines: string[] = [
    `name: ${PROJECT}`,
    'version: "1.0.0"',
    'config-version: 2',
    `profile: ${PROJECT}`,
    '',
    'model-paths: ["models"]',
    'macro-paths: ["macros"]',
    'seed-paths: ["seeds"]',
    'test-paths: ["tests"]',
    'snapshot-paths: ["snapshots"]',
    'clean-targets: ["target", "dbt_packages"]',
    '',
    'vars:',
    '  lookback_days: 3',
    '  start_date: "2020-01-01"',
    '',
    'models:',
    `  ${PROJECT}:`,
    '    +materialized: view',
    '    staging:',
    '      +materialized: view',
    '      +schema: staging',
    '      +tags: ["staging"]',
  ];
  for (const src of ctx.sources) lines.push(`      ${src.name}:`, `        +tags: ["${src.name}"]`);
  lines.push('    intermediate:', '      +materialized: ephemeral', '      +tags: ["intermediate"]');
  for (let i = 0; i < domains; i++) lines.push(`      ${domainName(i)}:`, `        +tags: ["${domainName(i)}"]`);
  lines.push('    marts:', '      +materialized: table', '      +tags: ["marts"]');
  for (let i = 0; i < domains; i++) {
    lines.push(`      ${domainName(i)}:`, `        +schema: ${domainName(i)}`, `        +tags: ["${domainName(i)}"]`);
    if (bq && i % 3 === 0) lines.push('        +labels:', `          domain: ${domainName(i)}`);
  }
  ctx.files.set('dbt_project.yml', lines.join('\n') + '\n');

  ctx.files.set('packages.yml', 'packages:\n  - package: dbt-labs/dbt_utils\n    version: [">=1.1.0", "<2.0.0"]\n');
  ctx.files.set('profiles.yml', bq
    ? `${PROJECT}:\n  target: dev\n  outputs:\n    dev:\n      type: bigquery\n      method: oauth\n      project: acme-analytics\n      dataset: dbt_dev\n      threads: 8\n      location: EU\n`
    : `${PROJECT}:\n  target: dev\n  outputs:\n    dev:\n      type: snowflake\n      account: "{{ env_var('SNOWFLAKE_ACCOUNT') }}"\n      user: "{{ env_var('SNOWFLAKE_USER') }}"\n      authenticator: externalbrowser\n      role: TRANSFORMER\n      warehouse: TRANSFORMING\n      database: ANALYTICS\n      schema: DBT_DEV\n      threads: 8\n`);
}

/** Writes the macros the generated models call. */
export function writeMacros(ctx: GeneratorContext): void {
  const d = ctx.dialect;
  ctx.files.set('macros/cents_to_dollars.sql', `{% macro cents_to_dollars(column_name, scale=2) -%}
    round(cast({{ column_name }} as numeric) / 100, {{ scale }})
{%- endmacro %}
`);
  ctx.files.set('macros/normalize_text.sql', `{% macro normalize_text(column_name) -%}
    nullif(lower(trim({{ column_name }})), '')
{%- endmacro %}
`);
  ctx.files.set('macros/ratio.sql', `{% macro ratio(numerator, denominator) -%}
    ${d.safeDiv('{{ numerator }}', '{{ denominator }}')}
{%- endmacro %}
`);
  ctx.files.set('macros/simple_cte.sql', `{#
    Import CTEs from a list of (cte_name, model_name) pairs; the refs are made here.
#}
{% macro simple_cte(tuple_list) -%}
with
{%- for cte_ref in tuple_list %}

{{ cte_ref[0] }} as (

    select * from {{ ref(cte_ref[1]) }}

){%- if not loop.last -%},{%- endif -%}
{%- endfor -%}
{%- endmacro %}
`);
  ctx.files.set('macros/generate_schema_name.sql', `{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if target.name == 'prod' and custom_schema_name is not none -%}
        {{ custom_schema_name | trim }}
    {%- elif custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ target.schema }}_{{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
`);
}
