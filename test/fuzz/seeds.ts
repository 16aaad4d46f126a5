/**
 * The seed inputs the fuzzer mutates, one list per input kind, each at the workspace path it would have in a real
 * project, and the small project they are checked in. Seeds are real-shaped: the demo project's files, the editor's
 * own snippets, and small artifacts and configs written here in the shape dbt and the tools produce.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { snippetToPlainText } from '../../server/src/core/navigation';

export type InputKind = 'model-sql' | 'properties-yaml' | 'dbt-project' | 'selectors' | 'pipeline' | 'contract' | 'manifest' | 'catalog' | 'dplens' | 'avro' | 'json-schema';

export const INPUT_KINDS: readonly InputKind[] = ['model-sql', 'properties-yaml', 'dbt-project', 'selectors', 'pipeline', 'contract', 'manifest', 'catalog', 'dplens', 'avro', 'json-schema'];

export interface Seed {
  kind: InputKind;
  /** Workspace-relative path the input is checked at. */
  path: string;
  text: string;
}

const ROOT = path.resolve(__dirname, '../..');
const DEMO = path.join(ROOT, 'examples/demo');

function demoFiles(under: string, pattern: RegExp): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (pattern.test(entry.name)) out.push({ path: path.relative(DEMO, full).split(path.sep).join('/'), text: fs.readFileSync(full, 'utf8') });
    }
  };
  walk(path.join(DEMO, under));
  return out;
}

/** The small project every input is checked in: two models, a macro, sources and properties, a config. */
export const BASE_WORKSPACE: ReadonlyMap<string, string> = new Map([
  ['dbt_project.yml', "name: shop\nversion: '1.0.0'\nconfig-version: 2\nprofile: shop\nmodels:\n  shop:\n    marts:\n      +materialized: table\n"],
  ['dplens.yml', 'adapter: bigquery\n'],
  ['models/staging/_sources.yml', 'version: 2\nsources:\n  - name: raw\n    tables:\n      - name: orders\n        columns:\n          - name: amount_cents\n      - name: customers\n'],
  ['models/staging/_models.yml', 'version: 2\nmodels:\n  - name: stg_orders\n    description: Orders, cleaned.\n    columns:\n      - name: order_id\n        data_type: int64\n'],
  ['models/staging/stg_orders.sql', "select id as order_id, {{ cents_to_dollars('amount_cents') }} as amount from {{ source('raw', 'orders') }}"],
  ['models/marts/fct_orders.sql', "with orders as (\n  select * from {{ ref('stg_orders') }}\n)\nselect order_id, amount from orders"],
  ['macros/cents_to_dollars.sql', '{% macro cents_to_dollars(column_name) %}({{ column_name }} / 100){% endmacro %}'],
]);

const SELECTORS = [
  'selectors:',
  '  - name: nightly',
  '    description: Everything that runs at night.',
  '    definition:',
  '      union:',
  '        - method: tag',
  '          value: daily',
  '        - intersection:',
  '            - method: path',
  '              value: models/marts',
  '            - method: fqn',
  '              value: fct_orders',
  '              parents: true',
  '        - exclude:',
  '            - method: resource_type',
  '              value: test',
  '  - name: staging',
  '    default: true',
  "    definition: 'tag:staging,config.materialized:view'",
  '',
].join('\n');

/** An Avro event schema using most of the language: nested and recursive records, enums, unions, arrays, maps, fixed, logical types, aliases. */
const AVRO_SCHEMA = JSON.stringify(
  {
    type: 'record',
    name: 'Order',
    namespace: 'com.acme.events',
    doc: 'One event per order placed.',
    fields: [
      { name: 'order_id', type: 'string' },
      { name: 'ordered_at', type: { type: 'long', logicalType: 'timestamp-millis' } },
      { name: 'amount', type: { type: 'bytes', logicalType: 'decimal', precision: 12, scale: 2 } },
      { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['PLACED', 'SHIPPED', 'CANCELLED'], default: 'PLACED' } },
      { name: 'previous_status', type: ['null', 'Status'], default: null },
      { name: 'coupon', type: ['null', 'string'], default: null, aliases: ['coupon_code'] },
      { name: 'lines', type: { type: 'array', items: { type: 'record', name: 'Line', fields: [{ name: 'sku', type: 'string' }, { name: 'quantity', type: 'int', default: 1 }] } } },
      { name: 'attributes', type: { type: 'map', values: 'string' }, default: {} },
      { name: 'checksum', type: { type: 'fixed', name: 'Md5', size: 16 } },
      { name: 'parent', type: ['null', 'Order'], default: null },
    ],
  },
  null,
  2,
);

