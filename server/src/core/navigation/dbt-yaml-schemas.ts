/**
 * Descriptions of dbt's YAML files in the schema subset of ../yaml/schema.ts, for completion: properties files
 * (models, sources, seeds, snapshots, analyses, exposures, macros, unit tests, groups and the semantic layer's
 * entries), dbt_project.yml, and selectors.yml. Config keys come from the adapter-aware table in dbt-configs.ts.
 *
 * They follow the dbt documentation: https://docs.getdbt.com/reference/model-properties, /source-properties,
 * /seed-properties, /snapshot-properties, /analysis-properties, /exposure-properties, /macro-properties,
 * /resource-properties/unit-tests, /resource-properties/data-tests, /resource-properties/constraints,
 * /resource-configs/contract, /dbt_project.yml and /node-selection/yaml-selectors.
 * They describe what is worth offering while typing, not everything dbt validates.
 */
import type { Adapter } from '../config/dplens-config';
import type { YamlSchema } from '../yaml/schema';
import { configKeysFor, configValuesFor, type ConfigResource, type DbtConfigKey } from './dbt-configs';
import { SELECTION_METHODS } from './dbt-selection';

const DOCS = 'https://docs.getdbt.com/reference';

const str = (description: string, extra: Partial<YamlSchema> = {}): YamlSchema => ({ type: 'string', description, ...extra });
const bool = (description: string): YamlSchema => ({ type: 'boolean', description });
const int = (description: string): YamlSchema => ({ type: 'integer', description });
const list = (items: YamlSchema, description: string, extra: Partial<YamlSchema> = {}): YamlSchema => ({ type: 'array', items, description, ...extra });
const obj = (properties: Record<string, YamlSchema>, description: string, extra: Partial<YamlSchema> = {}): YamlSchema => ({ type: 'object', properties, description, ...extra });
const oneOf = (values: [string, string][], description: string): YamlSchema => ({
  type: 'string',
  description,
  enum: values.map(([value]) => value),
  enumDescriptions: values.map(([, about]) => about),
});
const ref = (name: string, description?: string): YamlSchema => ({ $ref: `#/definitions/${name}`, ...(description ? { description } : {}) });
const named = (description: string, completionValues?: string): YamlSchema => str(description, completionValues ? { completionValues } : {});
const freeMap = (description: string): YamlSchema => ({ type: 'object', description, additionalProperties: true, insertAfterKey: ' {$0}' });

/** One config key as a schema: its type, its values on the adapter, and its YAML skeleton. */
function configKeySchema(key: DbtConfigKey, resource: ConfigResource, adapter: Adapter | undefined): YamlSchema {
  const values = configValuesFor(key, resource, adapter);
  const schema: YamlSchema = { description: key.description, docsUrl: key.docs };
  if (values.length > 0) {
    schema.enum = values.map((value) => value.value);
    schema.enumDescriptions = values.map((value) => value.description ?? '');
  }
  switch (key.type) {
    case 'boolean':
      schema.type = 'boolean';
      break;
    case 'integer':
      schema.type = 'integer';
      break;
    case 'list':
      schema.type = 'array';
      schema.items = { type: 'string' };
      break;
    case 'string-or-list':
      schema.type = ['string', 'array'];
      schema.items = { type: 'string', ...(key.name === 'tags' ? { completionValues: 'tag' } : {}) };
      if (key.name === 'tags') schema.insertAfterKey = ' [$0]';
      break;
    case 'dict':
      schema.type = 'object';
      schema.additionalProperties = true;
      if (key.fields) schema.properties = Object.fromEntries(key.fields.map((field) => [field.name, configKeySchema(field, resource, adapter)]));
      break;
    default:
      schema.type = 'string';
  }
  if (key.columns && key.type !== 'dict') {
    if (schema.items) schema.items = { ...schema.items, completionValues: 'own-column' };
    else schema.completionValues = 'own-column';
  }
  if (key.yamlValue) schema.insertAfterKey = ` ${key.yamlValue}`;
  return schema;
}

