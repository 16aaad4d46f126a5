/**
 * Editor navigation over the index, with cursor-marked fixtures: what is under the cursor, hover Markdown,
 * definitions and references.
 */
import assert from 'node:assert/strict';
import { definitionsAt, hoverAt, referencesAt, targetAt } from '../../../server/src/core/navigation';
import { cursorFixture, shop } from './cursor-fixture';

describe('navigation: cursor targets', () => {
  it('finds a ref, resolved to its node', () => {
    const f = cursorFixture(shop({ 'models/marts/fct_orders.sql': "select * from {{ ref('stg_o|rders') }}" }));
    const target = targetAt(f.index, f.file, f.offset);
    assert.equal(target?.kind, 'ref');
    assert.equal(target?.kind === 'ref' && target.nodeId, 'model.shop.stg_orders');
    assert.equal(f.textAt(f.file, target!.span), 'stg_orders');
  });

  it('tells the source part of a source() call from the table part', () => {
    const onSource = cursorFixture(shop({ 'models/staging/stg_customers.sql': "select 1 from {{ source('r|aw', 'customers') }}" }));
    const onTable = cursorFixture(shop({ 'models/staging/stg_customers.sql': "select 1 from {{ source('raw', 'cust|omers') }}" }));
    assert.deepEqual(pick(targetAt(onSource.index, onSource.file, onSource.offset)), { kind: 'source', part: 'source' });
    assert.deepEqual(pick(targetAt(onTable.index, onTable.file, onTable.offset)), { kind: 'source', part: 'table' });
  });

  it('finds a rule id inside a suppression directive', () => {
    const f = cursorFixture(shop({ 'models/marts/fct_orders.sql': "-- dplens-disable-next-line dag/unknown-|ref: legacy\nselect * from {{ ref('nope') }}" }));
    const target = targetAt(f.index, f.file, f.offset);
    assert.equal(target?.kind === 'rule' && target.ruleId, 'dag/unknown-ref');
  });

  it('finds nothing in plain SQL', () => {
    const f = cursorFixture(shop({ 'models/marts/fct_orders.sql': 'select 1 as o|ne' }));
    assert.equal(targetAt(f.index, f.file, f.offset), undefined);
  });
});

describe('navigation: hover', () => {
  it('describes a referenced model: description, materialization, tags, owner, neighbours, columns', () => {
    const f = cursorFixture(shop({ 'models/marts/fct_orders.sql': "select * from {{ ref('stg_or|ders') }}" }));
    const markdown = hoverAt(f.index, f.file, f.offset)!.markdown;
    assert.match(markdown, /\*\*model\*\* `stg_orders`/);
    assert.match(markdown, /Orders, cleaned\./);
    assert.match(markdown, /Materialized as \*\*view\*\*/);
    assert.match(markdown, /Tags: `finance`/);
    assert.match(markdown, /Owner: data-team/);
    assert.match(markdown, /Upstream: 1 · Downstream: 1/);
    assert.match(markdown, /\| `order_id` \| int64 \| Primary key\. \|/);
  });

  it('describes a source table: description, freshness, columns', () => {
    const f = cursorFixture(shop({ 'models/staging/stg_orders.sql': "select 1 from {{ source('raw', 'ord|ers') }}" }));
    const markdown = hoverAt(f.index, f.file, f.offset)!.markdown;
    assert.match(markdown, /\*\*source\*\* `raw\.orders`/);
    assert.match(markdown, /One row per order\./);
    assert.match(markdown, /Freshness: warn after 6 hour/);
    assert.match(markdown, /\| `amount_cents` \|  \| Total in cents\. \|/);
  });

  it('summarises a rule named in a directive, with a link to its documentation', () => {
    const f = cursorFixture(shop({ 'models/marts/fct_orders.sql': "{# dplens-disable-next-line dag/unk|nown-ref: legacy #}\nselect * from {{ ref('nope') }}" }));
    const markdown = hoverAt(f.index, f.file, f.offset)!.markdown;
    assert.match(markdown, /\*\*dag\/unknown-ref\*\* · error/);
    assert.match(markdown, /docs\/rules\/dag\/unknown-ref\.md\)/);
  });

  it('shows a macro signature and its documented description', () => {
    const f = cursorFixture(
      shop({ 'macros/_macros.yml': 'version: 2\nmacros:\n  - name: cents_to_dollars\n    description: Cents to dollars.', 'models/staging/stg_orders.sql': "select {{ cents_to_d|ollars('x') }}" }),
    );
    const markdown = hoverAt(f.index, f.file, f.offset)!.markdown;
    assert.match(markdown, /\{% macro cents_to_dollars\(column_name\) %\}/);
    assert.match(markdown, /Cents to dollars\./);
  });
});

