/**
 * The DAG model: what a dag-factory YAML file declares, as plain serialisable data with offsets into the file.
 *
 * dag-factory (astronomer/dag-factory) turns YAML into Airflow DAGs. A DAG file holds top-level keys that are DAG ids,
 * each a mapping with `tasks` (and optionally `task_groups`), plus an optional `default:` block shared by every DAG of
 * the file. `defaults.yml` files in the file's folder and its parent folders add more defaults. The loader
 * (load.ts) reads one file into a `PipelineFileModel`; merged.ts combines a DAG with the defaults it inherits into a
 * `MergedDag`, the view the rules read.
 *
 * Values are kept as dag-factory sees them after loading: environment variables expanded, `__type__` mappings turned
 * into `TypedValue`s, `__and__`/`__or__`/`__join__` into `ConditionValue`s, unquoted YAML 1.1 dates into typed dates.
 * Every key keeps where it was written (`ValueOrigin`), so a finding about a merged value points at the file and key
 * that set it.
 *
 * This module holds types and tiny type guards only; the schedule, Airflow-version and dbt-selection code build on it,
 * so it changes only by adding optional fields.
 */
import type { Span, SyntaxIssue } from '../text';

/** One step of a path into the YAML: a mapping key or a sequence index. */
export type PipelinePathSegment = string | number;

/** A scalar as YAML 1.1 (PyYAML's FullLoader, which dag-factory uses) reads it. */
export type PipelineScalar = string | number | boolean | null;

/** A mapping of loaded values. Keys are the YAML keys as text. */
export interface PipelineMapping {
  [key: string]: PipelineValue;
}

/**
 * A value after dag-factory's loading steps. Mappings and lists are plain objects and arrays; typed values and
 * dataset/asset conditions carry a `$kind` discriminant (a `$` key cannot survive dag-factory's environment
 * expansion unnoticed, so no YAML mapping is mistaken for one). Use `isTypedValue` and `isConditionValue` to tell them apart.
 */
export type PipelineValue = PipelineScalar | PipelineValue[] | PipelineMapping | TypedValue | ConditionValue;

/**
 * A mapping with `__type__` (`datetime.timedelta`, `airflow.sdk.Asset`, `builtins.list`...), which dag-factory casts by
 * importing the class and calling it with `__args__` and the remaining keys; also an unquoted YAML date or timestamp
 * (`start_date: 2024-01-01`), which PyYAML reads as `datetime.date` / `datetime.datetime`.
 */
export interface TypedValue {
  $kind: 'typed';
  /** The dotted import path of the class, as written in `__type__` (or `datetime.date`/`datetime.datetime` for YAML dates). */
  type: string;
  /** The positional arguments from `__args__`, loaded; empty when absent. */
  args: PipelineValue[];
  /** The keyword arguments: every other key of the mapping, loaded. */
  fields: PipelineMapping;
  /** For YAML dates and timestamps: the text as written (`2024-01-01`). */
  text?: string;
}

/**
 * A dataset or asset condition written with `__and__` / `__or__` (combined with `&` / `|` by dag-factory) or a string
 * concatenation written with `__join__`.
 */
export interface ConditionValue {
  $kind: 'condition';
  operator: 'and' | 'or' | 'join';
  /** The operands, loaded (strings, typed assets, nested conditions). */
  operands: PipelineValue[];
}

export function isTypedValue(value: unknown): value is TypedValue {
  return typeof value === 'object' && value !== null && (value as TypedValue).$kind === 'typed';
}

export function isConditionValue(value: unknown): value is ConditionValue {
  return typeof value === 'object' && value !== null && (value as ConditionValue).$kind === 'condition';
}

/** A plain mapping (not a list, typed value or condition). */
export function isPipelineMapping(value: unknown): value is PipelineMapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !('$kind' in value);
}

/** Where a value was written: which file, the YAML path to it, and the spans of its key and value. */
export interface ValueOrigin {
  /** The workspace-relative POSIX path of the file that wrote the value. */
  file: string;
  /** The YAML path from the document root, e.g. `['dbt_daily', 'default_args', 'owner']`. */
  path: PipelinePathSegment[];
  /** The key's span in that file (absent for sequence items). Findings about a key go here. */
  keySpan?: Span;
  /** The value's span in that file. */
  valueSpan: Span;
}

/** A loaded value and where it was written. */
export interface LocatedValue<T = PipelineValue> {
  value: T;
  origin: ValueOrigin;
}

/** The keys of a mapping, each loaded and located, in the order written. */
export type LocatedKeys = Record<string, LocatedValue>;

/** A name used somewhere (a dependency, `task_group_name`, `parent_group_name`), with its span in the file. */
export interface NameReference {
  name: string;
  span: Span;
}

