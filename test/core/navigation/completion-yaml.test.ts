/**
 * Completion of keys and values in dbt's YAML files from their schema descriptions, on half-typed documents:
 * properties files, dbt_project.yml and selectors.yml; and the path finder under it, `yamlCursorAt`.
 */
import assert from 'node:assert/strict';
import { completionsAt, type NavCompletion } from '../../../server/src/core/navigation';
import { yamlCursorAt } from '../../../server/src/core/yaml/cursor-path';
import { schemaSuggestions, type YamlSchema } from '../../../server/src/core/yaml/schema';
import { cursorFixture, shop } from './cursor-fixture';

const MODELS = 'models/staging/_models.yml';

/** The shop project with `file` replaced by `text`, which holds the cursor; `adapter` goes into dplens.yml. */
function at(file: string, text: string, adapter = 'bigquery'): { items: NavCompletion[]; textAt: (item: NavCompletion) => string } {
  const f = cursorFixture(shop({ 'dplens.yml': `adapter: ${adapter}`, [file]: text }));
  const items = completionsAt(f.index, f.file, f.offset);
  return { items, textAt: (item) => f.textAt(f.file, item.replace) };
}

const labels = (items: NavCompletion[]) => items.map((item) => item.label);
const lines = (...text: string[]) => text.join('\n');

describe('completion: YAML paths at a half-typed cursor', () => {
  const cases: { name: string; marked: string; expected: object }[] = [
    { name: 'a key typed without its colon', marked: lines('models:', '  - name: a', '    descr|', '    columns: []'), expected: { kind: 'key', path: ['models', 0], typed: 'descr', siblings: { name: 'a', columns: [] } } },
    { name: 'a value of a later item', marked: lines('models:', '  - name: a', '  - name: b', '    config:', '      materialized: ta|ble'), expected: { kind: 'value', path: ['models', 1, 'config', 'materialized'], typed: 'ta' } },
    { name: 'a new list item', marked: lines('models:', '  - name: a', '    columns:', '      - name: x', '        data_tests:', '          - unique', '          - |'), expected: { kind: 'key', path: ['models', 0, 'columns', 0, 'data_tests', 1], freshItem: true } },
    { name: 'an item of a flow sequence', marked: lines('models:', '  - name: a', '    tags: [a, fi|'), expected: { kind: 'value', path: ['models', 0, 'tags'], typed: 'fi', listItem: true } },
    { name: 'a value right after the colon', marked: lines('models:', '  - name: a', '    config:', '      materialized:|'), expected: { kind: 'value', path: ['models', 0, 'config', 'materialized'], spaceBefore: true } },
    { name: 'a compact sequence under its key', marked: lines('models:', '- name: a', '  columns:', '  - name: b', '  - name: |'), expected: { kind: 'value', path: ['models', 0, 'columns', 1, 'name'] } },
    { name: 'a quoted value', marked: lines('selectors:', '  - name: x', '    definition:', '      method: tag', '      value: "nig|"'), expected: { kind: 'value', path: ['selectors', 0, 'definition', 'value'], quote: '"', siblings: { method: 'tag' } } },
    { name: 'a top-level key', marked: lines('version: 2', 'mo|'), expected: { kind: 'key', path: [], typed: 'mo', siblings: { version: 2 } } },
  ];
  for (const { name, marked, expected } of cases) {
    it(`finds ${name}`, () => {
      const offset = marked.indexOf('|');
      const cursor = yamlCursorAt(marked.slice(0, offset) + marked.slice(offset + 1), offset);
      assert.ok(cursor);
      assert.deepEqual(Object.fromEntries(Object.keys(expected).map((key) => [key, cursor[key as keyof typeof cursor]])), expected);
    });
  }

  it('finds nothing inside a block scalar or a comment', () => {
    for (const marked of [lines('models:', '  - name: a', '    description: >', '      some|'), lines('models:', '  - name: a # no|')]) {
      const offset = marked.indexOf('|');
      assert.equal(yamlCursorAt(marked.slice(0, offset) + marked.slice(offset + 1), offset), undefined);
    }
  });

  it('counts the real index of an item in a long list', () => {
    const items = Array.from({ length: 400 }, (_, i) => `  - name: m${i}\n    description: d\n    columns:\n      - name: id`).join('\n');
    const marked = `version: 2\nmodels:\n${items}\n  - name: last\n    config:\n      |\n`;
    const offset = marked.indexOf('|');
    const cursor = yamlCursorAt(marked.slice(0, offset) + marked.slice(offset + 1), offset);
    assert.deepEqual(cursor?.path, ['models', 400, 'config']);
  });
});

