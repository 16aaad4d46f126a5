/**
 * The dbt configs the editor offers, as one table: in `{{ config(…) }}`, under `config:` in properties YAML and
 * as `+key:` in dbt_project.yml. Each key says which resources and adapters it applies to, what it takes, and
 * the values it knows, per adapter where adapters differ.
 *
 * The table follows the dbt documentation:
 * - general configs: https://docs.getdbt.com/reference/model-configs, /reference/seed-configs,
 *   /reference/snapshot-configs, /reference/data-test-configs, /reference/source-configs;
 * - materializations: https://docs.getdbt.com/docs/build/materializations;
 * - incremental models and strategies: https://docs.getdbt.com/docs/build/incremental-models,
 *   https://docs.getdbt.com/docs/build/incremental-strategy, https://docs.getdbt.com/docs/build/incremental-microbatch;
 * - adapters: https://docs.getdbt.com/reference/resource-configs/bigquery-configs, /snowflake-configs,
 *   /databricks-configs, /spark-configs, /redshift-configs, /postgres-configs, /trino-configs, /duckdb-configs.
 * It offers what is commonly written, not every config an adapter accepts; `KNOWN_DBT_CONFIGS` in
 * ../yaml/dbt-config.ts is the wider list that rules use to recognise configs.
 */
import type { Adapter } from '../config/dplens-config';

export type ConfigResource = 'model' | 'seed' | 'snapshot' | 'source' | 'test';

export interface ConfigValue {
  value: string;
  description?: string;
  /** The adapters that accept the value; every adapter when absent. */
  adapters?: readonly Adapter[];
  resources?: readonly ConfigResource[];
}

export interface DbtConfigKey {
  name: string;
  /** How properties YAML and dbt_project.yml spell the key, when it differs (`pre-hook` for `pre_hook`). */
  yamlName?: string;
  description: string;
  resources: readonly ConfigResource[];
  /** The adapters that know the key; dbt's own keys have none. */
  adapters?: readonly Adapter[];
  type: 'string' | 'boolean' | 'integer' | 'list' | 'dict' | 'string-or-list';
  values?: readonly ConfigValue[];
  /** Keys of a dict value, such as BigQuery's `partition_by`. */
  fields?: readonly DbtConfigKey[];
  /** The value's skeleton after `key=` in a config() call, in snippet syntax. */
  sqlValue?: string;
  /** The value's skeleton after `key:` in YAML, in snippet syntax (a flow collection, so indentation never matters). */
  yamlValue?: string;
  /** True when the value names columns of the model, which completion can offer. */
  columns?: boolean;
  docs: string;
}

const DOCS = 'https://docs.getdbt.com';
const ALL: readonly ConfigResource[] = ['model', 'seed', 'snapshot', 'source', 'test'];
const BUILT: readonly ConfigResource[] = ['model', 'seed', 'snapshot'];
const MODEL: readonly ConfigResource[] = ['model'];
const SNAPSHOT: readonly ConfigResource[] = ['snapshot'];
const SEED: readonly ConfigResource[] = ['seed'];
const TEST: readonly ConfigResource[] = ['test'];

const BIGQUERY: readonly Adapter[] = ['bigquery'];
const SNOWFLAKE: readonly Adapter[] = ['snowflake'];
const DATABRICKS: readonly Adapter[] = ['databricks'];
const SPARK_FAMILY: readonly Adapter[] = ['databricks', 'spark'];
const REDSHIFT: readonly Adapter[] = ['redshift'];
const POSTGRES: readonly Adapter[] = ['postgres'];

const adapterDocs = (adapter: string) => `${DOCS}/reference/resource-configs/${adapter}-configs`;
const configDocs = (name: string) => `${DOCS}/reference/resource-configs/${name}`;

