import assert from 'node:assert/strict';
import { withClock } from '../../../server/src/core/standards/clock';
import { assertFixture } from '../../helpers/rule-fixture';

describe('governance/public-model-without-contract and governance/undocumented-public-model', () => {
  it('reads access and contract from the property, config: and dbt_project.yml, and honours exceptions', () => {
    assertFixture(
      `
      # @file dbt_project.yml
      name: fixture
      version: '1.0.0'
      models:
        fixture:
          marts:
            +access: public
      -- @file models/marts/fct_orders.sql
      select 1 as order_id
      -- @file models/marts/fct_payments.sql
      {{ config(contract={'enforced': true}) }}
      select 1 as payment_id
      -- @file models/marts/legacy_report.sql
      select 1 as id
      -- @file models/internal/int_orders.sql
      select 1 as order_id
      # @file models/_m.yml
      models:
        - name: fct_orders  # expect: governance/public-model-without-contract, governance/undocumented-public-model
        - name: fct_payments
          description: Payments.
          columns:
            - name: payment_id
              description: The key.
        - name: int_orders
          description: Internal.
      # @file seeds/dbt_project_evaluator_exceptions.csv
      fct_name,column_name,id_to_exclude,comment
      fct_public_models_without_contract,resource_name,legacy_%,
      fct_undocumented_public_models,resource_name,legacy_%,
      `,
      { onlyRules: ['governance/public-model-without-contract', 'governance/undocumented-public-model'] },
    );
  });

  it('says which parts of a public model are undocumented', () => {
    const findings = assertFixture(
      `
      -- @file models/a.sql
      select 1 as id
      # @file models/_m.yml
      models:
        - name: a  # expect: governance/undocumented-public-model
          access: public
      `,
      { onlyRules: ['governance/undocumented-public-model'] },
    );
    assert.match(findings.find((finding) => finding.rule === 'governance/undocumented-public-model')!.message, /lacks a model description and any listed column/);
  });
});

describe('governance/exposure-depends-on-private-model', () => {
  it('flags private models and sources an exposure reads, at the depends_on entry, and honours exceptions', () => {
    assertFixture(
      `
      -- @file models/a.sql
      select 1 as id
      -- @file models/b.sql
      select 1 as id
      -- @file models/c.sql
      select 1 as id
      # @file models/_m.yml
      models:
        - name: a
          access: public
        - name: b
          access: private
          group: finance
        - name: c
      sources:
        - name: shop
          tables:
            - name: orders
      exposures:
        - name: board
          type: dashboard
          owner: {email: a@example.com}
          depends_on:
            - ref('a')
            - ref('b')  # expect: governance/exposure-depends-on-private-model
            - source('shop', 'orders')  # expect: governance/exposure-depends-on-private-model
            - ref('c')
      groups:
        - name: finance
          owner: {email: f@example.com}
      # @file seeds/dbt_project_evaluator_exceptions.csv
      fct_name,column_name,id_to_exclude,comment
      fct_exposures_dependent_on_private_models,parent_resource_name,c,
      `,
      { onlyRules: ['governance/exposure-depends-on-private-model'] },
    );
  });
});

describe('governance/ref-to-deprecated-model', () => {
  const project = `
    -- @file models/dim_customers_v1.sql
    select 1 as id
    -- @file models/dim_customers_v2.sql
    select 1 as id
    -- @file models/old_orders.sql
    select 1 as id
    -- @file models/fct_a.sql
    select * from {{ ref('dim_customers', v=1) }}  -- expect: governance/ref-to-deprecated-model
    -- @file models/fct_b.sql
    select * from {{ ref('dim_customers') }}
    -- @file models/fct_c.sql
    select * from {{ ref('old_orders') }}  -- expect: governance/ref-to-deprecated-model
    # @file models/_m.yml
    models:
      - name: dim_customers
        latest_version: 2
        versions:
          - v: 1
            deprecation_date: 2024-06-01
          - v: 2
      - name: old_orders
        deprecation_date: "2024-06-01 12:00:00"
  `;

  it('flags refs to models and versions past their deprecation date, by the injected clock', () => {
    const findings = withClock(new Date('2024-07-01T00:00:00Z'), () => assertFixture(project, { onlyRules: ['governance/ref-to-deprecated-model'] }));
    assert.match(findings.find((finding) => finding.file === 'models/fct_a.sql' && finding.rule === 'governance/ref-to-deprecated-model')!.message, /version 1 of `dim_customers`, deprecated since 2024-06-01.*ref\('dim_customers', v=2\)/);
  });

  it('says nothing before the date, unless daysAhead reaches it', () => {
    const clean = project.replace(/ {2}-- expect: governance\/ref-to-deprecated-model/g, '');
    withClock(new Date('2024-05-01T00:00:00Z'), () => assertFixture(clean, { onlyRules: ['governance/ref-to-deprecated-model'] }));
    const ahead = `${project}\n    # @file dplens.yml\n    adapter: bigquery\n    rules:\n      governance/ref-to-deprecated-model: {options: {daysAhead: 60}}\n`;
    const findings = withClock(new Date('2024-05-01T00:00:00Z'), () => assertFixture(ahead, { onlyRules: ['governance/ref-to-deprecated-model'] }));
    assert.match(findings.find((finding) => finding.file === 'models/fct_c.sql' && finding.rule === 'governance/ref-to-deprecated-model')!.message, /to be deprecated on 2024-06-01 12:00:00/);
  });
});