/** The `config:` mapping of a resource in properties YAML. */
function configSchema(resource: ConfigResource, adapter: Adapter | undefined, description: string): YamlSchema {
  const properties: Record<string, YamlSchema> = {};
  for (const key of configKeysFor(resource, adapter)) properties[key.yamlName ?? key.name] = configKeySchema(key, resource, adapter);
  return { type: 'object', description, properties, additionalProperties: true, docsUrl: `${DOCS}/resource-properties/config` };
}

/** The generic tests dbt ships, as list items: a bare name, or a mapping with the test's arguments. */
const DATA_TEST_NAMES: [string, string][] = [
  ['unique', 'Fails for each value that appears more than once.'],
  ['not_null', 'Fails for each null.'],
];

const testConfig = (): YamlSchema => configSchema('test', undefined, 'How the test runs and when it fails.');

const dataTest: YamlSchema = {
  anyOf: [
    { type: 'string', enum: DATA_TEST_NAMES.map(([name]) => name), enumDescriptions: DATA_TEST_NAMES.map(([, about]) => about), completionValues: 'generic-test' },
    obj(
      {
        unique: obj({ config: testConfig() }, 'Fails for each value that appears more than once.'),
        not_null: obj({ config: testConfig() }, 'Fails for each null.'),
        accepted_values: obj(
          { values: list({ type: 'string' }, 'The allowed values.'), quote: bool('Whether the values are quoted in the SQL (true by default).'), arguments: freeMap('The test\'s arguments (dbt 1.10+).'), config: testConfig() },
          'Fails for each value outside `values`.',
          { insertAfterKey: '\n\tvalues: [$0]' },
        ),
        relationships: obj(
          { to: str('The model or source the values must exist in.', { completionValues: 'ref-call' }), field: str('The column of `to` that holds the values.'), arguments: freeMap('The test\'s arguments (dbt 1.10+).'), config: testConfig() },
          'Fails for each value missing from a column of another model (a foreign key).',
          { insertAfterKey: '\n\tto: $1\n\tfield: $0' },
        ),
        name: str('A name for the test node, instead of the generated one.'),
        description: str('What the test checks.'),
        config: testConfig(),
      },
      'A generic test with arguments.',
    ),
  ],
};

const constraint = obj(
  {
    type: oneOf(
      [
        ['not_null', 'The column never holds nulls.'],
        ['unique', 'No value appears twice.'],
        ['primary_key', 'Not null and unique; most warehouses record but do not enforce it.'],
        ['foreign_key', 'Every value exists in `to`\'s `to_columns`.'],
        ['check', 'A boolean `expression` holds for every row.'],
        ['custom', 'An `expression` written as-is into the DDL.'],
      ],
      'The kind of constraint.',
    ),
    name: str('A name for the constraint in the DDL.'),
    expression: str('The condition (`check`) or the DDL text (`custom`, `foreign_key` before dbt 1.9).'),
    columns: list({ type: 'string', completionValues: 'own-column' }, 'The columns of a model-level constraint.'),
    to: str('The model or source a `foreign_key` references, as `ref(\'…\')` or `source(\'…\', \'…\')` (dbt 1.9+).', { completionValues: 'ref-call' }),
    to_columns: list({ type: 'string' }, 'The referenced columns of a `foreign_key`.'),
    warn_unenforced: bool('Whether dbt warns when the warehouse does not enforce the constraint.'),
    warn_unsupported: bool('Whether dbt warns when the warehouse does not support the constraint.'),
  },
  'A constraint dbt writes into the DDL of a model with an enforced contract.',
  { required: ['type'] },
);

const docsConfig = obj({ show: bool('Whether the docs site shows the resource.'), node_color: str('The colour of the node in the docs site\'s graph.') }, 'How the docs site shows the resource.');

