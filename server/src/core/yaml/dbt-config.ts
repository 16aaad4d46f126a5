/**
 * dbt's config hierarchy: how `models:`/`seeds:`/... trees in dbt_project.yml apply to a resource, and how
 * configs from several levels combine.
 *
 * This mirrors dbt-core's `fqn_search` and `BaseConfig.update_from` (`MergeBehavior`): most keys are replaced by
 * the more specific level, `tags`, hooks and `packages` accumulate, `meta`, `docs` and `contract` merge shallowly,
 * and `grants` merges per privilege, appending when the privilege is written with a leading `+`.
 */
import type { YamlPath } from './locate';
import { isPlainObject, type PlainObject } from './read';

/**
 * Config names dbt and its common adapters know.
 * dbt itself treats any bare key with a scalar or list value as a config; this list serves rules that want to tell a
 * misspelt config from a folder, and callers that want to know whether a mapping under a bare key was meant as a config.
 */
export const KNOWN_DBT_CONFIGS: ReadonlySet<string> = new Set([
  // General, all resources.
  'enabled', 'tags', 'meta', 'docs', 'group', 'access', 'schema', 'database', 'alias', 'persist_docs', 'pre-hook',
  'post-hook', 'pre_hook', 'post_hook', 'quoting', 'column_types', 'full_refresh', 'grants', 'contract', 'event_time',
  'materialized', 'sql_header', 'on_configuration_change', 'packages', 'python_version', 'submission_method',
  // Incremental and microbatch.
  'unique_key', 'incremental_strategy', 'on_schema_change', 'incremental_predicates', 'batch_size', 'lookback',
  'begin', 'concurrent_batches', 'merge_update_columns', 'merge_exclude_columns',
  // Seeds and snapshots.
  'delimiter', 'quote_columns', 'strategy', 'updated_at', 'check_cols', 'target_schema', 'target_database',
  'invalidate_hard_deletes', 'hard_deletes', 'snapshot_meta_column_names', 'dbt_valid_to_current',
  // Tests.
  'severity', 'error_if', 'warn_if', 'fail_calc', 'store_failures', 'store_failures_as', 'where', 'limit',
  // Sources.
  'freshness', 'loaded_at_field', 'loaded_at_query',
  // Semantic layer and exports.
  'export_as', 'cache',
  // BigQuery.
  'partition_by', 'cluster_by', 'partition_expiration_days', 'require_partition_filter', 'labels', 'hours_to_expiration',
  'kms_key_name', 'policy_tags', 'copy_partitions', 'enable_refresh', 'refresh_interval_minutes', 'max_staleness',
  'description', 'table_format', 'file_format', 'storage_uri', 'resource_tags', 'job_execution_timeout_seconds',
  'partitions', 'enable_list_inference', 'intermediate_format',
  // Snowflake.
  'transient', 'automatic_clustering', 'copy_grants', 'snowflake_warehouse', 'query_tag', 'secure',
  'target_lag', 'tmp_relation_type', 'table_tag', 'row_access_policy', 'external_volume', 'base_location_root',
  'base_location_subpath', 'catalog',
  // Redshift and Postgres.
  'dist', 'sort', 'sort_type', 'bind', 'backup', 'auto_refresh', 'indexes', 'unlogged',
  // Databricks and Spark.
  'location_root', 'clustered_by', 'buckets', 'tblproperties', 'liquid_clustered_by', 'auto_liquid_cluster',
  'zorder', 'compression', 'databricks_tags', 'options', 'schedule', 'include_full_name_in_path',
  // Trino, Athena, DuckDB, others.
  'properties', 'views_enabled', 'format', 'external_location', 'partitioned_by', 'bucketed_by', 'bucket_count',
  'write_compression', 'lf_tags_config', 'plugin', 'glue_database', 'as_columnstore', 'view_security',
]);

/** Whether `key` (with or without a leading `+`) is a config name dbt or a common adapter knows. */
export function isKnownDbtConfig(key: string): boolean {
  return KNOWN_DBT_CONFIGS.has(key.startsWith('+') ? key.slice(1) : key);
}

const APPENDED = new Set(['tags', 'pre-hook', 'post-hook', 'packages']);
const SHALLOW_MERGED = new Set(['meta', 'docs', 'contract']);

/** dbt accepts `pre_hook` and `pre-hook`; configs carry the hyphenated spelling, as dbt's own `config` does. */
export function canonicalConfigKey(key: string): string {
  if (key === 'pre_hook') return 'pre-hook';
  if (key === 'post_hook') return 'post-hook';
  return key;
}

