/**
 * Completion items, document symbols and suppression edits, with cursor-marked fixtures.
 */
import assert from 'node:assert/strict';
import { completionListAt, completionsAt, documentSymbols, suppressionEdit } from '../../../server/src/core/navigation';
import { checkWorkspace } from '../../../server/src/core/check';
import { parseFixture } from '../../../server/src/core/rules/fixture';
import { cursorFixture, shop } from './cursor-fixture';

describe('navigation: completion', () => {
  it('offers reachable models inside ref(), with layer and description, replacing the typed name', () => {
    const f = cursorFixture(shop({ 'models/marts/dim_orders.sql': "select * from {{ ref('stg_|') }}" }));
    const items = completionsAt(f.index, f.file, f.offset);
    assert.deepEqual(items.map((item) => item.label), ['fct_orders', 'stg_customers', 'stg_orders']);
    const orders = items.find((item) => item.label === 'stg_orders')!;
    assert.equal(orders.detail, 'model · staging');
    assert.equal(orders.documentation, 'Orders, cleaned.');
    assert.equal(f.textAt(f.file, orders.replace), 'stg_');
  });

  it('never offers the model being edited', () => {
    const f = cursorFixture(shop({ 'models/marts/fct_orders.sql': "select * from {{ ref('|') }}" }));
    assert.ok(!completionsAt(f.index, f.file, f.offset).some((item) => item.label === 'fct_orders'));
  });

  it('offers source names, then the tables of the named source', () => {
    const names = cursorFixture(shop({ 'models/marts/dim_orders.sql': "select * from {{ source('|" }));
    assert.deepEqual(completionsAt(names.index, names.file, names.offset).map((item) => [item.label, item.kind, item.detail]), [['raw', 'source', '2 tables']]);
    const tables = cursorFixture(shop({ 'models/marts/dim_orders.sql': "select * from {{ source('raw', 'or|" }));
    const items = completionsAt(tables.index, tables.file, tables.offset);
    assert.deepEqual(items.map((item) => item.label).sort(), ['customers', 'orders']);
    assert.equal(tables.textAt(tables.file, items[0].replace), 'or');
  });

  it('offers nothing outside a call', () => {
    const f = cursorFixture(shop({ 'models/marts/dim_orders.sql': 'select ref|' }));
    assert.deepEqual(completionsAt(f.index, f.file, f.offset), []);
  });
});

describe('navigation: document symbols', () => {
  it('lists the CTEs and the final select of a model', () => {
    const f = cursorFixture(shop({ 'models/marts/fct_orders.sql': "with orders as (\n  select * from {{ ref('stg_orders') }}\n),\nlatest as (select 1 as x)\nselect * from orders|" }));
    const symbols = documentSymbols(f.index, f.file);
    assert.deepEqual(symbols.map((s) => [s.name, s.kind]), [['orders', 'cte'], ['latest', 'cte'], ['final select', 'select']]);
    assert.equal(f.textAt(f.file, symbols[0].selectionSpan), 'orders');
    assert.match(f.textAt(f.file, symbols[0].span), /^orders as \(\n[\s\S]*\)$/);
    assert.equal(f.textAt(f.file, symbols[2].span), 'select * from orders');
  });

  it('lists the models, sources, tables and columns of a properties file', () => {
    const f = cursorFixture(shop({ 'dbt_project.yml': "name: shop\nversion: '1.0.0'\nprofile: shop\n# |" }));
    const models = documentSymbols(f.index, 'models/staging/_models.yml');
    assert.deepEqual(models.map((s) => [s.name, s.kind, s.children.map((c) => c.name)]), [['stg_orders', 'model', ['order_id']]]);
    const sources = documentSymbols(f.index, 'models/staging/_sources.yml');
    assert.deepEqual(sources.map((s) => [s.name, s.children.map((c) => [c.name, c.children.length])]), [['raw', [['orders', 1], ['customers', 0]]]]);
  });
});

describe('navigation: suppression edits', () => {
  const sql = 'select *\nfrom {{ ref("x") }}\n  {% if true %}\n';
  it('inserts a SQL comment above a SQL line, keeping its indentation', () => {
    assert.deepEqual(suppressionEdit('models/a.sql', sql, 1, 'dag/unknown-ref'), {
      file: 'models/a.sql',
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
      newText: '-- dplens-disable-next-line dag/unknown-ref: <reason>\n',
    });
  });

  it('uses a Jinja comment above a Jinja-only line, and # in YAML', () => {
    assert.equal(suppressionEdit('models/a.sql', sql, 2, 'jinja/syntax').newText, '  {# dplens-disable-next-line jinja/syntax: <reason> #}\n');
    assert.equal(suppressionEdit('models/a.yml', 'models:\n  - name: a\n', 1, 'yaml/syntax').newText, '  # dplens-disable-next-line yaml/syntax: <reason>\n');
  });
});

describe('completion lists in large projects', () => {
  it('narrow to names matching what was typed, best first, and say the list is incomplete', () => {
    const models = Array.from({ length: 300 }, (_, i) => `-- @file models/m_${String(i).padStart(3, '0')}.sql\nselect ${i} as id\n`).join('');
    const source = `${models}-- @file models/stg_orders.sql\nselect 1 as id\n-- @file models/fct.sql\nselect * from {{ ref('stg_or|') }}\n`;
    const fixture = parseFixture(source.replace('|', ''));
    const { index } = checkWorkspace(fixture.files);
    const text = fixture.files.get('models/fct.sql')!;
    const offset = text.indexOf("stg_or'") + 'stg_or'.length;
    const list = completionListAt(index, 'models/fct.sql', offset, 50);
    assert.equal(list.incomplete, true);
    assert.equal(list.items[0].label, 'stg_orders');
    assert.ok(list.items.length <= 50);
    assert.equal(completionListAt(index, 'models/fct.sql', offset, 1000).incomplete, false);
  });
});