/** One task of a DAG, from `tasks:` (a mapping keyed by task id, or a list of mappings with `task_id`). */
export interface TaskModel {
  /** The task id: the mapping key, or the `task_id` value of a list item. */
  id: string;
  /** The span of the id as written (the key, or the `task_id` value), without quotes. */
  idSpan: Span;
  /** The span of the task's whole mapping. */
  span: Span;
  /** The dotted path in `operator:` (e.g. `airflow.providers.standard.operators.bash.BashOperator`), if any. */
  operator?: LocatedValue<string>;
  /** The dotted path in `decorator:` (e.g. `airflow.sdk.task`), if any. */
  decorator?: LocatedValue<string>;
  /** Every key of the task as written (including `operator`, `dependencies`, `expand`...), loaded and located. */
  keys: LocatedKeys;
  /** The names in `dependencies:` (tasks or task groups of the same DAG), in order. */
  dependencies: NameReference[];
  /** The group named by `task_group_name`, if any. */
  group?: NameReference;
  /** Dynamic task mapping: the `expand:` arguments, if any. */
  expand?: LocatedValue;
  /** Dynamic task mapping: the `partial:` arguments, if any. */
  partial?: LocatedValue;
}

/** One task group of a DAG, from `task_groups:` (a mapping keyed by name, or a list with `group_name`). */
export interface TaskGroupModel {
  /** The group's name (its group id). */
  name: string;
  /** The span of the name as written, without quotes. */
  nameSpan: Span;
  /** The span of the group's whole mapping. */
  span: Span;
  /** Every key of the group as written, loaded and located. */
  keys: LocatedKeys;
  /** The names in the group's `dependencies:`. */
  dependencies: NameReference[];
  /** The enclosing group named by `parent_group_name`, if any. */
  parent?: NameReference;
}

/** One DAG as written in its file, before any defaults are merged in. */
export interface DagModel {
  /** The DAG id: the top-level key. */
  id: string;
  /** The span of the top-level key. */
  idSpan: Span;
  /** The span of the DAG's mapping. */
  span: Span;
  /** The DAG's own keys as written (including `default_args`, `tasks`, `task_groups`), loaded and located. */
  keys: LocatedKeys;
  /** The DAG's own `default_args` entries, loaded and located; empty when it writes none. */
  defaultArgs: LocatedKeys;
  /** How `tasks` is written: a mapping keyed by id, a list of mappings with `task_id`, absent, or something else (an error). */
  tasksStyle: 'mapping' | 'list' | 'absent' | 'invalid';
  tasks: TaskModel[];
  taskGroups: TaskGroupModel[];
}

/** What role a pipeline file plays: a file of DAGs, or a folder's `defaults.yml` / `defaults.yaml`. */
export type PipelineFileRole = 'dags' | 'defaults';

/** One loaded dag-factory file. */
export interface PipelineFileModel {
  path: string;
  role: PipelineFileRole;
  /**
   * The defaults this file contributes: for a DAG file its `default:` block, for a defaults.yml its whole top level.
   * Loaded and located; empty when there are none.
   */
  defaults: LocatedKeys;
  /** The `default_args` inside `defaults`, loaded and located; empty when there are none. */
  defaultArgs: LocatedKeys;
  /** The DAGs of the file in the order written (none for a defaults.yml). */
  dags: DagModel[];
  /**
   * The tasks of the `default:` block (`default: {tasks: ...}`), which dag-factory merges into each DAG's tasks of the
   * same id (`merge_configs`): a DAG task may take its `operator` from there. Empty when the block has none.
   */
  defaultTasks: TaskModel[];
  /** The whole document as loaded (dag-factory's view after expansion and casting), for schema validation. */
  document: PipelineValue;
  /** YAML syntax errors and loading errors (a bad `__type__`, a list task without `task_id`), located. Never thrown. */
  errors: SyntaxIssue[];
}

/**
 * A DAG with everything it inherits, merged in dag-factory's order (lowest priority first):
 * the `defaults.yml` files from the pipelines root down to the file's folder (nearer wins), then the file's `default:`
 * block, then the DAG's own keys. See merged.ts for the exact rules.
 */
export interface MergedDag {
  /** The file that declares the DAG. */
  file: string;
  dag: DagModel;
  /**
   * The DAG-level keys in effect (`schedule`, `start_date`, `catchup`, `tags`...), each with the file and key that set
   * it. Excludes `default_args`, `tasks` and `task_groups`.
   */
  keys: LocatedKeys;
  /** The `default_args` in effect (`owner`, `retries`, `start_date`...), each with the file and key that set it. */
  defaultArgs: LocatedKeys;
  /** The schedule in effect as written (`schedule`, else the legacy `schedule_interval`), or undefined when none is set. */
  schedule?: LocatedValue;
  /** The defaults.yml files merged into this DAG, nearest last. */
  defaultsFiles: string[];
}
