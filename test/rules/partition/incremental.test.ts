/**
 * Incremental hygiene: partition/incremental-without-filter, partition/is-incremental-outside-incremental and
 * partition/microbatch-config; which blocks count as a filter, where findings point, and the false-positive guards.
 */
import assert from 'node:assert/strict';
import { assertFixture } from '../../helpers/rule-fixture';

const STG_EVENTS = `
-- @file models/staging/stg_events.sql
select 1 as event_id, current_date() as event_date, current_timestamp() as updated_at
`;

describe('partition/incremental-without-filter', () => {
  const only = { onlyRules: ['partition/incremental-without-filter'] };

  it('flags an incremental model without a block at its materialized config, saying what to do', () => {
    const findings = assertFixture(
      `
      -- @file models/marts/fct_events.sql
      {{ config(
          materialized='incremental',  -- expect: partition/incremental-without-filter
          unique_key='event_id'
      ) }}
      select * from {{ ref('stg_events') }}
      ${STG_EVENTS}`,
      only,
    );
    const finding = findings.find((candidate) => candidate.rule === 'partition/incremental-without-filter')!;
    assert.match(finding.message, /`fct_events` is incremental but has no `\{% if is_incremental\(\) %\}` block/);
    assert.match(finding.message, /select max\(updated_at\) from \{\{ this \}\}/);
    // The range is the value `'incremental'`.
    assert.equal(finding.range.end.character - finding.range.start.character, "'incremental'".length);
  });

  it('points at the first ref when the materialization comes from dbt_project.yml, and at the properties key', () => {
    assertFixture(
      `
      # @file dbt_project.yml
      name: fixture
      version: '1.0.0'
      profile: fixture
      models:
        fixture:
          marts:
            +materialized: incremental
      -- @file models/marts/fct_events.sql
      select *
      from {{ ref('stg_events') }}  -- expect: partition/incremental-without-filter
      -- @file models/marts/fct_sessions.sql
      select 1 as session_id
      # @file models/marts/_marts.yml
      version: 2
      models:
        - name: fct_sessions
          config:
            materialized: incremental  # expect: partition/incremental-without-filter
      ${STG_EVENTS}`,
      only,
    );
  });

  it('flags a block that adds only a column, or only a comment, at its `{% if %}` tag', () => {
    assertFixture(
      `
      -- @file models/marts/fct_events.sql
      {{ config(materialized='incremental') }}
      select event_id
        {% if is_incremental() %}, current_timestamp() as loaded_at{% endif %}  -- expect: partition/incremental-without-filter
      from {{ ref('stg_events') }}
      -- @file models/marts/fct_events_commented.sql
      {{ config(materialized='incremental') }}
      select * from {{ ref('stg_events') }}
      {% if is_incremental() %}  -- expect: partition/incremental-without-filter
        -- only new rows, where updated_at is recent
        {# and updated_at > yesterday #}
      {% endif %}
      ${STG_EVENTS}`,
      only,
    );
  });

  it('accepts a filter inside a CTE', () => {
    assertFixture(
      `
      -- @file models/marts/fct_events.sql
      {{ config(materialized='incremental', unique_key='event_id') }}
      with new_rows as (
        select * from {{ ref('stg_events') }}
        {% if is_incremental() %}
        where updated_at > (select max(updated_at) from {{ this }})
        {% endif %}
      )
      select * from new_rows
      ${STG_EVENTS}`,
      only,
    );
  });

  it('accepts rolling windows, `between`, `var()` bounds, `and` after an existing where, and `qualify`', () => {
    assertFixture(
      `
      -- @file models/marts/fct_rolling.sql
      {{ config(materialized='incremental', incremental_strategy='insert_overwrite', partition_by={'field': 'event_date', 'data_type': 'date'}) }}
      select * from {{ ref('stg_events') }}
      {% if is_incremental() %}
      where event_date >= date_sub(current_date(), interval 3 day)
      {% endif %}
      -- @file models/marts/fct_between.sql
      {{ config(materialized='incremental') }}
      select * from {{ ref('stg_events') }}
      {% if is_incremental() %}
      where event_date between '{{ var("start_date") }}' and '{{ var("end_date") }}'
      {% endif %}
      -- @file models/marts/fct_var.sql
      {{ config(materialized='incremental') }}
      select * from {{ ref('stg_events') }}
      where event_id is not null
      {% if is_incremental() %}
        and event_date >= {{ var('start_date') }}
      {% endif %}
      -- @file models/marts/fct_qualify.sql
      {{ config(materialized='incremental', unique_key='event_id') }}
      select * from {{ ref('stg_events') }}
      {% if is_incremental() %}
      qualify row_number() over (partition by event_id order by updated_at desc) = 1
      {% endif %}
      ${STG_EVENTS}`,
      only,
    );
  });

  it('accepts a combined condition, an `elif`, and a block that is the operand of a predicate around it', () => {
    assertFixture(
      `
      -- @file models/marts/fct_combined.sql
      {{ config(materialized='incremental') }}
      select * from {{ ref('stg_events') }}
      {% if is_incremental() and var('full', false) == false %}
      where updated_at > (select max(updated_at) from {{ this }})
      {% endif %}
      -- @file models/marts/fct_combined_unfiltered.sql
      {{ config(materialized='incremental') }}
      select *
        {% if is_incremental() and var('full', false) == false %}, 1 as flag{% endif %}  -- expect: partition/incremental-without-filter
      from {{ ref('stg_events') }}
      -- @file models/marts/fct_elif.sql
      {{ config(materialized='incremental') }}
      select * from {{ ref('stg_events') }}
      {% if var('backfill', false) %}
      where event_date >= '2020-01-01'
      {% elif is_incremental() %}
      where event_date >= current_date() - 3
      {% endif %}
      -- @file models/marts/fct_operand.sql
      {{ config(materialized='incremental') }}
      select * from {{ ref('stg_events') }}
      where updated_at > {% if is_incremental() %}(select max(updated_at) from {{ this }}){% else %}'1900-01-01'{% endif %}
      ${STG_EVENTS}`,
      only,
    );
  });

  it('takes a block that reads another CTE on incremental runs (`from latest` / `from everything`) for a filter', () => {
    assertFixture(
      `
      -- @file models/marts/fct_switch.sql
      {{ config(materialized='incremental') }}
      with everything as (select * from {{ ref('stg_events') }}),
      latest as (select * from everything where event_date >= current_date() - 3),
      picked as (
          select *
          {% if is_incremental() %}
          from latest
          {% else %}
          from everything
          {% endif %}
      )
      select * from picked
      ${STG_EVENTS}`,
      only,
    );
  });

  it('treats `{% if not is_incremental() %}` as the full-refresh branch: its `else` may filter, its body does not', () => {
    assertFixture(
      `
      -- @file models/marts/fct_negated_else.sql
      {{ config(materialized='incremental') }}
      select * from {{ ref('stg_events') }}
      {% if not is_incremental() %}
      where event_date >= '2020-01-01'
      {% else %}
      where event_date >= current_date() - 3
      {% endif %}
      -- @file models/marts/fct_both.sql
      {{ config(materialized='incremental') }}
      select *
      {% if not is_incremental() %}, 'backfill' as load_kind{% endif %}
      from {{ ref('stg_events') }}
      {% if is_incremental() %}
      where updated_at > (select max(updated_at) from {{ this }})
      {% endif %}
      -- @file models/marts/fct_full_refresh_only.sql
      {{ config(materialized='incremental') }}
      select * from {{ ref('stg_events') }}
      {% if not is_incremental() %}  -- expect: partition/incremental-without-filter
      where event_date >= '2020-01-01'
      {% endif %}
      ${STG_EVENTS}`,
      only,
    );
  });

  it('stays silent for microbatch, a strategy or materialization it cannot read, filter macros and other materializations', () => {
    assertFixture(
      `
      -- @file models/marts/fct_microbatch.sql
      {{ config(materialized='incremental', incremental_strategy='microbatch', event_time='updated_at', begin='2024-01-01', batch_size='day') }}
      select * from {{ ref('stg_events') }}
      -- @file models/marts/fct_dynamic_strategy.sql
      {{ config(materialized='incremental', incremental_strategy=var('strategy')) }}
      select * from {{ ref('stg_events') }}
      -- @file models/marts/fct_macro_filter.sql
      {{ config(materialized='incremental') }}
      select * from {{ ref('stg_events') }}
      {{ incremental_filter('updated_at') }}
      -- @file models/marts/fct_macro_in_block.sql
      {{ config(materialized='incremental') }}
      select * from {{ ref('stg_events') }}
      {% if is_incremental() %}{{ since_last_run('updated_at') }}{% endif %}
      -- @file models/marts/fct_set.sql
      {{ config(materialized='incremental') }}
      {% set incremental = is_incremental() %}
      select * from {{ ref('stg_events') }}
      -- @file models/marts/fct_table.sql
      {{ config(materialized='table') }}
      select * from {{ ref('stg_events') }}
      -- @file macros/filters.sql
      {% macro incremental_filter(column) %}{% if is_incremental() %}where {{ column }} > (select max({{ column }}) from {{ this }}){% endif %}{% endmacro %}
      {% macro since_last_run(column) %}where {{ column }} > (select max({{ column }}) from {{ this }}){% endmacro %}
      ${STG_EVENTS}`,
      only,
    );
  });
});

