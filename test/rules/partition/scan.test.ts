/**
 * Partitioned scans: partition/unfiltered-partitioned-scan (which query must filter, which predicates count, the
 * is_incremental() decision, catalog.json partitioning of sources) and partition/large-table-not-partitioned.
 */
import assert from 'node:assert/strict';
import { assertFixture } from '../../helpers/rule-fixture';

const SCAN = 'partition/unfiltered-partitioned-scan';
const only = { onlyRules: [SCAN] };

/** A BigQuery table partitioned by `event_date`, optionally requiring a partition filter. */
const eventsModel = (require = false) => `
-- @file models/intermediate/int_events.sql
{{ config(materialized='table', partition_by={'field': 'event_date', 'data_type': 'date'}${require ? ', require_partition_filter=true' : ''}) }}
select 1 as event_id, 2 as user_id, current_date() as event_date
`;

const catalog = (entries: string) => `
-- @file target/catalog.json
{"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/catalog/v1.json"}, "nodes": {}, "sources": {${entries}}}
`;

const SHOP_SOURCE = `
# @file models/staging/_sources.yml
sources:
  - name: shop
    tables:
      - name: events
`;

describe('partition/unfiltered-partitioned-scan', () => {
  it('warns at the relation read without a predicate, saying what and what to do', () => {
    const findings = assertFixture(
      `
      -- @file models/marts/fct_daily.sql
      select event_date, count(*) as events
      from {{ ref('int_events') }}  -- expect: ${SCAN}
      group by event_date
      ${eventsModel()}`,
      only,
    );
    const finding = findings.find((candidate) => candidate.rule === SCAN)!;
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /`ref\('int_events'\)` is partitioned by `event_date` \(`partition_by`\)/);
    assert.match(finding.message, /scans every partition/);
    assert.match(finding.message, /where event_date >= date_sub/);
  });

  it('is an error when the relation requires a partition filter', () => {
    const findings = assertFixture(
      `
      -- @file models/marts/fct_daily.sql
      select * from {{ ref('int_events') }}  -- expect: ${SCAN}
      ${eventsModel(true)}`,
      only,
    );
    const finding = findings.find((candidate) => candidate.rule === SCAN)!;
    assert.equal(finding.severity, 'error');
    assert.match(finding.message, /requires a partition filter/);
  });

  it('accepts date_sub, between, a var(), a qualified column and a filter in a CTE', () => {
    for (const query of [
      `select * from {{ ref('int_events') }} where event_date >= date_sub(current_date(), interval 3 day)`,
      `select * from {{ ref('int_events') }} where event_date between '2024-01-01' and '2024-02-01'`,
      `select * from {{ ref('int_events') }} where event_date >= '{{ var("start") }}'`,
      `select * from {{ ref('int_events') }} where event_date >= {{ var('start') }}`,
      `select e.event_id from {{ ref('int_events') }} as e where e.event_date = current_date()`,
      `select e.event_id from {{ ref('int_events') }} e where e.\`event_date\` = current_date()`,
      `with events as (select * from {{ ref('int_events') }} where event_date > '2024-01-01') select event_id from events`,
      `with users as (select 1 as user_id), events as (select * from {{ ref('int_events') }}) select e.event_id from events e join users u on u.user_id = e.user_id where e.event_date = current_date()`,
      `select * from (select * from {{ ref('int_events') }}) e where e.event_date = current_date()`,
      `select u.user_id from (select 1 as user_id) u join {{ ref('int_events') }} e on e.user_id = u.user_id and e.event_date = current_date()`,
      `select * from {{ ref('int_events') }} where {{ last_days('event_date', 3) }}`,
    ]) {
      assertFixture(`-- @file models/marts/fct_daily.sql\n${query}\n${eventsModel(true)}`, only);
    }
  });

  it('looks at the query that reads the relation: a filter in another CTE or UNION branch does not count', () => {
    assertFixture(
      `
      -- @file models/marts/fct_daily.sql
      with recent as (
        select * from {{ ref('int_events') }} where event_date > '2024-01-01'
      ),
      everything as (
        select event_id from {{ ref('int_events') }}  -- expect: ${SCAN}
      )
      select event_id from recent
      union all
      select event_id from everything
      ${eventsModel()}`,
      only,
    );
    assertFixture(
      `
      -- @file models/marts/fct_daily.sql
      select event_id from {{ ref('int_events') }} where event_date > '2024-01-01'
      union all
      select event_id from {{ ref('int_events') }}  -- expect: ${SCAN}
      ${eventsModel()}`,
      only,
    );
  });

  it('finds the query of a CTE that opens with a long comment, in upper-case SQL, and knows config() writes no filter', () => {
    // Found on cal-itp's warehouse: the scan took such a CTE for the top level, and `{{ config(…) }}` for a macro
    // call that may write the filter, so it stayed silent.
    assertFixture(
      `
      -- @file models/marts/fct_daily.sql
      {{ config(materialized='table') }}
      WITH everything AS (
          -- predicate pushdown does not work through this CTE, so every column is listed by name here
          SELECT event_id, event_date
          FROM {{ ref('int_events') }}  -- expect: ${SCAN}
      )
      SELECT * FROM everything
      ${eventsModel()}`,
      only,
    );
    assertFixture(
      `
      -- @file models/marts/fct_daily.sql
      {{ config(materialized='table') }}
      WITH everything AS (
          -- predicate pushdown works through this CTE, and the outer query filters on the partition column
          SELECT event_id, event_date
          FROM {{ ref('int_events') }}
      )
      SELECT * FROM everything WHERE Event_Date >= DATE_SUB(CURRENT_DATE(), INTERVAL 3 DAY)
      ${eventsModel()}`,
      only,
    );
  });

  it('counts a filter in an is_incremental() block, unless the relation requires a filter (full refreshes fail)', () => {
    const model = (require: boolean, expect: string) => `
      -- @file models/marts/fct_events.sql
      {{ config(materialized='incremental', unique_key='event_id') }}
      select event_id, event_date
      from {{ ref('int_events') }}${expect}
      {% if is_incremental() %}
      where event_date > (select max(event_date) from {{ this }})
      {% endif %}
      ${eventsModel(require)}`;
    assertFixture(model(false, ''), only);
    const findings = assertFixture(model(true, `  -- expect: ${SCAN}`), only);
    assert.match(findings.find((candidate) => candidate.rule === SCAN)!.message, /only filter on it is inside `\{% if is_incremental\(\) %\}`: the first run and every `--full-refresh`/);
    // With a filter on full refreshes too, both runs prune.
    assertFixture(
      `
      -- @file models/marts/fct_events.sql
      {{ config(materialized='incremental', unique_key='event_id') }}
      select event_id, event_date
      from {{ ref('int_events') }}
      {% if is_incremental() %}
      where event_date > (select max(event_date) from {{ this }})
      {% else %}
      where event_date >= '2020-01-01'
      {% endif %}
      ${eventsModel(true)}`,
      only,
    );
  });

  it('counts an incremental filter written in a CTE', () => {
    assertFixture(
      `
      -- @file models/marts/fct_events.sql
      {{ config(materialized='incremental', unique_key='event_id') }}
      with new_events as (
        select * from {{ ref('int_events') }}
        {% if is_incremental() %}
        where event_date > (select max(event_date) from {{ this }})
        {% endif %}
      )
      select event_id, event_date from new_events
      ${eventsModel()}`,
      only,
    );
  });

  it('reads partitioning of sources from catalog.json, and ignores unpartitioned relations and views', () => {
    assertFixture(
      `
      -- @file models/staging/stg_shop__events.sql
      select * from {{ source('shop', 'events') }}  -- expect: ${SCAN}
      ${SHOP_SOURCE}
      ${catalog(`"source.fixture.shop.events": {"unique_id": "source.fixture.shop.events", "metadata": {"type": "table", "schema": "shop", "name": "events"},
         "columns": {"event_date": {"name": "event_date", "type": "DATE", "index": 1}},
         "stats": {"partitioning_type": {"id": "partitioning_type", "label": "Partitioned By", "value": "event_date", "include": true}}}`)}`,
      only,
    );
    assertFixture(
      `
      -- @file models/staging/stg_shop__events.sql
      select * from {{ source('shop', 'events') }} where _partitiondate >= '2024-01-01'
      ${SHOP_SOURCE}
      ${catalog(`"source.fixture.shop.events": {"unique_id": "source.fixture.shop.events", "metadata": {"type": "table", "schema": "shop", "name": "events"},
         "columns": {}, "stats": {"partitioning_type": {"id": "partitioning_type", "value": "_PARTITIONTIME", "include": true}}}`)}`,
      only,
    );
    // No stats: nothing known, nothing said; a partition_by on a view is ignored by dbt.
    assertFixture(`-- @file models/staging/stg_shop__events.sql\nselect * from {{ source('shop', 'events') }}\n${SHOP_SOURCE}`, only);
    assertFixture(
      `
      -- @file models/marts/fct_daily.sql
      select * from {{ ref('int_events') }}
      -- @file models/intermediate/int_events.sql
      {{ config(materialized='view', partition_by={'field': 'event_date'}) }}
      select 1 as event_id, current_date() as event_date
      `,
      only,
    );
  });

  it('reads Databricks partition columns from a list', () => {
    assertFixture(
      `
      # @file dplens.yml
      adapter: databricks
      -- @file models/marts/fct_daily.sql
      select * from {{ ref('int_events') }}  -- expect: ${SCAN}
      -- @file models/intermediate/int_events.sql
      {{ config(materialized='table', partition_by=['event_date']) }}
      select 1 as event_id, current_date() as event_date
      `,
      only,
    );
  });
});

