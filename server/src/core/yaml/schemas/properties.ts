/**
 * The JSON Schema of dbt properties files (`version: 2` files under model, seed, snapshot, analysis, macro and
 * test paths), after https://docs.getdbt.com/reference/model-properties, /source-properties, /seed-properties,
 * /snapshot-properties, /analysis-properties, /exposure-properties, /macro-properties,
 * /resource-properties/unit-tests, /resource-properties/data-tests, /resource-properties/constraints,
 * /resource-properties/freshness, /groups, /build/semantic-models, /build/metrics-overview and /build/saved-queries.
 *
 * Entries that dbt describes exhaustively (models, columns, sources, …) reject unknown keys; the semantic layer's
 * nested parameters and everything under `config:` stay open, because adapters and MetricFlow add keys often.
 */
import { anything, bool, configBlock, freeMap, int, list, oneOfValues, scalar, strict, stringOrList, text, type JsonSchema, COMMON_DEFINITIONS } from './common';

const ref = (name: string): JsonSchema => ({ $ref: `#/definitions/${name}` });

const constraint = strict('constraint', {
  type: oneOfValues(['not_null', 'unique', 'primary_key', 'foreign_key', 'check', 'custom']),
  name: text,
  expression: text,
  columns: stringOrList,
  to: text,
  to_columns: stringOrList,
  warn_unenforced: bool,
  warn_unsupported: bool,
});

/** A data test: a generic test's name, or a mapping of its name to its arguments (free, as tests define them). */
const dataTest: JsonSchema = { type: ['string', 'object'] };

const column = strict('column', {
  name: scalar,
  description: text,
  data_type: text,
  quote: bool,
  constraints: list(ref('constraint')),
  data_tests: list(ref('dataTest')),
  tests: list(ref('dataTest')),
  meta: freeMap,
  tags: stringOrList,
  docs: ref('docs'),
  config: ref('config'),
  granularity: text,
  policy_tags: stringOrList,
});

/** A column of a model version: a column, or `include`/`exclude` of the model's columns. */
const versionColumn = strict('version column', { ...(column.properties as Record<string, JsonSchema>), include: stringOrList, exclude: stringOrList });

const period = oneOfValues(['minute', 'hour', 'day']);
const after = { anyOf: [strict('freshness threshold', { count: int, period }), { type: 'null' }] };
const freshness: JsonSchema = { anyOf: [strict('freshness', { warn_after: after, error_after: after, filter: text, build_after: freeMap, updates_on: text }), { type: 'null' }] };

const quoting = strict('quoting', { database: bool, schema: bool, identifier: bool });
const owner = { type: ['object', 'null'], title: 'owner', properties: { name: text, email: stringOrList }, additionalProperties: true };

const common = {
  name: scalar,
  description: text,
  columns: list(ref('column')),
  data_tests: list(ref('dataTest')),
  tests: list(ref('dataTest')),
  docs: ref('docs'),
  meta: freeMap,
  tags: stringOrList,
  group: text,
};

const model = strict('model', {
  ...common,
  config: ref('config'),
  access: oneOfValues(['private', 'protected', 'public']),
  latest_version: scalar,
  deprecation_date: anything,
  constraints: list(ref('constraint')),
  time_spine: strict('time_spine', { standard_granularity_column: text, custom_granularities: list({ type: 'object' }) }),
  versions: list(
    strict('model version', {
      v: scalar,
      defined_in: text,
      description: text,
      config: ref('config'),
      columns: list(versionColumn),
      data_tests: list(ref('dataTest')),
      tests: list(ref('dataTest')),
      constraints: list(ref('constraint')),
      docs: ref('docs'),
      access: oneOfValues(['private', 'protected', 'public']),
      deprecation_date: anything,
      meta: freeMap,
      tags: stringOrList,
      group: text,
    }),
  ),
});

const sourceTable = strict('source table', {
  name: scalar,
  identifier: text,
  description: text,
  loaded_at_field: text,
  loaded_at_query: text,
  freshness,
  quoting,
  external: freeMap,
  columns: list(ref('column')),
  data_tests: list(ref('dataTest')),
  tests: list(ref('dataTest')),
  config: ref('config'),
  meta: freeMap,
  tags: stringOrList,
  docs: ref('docs'),
});