describe('partition/is-incremental-outside-incremental', () => {
  const only = { onlyRules: ['partition/is-incremental-outside-incremental'] };

  it('flags the call in a table, a view by default and an ephemeral model, naming the materialization', () => {
    const findings = assertFixture(
      `
      -- @file models/marts/fct_table.sql
      {{ config(materialized='table') }}
      select * from {{ ref('stg_events') }}
      {% if is_incremental() %} where updated_at > current_date() {% endif %}  -- expect: partition/is-incremental-outside-incremental
      -- @file models/marts/fct_default_view.sql
      select * from {{ ref('stg_events') }}
      {% if is_incremental() %} where updated_at > current_date() {% endif %}  -- expect: partition/is-incremental-outside-incremental
      -- @file models/marts/int_ephemeral.sql
      {{ config(materialized='ephemeral') }}
      select *, {{ 'true' if is_incremental() else 'false' }} as incremental_run from {{ ref('stg_events') }}  -- expect: partition/is-incremental-outside-incremental
      ${STG_EVENTS}`,
      only,
    );
    const own = findings.filter((finding) => finding.rule === 'partition/is-incremental-outside-incremental');
    const table = own.find((finding) => finding.file === 'models/marts/fct_table.sql')!;
    assert.match(table.message, /`fct_table` is materialized as a table, so `is_incremental\(\)` is always false here/);
    assert.equal(table.range.end.character - table.range.start.character, 'is_incremental()'.length);
    assert.match(own.find((finding) => finding.file === 'models/marts/fct_default_view.sql')!.message, /as a view/);
  });

  it('stays silent for incremental and custom materializations, a dynamic one, a project that overrides is_incremental, and macros', () => {
    assertFixture(
      `
      -- @file models/marts/fct_incremental.sql
      {{ config(materialized='incremental') }}
      select * from {{ ref('stg_events') }}
      {% if is_incremental() %} where updated_at > current_date() {% endif %}
      -- @file models/marts/fct_custom.sql
      {{ config(materialized='insert_by_period') }}
      select * from {{ ref('stg_events') }}
      {% if is_incremental() %} where updated_at > current_date() {% endif %}
      -- @file models/marts/fct_dynamic.sql
      {{ config(materialized=var('materialization', 'table')) }}
      select * from {{ ref('stg_events') }}
      {% if is_incremental() %} where updated_at > current_date() {% endif %}
      -- @file models/marts/fct_macro_in_file.sql
      {% macro local_filter() %}{% if is_incremental() %}where true{% endif %}{% endmacro %}
      select * from {{ ref('stg_events') }}
      {# {% if is_incremental() %} an old comment {% endif %} #}
      ${STG_EVENTS}`,
      only,
    );
    assertFixture(
      `
      -- @file models/marts/fct_table.sql
      {{ config(materialized='table') }}
      select * from {{ ref('stg_events') }}
      {% if is_incremental() %} where updated_at > current_date() {% endif %}
      -- @file macros/is_incremental.sql
      {% macro is_incremental() %}{{ return(var('incremental', false)) }}{% endmacro %}
      ${STG_EVENTS}`,
      only,
    );
  });
});

