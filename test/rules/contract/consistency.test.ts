/**
 * Contract consistency at head, without git: the columns an enforced contract declares against the columns the model's
 * final SELECT produces (`contract/column-missing-from-sql`, `contract/column-missing-from-contract`), and the
 * `data_type` every contracted column needs (`contract/missing-data-type`).
 */
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from '../../../server/src/core/findings';
import { assertFixture, checkFixture } from '../../helpers/rule-fixture';

const CONSISTENCY_RULES = ['contract/column-missing-from-sql', 'contract/column-missing-from-contract', 'contract/missing-data-type'];
const only = { onlyRules: CONSISTENCY_RULES };

/** The text of one file after a fix's edits, applied as an editor applies them. */
function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///fixture.yml', 'yaml', 0, text), edits);
}

/** A properties file declaring `fct_orders` with an enforced contract and the given column lines. */
function contractYaml(columns: string, config = '    config:\n      contract:\n        enforced: true\n'): string {
  return `# @file models/marts/_marts.yml\nmodels:\n  - name: fct_orders\n${config}    columns:\n${columns}`;
}

const ORDER_COLUMNS = '      - name: order_id\n        data_type: int64\n      - name: amount\n        data_type: numeric\n';

const cases: { name: string; fixture: string }[] = [
  {
    name: 'an explicit select list: a declared column it lacks, and a column it adds',
    fixture: `
-- @file models/marts/fct_orders.sql
select
  1 as order_id,
  'EUR' as currency  -- expect: contract/column-missing-from-contract
${contractYaml(ORDER_COLUMNS.replace('      - name: amount', '      - name: amount  # expect: contract/column-missing-from-sql'))}`,
  },
  {
    name: 'aliases, implicit aliases and qualified references are the names the warehouse gives',
    fixture: `
-- @file models/staging/stg_orders.sql
select 1 as id, 10.5 as total
-- @file models/marts/fct_orders.sql
select o.id as order_id, o.total amount
from {{ ref('stg_orders') }} as o
${contractYaml(ORDER_COLUMNS)}`,
  },
  {
    name: 'a final select * from a CTE is the CTE\'s columns',
    fixture: `
-- @file models/marts/fct_orders.sql
with orders as (
  select 1 as order_id, 10.5 as amount, 'web' as channel
),
final as (
  select order_id, amount, channel from orders
)
select * from final  -- expect: contract/column-missing-from-contract
${contractYaml(ORDER_COLUMNS)}`,
  },
  {
    name: 'select * through CTEs and a subquery, with a star over an upstream model\'s own SQL',
    fixture: `
-- @file models/staging/stg_orders.sql
select 1 as order_id, 10.5 as amount
-- @file models/marts/fct_orders.sql
with source as (
  select * from {{ ref('stg_orders') }}
)
select * from (select * from source) as orders
${contractYaml(ORDER_COLUMNS + '      - name: currency  # expect: contract/column-missing-from-sql\n        data_type: string\n')}`,
  },
  {
    name: 'select * from a model whose columns its own enforced contract lists (its SQL unreadable)',
    fixture: `
-- @file models/staging/stg_orders.sql
select {{ dbt_utils.star(source('shop', 'orders')) }} from {{ source('shop', 'orders') }}
-- @file models/staging/_staging.yml
models:
  - name: stg_orders
    config:
      contract:
        enforced: true
    columns:
      - name: order_id
        data_type: int64
      - name: amount
        data_type: numeric
      - name: status
        data_type: string
sources:
  - name: shop
    tables:
      - name: orders
-- @file models/marts/fct_orders.sql
select * except (status), current_date() as loaded_on from {{ ref('stg_orders') }}  -- expect: contract/column-missing-from-contract
${contractYaml(ORDER_COLUMNS)}`,
  },
  {
    name: 'a star over a source, or over a model documented only in part, is unknown: silent',
    fixture: `
-- @file models/staging/stg_orders.sql
select {{ dbt_utils.star(source('shop', 'orders')) }} from {{ source('shop', 'orders') }}
-- @file models/staging/_staging.yml
models:
  - name: stg_orders
    columns:
      - name: order_id
sources:
  - name: shop
    tables:
      - name: orders
        columns:
          - name: order_id
-- @file models/marts/fct_orders.sql
select o.*, s.* from {{ ref('stg_orders') }} as o join {{ source('shop', 'orders') }} as s on o.order_id = s.order_id
${contractYaml(ORDER_COLUMNS + '      - name: currency\n        data_type: string\n')}`,
  },
  {
    name: 'a contract that is not enforced is not compared, and its columns need no data_type',
    fixture: `
-- @file models/marts/fct_orders.sql
select 1 as order_id, 'EUR' as currency
${contractYaml('      - name: order_id\n      - name: amount\n', '    config:\n      contract:\n        enforced: false\n')}`,
  },
  {
    name: 'a contract enforced in dbt_project.yml for the model\'s folder',
    fixture: `
# @file dbt_project.yml
name: fixture
version: '1.0.0'
profile: fixture
models:
  fixture:
    marts:
      +contract:
        enforced: true
-- @file models/marts/fct_orders.sql
select 1 as order_id, 10.5 as amount, 'EUR' as currency  -- expect: contract/column-missing-from-contract
${contractYaml(ORDER_COLUMNS, '')}`,
  },
  {
    name: 'a contract enforced in the SQL config() call',
    fixture: `
-- @file models/marts/fct_orders.sql
{{ config(materialized='table', contract={'enforced': true}) }}
select 1 as order_id
${contractYaml(ORDER_COLUMNS.replace('      - name: amount', '      - name: amount  # expect: contract/column-missing-from-sql'), '')}`,
  },
  {
    name: 'a contracted column without data_type, in YAML config or in the SQL config()',
    fixture: `
-- @file models/marts/fct_orders.sql
select 1 as order_id, 10.5 as amount
${contractYaml('      - name: order_id\n        data_type: int64\n      - name: amount  # expect: contract/missing-data-type\n        data_type: ""\n')}
-- @file models/marts/dim_customers.sql
{{ config(contract={'enforced': true}) }}
select 1 as customer_id
# @file models/marts/_customers.yml
models:
  - name: dim_customers
    columns:
      - name: customer_id  # expect: contract/missing-data-type
`,
  },
  {
    name: 'names differing only in case match, as the warehouse compares them',
    fixture: `
-- @file models/marts/fct_orders.sql
select 1 as ORDER_ID, 10.5 as Amount
${contractYaml('      - name: order_id\n        data_type: int64\n      - name: AMOUNT\n        data_type: numeric\n')}`,
  },
  {
    name: 'a versioned model: each version against its own SQL and columns after include/exclude',
    fixture: `
-- @file models/marts/fct_orders_v1.sql
select 1 as order_id, 10.5 as amount, 'EUR' as currency
-- @file models/marts/fct_orders_v2.sql
select 1 as order_id, 10.5 as amount_eur  -- expect: contract/column-missing-from-contract
# @file models/marts/_marts.yml
models:
  - name: fct_orders
    latest_version: 2
    config:
      contract:
        enforced: true
    columns:
      - name: order_id
        data_type: int64
      - name: amount
        data_type: numeric
      - name: currency
        data_type: string
    versions:
      - v: 1
      - v: 2
        columns:
          - include: all
            exclude: [amount]
          - name: currency  # expect: contract/column-missing-from-sql
            data_type: string
`,
  },
  {
    name: 'Jinja in the select list: a loop or a macro makes the columns unknown, a value expression with an alias does not',
    fixture: `
-- @file models/marts/fct_orders.sql
select
  1 as order_id,
  {% for method in ['card', 'cash'] %}
  sum(case when method = '{{ method }}' then amount end) as {{ method }}_amount,
  {% endfor %}
  10.5 as amount
${contractYaml(ORDER_COLUMNS)}
-- @file models/marts/fct_payments.sql
select {{ dbt_utils.generate_surrogate_key(['order_id']) }} as payment_id, {{ var('fx_rate') }} * 10.5 as amount_eur  -- expect: contract/column-missing-from-contract
# @file models/marts/_payments.yml
models:
  - name: fct_payments
    config:
      contract:
        enforced: true
    columns:
      - name: payment_id
        data_type: string
-- @file models/marts/fct_shipments.sql
select
  1 as shipment_id,
  {% if var('with_carrier', true) %}
  'dhl' as carrier,
  {% endif %}
  current_date() as shipped_on
# @file models/marts/_shipments.yml
models:
  - name: fct_shipments
    config:
      contract:
        enforced: true
    columns:
      - name: shipment_id
        data_type: int64
      - name: shipped_on
        data_type: date
-- @file models/marts/fct_refunds.sql
select {{ dbt_utils.star(ref('fct_orders')) }}, 1 as refund_id
# @file models/marts/_refunds.yml
models:
  - name: fct_refunds
    config:
      contract:
        enforced: true
    columns:
      - name: refund_id
        data_type: int64
      - name: never_selected
        data_type: string
`,
  },
  {
    name: 'an expression without an alias, unparseable SQL and a unnest() are unknown: silent',
    fixture: `
-- @file models/marts/fct_orders.sql
select 1 as order_id, count(*) from {{ ref('fct_other') }}
${contractYaml(ORDER_COLUMNS)}
-- @file models/marts/fct_other.sql
select * from unnest([1, 2]) as order_id
# @file models/marts/_other.yml
models:
  - name: fct_other
    config:
      contract:
        enforced: true
    columns:
      - name: id
        data_type: int64
-- @file models/marts/fct_broken.sql
select 1 as a, from where (
# @file models/marts/_broken.yml
models:
  - name: fct_broken
    config:
      contract:
        enforced: true
    columns:
      - name: b
        data_type: int64
`,
  },
];