const source = strict('source', {
  name: scalar,
  description: text,
  database: text,
  schema: text,
  loader: text,
  loaded_at_field: text,
  loaded_at_query: text,
  freshness,
  quoting,
  tables: list(sourceTable),
  config: ref('config'),
  meta: freeMap,
  tags: stringOrList,
  overrides: text,
  docs: ref('docs'),
});

const exposure = strict('exposure', {
  name: scalar,
  label: text,
  type: oneOfValues(['dashboard', 'notebook', 'analysis', 'ml', 'application']),
  maturity: oneOfValues(['high', 'medium', 'low']),
  url: text,
  description: text,
  depends_on: list({ type: 'string' }),
  owner,
  tags: stringOrList,
  meta: freeMap,
  config: ref('config'),
  enabled: bool,
});

const macro = strict('macro', {
  name: scalar,
  description: text,
  arguments: list(strict('macro argument', { name: scalar, type: text, description: text })),
  docs: ref('docs'),
  meta: freeMap,
  config: ref('config'),
});

const rows = { type: ['array', 'string', 'null'] };
const rowFormat = oneOfValues(['dict', 'csv', 'sql']);
const unitTest = strict(
  'unit test',
  {
    name: scalar,
    description: text,
    model: text,
    given: list(strict('unit test input', { input: text, rows, format: rowFormat, fixture: text })),
    expect: strict('unit test expectation', { rows, format: rowFormat, fixture: text }),
    overrides: strict('unit test overrides', { macros: freeMap, vars: freeMap, env_vars: freeMap }),
    config: ref('config'),
    versions: strict('unit test versions', { include: list(scalar), exclude: list(scalar) }),
  },
  { required: ['model', 'expect'] },
);

const singularTest = strict('singular test', { name: scalar, description: text, config: ref('config'), columns: list(ref('column')), meta: freeMap, docs: ref('docs') });

const group = strict('group', { name: scalar, description: text, owner, config: ref('config') });

const semanticModel = strict('semantic model', {
  name: scalar,
  description: text,
  label: text,
  model: text,
  defaults: freeMap,
  primary_entity: text,
  entities: list({ type: 'object' }),
  dimensions: list({ type: 'object' }),
  measures: list({ type: 'object' }),
  config: ref('config'),
});

const metric = strict('metric', {
  name: scalar,
  label: text,
  description: text,
  type: oneOfValues(['simple', 'ratio', 'cumulative', 'derived', 'conversion']),
  type_params: freeMap,
  filter: text,
  time_granularity: text,
  meta: freeMap,
  config: ref('config'),
  group: text,
});

const savedQuery = strict('saved query', {
  name: scalar,
  description: text,
  label: text,
  query_params: strict('query_params', { metrics: list(scalar), group_by: list(scalar), where: stringOrList, order_by: list(scalar), limit: int }),
  exports: list(strict('export', { name: scalar, config: configBlock('export config', { export_as: oneOfValues(['table', 'view']), schema: text, alias: text }) })),
  config: ref('config'),
  tags: stringOrList,
  meta: freeMap,
});

const fn = strict('function', {
  name: scalar,
  description: text,
  config: ref('config'),
  arguments: list({ type: 'object' }),
  returns: freeMap,
  meta: freeMap,
});

export const PROPERTIES_SCHEMA: JsonSchema = {
  $id: 'dplens:properties',
  title: 'properties file',
  type: ['object', 'null'],
  definitions: {
    ...COMMON_DEFINITIONS,
    column,
    constraint,
    dataTest,
    docs: strict('docs', { show: bool, node_color: text }),
    // One shared `config:` schema: compiled once instead of once per resource, which dominated compile time.
    config: configBlock('config', { freshness }),
  },
  properties: {
    version: scalar,
    models: list(model),
    sources: list(source),
    seeds: list(strict('seed', { ...common, config: ref('config') })),
    snapshots: list(strict('snapshot', { ...common, relation: text, config: ref('config') })),
    analyses: list(strict('analysis', { ...common, config: ref('config') })),
    exposures: list(exposure),
    macros: list(macro),
    unit_tests: list(unitTest),
    data_tests: list(singularTest),
    tests: list(singularTest),
    groups: list(group),
    semantic_models: list(semanticModel),
    metrics: list(metric),
    saved_queries: list(savedQuery),
    functions: list(fn),
    anchors: anything,
  },
  additionalProperties: false,
};
