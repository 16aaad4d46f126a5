/**
 * The summary of a dbt properties file (`models/_models.yml` and friends), as plain data.
 *
 * Every entity, column and test keeps its `YamlPath`, so a rule can locate it exactly later without this
 * reader paying for positions up front.
 * `raw` keeps the whole loaded entry for keys this summary does not name.
 */
import type { YamlPath } from './locate';
import type { PlainObject, YamlProblem } from './read';

/** A generic data test attached to a model, column, source or table, with its name normalised. */
export interface DataTestSpec {
  /** The test as dbt resolves it: `unique`, `relationships`, `dbt_utils.expression_is_true`. */
  test: string;
  /** The package part of a namespaced test (`dbt_utils`), if any. */
  namespace?: string;
  /** The test name without its namespace (`expression_is_true`). */
  testName: string;
  /** A custom name given with `name:` (dbt uses it as the test's node name). */
  customName?: string;
  /** Arguments: the keys beside the test name, or the `arguments:` mapping of dbt 1.10+. */
  arguments: PlainObject;
  /** The `config:` mapping, plus the config keys dbt also accepts at top level (severity, where, ...). */
  config: PlainObject;
  /** Which key the test was listed under. */
  listedUnder: 'tests' | 'data_tests';
  path: YamlPath;
}

export interface ConstraintSpec {
  type: string;
  name?: string;
  expression?: string;
  columns?: string[];
  /** Foreign keys: the referenced relation (`ref('x')` in dbt 1.9+, or a table name) and columns. */
  to?: string;
  toColumns?: string[];
  path: YamlPath;
}

export interface ColumnSpec {
  name: string;
  description?: string;
  dataType?: string;
  quote?: boolean;
  meta?: PlainObject;
  tags?: string[];
  constraints: ConstraintSpec[];
  tests: DataTestSpec[];
  path: YamlPath;
}

/** Properties shared by models, seeds, snapshots, analyses and source tables. */
export interface DescribedEntity {
  name: string;
  description?: string;
  config?: PlainObject;
  meta?: PlainObject;
  docs?: PlainObject;
  /** The entry's own `tags:` (dbt 1.10 moves them under `config:`, which `config` holds). */
  tags?: string[];
  columns: ColumnSpec[];
  tests: DataTestSpec[];
  path: YamlPath;
}

export interface ModelVersionSpec {
  /** The version identifier, as text (`2`, `2.1`, `"beta"`). */
  v: string;
  definedIn?: string;
  config?: PlainObject;
  /** `include: all` / `'*'` or a list of column names, from a `{include, exclude}` entry of `columns`. */
  include?: 'all' | string[];
  exclude?: string[];
  columns: ColumnSpec[];
  tests: DataTestSpec[];
  deprecationDate?: string;
  path: YamlPath;
}

export interface ModelSpec extends DescribedEntity {
  access?: string;
  group?: string;
  latestVersion?: string;
  constraints: ConstraintSpec[];
  versions: ModelVersionSpec[];
  deprecationDate?: string;
  /** Set when the model is a semantic-layer time spine (`time_spine:`), which has no parents by design. */
  timeSpine?: boolean;
}

export interface SnapshotSpec extends DescribedEntity {
  /** dbt 1.9+ YAML-defined snapshots name the relation they snapshot. */
  relation?: string;
}

export interface SourceTableSpec extends DescribedEntity {
  identifier?: string;
  loadedAtField?: string;
  freshness?: PlainObject | null;
  external?: PlainObject;
  quoting?: PlainObject;
}

export interface SourceSpec {
  name: string;
  description?: string;
  database?: string;
  schema?: string;
  loader?: string;
  loadedAtField?: string;
  freshness?: PlainObject | null;
  config?: PlainObject;
  meta?: PlainObject;
  quoting?: PlainObject;
  tags?: string[];
  tables: SourceTableSpec[];
  path: YamlPath;
}

/** A dependency written in an exposure's `depends_on`, parsed from its Jinja-like text. */
export type ExposureDependency =
  | { kind: 'ref'; name: string; package?: string; version?: string; text: string; path: YamlPath }
  | { kind: 'source'; source: string; table: string; text: string; path: YamlPath }
  | { kind: 'metric'; name: string; text: string; path: YamlPath }
  | { kind: 'unknown'; text: string; path: YamlPath };

export interface ExposureSpec {
  name: string;
  type?: string;
  label?: string;
  maturity?: string;
  url?: string;
  description?: string;
  owner?: { name?: string; email?: string };
  dependsOn: ExposureDependency[];
  meta?: PlainObject;
  tags?: string[];
  path: YamlPath;
}

export interface MacroArgumentSpec {
  name: string;
  type?: string;
  description?: string;
  path: YamlPath;
}

export interface MacroSpec {
  name: string;
  description?: string;
  arguments: MacroArgumentSpec[];
  docs?: PlainObject;
  meta?: PlainObject;
  path: YamlPath;
}

/** Unit tests, semantic models, metrics and the like: recorded by name so they can be found, not analysed. */
export interface NamedEntry {
  name: string;
  path: YamlPath;
}

export interface UnitTestSpec extends NamedEntry {
  /** The model under test. */
  model?: string;
}

export interface PropertiesFile {
  /** The declared `version:` (dbt ≥ 1.5 no longer requires it). */
  version?: number | string;
  models: ModelSpec[];
  sources: SourceSpec[];
  seeds: DescribedEntity[];
  snapshots: SnapshotSpec[];
  analyses: DescribedEntity[];
  exposures: ExposureSpec[];
  macros: MacroSpec[];
  /** Top-level `data_tests:` entries: properties of singular tests. */
  singularTests: NamedEntry[];
  unitTests: UnitTestSpec[];
  semanticModels: NamedEntry[];
  metrics: NamedEntry[];
  savedQueries: NamedEntry[];
  groups: NamedEntry[];
  functions: NamedEntry[];
}

export type { YamlProblem };