describe('contract consistency at head', () => {
  for (const { name, fixture } of cases) {
    it(name, () => {
      assertFixture(fixture, only);
    });
  }

  it('says which columns are missing, and the quick fix adds them (with the cast type) to the contract', () => {
    const fixture = `
-- @file models/marts/fct_orders.sql
select 1 as order_id, 10.5 as amount, cast('EUR' as string) as currency, 'web' as channel
${contractYaml(ORDER_COLUMNS)}`;
    const { findings, files } = checkFixture(fixture);
    const missing = findings.filter((finding) => finding.rule === 'contract/column-missing-from-contract');
    assert.deepEqual(missing.map((finding) => finding.message.match(/column `(\w+)`/)?.[1]), ['currency', 'channel']);
    assert.match(missing[0].message, /dbt fails the build/);
    assert.match(missing[0].message, /models\/marts\/_marts\.yml/);
    const fixed = applyEdits(files.get('models/marts/_marts.yml')!, [...missing[0].fixes![0].edits, ...missing[1].fixes![0].edits]);
    assert.ok(fixed.endsWith('      - name: currency\n        data_type: string\n      - name: channel\n'), fixed);
    // With the entries added, only channel's missing data_type remains.
    const after = checkFixture(fixture.replace(/# @file models\/marts\/_marts\.yml[\s\S]*$/, `# @file models/marts/_marts.yml\n${fixed}`)).findings;
    assert.deepEqual(
      after.filter((finding) => CONSISTENCY_RULES.includes(finding.rule)).map((finding) => `${finding.rule}:${finding.range.start.line}`),
      ['contract/missing-data-type:12'],
    );
  });

  it('reports the columns one star adds as one finding at the star, and adds a columns key when there is none', () => {
    const fixture = `
-- @file models/staging/stg_orders.sql
select 1 as order_id, 10.5 as amount
-- @file models/marts/fct_orders.sql
select * from {{ ref('stg_orders') }}
# @file models/marts/_marts.yml
models:
  - name: fct_orders
    config:
      contract:
        enforced: true
`;
    const { findings, files } = checkFixture(fixture);
    const missing = findings.filter((finding) => finding.rule === 'contract/column-missing-from-contract');
    assert.equal(missing.length, 1);
    assert.equal(missing[0].file, 'models/marts/fct_orders.sql');
    assert.match(missing[0].message, /columns `order_id`, `amount`.*\(from `\*`\)/);
    const fixed = applyEdits(files.get('models/marts/_marts.yml')!, missing[0].fixes![0].edits);
    assert.ok(fixed.endsWith('        enforced: true\n    columns:\n      - name: order_id\n      - name: amount\n'), fixed);
  });
});