/** Incremental strategies per adapter, as the incremental-strategy page and each adapter's page list them. */
const STRATEGIES: readonly ConfigValue[] = [
  { value: 'append', description: 'Inserts the new rows; never updates or deletes existing ones.', adapters: ['snowflake', 'databricks', 'spark', 'postgres', 'redshift', 'trino', 'duckdb'] },
  { value: 'merge', description: 'Updates rows matching `unique_key` and inserts the others, with a MERGE statement.', adapters: ['bigquery', 'snowflake', 'databricks', 'spark', 'postgres', 'redshift', 'trino', 'duckdb'] },
  { value: 'delete+insert', description: 'Deletes the rows matching `unique_key`, then inserts the new rows.', adapters: ['snowflake', 'postgres', 'redshift', 'trino', 'duckdb'] },
  { value: 'insert_overwrite', description: 'Replaces whole partitions: those the new rows fall in, or those listed in `partition_by.partitions`.', adapters: ['bigquery', 'snowflake', 'databricks', 'spark'] },
  { value: 'replace_where', description: 'Replaces the rows matching `incremental_predicates` (Delta tables on Databricks).', adapters: ['databricks'] },
  { value: 'microbatch', description: 'Builds the model in time batches of `batch_size` on the `event_time` column.', adapters: ['bigquery', 'snowflake', 'databricks', 'spark', 'postgres', 'redshift', 'trino', 'duckdb'] },
];

const MATERIALIZATIONS: readonly ConfigValue[] = [
  { value: 'view', description: 'A view: rebuilt on every run, always current, computed when queried.', resources: MODEL },
  { value: 'table', description: 'A table, rebuilt from scratch on every run.', resources: MODEL },
  { value: 'incremental', description: 'A table that later runs only add or update rows in (see `incremental_strategy`).', resources: MODEL },
  { value: 'ephemeral', description: 'Not built: inlined as a CTE into the models that ref it.', resources: MODEL },
  { value: 'materialized_view', description: 'A materialized view, refreshed by the warehouse.', resources: MODEL, adapters: ['bigquery', 'databricks', 'postgres', 'redshift', 'trino'] },
  { value: 'dynamic_table', description: 'A Snowflake dynamic table, refreshed to stay within `target_lag`.', resources: MODEL, adapters: SNOWFLAKE },
  { value: 'streaming_table', description: 'A Databricks streaming table.', resources: MODEL, adapters: DATABRICKS },
  { value: 'snapshot', description: 'A snapshot: records changes of its query as type-2 slowly changing rows.', resources: SNAPSHOT },
];

const PARTITION_FIELDS: readonly DbtConfigKey[] = [
  { name: 'field', description: 'The column to partition by.', resources: MODEL, type: 'string', columns: true, docs: adapterDocs('bigquery') },
  {
    name: 'data_type',
    description: 'The column\'s type.',
    resources: MODEL,
    type: 'string',
    values: ['timestamp', 'date', 'datetime', 'int64'].map((value) => ({ value })),
    docs: adapterDocs('bigquery'),
  },
  {
    name: 'granularity',
    description: 'The partition size for time types (`day` by default).',
    resources: MODEL,
    type: 'string',
    values: ['hour', 'day', 'month', 'year'].map((value) => ({ value })),
    docs: adapterDocs('bigquery'),
  },
  { name: 'range', description: 'For `int64`: `{start, end, interval}` of the integer ranges.', resources: MODEL, type: 'dict', sqlValue: "{'start': ${1:0}, 'end': ${2:100}, 'interval': ${3:10}}", docs: adapterDocs('bigquery') },
  { name: 'copy_partitions', description: 'With `insert_overwrite`, replaces partitions with copy jobs instead of a MERGE: faster and free.', resources: MODEL, type: 'boolean', docs: adapterDocs('bigquery') },
  { name: 'time_ingestion_partitioning', description: 'Partitions by ingestion time (`_PARTITIONTIME`) rather than by a column.', resources: MODEL, type: 'boolean', docs: adapterDocs('bigquery') },
];

