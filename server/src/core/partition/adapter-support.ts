/**
 * What each adapter does with incremental strategies, partitioning and clustering, shared by the `partition/` rules;
 * and where a model's config value is written, so their findings point where the engineer changes it.
 *
 * The strategy lists are the adapters' own (`valid_incremental_strategies()` in each adapter's `impl.py`, or the
 * validation macro of the incremental materialization where the adapter checks against a fixed list), read from the
 * adapters' sources, which the "Supported incremental strategies by adapter" table of
 * https://docs.getdbt.com/docs/build/incremental-strategy summarises.
 */
import { firstLineSpan } from '../text';
import type { Adapter } from '../config/dplens-config';
import { isPyExpression } from '../pyvalue';
import type { GraphNode, ProjectIndex } from '../project/index-types';
import type { PythonSummary, SqlSummary } from '../project/summary';
import type { ConfigCall } from '../jinja';
import type { Severity } from '../findings';
import type { FindingLocation, ReportedFinding } from '../rules/rule';
import { folderConfigWithSources } from '../yaml';

export interface AdapterStrategies {
  /** The strategies dbt accepts for an incremental model on this adapter. */
  strategies: readonly string[];
  /** What an incremental model without `incremental_strategy` does. */
  defaultStrategy: string;
  /**
   * True when the incremental materialization validates the strategy against a fixed list, so a project's own
   * `get_incremental_<name>_sql` macro cannot add one (BigQuery and Spark).
   */
  closedList: boolean;
  /** Where the list and the default come from. */
  source: string;
}

/** The strategies dbt-core calls built in: one of these that the adapter does not list fails even with a custom macro. */
export const BUILTIN_STRATEGIES: readonly string[] = ['append', 'delete+insert', 'merge', 'insert_overwrite', 'microbatch'];

export const ADAPTER_STRATEGIES: Record<Adapter, AdapterStrategies> = {
  // dbt-bigquery: `dbt_bigquery_validate_get_incremental_strategy` (macros/materializations/incremental.sql) raises
  // "Invalid incremental strategy provided" for anything else; `config.get("incremental_strategy") or 'merge'`.
  bigquery: { strategies: ['merge', 'insert_overwrite', 'microbatch'], defaultStrategy: 'merge', closedList: true, source: 'dbt-bigquery, macros/materializations/incremental.sql' },
  // dbt-snowflake: `SnowflakeAdapter.valid_incremental_strategies()` (insert_overwrite since 1.9.2, replacing the
  // whole table); `snowflake__get_incremental_default_sql` is merge.
  snowflake: { strategies: ['append', 'merge', 'delete+insert', 'insert_overwrite', 'microbatch'], defaultStrategy: 'merge', closedList: false, source: 'dbt-snowflake, SnowflakeAdapter.valid_incremental_strategies()' },
  // dbt-databricks: `DatabricksAdapter.valid_incremental_strategies()` (delete+insert since 1.11; merge, replace_where,
  // delete+insert and microbatch need Delta); `config.get('incremental_strategy') or 'merge'` (strategies.sql).
  databricks: {
    strategies: ['append', 'merge', 'insert_overwrite', 'replace_where', 'delete+insert', 'microbatch'],
    defaultStrategy: 'merge',
    closedList: false,
    source: 'dbt-databricks, DatabricksAdapter.valid_incremental_strategies()',
  },
  // dbt-spark: `dbt_spark_validate_get_incremental_strategy` (incremental/validate.sql) raises for anything else;
  // `config.get('incremental_strategy') or 'append'`.
  spark: { strategies: ['append', 'merge', 'insert_overwrite', 'microbatch'], defaultStrategy: 'append', closedList: true, source: 'dbt-spark, macros/materializations/incremental/validate.sql' },
  // dbt-redshift: `RedshiftAdapter.valid_incremental_strategies()`; the default is dbt-core's append.
  redshift: { strategies: ['append', 'delete+insert', 'merge', 'microbatch'], defaultStrategy: 'append', closedList: false, source: 'dbt-redshift, RedshiftAdapter.valid_incremental_strategies()' },
  // dbt-postgres: `PostgresAdapter.valid_incremental_strategies()`; `postgres__get_incremental_default_sql` is
  // delete+insert with a unique_key, append without.
  postgres: { strategies: ['append', 'delete+insert', 'merge', 'microbatch'], defaultStrategy: 'append', closedList: false, source: 'dbt-postgres, PostgresAdapter.valid_incremental_strategies()' },
  // dbt-trino: `TrinoAdapter.valid_incremental_strategies()`; the default is append.
  trino: { strategies: ['append', 'merge', 'delete+insert', 'microbatch'], defaultStrategy: 'append', closedList: false, source: 'dbt-trino, TrinoAdapter.valid_incremental_strategies()' },
  // dbt-duckdb: `DUCKDB_BASE_INCREMENTAL_STRATEGIES` plus merge and microbatch from DuckDB 1.4 (constants.py, impl.py);
  // the default is append.
  duckdb: { strategies: ['append', 'delete+insert', 'merge', 'microbatch'], defaultStrategy: 'append', closedList: false, source: 'dbt-duckdb, DuckDBAdapter.valid_incremental_strategies()' },
};

