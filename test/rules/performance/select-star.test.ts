/**
 * performance/select-star-in-mart: off by default; flags a mart's final `select *` from a ref, source or table,
 * never the import-CTE pattern (in staging or marts) nor `select * from final`.
 */
import assert from 'node:assert/strict';
import { checkWorkspace } from '../../../server/src/core/check';
import { parseFixture } from '../../../server/src/core/rules/fixture';
import { assertFixture } from '../../helpers/rule-fixture';

const RULE = 'performance/select-star-in-mart';
const only = { onlyRules: [RULE] };
const ENABLED = `
# @file dplens.yml
adapter: bigquery
rules:
  ${RULE}: info
`;
const STG_ORDERS = `
-- @file models/staging/stg_orders.sql
select 1 as order_id, 10.5 as amount
`;

describe(RULE, () => {
  it('is off by default', () => {
    const outcome = checkWorkspace(parseFixture(`-- @file models/marts/fct_orders.sql\nselect * from {{ ref('stg_orders') }}\n${STG_ORDERS}`).files);
    assert.equal(outcome.findings.filter((finding) => finding.rule === RULE).length, 0);
  });

  it('flags the star of a mart\'s final select from a ref, a source or a qualified star, saying what to do', () => {
    const findings = assertFixture(
      `${ENABLED}
      -- @file models/marts/fct_orders.sql
      select * from {{ ref('stg_orders') }}  -- expect: ${RULE}
      -- @file models/marts/dim_customers.sql
      with customers as (select 1 as customer_id)
      select o.*, c.customer_id  -- expect: ${RULE}
      from {{ ref('stg_orders') }} o
      cross join customers c
      ${STG_ORDERS}`,
      only,
    );
    const finding = findings.find((candidate) => candidate.rule === RULE && candidate.file.endsWith('fct_orders.sql'))!;
    assert.equal(finding.severity, 'info');
    assert.match(finding.message, /`fct_orders` is a mart whose final `select \*` reads `ref\('stg_orders'\)` directly/);
    assert.match(finding.message, /List the columns/);
  });

  it('never flags the import-CTE pattern, in staging or marts, nor select * from a CTE', () => {
    assertFixture(
      `${ENABLED}
      -- @file models/staging/stg_shop__orders.sql
      with source as (
        select * from {{ source('shop', 'orders') }}
      ),
      renamed as (
        select id as order_id, total as amount from source
      )
      select * from renamed
      -- @file models/marts/fct_orders.sql
      with source as (
        select * from {{ ref('stg_orders') }}
      )
      select order_id, amount from source
      -- @file models/marts/fct_payments.sql
      with orders as (select * from {{ ref('stg_orders') }}),
      final as (select order_id from orders)
      select * from final
      -- @file models/staging/stg_payments.sql
      select * from {{ ref('stg_orders') }}
      # @file models/staging/_sources.yml
      sources:
        - name: shop
          tables:
            - name: orders
      ${STG_ORDERS}`,
      only,
    );
  });

  it('takes the model type from a prefix too', () => {
    assertFixture(
      `${ENABLED}
      -- @file models/reporting/fct_orders.sql
      select * from {{ ref('stg_orders') }}  -- expect: ${RULE}
      -- @file models/reporting/orders_report.sql
      select * from {{ ref('stg_orders') }}
      ${STG_ORDERS}`,
      only,
    );
  });
});