/** A JSON Schema event contract with local definitions, closed and open objects, enums, bounds and a type array. */
const JSON_SCHEMA = JSON.stringify(
  {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'OrderPlaced',
    type: 'object',
    additionalProperties: false,
    required: ['order_id', 'amount'],
    properties: {
      order_id: { type: 'string', maxLength: 36 },
      amount: { type: 'number', minimum: 0 },
      status: { enum: ['PLACED', 'SHIPPED', 'CANCELLED'] },
      coupon: { type: ['string', 'null'] },
      customer: { $ref: '#/definitions/customer' },
      lines: { type: 'array', items: { $ref: '#/definitions/line' }, maxItems: 500 },
    },
    definitions: {
      customer: { type: 'object', properties: { id: { type: 'string' }, email: { type: 'string', pattern: '^[^@]+@[^@]+$' } }, required: ['id'] },
      line: { type: 'object', additionalProperties: false, properties: { sku: { type: 'string' }, quantity: { type: 'integer', minimum: 1 } } },
    },
  },
  null,
  2,
);

const DCS_CONTRACT = [
  'dataContractSpecification: 1.2.1',
  'id: orders',
  'info:',
  '  title: Orders',
  '  version: 1.0.0',
  '  owner: analytics-engineering',
  'servers:',
  '  production:',
  '    type: bigquery',
  '    project: lens-outfitters-analytics',
  '    dataset: core',
  'models:',
  '  orders:',
  '    type: table',
  '    fields:',
  '      order_id:',
  '        type: string',
  '        required: true',
  '        unique: true',
  '        primaryKey: true',
  '      country_code:',
  '        type: string',
  '        minLength: 2',
  '        maxLength: 3',
  '        pattern: "^[A-Z]+$"',
  '      amount:',
  '        type: decimal',
  '        minimum: 0',
  '        enum: [1, 2, 3]',
  'quality:',
  '  - type: sql',
  '    query: select count(*) from orders',
  '    mustBeGreaterThan: 0',
  '',
].join('\n');

const MANIFEST = JSON.stringify(
  {
    metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json', dbt_version: '1.8.0', project_name: 'shop', adapter_type: 'bigquery' },
    nodes: {
      'model.shop.stg_orders': {
        unique_id: 'model.shop.stg_orders', resource_type: 'model', package_name: 'shop', name: 'stg_orders', original_file_path: 'models/staging/stg_orders.sql',
        database: 'proj', schema: 'analytics', alias: 'stg_orders', fqn: ['shop', 'staging', 'stg_orders'], config: { materialized: 'view', tags: [] },
        columns: { order_id: { name: 'order_id', data_type: 'int64', description: 'Primary key.' } },
        depends_on: { nodes: ['source.shop.raw.orders'], macros: ['macro.shop.cents_to_dollars'] }, refs: [], sources: [['raw', 'orders']],
      },
      'model.shop.fct_orders': {
        unique_id: 'model.shop.fct_orders', resource_type: 'model', package_name: 'shop', name: 'fct_orders', original_file_path: 'models/marts/fct_orders.sql',
        database: 'proj', schema: 'analytics', alias: 'fct_orders', fqn: ['shop', 'marts', 'fct_orders'], config: { materialized: 'table', contract: { enforced: false } },
        columns: {}, depends_on: { nodes: ['model.shop.stg_orders'], macros: [] }, refs: [{ name: 'stg_orders', package: null, version: null }], sources: [],
      },
    },
    sources: {
      'source.shop.raw.orders': { unique_id: 'source.shop.raw.orders', resource_type: 'source', package_name: 'shop', source_name: 'raw', name: 'orders', database: 'proj', schema: 'raw', identifier: 'orders', columns: {} },
    },
    macros: {},
    exposures: {},
    parent_map: { 'model.shop.fct_orders': ['model.shop.stg_orders'] },
    child_map: { 'model.shop.stg_orders': ['model.shop.fct_orders'] },
  },
  null,
  2,
);