/** The display name of an adapter in messages. */
export const ADAPTER_NAMES: Record<Adapter, string> = {
  bigquery: 'BigQuery',
  snowflake: 'Snowflake',
  databricks: 'Databricks',
  spark: 'Spark',
  redshift: 'Redshift',
  postgres: 'Postgres',
  trino: 'Trino',
  duckdb: 'DuckDB',
};

/** A value that cannot be read statically: a Python expression, or a YAML string holding Jinja. */
export function isUnknownValue(value: unknown): boolean {
  return isPyExpression(value) || (typeof value === 'string' && value.includes('{{'));
}

/** True when a config value is absent (or null, as dbt treats `none`). */
export function isAbsent(value: unknown): boolean {
  return value === undefined || value === null;
}

/** The enabled incremental models of root projects, with their project's adapter. */
export function* incrementalModels(index: ProjectIndex): Iterable<{ node: GraphNode; adapter: Adapter }> {
  for (const { node, adapter } of checkedModels(index)) {
    if (node.config.materialized === 'incremental') yield { node, adapter };
  }
}

/**
 * The enabled models of root projects defined by a file, with their project's adapter. A model file several projects
 * share is checked once, with its first owner's adapter.
 */
export function* checkedModels(index: ProjectIndex): Iterable<{ node: GraphNode; adapter: Adapter }> {
  for (const node of index.nodes()) {
    if (node.resourceType !== 'model' || !node.enabled || node.isPackage || !node.file || node.copyOf !== undefined) continue;
    const project = index.projects.get(node.projectId);
    if (project) yield { node, adapter: project.adapter };
  }
}

/** The strategy an incremental model uses: its own, or the adapter's default (undefined when not a literal). */
export function strategyOf(node: GraphNode, adapter: Adapter): { strategy: string; explicit: boolean } | undefined {
  const value = node.config.incremental_strategy;
  if (isAbsent(value)) return { strategy: defaultStrategy(node, adapter), explicit: false };
  if (typeof value !== 'string' || isUnknownValue(value)) return undefined;
  return { strategy: value.trim().toLowerCase(), explicit: true };
}

function defaultStrategy(node: GraphNode, adapter: Adapter): string {
  // dbt-postgres deletes and inserts by the unique key when there is one.
  if (adapter === 'postgres' && !isAbsent(node.config.unique_key)) return 'delete+insert';
  return ADAPTER_STRATEGIES[adapter].defaultStrategy;
}

/** Where a config value comes from, for locating findings and wording messages. */
export type ConfigOrigin = 'sql' | 'properties' | 'project';

export interface ConfigSetting {
  origin: ConfigOrigin;
  location: FindingLocation;
}

/**
 * Where the value a model ends up with for `key` is written, following dbt's precedence: the last `config()` call
 * of the model file that sets it, else the model's `config:` in properties YAML, else the most specific level of
 * dbt_project.yml that sets it. Undefined when none does (a default).
 */
