/**
 * dag/marts-or-intermediate-depends-on-source, dag/direct-join-to-source and dag/multiple-sources-joined:
 * which parents count, where each finding is located, and the evaluator's exceptions seed.
 */
import assert from 'node:assert/strict';
import { assertFixture } from '../../helpers/rule-fixture';

const only = { onlyRules: ['dag/marts-or-intermediate-depends-on-source', 'dag/direct-join-to-source', 'dag/multiple-sources-joined'] };

const SOURCES = `
# @file models/staging/shop/_shop__sources.yml
version: 2
sources:
  - name: shop
    tables:
      - name: orders
      - name: customers
      - name: payments
`;

describe('dag/marts-or-intermediate-depends-on-source', () => {
  it('flags intermediate and marts models, by prefix or folder, at each source() call', () => {
    const findings = assertFixture(
      `
      -- @file models/intermediate/int_orders.sql
      select * from {{ source('shop', 'orders') }}  -- expect: dag/marts-or-intermediate-depends-on-source
      -- @file models/marts/finance/revenue.sql
      select * from {{ source('shop', 'payments') }}  -- expect: dag/marts-or-intermediate-depends-on-source
      -- @file models/staging/shop/stg_shop__customers.sql
      select * from {{ source('shop', 'customers') }}
      -- @file models/reports/rpt_customers.sql
      select * from {{ source('shop', 'customers') }}
      ${SOURCES}`,
      { onlyRules: ['dag/marts-or-intermediate-depends-on-source'] },
    );
    const messages = findings.filter((finding) => finding.rule === 'dag/marts-or-intermediate-depends-on-source').map((finding) => finding.message);
    assert.ok(messages.some((message) => message.startsWith('The intermediate model `int_orders` reads the source `shop.orders`')));
    assert.ok(messages.some((message) => message.startsWith('The marts model `revenue` reads the source `shop.payments`')));
  });

  it('skips relationships listed in the exceptions seed, with the source as `source_name.table_name`', () => {
    assertFixture(
      `
      -- @file models/marts/fct_orders.sql
      select * from {{ source('shop', 'orders') }}
      -- @file models/marts/fct_payments.sql
      select * from {{ source('shop', 'payments') }}  -- expect: dag/marts-or-intermediate-depends-on-source
      -- @file seeds/dbt_project_evaluator_exceptions.csv
      fct_name,column_name,id_to_exclude,comment
      fct_marts_or_intermediate_dependent_on_source,parent,shop.orders,Read raw on purpose
      ${SOURCES}`,
      { onlyRules: ['dag/marts-or-intermediate-depends-on-source'] },
    );
  });
});

describe('dag/direct-join-to-source', () => {
  it('flags every source() of a model that also reads a model, once per source', () => {
    assertFixture(
      `
      -- @file models/staging/shop/stg_shop__orders.sql
      select * from {{ source('shop', 'orders') }}
      -- @file models/reports/orders_report.sql
      select *
      from {{ ref('stg_shop__orders') }}
      join {{ source('shop', 'customers') }} using (customer_id)  -- expect: dag/direct-join-to-source
      join {{ source('shop', 'payments') }} using (order_id)  -- expect: dag/direct-join-to-source, dag/multiple-sources-joined
      left join {{ source('shop', 'customers') }} as again using (customer_id)
      ${SOURCES}`,
      only,
    );
  });

  it('counts only models on the model side, as the evaluator does: seeds and snapshots do not', () => {
    assertFixture(
      `
      -- @file models/reports/orders_report.sql
      select * from {{ source('shop', 'orders') }} join {{ ref('country_codes') }} using (country)
      -- @file seeds/country_codes.csv
      country,name
      -- @file snapshots/orders_snapshot.sql
      {% snapshot orders_snapshot %}
      {{ config(unique_key='id', strategy='check', check_cols='all') }}
      select * from {{ source('shop', 'customers') }}
      {% endsnapshot %}
      -- @file models/reports/customers_report.sql
      select * from {{ ref('orders_snapshot') }} join {{ source('shop', 'customers') }} using (id)
      ${SOURCES}`,
      only,
    );
  });

  it('skips a model listed in the exceptions seed as child', () => {
    assertFixture(
      `
      -- @file models/staging/shop/stg_shop__orders.sql
      select * from {{ source('shop', 'orders') }}
      -- @file models/reports/orders_report.sql
      select * from {{ ref('stg_shop__orders') }} join {{ source('shop', 'customers') }} using (customer_id)
      -- @file seeds/dbt_project_evaluator_exceptions.csv
      fct_name,column_name,id_to_exclude,comment
      fct_direct_join_to_source,child,%_report,Reports may read raw lookups
      ${SOURCES}`,
      only,
    );
  });
});

describe('dag/multiple-sources-joined', () => {
  it('reports once per model, at the second distinct source, listing them all', () => {
    const findings = assertFixture(
      `
      -- @file models/staging/shop/stg_shop__everything.sql
      select *
      from {{ source('shop', 'orders') }}
      join {{ source('shop', 'orders') }} as again using (id)
      join {{ source('shop', 'customers') }} using (customer_id)  -- expect: dag/multiple-sources-joined
      join {{ source('shop', 'payments') }} using (order_id)
      ${SOURCES}`,
      only,
    );
    assert.match(findings.find((finding) => finding.rule === 'dag/multiple-sources-joined')!.message, /reads 3 sources \(`shop.orders`, `shop.customers`, `shop.payments`\)/);
  });

  it('does not flag one source read twice', () => {
    assertFixture(
      `
      -- @file models/staging/shop/stg_shop__orders.sql
      select * from {{ source('shop', 'orders') }} union all select * from {{ source('shop', 'orders') }}
      ${SOURCES}`,
      only,
    );
  });

  it('skips models matched by an exceptions row, as in the evaluator documentation', () => {
    assertFixture(
      `
      -- @file models/staging/shop/stg_shop__orders_unioned.sql
      select * from {{ source('shop', 'orders') }} union all select * from {{ source('shop', 'payments') }}
      -- @file models/staging/shop/stg_shop__orders_all.sql
      select * from {{ source('shop', 'orders') }} union all select * from {{ source('shop', 'payments') }}  -- expect: dag/multiple-sources-joined
      -- @file seeds/dbt_project_evaluator_exceptions.csv
      fct_name,column_name,id_to_exclude,comment
      fct_multiple_sources_joined,child,stg_%_unioned,Models called _unioned can union multiple sources
      ${SOURCES}`,
      only,
    );
  });
});
