/**
 * Completion inside `{{ config(…) }}`: keys per adapter and resource, values per adapter, list items, dict
 * fields and the snippets accepted keys insert.
 */
import assert from 'node:assert/strict';
import { completionsAt, snippetToPlainText, type NavCompletion } from '../../../server/src/core/navigation';
import { cursorFixture } from './cursor-fixture';

/** A project on `adapter` with one file holding the cursor, and a model carrying tags. */
function configAt(adapter: string, text: string, file = 'models/marts/fct.sql'): { items: NavCompletion[]; textAt: (item: NavCompletion) => string } {
  const f = cursorFixture(
    [
      `# @file dplens.yml\nadapter: ${adapter}\n`,
      "-- @file models/staging/stg_orders.sql\n{{ config(tags=['finance', 'nightly']) }}\nselect 1 as order_id\n",
      `-- @file ${file}\n${text}\n`,
    ].join('\n'),
  );
  const items = completionsAt(f.index, f.file, f.offset);
  return { items, textAt: (item) => f.textAt(f.file, item.replace) };
}

const labels = (items: NavCompletion[]) => items.map((item) => item.label);

describe('completion: config() keys per adapter', () => {
  const cases: { adapter: string; has: string[]; lacks: string[] }[] = [
    {
      adapter: 'bigquery',
      has: ['materialized', 'incremental_strategy', 'unique_key', 'on_schema_change', 'tags', 'schema', 'alias', 'contract', 'grants', 'pre_hook', 'post_hook', 'partition_by', 'cluster_by', 'partition_expiration_days', 'require_partition_filter', 'labels', 'kms_key_name'],
      lacks: ['transient', 'sort', 'dist', 'indexes', 'file_format', 'strategy'],
    },
    { adapter: 'snowflake', has: ['transient', 'cluster_by', 'automatic_clustering', 'snowflake_warehouse', 'copy_grants', 'query_tag'], lacks: ['partition_by', 'labels', 'sort'] },
    { adapter: 'databricks', has: ['file_format', 'location_root', 'liquid_clustered_by', 'tblproperties', 'partition_by'], lacks: ['transient', 'labels'] },
    { adapter: 'redshift', has: ['sort', 'dist', 'sort_type'], lacks: ['partition_by', 'indexes'] },
    { adapter: 'postgres', has: ['indexes'], lacks: ['partition_by', 'sort', 'transient'] },
  ];
  for (const { adapter, has, lacks } of cases) {
    it(`offers ${adapter}'s keys and none of other adapters'`, () => {
      const offered = labels(configAt(adapter, '{{ config(|) }}\nselect 1').items);
      for (const key of has) assert.ok(offered.includes(key), `${adapter} should offer ${key}`);
      for (const key of lacks) assert.ok(!offered.includes(key), `${adapter} should not offer ${key}`);
    });
  }

  it('skips keys already written, before or after the cursor, and replaces the typed word', () => {
    const { items, textAt } = configAt('bigquery', "{{ config(materialized='table', uni|, tags=['x']) }}\nselect 1");
    const offered = labels(items);
    assert.ok(!offered.includes('materialized') && !offered.includes('tags'));
    assert.equal(textAt(items[0]), 'uni');
  });

  it('inserts a skeleton for the value: quotes, a boolean choice, the partition_by dict', () => {
    const { items } = configAt('bigquery', '{{ config(|) }}\nselect 1');
    const snippet = (label: string) => items.find((item) => item.label === label)!.snippet;
    assert.equal(snippet('materialized'), "materialized='$1'");
    assert.equal(items.find((item) => item.label === 'materialized')!.retrigger, true);
    assert.equal(snippet('full_refresh'), 'full_refresh=${1|true,false|}');
    assert.match(snippet('partition_by')!, /^partition_by=\{'field': '\$\{1:created_at\}', 'data_type': '\$\{2\|timestamp,date,datetime,int64\|\}'/);
    assert.equal(items.find((item) => item.label === 'partition_by')!.detail, 'bigquery · dict');
  });

  it('inserts only the name when the key already has its value', () => {
    const { items } = configAt('bigquery', "{{ config(mat|='table') }}\nselect 1");
    assert.equal(items.find((item) => item.label === 'materialized')!.snippet, undefined);
  });

  it('offers snapshot keys in a snapshot, and no config outside the call', () => {
    const snapshot = labels(configAt('bigquery', '{% snapshot orders_snapshot %}\n{{ config(|) }}\nselect 1\n{% endsnapshot %}', 'snapshots/orders_snapshot.sql').items);
    for (const key of ['strategy', 'unique_key', 'updated_at', 'check_cols', 'hard_deletes']) assert.ok(snapshot.includes(key), key);
    assert.ok(!snapshot.includes('incremental_strategy'));
    assert.deepEqual(configAt('bigquery', "{{ config(materialized='table') }}\nselect |").items, []);
  });
});

describe('completion: config() values', () => {
  const strategies: [string, string[]][] = [
    ['bigquery', ['merge', 'insert_overwrite', 'microbatch']],
    ['snowflake', ['append', 'merge', 'delete+insert', 'insert_overwrite', 'microbatch']],
    ['databricks', ['append', 'merge', 'insert_overwrite', 'replace_where', 'microbatch']],
    ['postgres', ['append', 'merge', 'delete+insert', 'microbatch']],
    ['redshift', ['append', 'merge', 'delete+insert', 'microbatch']],
  ];
  for (const [adapter, expected] of strategies) {
    it(`offers ${adapter}'s incremental strategies`, () => {
      const text = "{{\n  config(\n    materialized='incremental',\n    incremental_strategy='|'\n  )\n}}\nselect 1";
      assert.deepEqual(labels(configAt(adapter, text).items), expected);
    });
  }

  it('offers the materializations of the adapter', () => {
    assert.deepEqual(labels(configAt('bigquery', "{{ config(materialized='|') }}").items), ['view', 'table', 'incremental', 'ephemeral', 'materialized_view']);
    assert.deepEqual(labels(configAt('snowflake', "{{ config(materialized='|') }}").items), ['view', 'table', 'incremental', 'ephemeral', 'dynamic_table']);
  });

  it('offers on_schema_change values with descriptions, replacing the text inside the quotes', () => {
    const { items, textAt } = configAt('bigquery', "{{ config(on_schema_change='app|end') }}");
    assert.deepEqual(labels(items), ['ignore', 'fail', 'append_new_columns', 'sync_all_columns']);
    assert.match(items[2].documentation!, /Adds new columns/);
    assert.equal(textAt(items[0]), 'append');
    assert.equal(items[0].snippet, undefined);
  });

  it('quotes a value typed without quotes, and offers booleans bare', () => {
    assert.equal(configAt('bigquery', '{{ config(materialized=|) }}').items[0].snippet, "'view'");
    assert.deepEqual(labels(configAt('bigquery', '{{ config(full_refresh=|) }}').items), ['true', 'false']);
  });

  it("offers the model's own columns for keys that name columns, in strings and lists", () => {
    const model = "{{ config(unique_key='|') }}\nselect order_id, amount as total from {{ ref('stg_orders') }}";
    assert.deepEqual(labels(configAt('bigquery', model).items), ['order_id', 'total']);
    const list = "{{ config(cluster_by=['order_id', '|']) }}\nselect order_id, amount as total from {{ ref('stg_orders') }}";
    assert.deepEqual(labels(configAt('bigquery', list).items), ['order_id', 'total']);
  });

  it("offers the project's tags in a tags list", () => {
    assert.deepEqual(labels(configAt('bigquery', "{{ config(tags=['|']) }}").items), ['finance', 'nightly']);
  });

  it('offers the fields of partition_by, then their values', () => {
    const fields = configAt('bigquery', "{{ config(partition_by={'|'}) }}").items;
    assert.deepEqual(labels(fields), ['field', 'data_type', 'granularity', 'range', 'copy_partitions', 'time_ingestion_partitioning']);
    const present = configAt('bigquery', "{{ config(partition_by={'field': 'created_at', '|'}) }}").items;
    assert.ok(!labels(present).includes('field'));
    assert.deepEqual(labels(configAt('bigquery', "{{ config(partition_by={'field': 'created_at', 'data_type': '|'}) }}").items), ['timestamp', 'date', 'datetime', 'int64']);
    assert.deepEqual(labels(configAt('bigquery', "{{ config(partition_by={'field': 'created_at', 'granularity': |}) }}").items), ['hour', 'day', 'month', 'year']);
  });

  it('reads dbt.config() in Python models, with Python booleans', () => {
    const file = 'models/marts/py_model.py';
    assert.deepEqual(labels(configAt('snowflake', 'def model(dbt, session):\n    dbt.config(materialized="|")\n    return None', file).items), ['view', 'table', 'incremental', 'ephemeral', 'dynamic_table']);
    const keys = configAt('snowflake', 'def model(dbt, session):\n    dbt.config(|)\n    return None', file).items;
    assert.equal(keys.find((item) => item.label === 'transient')!.snippet, 'transient=${1|True,False|}');
  });
});

describe('completion: snippets for clients without them', () => {
  const cases: [string, string][] = [
    ["materialized='$1'", "materialized=''"],
    ['full_refresh=${1|true,false|}', 'full_refresh=true'],
    ["partition_by={'field': '${1:created_at}', 'data_type': '${2|timestamp,date|}'}", "partition_by={'field': 'created_at', 'data_type': 'timestamp'}"],
    ['columns:\n  - name: $0', 'columns:\n  - name: '],
    ['cost: \\$5 \\}', 'cost: $5 }'],
  ];
  for (const [snippet, plain] of cases) {
    it(`reads ${JSON.stringify(snippet)} as ${JSON.stringify(plain)}`, () => assert.equal(snippetToPlainText(snippet), plain));
  }
});