const CATALOG = JSON.stringify(
  {
    metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/catalog/v1.json', dbt_version: '1.8.0', generated_at: '2024-06-01T00:00:00Z' },
    nodes: {
      'model.shop.stg_orders': {
        unique_id: 'model.shop.stg_orders',
        metadata: { type: 'table', database: 'proj', schema: 'analytics', name: 'stg_orders' },
        columns: { order_id: { name: 'order_id', type: 'INT64', index: 1 }, amount: { name: 'amount', type: 'NUMERIC', index: 2 } },
        stats: { num_bytes: { id: 'num_bytes', label: 'num_bytes', value: 1288490189, include: true }, num_rows: { id: 'num_rows', label: 'num_rows', value: 1000000, include: true } },
      },
    },
    sources: {
      'source.shop.raw.orders': {
        unique_id: 'source.shop.raw.orders',
        metadata: { type: 'table', database: 'proj', schema: 'raw', name: 'orders' },
        columns: { id: { name: 'id', type: 'INT64', index: 1 }, amount_cents: { name: 'amount_cents', type: 'INT64', index: 2 } },
        stats: {},
      },
    },
    errors: null,
  },
  null,
  2,
);

function snippets(): { name: string; text: string }[] {
  const raw = JSON.parse(fs.readFileSync(path.join(ROOT, 'snippets/yaml.json'), 'utf8')) as Record<string, { body: string | string[] }>;
  return Object.entries(raw).map(([name, snippet]) => ({ name, text: snippetToPlainText(Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body) + '\n' }));
}

function fixtureFiles(relative: string): string[] {
  const dir = path.join(ROOT, 'test/fixtures/lsp');
  return fs.readdirSync(dir).map((name) => path.join(dir, name, relative)).filter((file) => fs.existsSync(file)).sort().map((file) => fs.readFileSync(file, 'utf8'));
}

/** The texts of every file of this name under a folder, in a stable order. */
function findFiles(dir: string, name: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findFiles(full, name));
    else if (entry.name === name) out.push(fs.readFileSync(full, 'utf8'));
  }
  return out;
}

export function loadSeeds(): Seed[] {
  const seeds: Seed[] = [];
  const add = (kind: InputKind, at: string, text: string) => seeds.push({ kind, path: at, text });
  for (const file of ['models', 'macros', 'snapshots', 'tests'].flatMap((dir) => demoFiles(dir, /\.sql$/))) add('model-sql', file.path, file.text);
  for (const file of ['models', 'macros', 'seeds'].flatMap((dir) => demoFiles(dir, /\.ya?ml$/))) add('properties-yaml', file.path, file.text);
  add('dbt-project', 'dbt_project.yml', fs.readFileSync(path.join(DEMO, 'dbt_project.yml'), 'utf8'));
  add('dbt-project', 'dbt_project.yml', BASE_WORKSPACE.get('dbt_project.yml')!);
  add('selectors', 'selectors.yml', SELECTORS);
  for (const file of demoFiles('pipelines', /\.ya?ml$/)) add('pipeline', file.path, file.text);
  for (const file of demoFiles('contracts', /\.ya?ml$/)) add('contract', file.path, file.text);
  add('contract', 'contracts/datacontract.yaml', DCS_CONTRACT);
  for (const snippet of snippets()) {
    if (/ODCS|contract/i.test(snippet.name) && /DataContract/.test(snippet.text)) add('contract', 'contracts/snippet.odcs.yaml', snippet.text);
    else if (/dag-factory/i.test(snippet.name)) add('pipeline', 'dags/snippet.yml', snippet.text);
    else add('properties-yaml', 'models/staging/_snippet.yml', snippet.text);
  }
  add('manifest', 'target/manifest.json', MANIFEST);
  add('catalog', 'target/catalog.json', CATALOG);
  for (const text of fixtureFiles('target/catalog.json')) add('catalog', 'target/catalog.json', text);
  for (const text of new Set(findFiles(path.join(ROOT, 'test/fixtures'), 'dplens.yml'))) add('dplens', 'dplens.yml', text);
  add('avro', 'events/order.avsc', AVRO_SCHEMA);
  const avroSnippets = JSON.parse(fs.readFileSync(path.join(ROOT, 'snippets/avro.json'), 'utf8')) as Record<string, { body: string | string[] }>;
  for (const snippet of Object.values(avroSnippets)) add('avro', 'events/snippet.avsc', snippetToPlainText(Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body));
  add('json-schema', 'events/order.schema.json', JSON_SCHEMA);
  return seeds;
}
