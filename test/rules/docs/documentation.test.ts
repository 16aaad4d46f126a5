import assert from 'node:assert/strict';
import { assertFixture } from '../../helpers/rule-fixture';

const rules = ['docs/undocumented-model', 'docs/undocumented-source', 'docs/undocumented-source-table', 'docs/coverage'];

describe('documentation rules', () => {
  it('flags a model without a properties entry on its SQL file, and a blank description as none', () => {
    assertFixture(
      `
      -- @file models/marts/fct_orders.sql
      select 1 as order_id  -- expect: docs/undocumented-model
      -- @file models/marts/dim_customers.sql
      select 1 as customer_id
      -- @file models/marts/dim_products.sql
      select 1 as product_id
      # @file models/marts/_marts.yml
      models:
        - name: dim_customers  # expect: docs/undocumented-model
          description: "  "
        - name: dim_products
          description: Products.
      # @file dbt_project.yml
      name: fixture  # expect: docs/coverage
      version: '1.0.0'
      `,
      { onlyRules: rules },
    );
  });

  it('skips disabled models, installed packages and excepted models (evaluator exceptions seed)', () => {
    assertFixture(
      `
      -- @file models/marts/fct_orders.sql
      {{ config(enabled=false) }}
      select 1 as order_id
      -- @file models/legacy/legacy_orders.sql
      select 1 as order_id
      # @file seeds/dbt_project_evaluator_exceptions.csv
      fct_name,column_name,id_to_exclude,comment
      fct_undocumented_models,resource_name,legacy_%,legacy models are documented elsewhere
      -- @file dbt_packages/shop_pkg/models/pkg_model.sql
      select 1 as id
      # @file dbt_packages/shop_pkg/dbt_project.yml
      name: shop_pkg
      version: '1.0.0'
      # @file dbt_project.yml
      name: fixture  # expect: docs/coverage
      version: '1.0.0'
      `,
      { onlyRules: rules },
    );
  });

  it('reports coverage against the evaluator variable, and the dplens.yml option over it', () => {
    const source = (dplens: string) => `
# @file dplens.yml
${dplens}
# @file dbt_project.yml
name: fixture  # expect: docs/coverage
version: '1.0.0'
vars:
  dbt_project_evaluator:
    documentation_coverage_target: 60
-- @file models/a.sql
select 1 as id
-- @file models/b.sql
select 1 as id
# @file models/_m.yml
models:
  - name: a
    description: A.
`;
    const finding = assertFixture(source('adapter: bigquery'), { onlyRules: ['docs/coverage'] }).find((item) => item.rule === 'docs/coverage')!;
    assert.match(finding.message, /is 50% \(1 of 2 models have a description\), below the target of 60%/);
    assert.match(finding.message, /`b`/);
    assertFixture(source('adapter: bigquery\nrules:\n  docs/coverage: {options: {target: 40}}').replace('  # expect: docs/coverage', ''), { onlyRules: ['docs/coverage'] });
  });

  it('flags each source and source table without a description once, skipping excepted ones', () => {
    assertFixture(
      `
      # @file models/staging/_sources.yml
      sources:
        - name: shop  # expect: docs/undocumented-source
          tables:
            - name: orders  # expect: docs/undocumented-source-table
            - name: customers  # expect: docs/undocumented-source-table
            - name: carts
              description: Open carts.
        - name: crm
          description: The CRM.
          tables:
            - name: legacy_accounts
      # @file seeds/dbt_project_evaluator_exceptions.csv
      fct_name,column_name,id_to_exclude,comment
      fct_undocumented_source_tables,resource_name,crm.legacy%,
      `,
      { onlyRules: rules },
    );
  });
});