export function configSetting(index: ProjectIndex, node: GraphNode, key: string): ConfigSetting | undefined {
  if (node.file) {
    const calls = configCalls(index, node.file);
    for (let i = calls.length - 1; i >= 0; i--) {
      const span = Object.prototype.hasOwnProperty.call(calls[i].argSpans ?? {}, key) ? calls[i].argSpans[key] : undefined;
      if (span) return { origin: 'sql', location: { file: node.file, span } };
      if (Object.prototype.hasOwnProperty.call(calls[i].args, key)) return { origin: 'sql', location: { file: node.file, span: calls[i].span } };
    }
  }
  if (node.properties) {
    const summary = index.file(node.properties.file);
    const [section, position] = node.properties.path;
    const spec = summary?.kind === 'properties' && section === 'models' && typeof position === 'number' ? summary.properties.models[position] : undefined;
    if (spec?.config && Object.prototype.hasOwnProperty.call(spec.config, key)) {
      return { origin: 'properties', location: { file: node.properties.file, yamlPath: [...node.properties.path, 'config', key], target: 'key' } };
    }
  }
  const project = index.projects.get(node.projectId);
  if (project) {
    const tree = (project.parsed as unknown as Record<string, unknown>).models;
    const { setAt } = folderConfigWithSources(tree, project.name, node.fqn.slice(1, -1), node.name);
    const path = setAt[key];
    if (path) return { origin: 'project', location: { file: project.projectFile, yamlPath: ['models', ...path], target: 'key' } };
  }
  return undefined;
}

/**
 * Where to add a config the model lacks: its own `config()` call, else its properties entry, else the first line
 * of its file.
 */
export function modelConfigLocation(index: ProjectIndex, node: GraphNode): FindingLocation {
  const file = node.file!;
  const calls = configCalls(index, file);
  if (calls.length > 0) return { file, span: calls[0].span };
  if (node.properties) return { file: node.properties.file, yamlPath: [...node.properties.path, 'name'], target: 'value' };
  return { file, span: firstLineSpan(index.text(file)) };
}

/** Where a setting the model lacks should go, given the setting it goes with: beside it when it is the model's own. */
export function besideSetting(index: ProjectIndex, node: GraphNode, setting: ConfigSetting | undefined): FindingLocation {
  return setting && setting.origin !== 'project' ? setting.location : modelConfigLocation(index, node);
}

/** The `config()` calls of a model file, SQL or Python. */
export function configCalls(index: ProjectIndex, file: string): ConfigCall[] {
  const summary = index.file(file);
  if (!summary) return [];
  if (summary.kind === 'python-model') return (summary as PythonSummary).configs;
  if ('jinja' in summary) return (summary as SqlSummary).jinja.configs;
  return [];
}

/** How a setting is named in a message: `partition_by` in dbt_project.yml, or in the model's config. */
export function describeOrigin(setting: ConfigSetting | undefined): string {
  if (!setting) return '';
  if (setting.origin === 'project') return ' (set in dbt_project.yml)';
  if (setting.origin === 'properties') return ' (set in the properties YAML)';
  return '';
}

type BuildMessage = (models: string, many: boolean) => { message: string; severity?: Severity };

/**
 * Findings about a value set once in dbt_project.yml for many models are reported once at that key, naming the
 * models; findings about one model's own setting are reported as they come.
 */
export class GroupedReports {
  private readonly groups = new Map<string, { location: FindingLocation; models: string[]; build: BuildMessage }>();

  constructor(private readonly report: (finding: ReportedFinding) => void) {}

  /** `build` receives the model names, formatted for a sentence, and whether there are several. */
  add(location: FindingLocation, model: string, kind: string, build: BuildMessage): void {
    if (!('yamlPath' in location)) {
      this.report({ ...location, ...build(`\`${model}\``, false) });
      return;
    }
    const key = `${kind}\u0000${location.file}\u0000${location.yamlPath.join('\u0000')}`;
    const group = this.groups.get(key);
    if (group) group.models.push(model);
    else this.groups.set(key, { location, models: [model], build });
  }

  flush(): void {
    for (const group of this.groups.values()) {
      const names = group.models.sort().map((name) => `\`${name}\``);
      const models = names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
      this.report({ ...group.location, ...group.build(models, names.length > 1) });
    }
    this.groups.clear();
  }
}