function column(resource: ConfigResource | 'source'): YamlSchema {
  return obj(
    {
      name: named('The column\'s name.', 'column-name'),
      description: str('What the column holds.'),
      data_type: str('The column\'s type; required for every column when the contract is enforced.'),
      quote: bool('Whether the name is quoted in SQL (for names with upper case or spaces).'),
      constraints: list(ref('constraint'), 'Constraints on the column (with an enforced contract).'),
      data_tests: list(ref('dataTest'), 'Data tests on the column.'),
      tests: list(ref('dataTest'), 'Data tests on the column.', { deprecationMessage: 'Renamed `data_tests` in dbt 1.8.' }),
      meta: freeMap('Free-form metadata.'),
      tags: list({ type: 'string', completionValues: 'tag' }, 'Tags on the column, for selecting its tests.', { insertAfterKey: ' [$0]' }),
      config: obj({ meta: freeMap('Free-form metadata.'), tags: list({ type: 'string', completionValues: 'tag' }, 'Tags on the column.', { insertAfterKey: ' [$0]' }) }, 'The column\'s config (dbt 1.10+).'),
      granularity: oneOf([['day', ''], ['hour', ''], ['week', ''], ['month', ''], ['quarter', ''], ['year', '']], 'The time grain of a time spine\'s column.'),
      ...(resource === 'model' ? { policy_tags: list({ type: 'string' }, 'BigQuery policy tags on the column.') } : {}),
    },
    'A column.',
    { required: ['name'], docsUrl: `${DOCS}/resource-properties/columns` },
  );
}

