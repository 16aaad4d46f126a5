/**
 * Building blocks of the JSON Schemas (draft 7) that `yaml/unknown-key` and `yaml/invalid-value` validate dbt's
 * YAML files against. They are written here from dbt's documentation (docs.getdbt.com/reference/…), not copied
 * from dbt-jsonschema, which the conformance tests use as an outside reference only.
 *
 * Two extensions ride along, ignored by ajv (it runs with `strict: false`):
 * `title` names what a mapping describes in messages ("a model", "a column"),
 * and `dplensSeverity: 'warning'` marks values dbt accepts at parse time and only complains about later.
 */
import { KNOWN_DBT_CONFIGS } from '../dbt-config';

export type JsonSchema = Record<string, unknown>;

/** A value dbt renders before using it: any string with Jinja stands in for a boolean, a number or an enum. */
export const JINJA: JsonSchema = { type: 'string', pattern: '\\{\\{|\\{%', $comment: 'jinja' };

export const text: JsonSchema = { type: ['string', 'null'] };
/** Names and versions may be written unquoted as numbers (`v: 2`). */
export const scalar: JsonSchema = { type: ['string', 'number', 'boolean', 'null'] };
export const anything: JsonSchema = {};
export const freeMap: JsonSchema = { type: ['object', 'null'] };
export const strings: JsonSchema = { type: 'array', items: { type: ['string', 'number', 'boolean'] } };

/**
 * Small schemas used everywhere, shared by reference: ajv then generates one function for each instead of
 * inlining it at every use, which cut the properties schema's compile time several-fold (decision 0009).
 * Every root schema spreads them into its `definitions`.
 */
export const COMMON_DEFINITIONS: Record<string, JsonSchema> = {
  bool: { anyOf: [{ type: ['boolean', 'null'] }, JINJA] },
  int: { anyOf: [{ type: ['integer', 'null'] }, JINJA] },
  stringOrList: { anyOf: [{ type: ['string', 'null'] }, strings] },
};
export const bool: JsonSchema = { $ref: '#/definitions/bool' };
export const int: JsonSchema = { $ref: '#/definitions/int' };
export const stringOrList: JsonSchema = { $ref: '#/definitions/stringOrList' };

export function oneOfValues(values: readonly string[], extra: JsonSchema = {}): JsonSchema {
  return { anyOf: [{ type: 'string', enum: values, ...extra }, JINJA] };
}

/** A mapping whose keys are all known: an unknown key is reported with the closest known one. */
export function strict(title: string, properties: Record<string, JsonSchema>, extra: JsonSchema = {}): JsonSchema {
  return { type: 'object', title, properties, additionalProperties: false, ...extra };
}

/** A mapping whose known keys are typed and whose other keys are free (configs, adapters' settings). */
export function open(title: string, properties: Record<string, JsonSchema>): JsonSchema {
  return { type: 'object', title, properties, additionalProperties: true };
}

export const list = (items: JsonSchema): JsonSchema => ({ type: 'array', items });

const hook: JsonSchema = { anyOf: [{ type: 'string' }, strict('hook', { sql: text, transaction: bool })] };
const hooks: JsonSchema = { anyOf: [hook, list(hook), { type: 'null' }] };

const grants: JsonSchema = { type: ['object', 'null'], title: 'grants', additionalProperties: stringOrList };

/** Where dbt checks the value only when the node runs (materializations, incremental settings). */
const later = (schema: JsonSchema): JsonSchema => ({ ...schema, dplensSeverity: 'warning' });

/**
 * The config keys whose values are typed, as dbt documents them (model-configs, seed-configs, snapshot-configs,
 * data-test-configs, source-configs). Other known configs (adapter settings, KNOWN_DBT_CONFIGS) take any value.
 */
export const TYPED_CONFIGS: Record<string, JsonSchema> = {
  enabled: bool,
  tags: stringOrList,
  meta: freeMap,
  docs: strict('docs config', { show: bool, node_color: text }),
  group: text,
  access: oneOfValues(['private', 'protected', 'public']),
  schema: text,
  database: text,
  alias: text,
  materialized: text,
  persist_docs: strict('persist_docs config', { relation: bool, columns: bool }),
  'pre-hook': hooks,
  'post-hook': hooks,
  pre_hook: hooks,
  post_hook: hooks,
  full_refresh: bool,
  grants,
  contract: strict('contract config', { enforced: bool, alias_types: bool }),
  event_time: text,
  on_schema_change: later(oneOfValues(['append_new_columns', 'sync_all_columns', 'fail', 'ignore'])),
  on_configuration_change: later(oneOfValues(['apply', 'continue', 'fail'])),
  unique_key: stringOrList,
  batch_size: later(oneOfValues(['hour', 'day', 'month', 'year'])),
  lookback: int,
  concurrent_batches: bool,
  severity: { anyOf: [{ type: 'string', pattern: '^([Ww][Aa][Rr][Nn]|[Ee][Rr][Rr][Oo][Rr])$' }, JINJA] },
  store_failures: bool,
  store_failures_as: later(oneOfValues(['table', 'view', 'ephemeral'])),
  limit: int,
  where: text,
  error_if: text,
  warn_if: text,
  fail_calc: text,
  quote_columns: bool,
  column_types: freeMap,
  delimiter: text,
  hard_deletes: later(oneOfValues(['ignore', 'invalidate', 'new_record'])),
  invalidate_hard_deletes: bool,
  check_cols: stringOrList,
  updated_at: text,
  target_schema: text,
  target_database: text,
  loaded_at_field: text,
  loaded_at_query: text,
};

/** A `config:` mapping in a properties file: typed known keys, anything else allowed (adapters add their own). */
export function configBlock(title: string, extra: Record<string, JsonSchema> = {}): JsonSchema {
  return open(title, { ...TYPED_CONFIGS, ...extra });
}

/** The config keys dbt knows, `+`-prefixed as dbt_project.yml writes them. */
export function plusConfigKeys(): string[] {
  return [...KNOWN_DBT_CONFIGS].map((key) => `+${key}`);
}
