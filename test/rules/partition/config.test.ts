/**
 * The config-based partition rules: incremental strategies per adapter, partitioning and clustering shapes,
 * with findings located at the config key the engineer changes.
 */
import assert from 'node:assert/strict';
import { assertFixture } from '../../helpers/rule-fixture';
import { ADAPTER_STRATEGIES } from '../../../server/src/core/partition/adapter-support';

const RULES = [
  'partition/insert-overwrite-without-partition',
  'partition/merge-without-unique-key',
  'partition/unsupported-strategy',
  'partition/invalid-partition-config',
  'partition/cluster-by-limit',
];

/** Checks the fixture's expectations for these rules, and returns their findings in order. */
function check(fixture: string, rules: readonly string[] = RULES) {
  return assertFixture(fixture, { onlyRules: rules }).filter((finding) => rules.includes(finding.rule));
}

function severities(findings: { rule: string; severity: string }[], rule: string): string[] {
  return findings.filter((finding) => finding.rule === rule).map((finding) => finding.severity);
}

describe('partition/insert-overwrite-without-partition', () => {
  const model = `
    -- @file models/fct_events.sql
    {{ config(materialized='incremental', incremental_strategy='insert_overwrite') }}  -- expect: partition/insert-overwrite-without-partition
    select 1 as event_id
  `;

  it('is an error on BigQuery, where dbt stops', () => {
    const findings = check(model);
    assert.deepEqual(severities(findings, 'partition/insert-overwrite-without-partition'), ['error']);
    assert.match(findings[0].message, /requires the `partition_by` config/);
  });

  for (const adapter of ['databricks', 'spark']) {
    it(`is a warning on ${adapter}, where the whole table is replaced`, () => {
      const findings = check(`# @file dplens.yml\nadapter: ${adapter}\n${model}`);
      assert.deepEqual(severities(findings, 'partition/insert-overwrite-without-partition'), ['warning']);
      assert.match(findings[0].message, /over the whole table/);
    });
  }

  it('says that Snowflake always replaces the whole table', () => {
    const findings = check(`# @file dplens.yml\nadapter: snowflake\n${model}`);
    assert.deepEqual(severities(findings, 'partition/insert-overwrite-without-partition'), ['warning']);
    assert.match(findings[0].message, /replaces the whole table on every run/);
  });

  it('leaves Databricks models with liquid clustering, and partitioned models, alone', () => {
    check(`
      # @file dplens.yml
      adapter: databricks
      -- @file models/a.sql
      {{ config(materialized='incremental', incremental_strategy='insert_overwrite', liquid_clustered_by=['day']) }}
      select 1 as day
      -- @file models/b.sql
      {{ config(materialized='incremental', incremental_strategy='insert_overwrite', partition_by='day') }}
      select 1 as day
    `);
  });

  it('points at incremental_strategy in the properties config', () => {
    check(`
      -- @file models/fct_events.sql
      select 1 as event_id
      # @file models/_models.yml
      models:
        - name: fct_events
          config:
            materialized: incremental
            incremental_strategy: insert_overwrite  # expect: partition/insert-overwrite-without-partition
    `);
  });

  it('reports a strategy of dbt_project.yml in each model that lacks partition_by, where the partition column goes', () => {
    const findings = check(`
      # @file dbt_project.yml
      name: fixture
      profile: fixture
      models:
        fixture:
          marts:
            +materialized: incremental
            +incremental_strategy: insert_overwrite
      -- @file models/marts/fct_a.sql
      select 1 as id  -- expect: partition/insert-overwrite-without-partition
      -- @file models/marts/fct_b.sql
      {{ config(unique_key='id') }}  -- expect: partition/insert-overwrite-without-partition
      select 1 as id
      -- @file models/marts/fct_c.sql
      {{ config(partition_by={'field': 'day', 'data_type': 'date'}) }}
      select current_date() as day
    `);
    assert.match(findings[0].message, /`fct_a` uses `incremental_strategy: insert_overwrite` \(set in dbt_project.yml\)/);
  });
});