function propertiesSchema(adapter: Adapter | undefined): YamlSchema {
  const described = (resource: ConfigResource, nameValues: string, extra: Record<string, YamlSchema>, description: string, docs: string): YamlSchema =>
    obj(
      {
        name: named(`The ${resource}'s name.`, nameValues),
        description: str('What it is, for the docs site and readers of this file.'),
        config: configSchema(resource, adapter, `The ${resource}'s config; overrides dbt_project.yml.`),
        columns: list(ref(`${resource}Column`), 'Its columns, with descriptions, types, constraints and tests.'),
        data_tests: list(ref('dataTest'), 'Data tests on the whole resource.'),
        tests: list(ref('dataTest'), 'Data tests on the whole resource.', { deprecationMessage: 'Renamed `data_tests` in dbt 1.8.' }),
        docs: docsConfig,
        meta: freeMap('Free-form metadata (under `config:` since dbt 1.10).'),
        ...extra,
      },
      description,
      { required: ['name'], docsUrl: docs },
    );
  const sourceTable = obj(
    {
      name: named('The table\'s name, as `source()` names it.'),
      identifier: str('The table\'s name in the warehouse, when it differs from `name`.'),
      description: str('What the table holds.'),
      loaded_at_field: str('The column freshness reads the load time from.'),
      freshness: ref('freshness'),
      quoting: ref('quoting'),
      external: freeMap('External table properties (dbt-external-tables).'),
      columns: list(ref('sourceColumn'), 'The table\'s columns.'),
      data_tests: list(ref('dataTest'), 'Data tests on the table.'),
      tests: list(ref('dataTest'), 'Data tests on the table.', { deprecationMessage: 'Renamed `data_tests` in dbt 1.8.' }),
      config: configSchema('source', adapter, 'The table\'s config.'),
      meta: freeMap('Free-form metadata.'),
      tags: list({ type: 'string', completionValues: 'tag' }, 'Tags for selecting the table.', { insertAfterKey: ' [$0]' }),
    },
    'A table of the source.',
    { required: ['name'] },
  );
  return {
    type: 'object',
    definitions: {
      dataTest,
      constraint,
      modelColumn: column('model'),
      seedColumn: column('seed'),
      snapshotColumn: column('snapshot'),
      sourceColumn: column('source'),
      analysisColumn: column('model'),
      freshness: obj(
        {
          warn_after: obj({ count: int('How many periods.'), period: oneOf([['minute', ''], ['hour', ''], ['day', '']], 'The unit.') }, 'The age that warns.', { insertAfterKey: ' {count: ${1:12}, period: ${2|hour,day,minute|}}' }),
          error_after: obj({ count: int('How many periods.'), period: oneOf([['minute', ''], ['hour', ''], ['day', '']], 'The unit.') }, 'The age that fails.', { insertAfterKey: ' {count: ${1:24}, period: ${2|hour,day,minute|}}' }),
          filter: str('A WHERE condition for the freshness query.'),
        },
        'How old the newest row may be; `null` turns freshness off.',
        { docsUrl: `${DOCS}/resource-properties/freshness` },
      ),
      quoting: obj({ database: bool('Quote the database name.'), schema: bool('Quote the schema name.'), identifier: bool('Quote the table name.') }, 'Which parts of the name are quoted.'),
    },
    properties: {
      version: { type: 'integer', enum: [2], description: 'The properties file format; always 2.', insertAfterKey: ' 2' },
      models: list(
        described(
          'model',
          'undocumented-model',
          {
            latest_version: str('The version an unversioned `ref()` means.'),
            deprecation_date: str('When the model will be removed, as a date; refs to it warn after that.'),
            access: oneOf(
              [
                ['private', 'Only models of the same group may ref() it.'],
                ['protected', 'Only models of the same project may ref() it.'],
                ['public', 'Any project may ref() it.'],
              ],
              'Who may ref() the model.',
            ),
            group: str('The group that owns the model.', { completionValues: 'group' }),
            constraints: list(ref('constraint'), 'Model-level constraints (several columns, or a check).'),
            versions: list(
              obj(
                {
                  v: str('The version identifier.'),
                  defined_in: str('The file that defines the version, without `.sql`.'),
                  description: str('What changed in this version.'),
                  config: configSchema('model', adapter, 'The version\'s config.'),
                  columns: list(ref('modelColumn'), 'Columns of this version; `- include: all` with `exclude:` reuses the model\'s.'),
                  data_tests: list(ref('dataTest'), 'Data tests of this version.'),
                  deprecation_date: str('When this version will be removed.'),
                },
                'A version of the model.',
                { required: ['v'] },
              ),
              'The versions of the model.',
            ),
            time_spine: obj({ standard_granularity_column: str('The column at the finest granularity.') }, 'Marks the model as a time spine for the semantic layer.'),
          },
          'A model, described by its SQL or Python file of the same name.',
          `${DOCS}/model-properties`,
        ),
        'Properties of models.',
      ),
      sources: list(
        obj(
          {
            name: named('The source\'s name, as `source()` names it.'),
            description: str('Where the data comes from.'),
            database: str('The database (project in BigQuery) holding the tables.'),
            schema: str('The schema (dataset) holding the tables; the source\'s name when absent.'),
            loader: str('The tool that loads the tables (for the docs site).'),
            loaded_at_field: str('The column freshness reads the load time from, for every table.'),
            freshness: ref('freshness'),
            quoting: ref('quoting'),
            tables: list(sourceTable, 'The tables of the source.'),
            config: configSchema('source', adapter, 'The source\'s config.'),
            meta: freeMap('Free-form metadata.'),
            tags: list({ type: 'string', completionValues: 'tag' }, 'Tags for selecting the source.', { insertAfterKey: ' [$0]' }),
            overrides: str('The package whose source of the same name this one replaces.'),
          },
          'Tables loaded into the warehouse by something other than dbt.',
          { required: ['name'], docsUrl: `${DOCS}/source-properties` },
        ),
        'Properties of sources.',
      ),
      seeds: list(described('seed', 'undocumented-seed', {}, 'A seed: a CSV file dbt loads as a table.', `${DOCS}/seed-properties`), 'Properties of seeds.'),
      snapshots: list(
        described('snapshot', 'undocumented-snapshot', { relation: str('The relation a YAML-defined snapshot records (dbt 1.9+).', { completionValues: 'ref-call' }) }, 'A snapshot.', `${DOCS}/snapshot-properties`),
        'Properties of snapshots.',
      ),
      analyses: list(
        obj({ name: named('The analysis\'s name.'), description: str('What the analysis answers.'), config: obj({ enabled: bool('Whether dbt compiles it.'), tags: list({ type: 'string' }, 'Tags.') }, 'Config.'), columns: list(ref('analysisColumn'), 'Its columns.'), docs: docsConfig }, 'An analysis.', { required: ['name'] }),
        'Properties of analyses.',
      ),
      exposures: list(
        obj(
          {
            name: named('The exposure\'s name (snake case).'),
            label: str('A readable name.'),
            type: oneOf(
              [
                ['dashboard', ''],
                ['notebook', ''],
                ['analysis', ''],
                ['ml', ''],
                ['application', ''],
              ],
              'What uses the data.',
            ),
            maturity: oneOf([['high', ''], ['medium', ''], ['low', '']], 'How established it is.'),
            url: str('Where it lives.'),
            description: str('What it shows or does.'),
            depends_on: list({ type: 'string', completionValues: 'ref-call' }, 'The models and sources it reads, as `ref(\'…\')` or `source(\'…\', \'…\')`.'),
            owner: obj({ name: str('The owner\'s name.'), email: str('The owner\'s email.') }, 'Who to ask about it.', { insertAfterKey: '\n\tname: $1\n\temail: $0' }),
            tags: list({ type: 'string', completionValues: 'tag' }, 'Tags.', { insertAfterKey: ' [$0]' }),
            meta: freeMap('Free-form metadata.'),
            config: obj({ enabled: bool('Whether the exposure is part of the graph.'), tags: list({ type: 'string' }, 'Tags.'), meta: freeMap('Free-form metadata.') }, 'Config.'),
          },
          'A downstream use of the project: a dashboard, a notebook, an application.',
          { required: ['name'], docsUrl: `${DOCS}/exposure-properties` },
        ),
        'Exposures.',
      ),
      macros: list(
        obj(
          {
            name: named('The macro\'s name.', 'macro-name'),
            description: str('What the macro does.'),
            arguments: list(obj({ name: str('The argument\'s name.'), type: str('Its type, for readers.'), description: str('What it is for.') }, 'An argument.', { required: ['name'] }), 'The macro\'s arguments.'),
            docs: docsConfig,
            meta: freeMap('Free-form metadata.'),
          },
          'A macro.',
          { required: ['name'], docsUrl: `${DOCS}/macro-properties` },
        ),
        'Properties of macros.',
      ),
      unit_tests: list(
        obj(
          {
            name: named('The unit test\'s name.'),
            description: str('What the test shows.'),
            model: str('The model under test.', { completionValues: 'model-name' }),
            given: list(
              obj(
                { input: str('`ref(\'…\')` or `source(\'…\', \'…\')` of an input.', { completionValues: 'ref-call' }), rows: { type: ['array', 'string'], description: 'The input rows.' }, format: oneOf([['dict', ''], ['csv', ''], ['sql', '']], 'How `rows` are written.'), fixture: str('A fixture file instead of `rows`.') },
                'A mocked input.',
                { required: ['input'] },
              ),
              'The mocked inputs.',
            ),
            expect: obj({ rows: { type: ['array', 'string'], description: 'The expected rows.' }, format: oneOf([['dict', ''], ['csv', ''], ['sql', '']], 'How `rows` are written.'), fixture: str('A fixture file instead of `rows`.') }, 'The expected output.'),
            overrides: obj({ macros: freeMap('Macro results to use.'), vars: freeMap('Variables to use.'), env_vars: freeMap('Environment variables to use.') }, 'Values to use instead of the real ones.'),
            config: obj({ enabled: bool('Whether the test runs.'), tags: list({ type: 'string' }, 'Tags.'), meta: freeMap('Free-form metadata.') }, 'Config.'),
            versions: obj({ include: list({ type: 'string' }, 'Versions to test.'), exclude: list({ type: 'string' }, 'Versions not to test.') }, 'The versions of the model to test.'),
          },
          'A unit test of a model\'s SQL on mocked inputs.',
          { required: ['name'], docsUrl: `${DOCS}/resource-properties/unit-tests` },
        ),
        'Unit tests.',
      ),
      data_tests: list(obj({ name: named('The singular test\'s name (its file name).'), description: str('What the test checks.'), config: testConfig() }, 'A singular test.', { required: ['name'] }), 'Properties of singular tests.'),
      groups: list(obj({ name: named('The group\'s name.'), owner: obj({ name: str('The owner\'s name.'), email: str('The owner\'s email.') }, 'Who owns the group.') }, 'A group of models with one owner.', { required: ['name'] }), 'Groups.'),
      semantic_models: list(obj({ name: named('The semantic model\'s name.'), description: str('What it describes.'), model: str('The model it reads, as `ref(\'…\')`.', { completionValues: 'ref-call' }), defaults: freeMap('Defaults.'), entities: list({ type: 'object' }, 'Entities.'), dimensions: list({ type: 'object' }, 'Dimensions.'), measures: list({ type: 'object' }, 'Measures.') }, 'A semantic model.', { required: ['name'] }), 'Semantic models.'),
      metrics: list(obj({ name: named('The metric\'s name.'), label: str('A readable name.'), description: str('What it measures.'), type: oneOf([['simple', ''], ['ratio', ''], ['cumulative', ''], ['derived', ''], ['conversion', '']], 'How it is computed.'), type_params: freeMap('Parameters of the type.'), filter: str('A filter.') }, 'A metric.', { required: ['name'] }), 'Metrics.'),
      saved_queries: list(obj({ name: named('The saved query\'s name.'), description: str('What it returns.'), query_params: freeMap('The query.'), exports: list({ type: 'object' }, 'Exports.') }, 'A saved query.', { required: ['name'] }), 'Saved queries.'),
    },
  };
}