export const DBT_CONFIG_KEYS: readonly DbtConfigKey[] = [
  // dbt's own configs.
  { name: 'materialized', description: 'How dbt builds the model in the warehouse.', resources: ['model', 'snapshot'], type: 'string', values: MATERIALIZATIONS, docs: `${DOCS}/docs/build/materializations` },
  { name: 'enabled', description: 'Whether dbt builds the resource at all; disabled resources cannot be ref()ed.', resources: ALL, type: 'boolean', docs: configDocs('enabled') },
  { name: 'tags', description: 'Labels for selecting resources (`dbt run --select tag:nightly`).', resources: ALL, type: 'string-or-list', sqlValue: "['$1']", yamlValue: '[$1]', docs: configDocs('tags') },
  { name: 'meta', description: 'Free-form metadata, shown in docs and kept in the manifest.', resources: ALL, type: 'dict', sqlValue: "{'${1:owner}': '$2'}", yamlValue: '{${1:owner}: $2}', docs: configDocs('meta') },
  { name: 'schema', description: 'A custom schema, combined with the target schema by `generate_schema_name`.', resources: ['model', 'seed', 'snapshot', 'test'], type: 'string', docs: configDocs('schema') },
  { name: 'database', description: 'A custom database (project in BigQuery), through `generate_database_name`.', resources: ['model', 'seed', 'snapshot', 'test'], type: 'string', docs: configDocs('database') },
  { name: 'alias', description: 'The relation\'s name in the warehouse, instead of the file name.', resources: ['model', 'seed', 'snapshot', 'test'], type: 'string', docs: configDocs('alias') },
  {
    name: 'persist_docs',
    description: 'Writes descriptions to the warehouse as relation and column comments.',
    resources: BUILT,
    type: 'dict',
    fields: [
      { name: 'relation', description: 'Writes the resource\'s description as the relation\'s comment.', resources: BUILT, type: 'boolean', docs: configDocs('persist_docs') },
      { name: 'columns', description: 'Writes column descriptions as column comments.', resources: BUILT, type: 'boolean', docs: configDocs('persist_docs') },
    ],
    sqlValue: '{"relation": ${1|true,false|}, "columns": ${2|true,false|}}', yamlValue: '{relation: ${1|true,false|}, columns: ${2|true,false|}}', docs: configDocs('persist_docs') },
  {
    name: 'contract',
    description: 'With `enforced: true`, dbt checks the model\'s columns and types against its YAML before building it.',
    resources: MODEL,
    type: 'dict',
    fields: [
      { name: 'enforced', description: 'Whether dbt checks the columns, their types and constraints before building the model.', resources: MODEL, type: 'boolean', docs: configDocs('contract') },
      { name: 'alias_types', description: 'Whether type aliases (`int` for `integer`) count as the same type (true by default).', resources: MODEL, type: 'boolean', docs: configDocs('contract') },
    ],
    sqlValue: '{"enforced": ${1|true,false|}}', yamlValue: '{enforced: ${1|true,false|}}', docs: configDocs('contract') },
  { name: 'grants', description: 'Privileges dbt grants on the relation after building it.', resources: BUILT, type: 'dict', sqlValue: "{'${1:select}': ['$2']}", yamlValue: '{${1:select}: [$2]}', docs: configDocs('grants') },
  { name: 'pre_hook', yamlName: 'pre-hook', description: 'SQL run before the resource is built.', resources: BUILT, type: 'string-or-list', sqlValue: '"$1"', docs: `${DOCS}/reference/resource-configs/pre-hook-post-hook` },
  { name: 'post_hook', yamlName: 'post-hook', description: 'SQL run after the resource is built (`{{ this }}` is the built relation).', resources: BUILT, type: 'string-or-list', sqlValue: '"$1"', docs: `${DOCS}/reference/resource-configs/pre-hook-post-hook` },
  { name: 'full_refresh', description: 'Set `false` to keep `--full-refresh` from rebuilding this model or seed.', resources: ['model', 'seed'], type: 'boolean', docs: configDocs('full_refresh') },
  {
    name: 'access',
    description: 'Who may ref() the model: `private` (its group), `protected` (its project), `public` (any project).',
    resources: MODEL,
    type: 'string',
    values: [
      { value: 'private', description: 'Only models of the same group may ref() it.' },
      { value: 'protected', description: 'Only models of the same project (and packages it installs) may ref() it.' },
      { value: 'public', description: 'Any project may ref() it.' },
    ],
    docs: configDocs('access'),
  },
  { name: 'group', description: 'The group that owns the resource.', resources: ['model', 'seed', 'snapshot', 'test'], type: 'string', docs: configDocs('group') },
  {
    name: 'docs',
    description: 'Whether the resource is shown in the docs site, and its colour there.',
    resources: BUILT,
    type: 'dict',
    fields: [
      { name: 'show', description: 'Whether the docs site shows the resource.', resources: BUILT, type: 'boolean', docs: configDocs('docs') },
      { name: 'node_color', description: 'The colour of the node in the docs site\'s graph.', resources: BUILT, type: 'string', docs: configDocs('docs') },
    ],
    sqlValue: '{"show": ${1|true,false|}}', yamlValue: '{show: ${1|true,false|}}', docs: configDocs('docs') },
  { name: 'sql_header', description: 'SQL run before the model\'s CREATE statement, in the same session.', resources: MODEL, type: 'string', docs: configDocs('sql_header') },
  { name: 'event_time', description: 'The column that holds each row\'s time: microbatch batches and sample mode filter on it.', resources: ['model', 'seed', 'snapshot', 'source'], type: 'string', columns: true, docs: configDocs('event-time') },
  {
    name: 'on_configuration_change',
    description: 'What a run does when a materialized view\'s configuration changed.',
    resources: MODEL,
    type: 'string',
    values: [
      { value: 'apply', description: 'Applies the change, altering or rebuilding the view.' },
      { value: 'continue', description: 'Keeps the view as it is and warns.' },
      { value: 'fail', description: 'Fails the run.' },
    ],
    docs: configDocs('on_configuration_change'),
  },
  // Incremental models.
  { name: 'incremental_strategy', description: 'How an incremental run writes its new rows; the choice depends on the adapter.', resources: MODEL, type: 'string', values: STRATEGIES, docs: `${DOCS}/docs/build/incremental-strategy` },
  { name: 'unique_key', description: 'The column (or columns) identifying a row, for `merge` and `delete+insert`; snapshots need it too.', resources: ['model', 'snapshot'], type: 'string-or-list', columns: true, docs: configDocs('unique_key') },
  {
    name: 'on_schema_change',
    description: 'What an incremental run does when the model\'s columns changed.',
    resources: MODEL,
    type: 'string',
    values: [
      { value: 'ignore', description: 'The default: new columns are not added, removed columns make the run fail.' },
      { value: 'fail', description: 'Fails the run when the columns differ.' },
      { value: 'append_new_columns', description: 'Adds new columns; never removes any.' },
      { value: 'sync_all_columns', description: 'Adds new columns and removes missing ones, changing types too.' },
    ],
    docs: `${DOCS}/docs/build/incremental-models#what-if-the-columns-of-my-incremental-model-change`,
  },
  { name: 'incremental_predicates', description: 'Extra conditions on the existing rows of a merge, to scan less of the target.', resources: MODEL, type: 'list', sqlValue: '["$1"]', yamlValue: '["$1"]', docs: `${DOCS}/docs/build/incremental-strategy` },
  { name: 'merge_update_columns', description: 'The only columns a merge updates.', resources: MODEL, type: 'list', columns: true, docs: `${DOCS}/docs/build/incremental-strategy` },
  { name: 'merge_exclude_columns', description: 'Columns a merge never updates.', resources: MODEL, type: 'list', columns: true, docs: `${DOCS}/docs/build/incremental-strategy` },
  {
    name: 'batch_size',
    description: 'The time span of one microbatch.',
    resources: MODEL,
    type: 'string',
    values: ['hour', 'day', 'month', 'year'].map((value) => ({ value })),
    docs: `${DOCS}/docs/build/incremental-microbatch`,
  },
  { name: 'begin', description: 'The earliest time a microbatch model builds from, e.g. `2024-01-01`.', resources: MODEL, type: 'string', docs: `${DOCS}/docs/build/incremental-microbatch` },
  { name: 'lookback', description: 'How many earlier batches a microbatch run rebuilds too, for late rows (1 by default).', resources: MODEL, type: 'integer', docs: `${DOCS}/docs/build/incremental-microbatch` },
  { name: 'concurrent_batches', description: 'Whether microbatches may run in parallel.', resources: MODEL, type: 'boolean', docs: `${DOCS}/docs/build/incremental-microbatch` },
  // Snapshots.
  {
    name: 'strategy',
    description: 'How a snapshot detects changed rows.',
    resources: SNAPSHOT,
    type: 'string',
    values: [
      { value: 'timestamp', description: 'A row changed when its `updated_at` column is newer.' },
      { value: 'check', description: 'A row changed when any of `check_cols` differs.' },
    ],
    docs: configDocs('strategy'),
  },
  { name: 'updated_at', description: 'The timestamp column the `timestamp` strategy compares.', resources: SNAPSHOT, type: 'string', columns: true, docs: configDocs('updated_at') },
  { name: 'check_cols', description: 'The columns the `check` strategy compares, or `all`.', resources: SNAPSHOT, type: 'string-or-list', columns: true, docs: configDocs('check_cols') },
  { name: 'target_schema', description: 'The schema snapshots are written to (before dbt 1.9; use `schema` since).', resources: SNAPSHOT, type: 'string', docs: configDocs('target_schema') },
  { name: 'target_database', description: 'The database snapshots are written to (before dbt 1.9; use `database` since).', resources: SNAPSHOT, type: 'string', docs: configDocs('target_database') },
  {
    name: 'hard_deletes',
    description: 'What a snapshot records for rows deleted from its source.',
    resources: SNAPSHOT,
    type: 'string',
    values: [
      { value: 'ignore', description: 'The default: deleted rows stay current.' },
      { value: 'invalidate', description: 'Sets `dbt_valid_to` on deleted rows.' },
      { value: 'new_record', description: 'Adds a row marking the deletion (`dbt_is_deleted`).' },
    ],
    docs: configDocs('hard-deletes'),
  },
  { name: 'invalidate_hard_deletes', description: 'Sets `dbt_valid_to` on rows deleted from the source (replaced by `hard_deletes`).', resources: SNAPSHOT, type: 'boolean', docs: configDocs('invalidate_hard_deletes') },
  { name: 'dbt_valid_to_current', description: 'The value `dbt_valid_to` holds for current rows, instead of null.', resources: SNAPSHOT, type: 'string', docs: configDocs('dbt_valid_to_current') },
  { name: 'snapshot_meta_column_names', description: 'Other names for the `dbt_valid_from`, `dbt_valid_to`, `dbt_scd_id` and `dbt_updated_at` columns.', resources: SNAPSHOT, type: 'dict', docs: configDocs('snapshot_meta_column_names') },
  // Seeds.
  { name: 'column_types', description: 'Column types for the seed\'s table, instead of inferred ones.', resources: SEED, type: 'dict', sqlValue: "{'${1:column}': '${2:varchar}'}", yamlValue: '{${1:column}: ${2:varchar}}', docs: configDocs('column_types') },
  { name: 'delimiter', description: 'The CSV field separator (`,` by default).', resources: SEED, type: 'string', docs: configDocs('delimiter') },
  { name: 'quote_columns', description: 'Whether column names are quoted when the seed\'s table is created.', resources: SEED, type: 'boolean', docs: configDocs('quote_columns') },
  // Data tests.
  {
    name: 'severity',
    description: 'Whether a failing test is an error or a warning.',
    resources: TEST,
    type: 'string',
    values: [{ value: 'error' }, { value: 'warn' }],
    docs: configDocs('severity'),
  },
  { name: 'error_if', description: 'The failure count that makes the test an error, e.g. `>10`.', resources: TEST, type: 'string', docs: configDocs('severity') },
  { name: 'warn_if', description: 'The failure count that makes the test a warning, e.g. `>0`.', resources: TEST, type: 'string', docs: configDocs('severity') },
  { name: 'where', description: 'A filter on the tested relation, e.g. `created_at > current_date - 7`.', resources: TEST, type: 'string', docs: configDocs('where') },
  { name: 'limit', description: 'The most failing rows the test returns.', resources: TEST, type: 'integer', docs: configDocs('limit') },
  { name: 'fail_calc', description: 'The aggregate over failing rows that counts failures (`count(*)` by default).', resources: TEST, type: 'string', docs: configDocs('fail_calc') },
  { name: 'store_failures', description: 'Stores the failing rows in a table in the warehouse.', resources: TEST, type: 'boolean', docs: configDocs('store_failures') },
  {
    name: 'store_failures_as',
    description: 'How failing rows are stored.',
    resources: TEST,
    type: 'string',
    values: [{ value: 'table' }, { value: 'view' }, { value: 'ephemeral', description: 'Not stored.' }],
    docs: configDocs('store_failures_as'),
  },
  // Sources.
  { name: 'freshness', description: 'How old the newest row may be before `dbt source freshness` warns or fails.', resources: ['source'], type: 'dict', yamlValue: '{warn_after: {count: ${1:12}, period: ${2|hour,day,minute|}}}', docs: configDocs('freshness') },
  { name: 'loaded_at_field', description: 'The column freshness reads the load time from.', resources: ['source'], type: 'string', docs: configDocs('freshness') },

  // BigQuery.
  {
    name: 'partition_by',
    description: 'Partitions the table by a date, timestamp or integer column; queries filtering on it scan less.',
    resources: MODEL,
    adapters: BIGQUERY,
    type: 'dict',
    fields: PARTITION_FIELDS,
    sqlValue: "{'field': '${1:created_at}', 'data_type': '${2|timestamp,date,datetime,int64|}', 'granularity': '${3|day,hour,month,year|}'}",
    yamlValue: '{field: ${1:created_at}, data_type: ${2|timestamp,date,datetime,int64|}, granularity: ${3|day,hour,month,year|}}',
    docs: `${adapterDocs('bigquery')}#using-table-partitioning`,
  },
  { name: 'cluster_by', description: 'Up to four columns the table is clustered by.', resources: MODEL, adapters: BIGQUERY, type: 'string-or-list', columns: true, docs: `${adapterDocs('bigquery')}#clustering-clause` },
  { name: 'partition_expiration_days', description: 'Days after which a partition is deleted.', resources: MODEL, adapters: BIGQUERY, type: 'integer', docs: adapterDocs('bigquery') },
  { name: 'require_partition_filter', description: 'Makes every query on the table filter on the partition column.', resources: MODEL, adapters: BIGQUERY, type: 'boolean', docs: adapterDocs('bigquery') },
  { name: 'labels', description: 'BigQuery labels on the table or view.', resources: BUILT, adapters: BIGQUERY, type: 'dict', sqlValue: "{'${1:team}': '$2'}", yamlValue: '{${1:team}: $2}', docs: `${adapterDocs('bigquery')}#specifying-labels` },
  { name: 'kms_key_name', description: 'The Cloud KMS key that encrypts the table.', resources: BUILT, adapters: BIGQUERY, type: 'string', docs: `${adapterDocs('bigquery')}#managing-kms-encryption` },
  { name: 'hours_to_expiration', description: 'Hours after which the table is deleted.', resources: BUILT, adapters: BIGQUERY, type: 'integer', docs: adapterDocs('bigquery') },
  { name: 'enable_refresh', description: 'Whether the materialized view refreshes automatically.', resources: MODEL, adapters: BIGQUERY, type: 'boolean', docs: adapterDocs('bigquery') },
  { name: 'refresh_interval_minutes', description: 'How often the materialized view refreshes.', resources: MODEL, adapters: BIGQUERY, type: 'integer', docs: adapterDocs('bigquery') },

  // Snowflake.
  { name: 'transient', description: 'Creates a transient table: no fail-safe period, so cheaper storage (true by default).', resources: BUILT, adapters: SNOWFLAKE, type: 'boolean', docs: `${adapterDocs('snowflake')}#transient-tables` },
  { name: 'cluster_by', description: 'The clustering key of the table.', resources: MODEL, adapters: SNOWFLAKE, type: 'string-or-list', columns: true, docs: `${adapterDocs('snowflake')}#configuring-table-clustering` },
  { name: 'automatic_clustering', description: 'Turns Snowflake\'s automatic reclustering on for the table.', resources: MODEL, adapters: SNOWFLAKE, type: 'boolean', docs: `${adapterDocs('snowflake')}#configuring-table-clustering` },
  { name: 'snowflake_warehouse', description: 'The warehouse that builds this model, instead of the target\'s.', resources: BUILT, adapters: SNOWFLAKE, type: 'string', docs: `${adapterDocs('snowflake')}#configuring-virtual-warehouses` },
  { name: 'copy_grants', description: 'Keeps the grants of the relation a rebuild replaces.', resources: BUILT, adapters: SNOWFLAKE, type: 'boolean', docs: `${adapterDocs('snowflake')}#copying-grants` },
  { name: 'query_tag', description: 'The QUERY_TAG of the queries that build the model.', resources: BUILT, adapters: SNOWFLAKE, type: 'string', docs: `${adapterDocs('snowflake')}#query-tags` },
  { name: 'secure', description: 'Creates a secure view.', resources: MODEL, adapters: SNOWFLAKE, type: 'boolean', docs: `${adapterDocs('snowflake')}#secure-views` },
  { name: 'target_lag', description: 'How far a dynamic table may lag behind its sources, e.g. `1 hour` or `downstream`.', resources: MODEL, adapters: SNOWFLAKE, type: 'string', docs: `${adapterDocs('snowflake')}#dynamic-tables` },
  {
    name: 'tmp_relation_type',
    description: 'Whether an incremental run stages its rows in a temporary table or view.',
    resources: MODEL,
    adapters: SNOWFLAKE,
    type: 'string',
    values: [{ value: 'table' }, { value: 'view' }],
    docs: adapterDocs('snowflake'),
  },

  // Databricks and Spark.
  {
    name: 'file_format',
    description: 'The table\'s file format.',
    resources: BUILT,
    adapters: SPARK_FAMILY,
    type: 'string',
    values: [
      { value: 'delta', description: 'The default on Databricks.' },
      { value: 'iceberg' },
      { value: 'parquet' },
      { value: 'hudi' },
      { value: 'orc' },
      { value: 'csv' },
      { value: 'json' },
      { value: 'text' },
      { value: 'avro' },
    ],
    docs: adapterDocs('databricks'),
  },
  { name: 'location_root', description: 'The storage folder the table\'s files are written under (an external table).', resources: BUILT, adapters: SPARK_FAMILY, type: 'string', docs: adapterDocs('databricks') },
  { name: 'partition_by', description: 'Columns the table is partitioned by.', resources: BUILT, adapters: SPARK_FAMILY, type: 'string-or-list', columns: true, docs: adapterDocs('databricks') },
  { name: 'liquid_clustered_by', description: 'Columns for Delta liquid clustering, instead of partitions and Z-order.', resources: MODEL, adapters: DATABRICKS, type: 'string-or-list', columns: true, docs: `${adapterDocs('databricks')}#liquid-clustering` },
  { name: 'auto_liquid_cluster', description: 'Lets Databricks choose the liquid clustering columns.', resources: MODEL, adapters: DATABRICKS, type: 'boolean', docs: `${adapterDocs('databricks')}#liquid-clustering` },
  { name: 'zorder', description: 'Columns to Z-order the Delta table by after building it.', resources: MODEL, adapters: DATABRICKS, type: 'string-or-list', columns: true, docs: adapterDocs('databricks') },
  { name: 'clustered_by', description: 'Columns to bucket the table by (with `buckets`).', resources: MODEL, adapters: SPARK_FAMILY, type: 'string-or-list', columns: true, docs: adapterDocs('spark') },
  { name: 'buckets', description: 'The number of buckets for `clustered_by`.', resources: MODEL, adapters: SPARK_FAMILY, type: 'integer', docs: adapterDocs('spark') },
  { name: 'tblproperties', description: 'Table properties set on the Delta table.', resources: BUILT, adapters: SPARK_FAMILY, type: 'dict', sqlValue: "{'${1:delta.autoOptimize.optimizeWrite}': '${2:true}'}", yamlValue: "{'${1:delta.autoOptimize.optimizeWrite}': '${2:true}'}", docs: adapterDocs('databricks') },
  { name: 'databricks_tags', description: 'Unity Catalog tags on the table.', resources: BUILT, adapters: DATABRICKS, type: 'dict', docs: adapterDocs('databricks') },

  // Redshift.
  { name: 'sort', description: 'The sort key column (or columns).', resources: BUILT, adapters: REDSHIFT, type: 'string-or-list', columns: true, docs: `${adapterDocs('redshift')}#using-sortkey-and-distkey` },
  { name: 'dist', description: 'The distribution style (`all`, `even`, `auto`) or the distribution key column.', resources: BUILT, adapters: REDSHIFT, type: 'string', values: [{ value: 'auto' }, { value: 'even' }, { value: 'all' }], columns: true, docs: `${adapterDocs('redshift')}#using-sortkey-and-distkey` },
  {
    name: 'sort_type',
    description: 'How a multi-column sort key sorts.',
    resources: BUILT,
    adapters: REDSHIFT,
    type: 'string',
    values: [{ value: 'compound' }, { value: 'interleaved' }],
    docs: `${adapterDocs('redshift')}#using-sortkey-and-distkey`,
  },
  { name: 'bind', description: 'Set `false` for late-binding views, which survive their sources being dropped.', resources: MODEL, adapters: REDSHIFT, type: 'boolean', docs: `${adapterDocs('redshift')}#late-binding-views` },
  { name: 'backup', description: 'Whether the table is included in automated and manual snapshots.', resources: BUILT, adapters: REDSHIFT, type: 'boolean', docs: adapterDocs('redshift') },
  { name: 'auto_refresh', description: 'Whether the materialized view refreshes automatically.', resources: MODEL, adapters: REDSHIFT, type: 'boolean', docs: adapterDocs('redshift') },

  // Postgres.
  {
    name: 'indexes',
    description: 'Indexes dbt creates on the table.',
    resources: BUILT,
    adapters: POSTGRES,
    type: 'list',
    sqlValue: "[{'columns': ['$1'], 'unique': ${2|false,true|}, 'type': '${3|btree,hash,gist,gin,brin|}'}]",
    yamlValue: '[{columns: [$1], unique: ${2|false,true|}, type: ${3|btree,hash,gist,gin,brin|}}]',
    docs: `${adapterDocs('postgres')}#indexes`,
  },
  { name: 'unlogged', description: 'Creates an unlogged table: faster writes, emptied after a crash.', resources: BUILT, adapters: POSTGRES, type: 'boolean', docs: `${adapterDocs('postgres')}#unlogged` },
];