describe('partition/merge-without-unique-key', () => {
  it('warns on an explicit merge without unique_key, on every adapter that merges', () => {
    for (const adapter of ['bigquery', 'snowflake', 'databricks', 'postgres', 'redshift', 'trino']) {
      const findings = check(`
        # @file dplens.yml
        adapter: ${adapter}
        -- @file models/fct_orders.sql
        {{ config(materialized='incremental', incremental_strategy='merge') }}  -- expect: partition/merge-without-unique-key
        select 1 as order_id
      `);
      assert.deepEqual(severities(findings, 'partition/merge-without-unique-key'), ['warning'], adapter);
    }
  });

  it('explains the plain insert of Snowflake and the ON FALSE of the others', () => {
    const snowflake = check(`
      # @file dplens.yml
      adapter: snowflake
      -- @file models/fct_orders.sql
      {{ config(materialized='incremental', incremental_strategy='merge') }}  -- expect: partition/merge-without-unique-key
      select 1 as order_id
    `);
    assert.match(snowflake[0].message, /plain `insert`/);
    assert.match(snowflake[0].message, /incremental_strategy: append/);
    const bigquery = check(`
      -- @file models/fct_orders.sql
      {{ config(materialized='incremental', incremental_strategy='merge') }}  -- expect: partition/merge-without-unique-key
      select 1 as order_id
    `);
    assert.match(bigquery[0].message, /on FALSE/);
    assert.doesNotMatch(bigquery[0].message, /incremental_strategy: append/);
  });

  it('reports the default merge as info where merge is the default, at the model config', () => {
    for (const adapter of ['bigquery', 'snowflake', 'databricks']) {
      const findings = check(`
        # @file dplens.yml
        adapter: ${adapter}
        -- @file models/fct_orders.sql
        {{ config(materialized='incremental') }}  -- expect: partition/merge-without-unique-key
        select 1 as order_id
      `);
      assert.deepEqual(severities(findings, 'partition/merge-without-unique-key'), ['info'], adapter);
    }
  });

  it('says nothing where the default appends, or when unique_key is set', () => {
    for (const adapter of ['postgres', 'redshift', 'spark', 'trino', 'duckdb']) {
      check(`
        # @file dplens.yml
        adapter: ${adapter}
        -- @file models/fct_orders.sql
        {{ config(materialized='incremental') }}
        select 1 as order_id
      `);
    }
    check(`
      -- @file models/fct_orders.sql
      {{ config(materialized='incremental', incremental_strategy='merge', unique_key=['order_id', 'line']) }}
      select 1 as order_id, 1 as line
    `);
  });
});

describe('partition/unsupported-strategy', () => {
  it('flags a built-in strategy the adapter lacks, at the strategy', () => {
    const findings = check(`
      -- @file models/fct_orders.sql
      {{ config(materialized='incremental', incremental_strategy='append') }}  -- expect: partition/unsupported-strategy
      select 1 as order_id
    `);
    assert.equal(findings[0].severity, 'error');
    assert.match(findings[0].message, /BigQuery supports `merge`, `insert_overwrite`, `microbatch`/);
  });

  it('suggests the strategy a typo meant', () => {
    const findings = check(`
      # @file dplens.yml
      adapter: snowflake
      -- @file models/fct_orders.sql
      {{ config(materialized='incremental', incremental_strategy='delete_insert', unique_key='order_id') }}  -- expect: partition/unsupported-strategy
      select 1 as order_id
    `);
    assert.match(findings[0].message, /did you mean `delete\+insert`\?/);
    assert.match(findings[0].message, /get_incremental_delete_insert_sql/);
  });

  it('accepts a custom strategy whose macro the project defines, except on BigQuery and Spark', () => {
    const custom = (adapter: string, expect: string) => `
      # @file dplens.yml
      adapter: ${adapter}
      -- @file macros/strategies.sql
      {% macro get_incremental_insert_only_sql(arg_dict) %}select 1{% endmacro %}
      -- @file models/fct_orders.sql
      {{ config(materialized='incremental', incremental_strategy='insert_only') }}${expect}
      select 1 as order_id
    `;
    check(custom('snowflake', ''));
    check(custom('databricks', ''));
    check(custom('bigquery', '  -- expect: partition/unsupported-strategy'));
    check(custom('spark', '  -- expect: partition/unsupported-strategy'));
  });

  it('accepts every strategy of the support matrix, per adapter', () => {
    for (const [adapter, support] of Object.entries(ADAPTER_STRATEGIES)) {
      for (const strategy of support.strategies) {
        check(`
          # @file dplens.yml
          adapter: ${adapter}
          -- @file models/fct_orders.sql
          {{ config(materialized='incremental', incremental_strategy='${strategy}', unique_key='order_id', partition_by={'field': 'day', 'data_type': 'date'}) }}
          select 1 as order_id, current_date as day
        `, ['partition/unsupported-strategy']);
      }
    }
  });

  it('reports a strategy set for a folder once, at dbt_project.yml', () => {
    const findings = check(`
      # @file dplens.yml
      adapter: redshift
      # @file dbt_project.yml
      name: fixture
      profile: fixture
      models:
        fixture:
          +materialized: incremental
          +incremental_strategy: insert_overwrite  # expect: partition/unsupported-strategy
      -- @file models/a.sql
      select 1 as id
      -- @file models/b.sql
      select 1 as id
      -- @file models/c.sql
      select 1 as id
      -- @file models/d.sql
      select 1 as id
    `);
    assert.match(findings[0].message, /`a`, `b`, `c` and 1 more/);
  });
});