/** A folder of dbt_project.yml's resource tree: `+config` keys, and subfolders by name. */
function projectTree(resource: ConfigResource, adapter: Adapter | undefined, definition: string): YamlSchema {
  const properties: Record<string, YamlSchema> = {};
  for (const key of configKeysFor(resource, adapter)) properties[`+${key.yamlName ?? key.name}`] = configKeySchema(key, resource, adapter);
  return { type: 'object', properties, additionalProperties: ref(definition), completionKeys: `project-folder:${resource}` };
}

function dbtProjectSchema(adapter: Adapter | undefined): YamlSchema {
  const paths = (what: string) => list({ type: 'string' }, `Folders holding ${what}.`, { insertAfterKey: ' [$0]' });
  return {
    type: 'object',
    definitions: {
      modelTree: projectTree('model', adapter, 'modelTree'),
      seedTree: projectTree('seed', adapter, 'seedTree'),
      snapshotTree: projectTree('snapshot', adapter, 'snapshotTree'),
      testTree: projectTree('test', adapter, 'testTree'),
      sourceTree: projectTree('source', adapter, 'sourceTree'),
    },
    properties: {
      name: str('The project\'s name: letters, digits and underscores.'),
      version: str('The project\'s version.'),
      'config-version': { type: 'integer', enum: [2], description: 'The format of this file; always 2.' },
      profile: str('The profile in profiles.yml that connects to the warehouse.'),
      'require-dbt-version': { type: ['string', 'array'], description: 'The dbt versions the project works with, e.g. `[">=1.8.0", "<2.0.0"]`.' },
      'model-paths': paths('models'),
      'seed-paths': paths('seeds'),
      'snapshot-paths': paths('snapshots'),
      'test-paths': paths('singular tests and generic tests'),
      'analysis-paths': paths('analyses'),
      'macro-paths': paths('macros'),
      'docs-paths': paths('docs blocks'),
      'asset-paths': paths('files copied into the docs site'),
      'packages-install-path': str('Where `dbt deps` installs packages (`dbt_packages`).'),
      'clean-targets': paths('what `dbt clean` deletes'),
      'target-path': str('Where artifacts are written.', { deprecationMessage: 'Set with `--target-path` or `DBT_TARGET_PATH` since dbt 1.5.' }),
      'log-path': str('Where logs are written.', { deprecationMessage: 'Set with `--log-path` or `DBT_LOG_PATH` since dbt 1.5.' }),
      'query-comment': { type: ['string', 'object'], description: 'The comment dbt adds to its queries.' },
      quoting: obj({ database: bool('Quote database names.'), schema: bool('Quote schema names.'), identifier: bool('Quote relation names.') }, 'Which parts of relation names dbt quotes.'),
      'on-run-start': { type: ['string', 'array'], description: 'SQL run at the start of each run, build, seed, snapshot or test.' },
      'on-run-end': { type: ['string', 'array'], description: 'SQL run at the end of each run, build, seed, snapshot or test.' },
      dispatch: list(obj({ macro_namespace: str('The package whose macros are dispatched.'), search_order: list({ type: 'string' }, 'The packages searched, in order.') }, 'Where dispatched macros are searched.'), 'Macro dispatch configuration.'),
      vars: freeMap('Project variables, read with `var()`.'),
      flags: freeMap('Behaviour flags and global settings.'),
      models: ref('modelTree', 'Configs of models, by project and folder: `+materialized: table` under a folder applies to every model in it.'),
      seeds: ref('seedTree', 'Configs of seeds, by project and folder.'),
      snapshots: ref('snapshotTree', 'Configs of snapshots, by project and folder.'),
      data_tests: ref('testTree', 'Configs of data tests, by project and folder.'),
      tests: ref('testTree', 'Configs of data tests.'),
      sources: ref('sourceTree', 'Configs of sources, by project and folder.'),
    },
  };
}