describe('completion: dbt properties keys and values', () => {
  it('offers the top-level sections not yet written, each with a skeleton', () => {
    const { items } = at(MODELS, lines('version: 2', 'models:', '  - name: stg_orders', 'so|'));
    const offered = labels(items);
    for (const key of ['sources', 'seeds', 'snapshots', 'exposures', 'macros', 'unit_tests']) assert.ok(offered.includes(key), key);
    assert.ok(!offered.includes('models') && !offered.includes('version'));
    assert.equal(items.find((item) => item.label === 'sources')!.snippet, 'sources:\n  - name: $0');
  });

  it("offers a model entry's keys, name and description first, deprecated ones last", () => {
    const { items } = at(MODELS, lines('version: 2', 'models:', '  - name: stg_orders', '    |'));
    const offered = labels(items);
    assert.ok(!offered.includes('name'));
    for (const key of ['description', 'config', 'columns', 'data_tests', 'constraints', 'versions', 'access', 'latest_version']) assert.ok(offered.includes(key), key);
    const sorted = [...items].sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1));
    assert.equal(sorted[0].label, 'description');
    assert.equal(sorted[sorted.length - 1].label, 'tests');
    assert.equal(sorted[sorted.length - 1].detail, 'deprecated');
    assert.equal(items.find((item) => item.label === 'columns')!.snippet, 'columns:\n  - name: $0');
  });

  it("offers config keys of the project's adapter, then their values", () => {
    const keys = labels(at(MODELS, lines('version: 2', 'models:', '  - name: stg_orders', '    config:', '      |'), 'snowflake').items);
    for (const key of ['materialized', 'transient', 'snowflake_warehouse', 'contract', 'pre-hook']) assert.ok(keys.includes(key), key);
    assert.ok(!keys.includes('partition_by'));
    const values = at(MODELS, lines('version: 2', 'models:', '  - name: stg_orders', '    config:', '      incremental_strategy: |'), 'snowflake').items;
    assert.deepEqual(labels(values), ['append', 'merge', 'delete+insert', 'insert_overwrite', 'microbatch']);
    const contract = at(MODELS, lines('version: 2', 'models:', '  - name: stg_orders', '    config:', '      contract:', '        |')).items;
    assert.deepEqual(labels(contract), ['enforced', 'alias_types']);
    assert.equal(contract[0].snippet, 'enforced: ${1|true,false|}');
  });

  it("offers the model's columns for config keys that name columns, and the project's tags in a tags list", () => {
    const columns = at(MODELS, lines('version: 2', 'models:', '  - name: stg_orders', '    config:', '      unique_key: |'), 'bigquery').items;
    assert.deepEqual(labels(columns), ['id', 'amount']);
    const tags = at(MODELS, lines('version: 2', 'models:', '  - name: stg_orders', '    config:', '      tags: [finance, |]')).items;
    assert.deepEqual(labels(tags), ['finance']);
  });

  it('writes a space first after a bare colon', () => {
    const { items } = at(MODELS, lines('version: 2', 'models:', '  - name: stg_orders', '    config:', '      materialized:|'));
    assert.equal(items.find((item) => item.label === 'table')!.snippet, ' table');
  });

  it('offers column keys and constraint types', () => {
    const column = labels(at(MODELS, lines('version: 2', 'models:', '  - name: stg_orders', '    columns:', '      - name: id', '        |')).items);
    for (const key of ['description', 'data_type', 'constraints', 'data_tests', 'quote', 'meta']) assert.ok(column.includes(key), key);
    const types = at(MODELS, lines('version: 2', 'models:', '  - name: stg_orders', '    columns:', '      - name: id', '        constraints:', '          - type: |')).items;
    assert.deepEqual(labels(types), ['not_null', 'unique', 'primary_key', 'foreign_key', 'check', 'custom']);
  });

  it('offers tests as names and as keys in a new data_tests item, with skeletons indented below the key', () => {
    const { items } = at(MODELS, lines('version: 2', 'models:', '  - name: stg_orders', '    columns:', '      - name: id', '        data_tests:', '          - |'));
    const offered = labels(items);
    for (const test of ['unique', 'not_null', 'accepted_values', 'relationships']) assert.ok(offered.includes(test), test);
    assert.equal(items.find((item) => item.label === 'relationships')!.snippet, 'relationships:\n    to: $1\n    field: $0');
  });

  it('offers the models no properties file describes yet for a new `- name:`', () => {
    const { items } = at(MODELS, lines('version: 2', 'models:', '  - name: stg_orders', '  - name: |'));
    assert.deepEqual(labels(items), ['stg_customers', 'fct_orders']);
    assert.match(items[0].detail!, /not described yet/);
  });

  it("offers a model's undocumented columns for a new column", () => {
    const { items } = at(MODELS, lines('version: 2', 'models:', '  - name: stg_orders', '    columns:', '      - name: order_id', '      - name: |'));
    assert.deepEqual(labels(items), ['id', 'amount']);
  });

  it('completes ref() in a relationships test, as a name or as a whole call', () => {
    const inside = at(MODELS, lines('version: 2', 'models:', '  - name: stg_orders', '    columns:', '      - name: id', '        data_tests:', '          - relationships:', "              to: ref('stg_c|')", '              field: id'));
    // A properties file may point a test at its own model (a hierarchy), so no model is left out here.
    assert.deepEqual(labels(inside.items), ['fct_orders', 'stg_customers', 'stg_orders']);
    assert.equal(inside.textAt(inside.items[0]), 'stg_c');
    const whole = at(MODELS, lines('version: 2', 'models:', '  - name: stg_orders', '    columns:', '      - name: id', '        data_tests:', '          - relationships:', '              to: |'));
    assert.ok(labels(whole.items).includes("ref('stg_customers')"));
    assert.ok(labels(whole.items).includes("source('raw', 'orders')"));
  });

  it('offers source table keys and exposure types', () => {
    const table = labels(at('models/staging/_sources.yml', lines('version: 2', 'sources:', '  - name: raw', '    tables:', '      - name: orders', '        |')).items);
    for (const key of ['identifier', 'loaded_at_field', 'freshness', 'columns', 'external']) assert.ok(table.includes(key), key);
    const types = labels(at('models/exposures.yml', lines('version: 2', 'exposures:', '  - name: weekly', '    type: |')).items);
    assert.deepEqual(types, ['dashboard', 'notebook', 'analysis', 'ml', 'application']);
  });
});

