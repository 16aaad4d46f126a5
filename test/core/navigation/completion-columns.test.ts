/**
 * Completion of columns after `alias.` in SQL, on cursor-marked fixtures: the alias may name a ref, a source,
 * a seed, a CTE or a subquery; columns come from catalog.json, upstream SQL, properties YAML or a seed header.
 */
import assert from 'node:assert/strict';
import { completionsAt } from '../../../server/src/core/navigation';
import { cursorFixture } from './cursor-fixture';

/** A small project whose relations know their columns in each of the ways the completion reads. */
function project(model: string): string {
  const files: Record<string, string> = {
    'dbt_project.yml': "name: shop\nversion: '1.0.0'\nprofile: shop\n",
    'models/staging/_sources.yml': [
      'version: 2',
      'sources:',
      '  - name: shop',
      '    tables:',
      '      - name: orders',
      '        columns:',
      '          - name: id',
      '            description: The order id.',
      '          - name: placed_at',
      '      - name: customers',
      '        columns:',
      '          - name: customer_id',
      '          - name: full_name',
    ].join('\n'),
    'models/staging/_models.yml': [
      'version: 2',
      'models:',
      '  - name: stg_orders',
      '    config:',
      '      contract: {enforced: true}',
      '    columns:',
      '      - name: order_id',
      '        data_type: int64',
      '        description: Primary key.',
      '      - name: amount',
      '        data_type: numeric',
    ].join('\n'),
    'models/staging/stg_orders.sql': "select id as order_id, customer_id, amount from {{ source('shop', 'orders') }}",
    'models/staging/stg_customers.sql': "select * from {{ source('shop', 'customers') }}",
    'models/staging/stg_payments.sql': "select * from {{ source('shop', 'payments') }}",
    'seeds/countries.csv': 'code,"name"\nfr,France\n',
    'target/catalog.json': JSON.stringify({
      metadata: { dbt_version: '1.8.0' },
      nodes: {
        'model.shop.stg_payments': {
          unique_id: 'model.shop.stg_payments',
          metadata: { type: 'view', schema: 'staging', name: 'stg_payments' },
          columns: { payment_id: { name: 'payment_id', type: 'INT64', index: 1 }, paid_at: { name: 'paid_at', type: 'TIMESTAMP', index: 2, comment: 'When it was paid.' } },
          stats: {},
        },
      },
      sources: {},
    }),
    'models/marts/fct.sql': model,
  };
  return Object.entries(files)
    .map(([path, text]) => `${/\.ya?ml$/.test(path) ? '#' : '--'} @file ${path}\n${text}\n`)
    .join('\n');
}

function labelsAt(model: string): string[] {
  const f = cursorFixture(project(model));
  return completionsAt(f.index, f.file, f.offset).map((item) => item.label);
}

describe('completion: columns after an alias', () => {
  const cases: { name: string; model: string; expected: string[] }[] = [
    { name: 'a ref aliased with as', model: "select o.| from {{ ref('stg_orders') }} as o", expected: ['order_id', 'customer_id', 'amount'] },
    { name: 'a ref aliased without as, in a join', model: "select c.| from {{ ref('stg_orders') }} o join {{ ref('stg_customers') }} c on o.customer_id = c.customer_id", expected: ['customer_id', 'full_name'] },
    { name: 'an unaliased ref, by its model name', model: "select stg_orders.| from {{ ref('stg_orders') }}", expected: ['order_id', 'customer_id', 'amount'] },
    { name: 'a source, from its documented columns', model: "select src.| from {{ source('shop', 'orders') }} src", expected: ['id', 'placed_at'] },
    { name: 'a seed, from its header row', model: "select k.| from {{ ref('countries') }} as k", expected: ['code', 'name'] },
    { name: 'a model built before, from catalog.json', model: "select p.| from {{ ref('stg_payments') }} p", expected: ['payment_id', 'paid_at'] },
    { name: 'a CTE selecting * from a ref', model: "with o as (select * from {{ ref('stg_orders') }})\nselect o.| from o", expected: ['order_id', 'customer_id', 'amount'] },
    {
      name: 'a CTE naming its columns',
      model: "with o as (\n  select order_id, amount * 2 as double_amount from {{ ref('stg_orders') }}\n)\nselect o.| from o",
      expected: ['order_id', 'double_amount'],
    },
    { name: 'an alias of a CTE', model: "with orders as (select * from {{ ref('stg_orders') }})\nselect x.| from orders as x", expected: ['order_id', 'customer_id', 'amount'] },
    { name: 'a CTE over a CTE', model: "with a as (select * from {{ ref('stg_customers') }}),\nb as (select * from a)\nselect b.| from b", expected: ['customer_id', 'full_name'] },
    { name: 'a subquery', model: "select s.| from (select order_id as id from {{ ref('stg_orders') }}) as s", expected: ['id'] },
    { name: 'a qualifier the SQL does not define', model: "select raw.| from {{ ref('stg_orders') }} o", expected: [] },
    { name: 'a dot inside Jinja', model: "select {{ dbt_utils.| }} from {{ ref('stg_orders') }} dbt_utils", expected: [] },
  ];
  for (const { name, model, expected } of cases) {
    it(`offers the columns of ${name}`, () => assert.deepEqual(labelsAt(model), expected));
  }

  it('describes each column with its type, description and where the list came from, in table order', () => {
    const f = cursorFixture(project("select o.cust| from {{ ref('stg_orders') }} as o"));
    const items = completionsAt(f.index, f.file, f.offset);
    const orderId = items.find((item) => item.label === 'order_id')!;
    assert.equal(orderId.kind, 'column');
    assert.equal(orderId.detail, 'int64 · o');
    assert.match(orderId.documentation!, /Primary key\./);
    assert.match(orderId.documentation!, /From the SQL of `stg_orders`/);
    assert.deepEqual(items.map((item) => item.sortText), ['0', '1', '2']);
    assert.equal(f.textAt(f.file, items[0].replace), 'cust');
  });

  it('takes catalog types and comments', () => {
    const f = cursorFixture(project("select p.| from {{ ref('stg_payments') }} p"));
    const paidAt = completionsAt(f.index, f.file, f.offset).find((item) => item.label === 'paid_at')!;
    assert.equal(paidAt.detail, 'TIMESTAMP · p');
    assert.match(paidAt.documentation!, /When it was paid\.[\s\S]*catalog\.json/);
  });
});