function selectorsSchema(): YamlSchema {
  const method: YamlSchema = {
    type: 'string',
    description: 'The selection method.',
    enum: SELECTION_METHODS.map((entry) => entry.method),
    enumDescriptions: SELECTION_METHODS.map((entry) => entry.description),
  };
  const definition: YamlSchema = {
    anyOf: [
      { type: 'string', description: 'A selection in CLI syntax, e.g. `tag:nightly`.', completionValues: 'selection-spec' },
      obj(
        {
          method,
          value: str('What the method matches.', { completionValues: 'selection-value' }),
          children: bool('Also select the nodes downstream.'),
          parents: bool('Also select the nodes upstream.'),
          children_depth: int('How many generations down.'),
          parents_depth: int('How many generations up.'),
          childrens_parents: bool('Also select the parents of the selected children (`@`).'),
          indirect_selection: oneOf(
            [
              ['eager', 'Tests of any selected node.'],
              ['cautious', 'Only tests whose every parent is selected.'],
              ['buildable', 'Tests whose parents are selected or are their ancestors.'],
              ['empty', 'No tests beyond those selected directly.'],
            ],
            'Which tests come with the selected nodes.',
          ),
          union: list(ref('definition'), 'Nodes matched by any of these.'),
          intersection: list(ref('definition'), 'Nodes matched by all of these.'),
          exclude: list(ref('definition'), 'Nodes removed from the selection.'),
        },
        'A selection criterion.',
      ),
    ],
  };
  return {
    type: 'object',
    definitions: { definition },
    properties: {
      selectors: list(
        obj(
          {
            name: str('The selector\'s name, for `--selector`.'),
            description: str('What it selects.'),
            default: { type: ['boolean', 'string'], description: 'Whether commands use this selector when none is given.' },
            definition: ref('definition', 'What the selector selects.'),
          },
          'A named selection.',
          { required: ['name'], docsUrl: `${DOCS}/node-selection/yaml-selectors` },
        ),
        'Named selections for `--selector`.',
      ),
    },
  };
}

const cache = new Map<string, YamlSchema>();

function cached(key: string, build: () => YamlSchema): YamlSchema {
  let schema = cache.get(key);
  if (!schema) {
    schema = build();
    cache.set(key, schema);
  }
  return schema;
}

/** The schema of properties files on an adapter (built once per adapter). */
export function dbtPropertiesSchema(adapter: Adapter | undefined): YamlSchema {
  return cached(`properties:${adapter ?? ''}`, () => propertiesSchema(adapter));
}

export function dbtProjectFileSchema(adapter: Adapter | undefined): YamlSchema {
  return cached(`project:${adapter ?? ''}`, () => dbtProjectSchema(adapter));
}

export function dbtSelectorsSchema(): YamlSchema {
  return cached('selectors', selectorsSchema);
}