describe('completion: dbt_project.yml and selectors.yml', () => {
  const project = (...body: string[]) => lines("name: shop\nversion: '1.0.0'\nprofile: shop", ...body);

  it('offers top-level keys not yet written', () => {
    const offered = labels(at('dbt_project.yml', project('|')).items);
    for (const key of ['models', 'seeds', 'vars', 'model-paths', 'on-run-start']) assert.ok(offered.includes(key), key);
    assert.ok(!offered.includes('name') && !offered.includes('profile'));
  });

  it('offers the project, then its folders and +configs, down the models tree', () => {
    const top = labels(at('dbt_project.yml', project('models:', '  |')).items);
    assert.ok(top.includes('shop') && top.includes('+materialized'));
    const folder = at('dbt_project.yml', project('models:', '  shop:', '    |')).items;
    assert.ok(labels(folder).includes('staging') && labels(folder).includes('marts'));
    assert.ok(labels(folder).includes('+materialized') && labels(folder).includes('+partition_by'));
    const deeper = labels(at('dbt_project.yml', project('models:', '  shop:', '    staging:', '      +mat|')).items);
    assert.ok(deeper.includes('+materialized') && !deeper.includes('staging'));
    assert.deepEqual(labels(at('dbt_project.yml', project('models:', '  shop:', '    marts:', '      +on_schema_change: |')).items), ['ignore', 'fail', 'append_new_columns', 'sync_all_columns']);
  });

  it('offers selector methods and the values of the chosen method', () => {
    const selectors = (...body: string[]) => lines('selectors:', '  - name: nightly', '    definition:', ...body);
    const methods = labels(at('selectors.yml', selectors('      method: |')).items);
    for (const method of ['tag', 'path', 'config', 'source', 'state', 'fqn']) assert.ok(methods.includes(method), method);
    assert.deepEqual(labels(at('selectors.yml', selectors('      method: tag', '      value: |')).items), ['finance']);
    const keys = labels(at('selectors.yml', selectors('      method: tag', '      |')).items);
    for (const key of ['value', 'children', 'parents', 'indirect_selection', 'union', 'exclude']) assert.ok(keys.includes(key), key);
  });
});

describe('completion: a schema of another YAML format', () => {
  // A fragment in the shape of a data contract (ODCS), to show that nothing in the mechanism is dbt's.
  const contract: YamlSchema = {
    type: 'object',
    definitions: { property: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, logicalType: { enum: ['string', 'integer', 'date'] }, required: { type: 'boolean' } } } },
    properties: {
      apiVersion: { enum: ['v3.0.0'], description: 'The ODCS version.' },
      schema: { type: 'array', items: { type: 'object', properties: { name: { type: 'string', completionValues: 'table' }, properties: { type: 'array', items: { $ref: '#/definitions/property' } } } } },
    },
  };
  const suggest = (marked: string) => {
    const offset = marked.indexOf('|');
    const cursor = yamlCursorAt(marked.slice(0, offset) + marked.slice(offset + 1), offset)!;
    return schemaSuggestions(contract, cursor);
  };

  it('offers keys with skeletons, values of enums and booleans, and names the values only the caller knows', () => {
    assert.deepEqual(suggest('|').suggestions.map((s) => s.snippet), ['apiVersion: $0', 'schema:\n  - $0']);
    const column = suggest(lines('schema:', '  - name: orders', '    properties:', '      - name: id', '        |'));
    assert.deepEqual(column.suggestions.map((s) => [s.label, s.snippet]), [['logicalType', 'logicalType: $0'], ['required', 'required: ${1|true,false|}']]);
    assert.deepEqual(suggest(lines('schema:', '  - name: orders', '    properties:', '      - name: id', '        logicalType: |')).suggestions.map((s) => s.label), ['string', 'integer', 'date']);
    assert.deepEqual(suggest(lines('schema:', '  - name: |')).requests, { keys: [], values: ['table'] });
  });
});
