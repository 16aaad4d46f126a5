/**
 * dag/staging-depends-on-staging and dag/staging-depends-on-downstream: model types as dbt-project-evaluator
 * decides them (prefix over folder, base models apart), its variables, and its exceptions seed.
 */
import assert from 'node:assert/strict';
import { assertFixture } from '../../helpers/rule-fixture';

const LAYER_RULES = ['dag/staging-depends-on-staging', 'dag/staging-depends-on-downstream'];
const only = { onlyRules: LAYER_RULES };

const SOURCES = `
# @file models/staging/shop/_shop__sources.yml
version: 2
sources:
  - name: shop
    tables:
      - name: orders
      - name: customers
`;

describe('dag/staging-depends-on-staging', () => {
  it('flags each staging parent once, at its first ref() call, and names both models', () => {
    const findings = assertFixture(
      `
      -- @file models/staging/shop/stg_shop__orders.sql
      select * from {{ source('shop', 'orders') }}
      -- @file models/staging/shop/stg_shop__customers.sql
      select * from {{ source('shop', 'customers') }}
      -- @file models/staging/shop/stg_shop__order_customers.sql
      select *
      from {{ ref('stg_shop__orders') }} as o  -- expect: dag/staging-depends-on-staging
      join {{ ref('stg_shop__customers') }} as c using (customer_id)  -- expect: dag/staging-depends-on-staging
      where o.id in (select id from {{ ref('stg_shop__orders') }})
      ${SOURCES}`,
      only,
    );
    assert.match(findings.find((finding) => finding.rule === 'dag/staging-depends-on-staging')!.message, /staging model `stg_shop__order_customers` reads the staging model `stg_shop__orders`/);
  });

  it('lets the prefix win over the folder, and reads the folder when there is no prefix', () => {
    assertFixture(
      `
      -- @file models/staging/shop/stg_shop__orders.sql
      select * from {{ source('shop', 'orders') }}
      -- @file models/staging/int_orders_enriched.sql
      select * from {{ ref('stg_shop__orders') }}
      -- @file models/marts/stg_shop__misplaced.sql
      select * from {{ ref('stg_shop__orders') }}  -- expect: dag/staging-depends-on-staging
      -- @file models/staging/shop/orders_cleaned.sql
      select * from {{ ref('stg_shop__orders') }}  -- expect: dag/staging-depends-on-staging
      ${SOURCES}`,
      only,
    );
  });

  it('treats base models as their own type, as the evaluator does', () => {
    assertFixture(
      `
      -- @file models/staging/shop/base/base_shop__orders.sql
      select * from {{ source('shop', 'orders') }}
      -- @file models/staging/shop/base/base_shop__orders_deduped.sql
      select distinct * from {{ ref('base_shop__orders') }}
      -- @file models/staging/shop/stg_shop__orders.sql
      select * from {{ ref('base_shop__orders_deduped') }}
      ${SOURCES}`,
      only,
    );
  });

  it('counts snapshots as staging when their name or folder says so', () => {
    assertFixture(
      `
      -- @file snapshots/staging/stg_shop__orders_snapshot.sql
      {% snapshot stg_shop__orders_snapshot %}
      {{ config(unique_key='id', strategy='check', check_cols='all') }}
      select * from {{ ref('stg_shop__orders') }}  -- expect: dag/staging-depends-on-staging
      {% endsnapshot %}
      -- @file models/staging/shop/stg_shop__orders.sql
      select * from {{ source('shop', 'orders') }}
      ${SOURCES}`,
      only,
    );
  });

  it("honours the evaluator's model type variables in dbt_project.yml", () => {
    assertFixture(
      `
      -- @file dbt_project.yml
      name: fixture
      version: '1.0.0'
      profile: fixture
      vars:
        dbt_project_evaluator:
          staging_prefixes: ['src_']
          staging_folder_name: 'clean'
      -- @file models/clean/src_orders.sql
      select * from {{ source('shop', 'orders') }}
      -- @file models/clean/orders_enriched.sql
      select * from {{ ref('src_orders') }}  -- expect: dag/staging-depends-on-staging
      -- @file models/staging/stg_orders_copy.sql
      select * from {{ ref('src_orders') }}
      # @file models/clean/_sources.yml
      version: 2
      sources:
        - name: shop
          tables:
            - name: orders
      `,
      only,
    );
  });

  it('skips relationships listed in dbt_project_evaluator_exceptions.csv, by child or by parent LIKE pattern', () => {
    const fixture = (exceptions: string, expect: string) => `
      -- @file models/staging/shop/stg_shop__orders.sql
      select * from {{ source('shop', 'orders') }}
      -- @file models/staging/shop/stg_shop__orders_unioned.sql
      select * from {{ ref('stg_shop__orders') }}  ${expect}
      -- @file seeds/dbt_project_evaluator_exceptions.csv
      fct_name,column_name,id_to_exclude,comment
      ${exceptions}
      ${SOURCES}`;
    assertFixture(fixture('fct_staging_dependent_on_staging,child,stg_%_unioned,Unions of staging models', ''), only);
    assertFixture(fixture('fct_staging_dependent_on_staging,parent,stg_shop__%,Shop staging is layered', ''), only);
    // A row for another evaluator model, or another column, does not apply.
    assertFixture(fixture('fct_multiple_sources_joined,child,stg_%_unioned,Other check', '-- expect: dag/staging-depends-on-staging'), only);
    assertFixture(fixture('fct_staging_dependent_on_staging,child,stg_shop__orders,Exact name of the parent only', '-- expect: dag/staging-depends-on-staging'), only);
  });
});