describe('partition/invalid-partition-config', () => {
  it('checks the shape of a BigQuery partition_by', () => {
    const cases = [
      "partition_by='created_at'",
      "partition_by={'data_type': 'date'}",
      "partition_by={'field': 'n', 'data_type': 'int64'}",
      "partition_by={'field': 'n', 'data_type': 'int64', 'range': {'start': 0, 'end': 100}}",
      "partition_by={'field': 'd', 'granularity': 'week'}",
      "partition_by={'field': 'd', 'data_type': 'date', 'granularity': 'hour'}",
    ];
    for (const config of cases) {
      const findings = check(`
        -- @file models/fct.sql
        {{ config(materialized='table', ${config}) }}  -- expect: partition/invalid-partition-config
        select 1 as n
      `);
      assert.equal(findings[0].severity, 'error', config);
    }
    check(`
      -- @file models/a.sql
      {{ config(materialized='table', partition_by={'field': 'n', 'data_type': 'INT64', 'range': {'start': 0, 'end': 100, 'interval': 10}}) }}
      select 1 as n
      -- @file models/b.sql
      {{ config(materialized='incremental', partition_by={'field': 'ts', 'data_type': 'timestamp', 'granularity': 'hour'}, unique_key='n') }}
      select 1 as n, current_timestamp() as ts
      -- @file models/c.sql
      {{ config(materialized='table', partition_by={'field': var('partition_field')}) }}
      select 1 as n
      -- @file models/d.sql
      {{ config(materialized='view', partition_by='ignored_on_views') }}
      select 1 as n
    `);
  });

  it('points at the key at fault within a YAML partition_by', () => {
    check(`
      -- @file models/fct.sql
      select 1 as n
      # @file models/_models.yml
      models:
        - name: fct
          config:
            materialized: table
            partition_by:
              field: n
              data_type: date
              granularity: week  # expect: partition/invalid-partition-config
    `);
  });

  it('rejects partition_by with liquid clustering, and warns that zorder is ignored, on Databricks', () => {
    const findings = check(`
      # @file dplens.yml
      adapter: databricks
      -- @file models/fct.sql
      select 1 as n, 1 as m
      # @file models/_models.yml
      models:
        - name: fct
          config:
            materialized: table
            liquid_clustered_by: [n]
            partition_by: [m]  # expect: partition/invalid-partition-config
            zorder: [m]  # expect: partition/invalid-partition-config
    `);
    assert.deepEqual(severities(findings, 'partition/invalid-partition-config'), ['error', 'warning']);
    assert.match(findings[1].message, /zorder will be ignored/);
  });

  it('warns that Snowflake ignores cluster_by on a view, the default materialization', () => {
    const findings = check(`
      # @file dplens.yml
      adapter: snowflake
      -- @file models/stg.sql
      {{ config(cluster_by=['n']) }}  -- expect: partition/invalid-partition-config
      select 1 as n
      -- @file models/fct.sql
      {{ config(materialized='incremental', cluster_by=['n'], unique_key='n') }}
      select 1 as n
    `);
    assert.deepEqual(severities(findings, 'partition/invalid-partition-config'), ['warning']);
  });
});

describe('partition/cluster-by-limit', () => {
  it('flags more than four BigQuery clustering columns, wherever they are set', () => {
    check(`
      # @file dbt_project.yml
      name: fixture
      profile: fixture
      models:
        fixture:
          +cluster_by: [a, b, c, d, e]  # expect: partition/cluster-by-limit
      -- @file models/fct.sql
      {{ config(materialized='table') }}
      select 1 as a
    `);
  });

  it('accepts four columns, a single column, and other adapters', () => {
    check(`
      -- @file models/a.sql
      {{ config(materialized='table', cluster_by=['a', 'b', 'c', 'd']) }}
      select 1 as a
      -- @file models/b.sql
      {{ config(materialized='table', cluster_by='a') }}
      select 1 as a
    `);
    check(`
      # @file dplens.yml
      adapter: snowflake
      -- @file models/a.sql
      {{ config(materialized='table', cluster_by=['a', 'b', 'c', 'd', 'e']) }}
      select 1 as a
    `);
  });
});