/** Combines a less specific config (`base`) with a more specific one (`override`), as dbt does. Pure. */
export function mergeDbtConfig(base: PlainObject, override: PlainObject): PlainObject {
  const merged: PlainObject = {};
  for (const [key, value] of Object.entries(base)) merged[canonicalConfigKey(key)] = value;
  for (const [rawKey, value] of Object.entries(override)) {
    const key = canonicalConfigKey(rawKey);
    const previous = merged[key];
    if (APPENDED.has(key)) {
      merged[key] = key === 'tags' ? unique([...listify(previous), ...listify(value)]) : [...listify(previous), ...listify(value)];
    } else if (SHALLOW_MERGED.has(key) && isPlainObject(previous) && isPlainObject(value)) {
      merged[key] = Object.assign({}, previous, value);
    } else if (key === 'grants' && isPlainObject(value)) {
      merged[key] = mergeGrants(isPlainObject(previous) ? previous : {}, value);
    } else {
      merged[key] = value;
    }
  }
  return merged;
}

/** dbt's `DictKeyAppend`: each privilege clobbers, unless written `+privilege`, which extends the inherited grantees. */
function mergeGrants(base: PlainObject, override: PlainObject): PlainObject {
  const merged: PlainObject = {};
  for (const [privilege, grantees] of Object.entries(base)) merged[privilege] = listify(grantees);
  for (const [rawPrivilege, grantees] of Object.entries(override)) {
    const extend = rawPrivilege.startsWith('+');
    const privilege = extend ? rawPrivilege.replace(/^\++/, '') : rawPrivilege;
    const inherited = merged[privilege];
    merged[privilege] = extend && Array.isArray(inherited) ? [...inherited, ...listify(grantees)] : listify(grantees);
  }
  return merged;
}

function listify(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function unique(values: unknown[]): unknown[] {
  return [...new Set(values)];
}

/**
 * The configs written directly at one level of a tree: keys with a leading `+`, and bare keys whose value is not
 * a mapping (dbt reads a bare key with a mapping value as a subfolder, which is why `meta` needs `+meta`).
 */
export function configsAtLevel(level: PlainObject): PlainObject {
  const configs: PlainObject = {};
  for (const [key, value] of Object.entries(level)) {
    if (key.startsWith('+')) configs[canonicalConfigKey(key.slice(1).trim())] = value;
    else if (!isPlainObject(value)) configs[canonicalConfigKey(key)] = value;
  }
  return configs;
}

export interface ResolvedFolderConfig {
  config: PlainObject;
  /** For each resulting key, the path inside the tree of the most specific level that set it (for locating). */
  setAt: Record<string, YamlPath>;
}

/**
 * The config a project tree gives one resource, following dbt's fully qualified name:
 * the tree's root, then the package or project name, then each folder under the resource path, then the
 * resource's own name. The most specific level wins (with dbt's merge rules).
 * `tree` is e.g. the value of `models:`; the paths in `setAt` are relative to it.
 */
export function folderConfigWithSources(
  tree: unknown,
  projectName: string,
  folderSegments: string[],
  resourceName?: string,
): ResolvedFolderConfig {
  const result: ResolvedFolderConfig = { config: {}, setAt: {} };
  if (!isPlainObject(tree)) return result;
  const fqn = resourceName === undefined ? [projectName, ...folderSegments] : [projectName, ...folderSegments, resourceName];
  let level: PlainObject = tree;
  const path: YamlPath = [];
  for (let depth = 0; ; depth++) {
    const configs = configsAtLevel(level);
    result.config = mergeDbtConfig(result.config, configs);
    for (const key of Object.keys(level)) {
      const canonical = canonicalConfigKey(key.startsWith('+') ? key.slice(1).trim() : key);
      if (canonical in configs) result.setAt[canonical] = [...path, key];
    }
    if (depth >= fqn.length) break;
    const next = level[fqn[depth]];
    if (!isPlainObject(next)) break;
    path.push(fqn[depth]);
    level = next;
  }
  return result;
}

/** The config a project tree gives one resource (see `folderConfigWithSources`). */
export function folderConfig(tree: unknown, projectName: string, folderSegments: string[], resourceName?: string): Record<string, unknown> {
  return folderConfigWithSources(tree, projectName, folderSegments, resourceName).config;
}