describe('dag/staging-depends-on-downstream', () => {
  it('flags staging models reading intermediate or marts models, and names the parent type', () => {
    const findings = assertFixture(
      `
      -- @file models/staging/shop/stg_shop__orders.sql
      select * from {{ source('shop', 'orders') }}
      -- @file models/intermediate/int_orders.sql
      select * from {{ ref('stg_shop__orders') }}
      -- @file models/marts/dim_customers.sql
      select * from {{ ref('int_orders') }}
      -- @file models/staging/shop/stg_shop__order_facts.sql
      select *
      from {{ ref('int_orders') }}  -- expect: dag/staging-depends-on-downstream
      join {{ ref('dim_customers') }} using (customer_id)  -- expect: dag/staging-depends-on-downstream
      ${SOURCES}`,
      only,
    );
    const messages = findings.filter((finding) => finding.rule === 'dag/staging-depends-on-downstream').map((finding) => finding.message);
    assert.ok(messages.some((message) => /reads the intermediate model `int_orders`/.test(message)));
    assert.ok(messages.some((message) => /reads the marts model `dim_customers`/.test(message)));
  });

  it('ignores other model types, base models and seeds', () => {
    assertFixture(
      `
      -- @file models/marts/fct_orders.sql
      select 1 as id
      -- @file models/reports/rpt_orders.sql
      select * from {{ ref('fct_orders') }}
      -- @file models/staging/shop/stg_shop__orders.sql
      select * from {{ ref('rpt_orders') }} join {{ ref('country_codes') }} using (country)
      -- @file models/staging/shop/base/base_shop__orders.sql
      select * from {{ ref('fct_orders') }}
      -- @file seeds/country_codes.csv
      country,name
      `,
      only,
    );
  });

  it('skips relationships listed in the exceptions seed', () => {
    assertFixture(
      `
      -- @file models/marts/fct_orders.sql
      select 1 as id
      -- @file models/staging/stg_legacy_orders.sql
      select * from {{ ref('fct_orders') }}
      -- @file seeds/dbt_project_evaluator_exceptions.csv
      fct_name,column_name,id_to_exclude,comment
      fct_staging_dependent_on_marts_or_intermediate,child,stg_legacy_%,"Legacy, to be renamed"
      `,
      only,
    );
  });
});