describe('partition/large-table-not-partitioned', () => {
  const LARGE = 'partition/large-table-not-partitioned';
  const project = (config: string, bytes: number, stats = '', dplens = '') => `
    ${dplens}
    -- @file models/marts/fct_events.sql
    ${config}
    select 1 as event_id, current_date() as event_date
    -- @file target/catalog.json
    {"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/catalog/v1.json"},
     "nodes": {"model.fixture.fct_events": {"unique_id": "model.fixture.fct_events", "metadata": {"type": "table", "schema": "s", "name": "fct_events"},
       "columns": {}, "stats": {"num_bytes": {"id": "num_bytes", "value": ${bytes}, "include": true}${stats}}}},
     "sources": {}}
  `;

  it('flags a large table or incremental model at its config, with its size', () => {
    const findings = assertFixture(project(`{{ config(materialized='incremental', unique_key='event_id') }}  -- expect: ${LARGE}`, 50 * 1024 ** 3), { onlyRules: [LARGE] });
    assert.match(findings.find((candidate) => candidate.rule === LARGE)!.message, /`fct_events` is an incremental model of 50\.0 GiB \(catalog\.json\) with no partitioning or clustering/);
  });

  it('ignores small tables, views, and tables partitioned or clustered in config or catalog.json', () => {
    assertFixture(project(`{{ config(materialized='table') }}`, 5 * 1024 ** 3), { onlyRules: [LARGE] });
    assertFixture(project(`{{ config(materialized='view') }}`, 50 * 1024 ** 3), { onlyRules: [LARGE] });
    assertFixture(project(`{{ config(materialized='table', cluster_by=['event_id']) }}`, 50 * 1024 ** 3), { onlyRules: [LARGE] });
    assertFixture(
      project(`{{ config(materialized='table') }}`, 50 * 1024 ** 3, `, "partitioning_type": {"id": "partitioning_type", "value": "event_date", "include": true}`),
      { onlyRules: [LARGE] },
    );
  });

  it('takes its threshold from an option, and skips Postgres', () => {
    assertFixture(
      project(`{{ config(materialized='table') }}  -- expect: ${LARGE}`, 2 * 1024 ** 3, '', `# @file dplens.yml\n    adapter: bigquery\n    rules:\n      ${LARGE}: {options: {thresholdGib: 1}}`),
      { onlyRules: [LARGE] },
    );
    assertFixture(project(`{{ config(materialized='table') }}`, 50 * 1024 ** 3, '', `# @file dplens.yml\n    adapter: postgres`), { onlyRules: [LARGE] });
  });
});