/**
 * The keys that apply to a resource on an adapter; for a key that adapters define differently
 * (`partition_by`, `cluster_by`), the adapter's own definition.
 */
export function configKeysFor(resource: ConfigResource, adapter: Adapter | undefined): DbtConfigKey[] {
  const byName = new Map<string, DbtConfigKey>();
  for (const key of DBT_CONFIG_KEYS) {
    if (!key.resources.includes(resource)) continue;
    if (key.adapters && adapter && !key.adapters.includes(adapter)) continue;
    const previous = byName.get(key.name);
    // Without a known adapter, the first definition of a key stands for all of them.
    if (!previous || (adapter && key.adapters)) byName.set(key.name, key);
  }
  return [...byName.values()];
}

/** The values of a key that apply to a resource on an adapter. */
export function configValuesFor(key: DbtConfigKey, resource: ConfigResource, adapter: Adapter | undefined): ConfigValue[] {
  return (key.values ?? []).filter((value) => (!value.adapters || !adapter || value.adapters.includes(adapter)) && (!value.resources || value.resources.includes(resource)));
}

/** Which adapters a key or value is specific to, for the item's detail. */
export function adapterNote(adapters: readonly Adapter[] | undefined): string | undefined {
  return adapters ? adapters.join(', ') : undefined;
}
