/**
 * Column lineage, one construct per fixture: each builds a small multi-file workspace and checks the
 * columns of one model against the parent columns it reads.
 */
import assert from 'node:assert/strict';
import { computeLineage, loadColumnTracer, type ColumnLineage, type ColumnTracer } from '../../../server/src/core/lineage';
import { WorkspaceIndex } from '../../../server/src/core/project/workspace-index';
import { parseFixture } from '../../../server/src/core/rules/fixture';

let tracer: ColumnTracer;

/** The column lineage of `model` in the fixture, as `column ← node.column:transform` lines. */
function columnsOf(fixture: string, model: string): string[] {
  const index = WorkspaceIndex.build(parseFixture(fixture).files);
  const answer = computeLineage(index, { root: model, upstream: 0, downstream: 0, tracer });
  assert.ok(answer.graph, `no node ${model}`);
  return answer.graph.columns!.filter((entry) => entry.node === model).map(describeEntry);
}

function describeEntry(entry: ColumnLineage): string {
  if (entry.unresolved !== undefined) return `${entry.column} ? ${entry.unresolved}`;
  return `${entry.column} ← ${entry.from.map((origin) => `${origin.node}.${origin.column}:${origin.transform}`).join(', ')}`;
}

const SOURCES = `
  # @file models/_sources.yml
  version: 2
  sources:
    - name: shop
      tables:
        - name: orders
          columns: [{ name: id }, { name: customer_id }, { name: amount_cents }, { name: status }]
        - name: customers
          columns: [{ name: id }, { name: name }]
`;

describe('column lineage', function () {
  this.timeout(60000);

  before(async () => {
    tracer = await loadColumnTracer();
  });

  it('follows a CTE chain and a rename', () => {
    const columns = columnsOf(`${SOURCES}
      -- @file models/stg_orders.sql
      with source as (select * from {{ source('shop', 'orders') }}),
      renamed as (select id as order_id, customer_id, status from source)
      select * from renamed
    `, 'stg_orders');
    assert.deepEqual(columns, [
      'order_id ← source:shop.orders.id:rename',
      'customer_id ← source:shop.orders.customer_id:pass-through',
      'status ← source:shop.orders.status:pass-through',
    ]);
  });

  it('follows a subquery and marks an expression over several inputs as a transformation', () => {
    const columns = columnsOf(`${SOURCES}
      -- @file models/order_facts.sql
      select s.order_id, s.amount_cents / 100.0 + s.customer_id as mixed
      from (select id as order_id, amount_cents, customer_id from {{ source('shop', 'orders') }}) as s
    `, 'order_facts');
    assert.deepEqual(columns, [
      'order_id ← source:shop.orders.id:rename',
      'mixed ← source:shop.orders.amount_cents:transformation, source:shop.orders.customer_id:transformation',
    ]);
  });

  it('takes columns from two parents of a join, and expands `t.*` from the upstream SQL', () => {
    const columns = columnsOf(`${SOURCES}
      -- @file models/stg_customers.sql
      select id as customer_id, name as customer_name from {{ source('shop', 'customers') }}
      -- @file models/orders_joined.sql
      select o.id, c.*
      from {{ source('shop', 'orders') }} as o
      join {{ ref('stg_customers') }} as c on o.customer_id = c.customer_id
    `, 'orders_joined');
    assert.deepEqual(columns, [
      'id ← source:shop.orders.id:pass-through',
      'customer_id ← stg_customers.customer_id:pass-through',
      'customer_name ← stg_customers.customer_name:pass-through',
    ]);
  });

  it('names union columns after the first branch and lists the sources of every branch', () => {
    const columns = columnsOf(`${SOURCES}
      -- @file models/ids.sql
      select id as entity_id from {{ source('shop', 'orders') }}
      union all
      select id from {{ source('shop', 'customers') }}
    `, 'ids');
    assert.deepEqual(columns, ['entity_id ← source:shop.orders.id:rename, source:shop.customers.id:rename']);
  });

  it('expands `select *` from properties YAML columns', () => {
    const columns = columnsOf(`${SOURCES}
      -- @file models/all_customers.sql
      select * from {{ source('shop', 'customers') }}
    `, 'all_customers');
    assert.deepEqual(columns, ['id ← source:shop.customers.id:pass-through', 'name ← source:shop.customers.name:pass-through']);
  });

  it('expands `select *` from the upstream model SQL, which wins over partial YAML columns', () => {
    const columns = columnsOf(`${SOURCES}
      # @file models/_models.yml
      version: 2
      models:
        - name: stg_orders
          columns: [{ name: order_id }]
      -- @file models/stg_orders.sql
      select id as order_id, amount_cents from {{ source('shop', 'orders') }}
      -- @file models/orders_copy.sql
      select * from {{ ref('stg_orders') }}
    `, 'orders_copy');
    assert.deepEqual(columns, ['order_id ← stg_orders.order_id:pass-through', 'amount_cents ← stg_orders.amount_cents:pass-through']);
  });

  it('says so when a star cannot be expanded or a column comes from a macro', () => {
    const columns = columnsOf(`
      -- @file models/upstream.sql
      select * from raw_table
      -- @file models/downstream.sql
      select *, {{ cents_to_dollars('amount') }} as amount from {{ ref('upstream') }}
    `, 'downstream');
    assert.equal(columns.length, 2);
    assert.match(columns[0], /^\* \? .*columns are unknown/);
    assert.match(columns[1], /^amount \? .*macro/);
  });

  it('says so when a model reads a relation that is no ref() or source()', () => {
    const columns = columnsOf(`
      -- @file models/hardcoded.sql
      select id from raw.shop.orders
    `, 'hardcoded');
    assert.equal(columns.length, 1);
    assert.match(columns[0], /^id \? reads `.*orders`, which is neither a ref\(\) nor a source\(\)/);
  });

  it('reports a constant or aggregate over rows as a transformation with no inputs', () => {
    const columns = columnsOf(`${SOURCES}
      -- @file models/counts.sql
      select status, count(*) as n, 1 as one from {{ source('shop', 'orders') }} group by status
    `, 'counts');
    assert.deepEqual(columns, ['status ← source:shop.orders.status:pass-through', 'n ← ', 'one ← ']);
  });
});