describe('navigation: definitions and references', () => {
  it('goes from a ref to the model file and its properties entry', () => {
    const f = cursorFixture(shop({ 'models/marts/fct_orders.sql': "select * from {{ ref('stg_|orders') }}" }));
    const locations = definitionsAt(f.index, f.file, f.offset);
    assert.deepEqual(locations.map((l) => l.file), ['models/staging/stg_orders.sql', 'models/staging/_models.yml']);
    assert.equal(f.textAt(locations[1].file, locations[1].span), 'stg_orders');
  });

  it('goes from a source() to the table entry, or to the source entry from the source name', () => {
    const table = cursorFixture(shop({ 'models/staging/stg_customers.sql': "select 1 from {{ source('raw', 'cust|omers') }}" }));
    const [tableEntry] = definitionsAt(table.index, table.file, table.offset);
    assert.equal(tableEntry.file, 'models/staging/_sources.yml');
    assert.equal(table.textAt(tableEntry.file, tableEntry.span), 'customers');
    const source = cursorFixture(shop({ 'models/staging/stg_customers.sql': "select 1 from {{ source('r|aw', 'customers') }}" }));
    const [sourceEntry] = definitionsAt(source.index, source.file, source.offset);
    assert.equal(source.textAt(sourceEntry.file, sourceEntry.span), 'raw');
  });

  it('goes from a macro call to the macro definition', () => {
    const f = cursorFixture(shop({ 'models/staging/stg_orders.sql': "select {{ cents_to|_dollars('x') }}" }));
    const [definition] = definitionsAt(f.index, f.file, f.offset);
    assert.equal(definition.file, 'macros/cents_to_dollars.sql');
    assert.equal(f.textAt(definition.file, definition.span), 'cents_to_dollars');
  });

  it('goes from a model named in YAML to its SQL file', () => {
    const f = cursorFixture(shop({ 'models/staging/_models.yml': 'version: 2\nmodels:\n  - name: stg_cus|tomers' }));
    assert.deepEqual(definitionsAt(f.index, f.file, f.offset).map((l) => l.file), ['models/staging/stg_customers.sql']);
  });

  it('lists every ref() to a model across the workspace', () => {
    const f = cursorFixture(
      shop({ 'models/marts/dim_orders.sql': "select * from {{ ref('stg_orders') }} join {{ ref('stg_ord|ers') }} using (id)" }),
    );
    const locations = referencesAt(f.index, f.file, f.offset, false);
    assert.deepEqual(locations.map((l) => l.file).sort(), ['models/marts/dim_orders.sql', 'models/marts/dim_orders.sql', 'models/marts/fct_orders.sql']);
    assert.ok(locations.every((l) => f.textAt(l.file, l.span) === 'stg_orders'));
    const withDeclaration = referencesAt(f.index, f.file, f.offset, true);
    assert.equal(withDeclaration[0].file, 'models/staging/stg_orders.sql');
  });

  it('lists references of a model from its YAML entry, and of a macro from its call', () => {
    const yaml = cursorFixture(shop({ 'models/staging/_models.yml': 'version: 2\nmodels:\n  - name: stg_customer|s' }));
    assert.deepEqual(referencesAt(yaml.index, yaml.file, yaml.offset, false).map((l) => l.file), ['models/marts/fct_orders.sql']);
    const macro = cursorFixture(shop({ 'models/marts/fct_orders.sql': "select {{ cents_|to_dollars('y') }}" }));
    assert.deepEqual(referencesAt(macro.index, macro.file, macro.offset, false).map((l) => l.file).sort(), ['models/marts/fct_orders.sql', 'models/staging/stg_orders.sql']);
  });
});

function pick(target: ReturnType<typeof targetAt>): { kind?: string; part?: string } {
  return { kind: target?.kind, part: target && 'part' in target ? target.part : undefined };
}
