/**
 * The JSON Schema of dag-factory YAML, written here: dag-factory ships none and only fails when Airflow parses the DAG.
 *
 * It describes the document as the loader (../load.ts) returns it, after environment expansion and `__type__` casting:
 * a cast value is an object with `$kind: 'typed'`, a dataset condition one with `$kind: 'condition'`. dag-factory passes
 * unknown DAG, task and default_args keys through to Airflow, which accepts many more than are listed here, so mappings
 * stay open: the schema checks the types of the keys dag-factory and Airflow read, and the shapes of tasks and task groups.
 * Compiled at build time by scripts/generate-pipeline-validators.ts, like the data contract schemas.
 */
export type JsonSchema = Record<string, unknown>;

const ref = (name: string): JsonSchema => ({ $ref: `#/definitions/${name}` });
const anyOf = (...schemas: JsonSchema[]): JsonSchema => ({ anyOf: schemas });
const str: JsonSchema = { type: 'string' };
const bool: JsonSchema = { type: 'boolean' };
const int: JsonSchema = { type: 'integer' };
const nil: JsonSchema = { type: 'null' };

/** `pendulum.parse` formats (dates, date-times, compact forms) or dag-factory's relative times (`2 days`, `1 hour`). */
const DATE_TEXT = '^(\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}(:?\\d{2})?)?)?|\\d{8}(T\\d{4,6})?|\\d{4}-\\d{2}|\\d{4}-W\\d{2}(-\\d)?|\\d+\\s+(hour|minute|second|day)[\\s\\S]*)$';

/** The name of a callback given as an import path, a cast object, or a mapping with `callback` and its arguments. */
const callbackValue = anyOf(str, ref('typed'), { type: 'object', title: 'a callback' }, { type: 'array' }, nil);
const callback = ref('callback');

const callbacks: Record<string, JsonSchema> = {};
for (const event of ['on_success_callback', 'on_failure_callback', 'on_retry_callback', 'on_execute_callback', 'on_skipped_callback', 'sla_miss_callback']) {
  callbacks[event] = callback;
  callbacks[`${event}_name`] = str;
  callbacks[`${event}_file`] = str;
}

const dependencies: JsonSchema = { title: 'the dependencies', type: 'array', items: { type: ['string', 'number'] } };

const taskKeys: Record<string, JsonSchema> = {
  operator: str,
  decorator: str,
  dependencies,
  task_group_name: str,
  python_callable: anyOf(str, ref('typed')),
  python_callable_name: str,
  python_callable_file: str,
  expand: { type: 'object', title: 'the expand arguments' },
  partial: { type: 'object', title: 'the partial arguments' },
  retries: int,
  retry_delay: anyOf(ref('typed'), { type: 'number' }),
  execution_timeout: anyOf(ref('typed'), { type: 'number' }, nil),
  ...callbacks,
};

const defaultArgs: JsonSchema = {
  type: 'object',
  title: 'default_args',
  properties: {
    owner: str,
    retries: int,
    retry_delay: anyOf(ref('typed'), { type: 'number' }),
    start_date: ref('date'),
    end_date: ref('date'),
    depends_on_past: bool,
    email: anyOf(str, { type: 'array', items: str }),
    email_on_failure: bool,
    email_on_retry: bool,
    execution_timeout: anyOf(ref('typed'), { type: 'number' }, nil),
    ...callbacks,
  },
};

const task: JsonSchema = { type: 'object', title: 'a task', properties: taskKeys };
const listedTask: JsonSchema = { type: 'object', title: 'a task', properties: { task_id: { type: ['string', 'number'] }, ...taskKeys }, required: ['task_id'] };
const group: JsonSchema = {
  type: 'object',
  title: 'a task group',
  properties: { parent_group_name: str, dependencies, tooltip: str, prefix_group_id: bool, default_args: ref('defaultArgs'), ...callbacks },
};
const listedGroup: JsonSchema = { ...group, properties: { group_name: { type: ['string', 'number'] }, ...(group.properties as JsonSchema) }, required: ['group_name'] };

const schedule: JsonSchema = anyOf(str, nil, ref('typed'), ref('condition'), { type: 'array' }, { type: 'object', title: 'a schedule' });

const dagKeys: Record<string, JsonSchema> = {
  description: anyOf(str, nil),
  dag_display_name: str,
  schedule,
  schedule_interval: schedule,
  timetable: anyOf(ref('typed'), { type: 'object', title: 'a timetable' }),
  start_date: ref('date'),
  end_date: ref('date'),
  timezone: str,
  catchup: bool,
  max_active_runs: int,
  max_active_tasks: int,
  concurrency: int,
  dagrun_timeout: anyOf(ref('typed'), { type: 'number' }, nil),
  tags: { type: 'array', items: str },
  default_args: ref('defaultArgs'),
  render_template_as_native_obj: bool,
  is_paused_upon_creation: bool,
  template_searchpath: anyOf(str, { type: 'array', items: str }),
  doc_md: anyOf(str, nil),
  doc_md_file_path: str,
  params: { type: 'object', title: 'the params' },
  user_defined_macros: { type: 'object', title: 'the user-defined macros' },
  default_view: str,
  orientation: str,
  tasks: anyOf({ type: 'object', title: 'the tasks', additionalProperties: ref('task') }, { type: 'array', title: 'the tasks', items: ref('listedTask') }),
  task_groups: anyOf({ type: 'object', title: 'the task groups', additionalProperties: ref('group') }, { type: 'array', title: 'the task groups', items: ref('listedGroup') }),
  ...callbacks,
};

const definitions: Record<string, JsonSchema> = {
  typed: { type: 'object', title: 'a `__type__` value', properties: { $kind: { const: 'typed' }, type: str }, required: ['$kind', 'type'] },
  condition: { type: 'object', title: 'a dataset condition', properties: { $kind: { const: 'condition' } }, required: ['$kind'] },
  date: anyOf({ type: 'string', pattern: DATE_TEXT, title: 'a date' }, ref('typed'), { type: 'integer' }),
  dag: { type: 'object', title: 'a DAG', properties: dagKeys },
  callback: callbackValue,
  defaultArgs,
  task,
  listedTask,
  group,
  listedGroup,
};

/** A DAG file: DAG ids mapped to DAGs, plus the `default:` block (any DAG key, applied to every DAG of the file). */
export const pipelineFileSchema: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'a dag-factory file',
  type: 'object',
  properties: { default: ref('dag') },
  // A top-level value that is no mapping is ignored here (dag-factory's examples keep dataset lists beside DAGs).
  additionalProperties: { if: { type: 'object' }, then: ref('dag') },
  definitions,
};

/** A folder's defaults.yml: the keys of a `default:` block at the top level. */
export const pipelineDefaultsSchema: JsonSchema = { $schema: 'http://json-schema.org/draft-07/schema#', ...ref('dag'), definitions };

/** Every schema by the name the generated module exports. */
export function pipelineSchemas(): ReadonlyMap<'dags' | 'defaults', JsonSchema> {
  return new Map([
    ['dags', pipelineFileSchema],
    ['defaults', pipelineDefaultsSchema],
  ]);
}