describe('partition/microbatch-config', () => {
  const only = { onlyRules: ['partition/microbatch-config'] };
  const PARENT = `
  -- @file models/staging/stg_page_views.sql
  {{ config(event_time='viewed_at') }}
  select 1 as page_view_id, current_timestamp() as viewed_at
  `;

  it('reports missing required keys as one error at incremental_strategy, listing them', () => {
    const findings = assertFixture(
      `
      -- @file models/marts/fct_page_views.sql
      {{ config(materialized='incremental', incremental_strategy='microbatch') }}  -- expect: partition/microbatch-config
      select * from {{ ref('stg_page_views') }}
      ${PARENT}`,
      only,
    );
    const finding = findings.find((candidate) => candidate.rule === 'partition/microbatch-config')!;
    assert.equal(finding.severity, 'error');
    assert.match(finding.message, /without `event_time`, `begin` and `batch_size`: dbt refuses to parse it/);
    assert.equal(finding.range.end.character - finding.range.start.character, "'microbatch'".length);
  });

  it('reads config merged from dbt_project.yml and properties, and locates a strategy set in YAML', () => {
    assertFixture(
      `
      # @file dbt_project.yml
      name: fixture
      version: '1.0.0'
      profile: fixture
      models:
        fixture:
          marts:
            +batch_size: day
            +begin: '2024-01-01'
      -- @file models/marts/fct_complete.sql
      {{ config(materialized='incremental', incremental_strategy='microbatch', event_time='viewed_at') }}
      select * from {{ ref('stg_page_views') }}
      -- @file models/marts/fct_yaml.sql
      select * from {{ ref('stg_page_views') }}
      # @file models/marts/_marts.yml
      version: 2
      models:
        - name: fct_yaml
          config:
            materialized: incremental
            incremental_strategy: microbatch  # expect: partition/microbatch-config
      ${PARENT}`,
      only,
    );
  });

  it('reports an unknown batch_size as an error at its value', () => {
    assertFixture(
      `
      -- @file models/marts/fct_page_views.sql
      {{ config(materialized='incremental', incremental_strategy='microbatch', event_time='viewed_at', begin='2024-01-01',
          batch_size='week') }}  -- expect: partition/microbatch-config
      select * from {{ ref('stg_page_views') }}
      ${PARENT}`,
      only,
    );
  });

  it('warns at each ref or source whose parent has no event_time, and skips `.render()` and parents that have one', () => {
    const findings = assertFixture(
      `
      -- @file models/marts/fct_page_views.sql
      {{ config(materialized='incremental', incremental_strategy='microbatch', event_time='viewed_at', begin='2024-01-01', batch_size='day') }}
      select v.*, u.country, p.page_name, s.campaign
      from {{ ref('stg_page_views') }} as v
      join {{ ref('stg_users') }} as u on u.user_id = v.user_id  -- expect: partition/microbatch-config
      join {{ ref('stg_pages').render() }} as p on p.page_id = v.page_id
      join {{ source('web', 'sessions') }} as s on s.session_id = v.session_id
      join {{ source('web', 'campaigns') }} as c on c.campaign_id = s.campaign_id  -- expect: partition/microbatch-config
      -- @file models/staging/stg_users.sql
      select 1 as user_id, 'fr' as country
      -- @file models/staging/stg_pages.sql
      select 1 as page_id, 'home' as page_name
      # @file models/staging/_web.yml
      version: 2
      sources:
        - name: web
          tables:
            - name: sessions
              config:
                event_time: started_at
            - name: campaigns
      ${PARENT}`,
      only,
    );
    const upstream = findings.filter((finding) => finding.rule === 'partition/microbatch-config');
    assert.deepEqual(upstream.map((finding) => finding.severity), ['warning', 'warning']);
    assert.ok(upstream.some((finding) => /the source `web.campaigns` has no `event_time`/.test(finding.message)));
    assert.ok(upstream.some((finding) => /`stg_users` has no `event_time`: dbt cannot filter it to each batch's window/.test(finding.message)));
  });

  it('leaves other strategies alone', () => {
    assertFixture(
      `
      -- @file models/marts/fct_page_views.sql
      {{ config(materialized='incremental', incremental_strategy='merge', unique_key='page_view_id') }}
      select * from {{ ref('stg_users') }}
      {% if is_incremental() %} where user_id > (select max(user_id) from {{ this }}) {% endif %}
      -- @file models/staging/stg_users.sql
      select 1 as user_id
      `,
      only,
    );
  });
});
