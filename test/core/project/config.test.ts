/**
 * How a node's configuration is merged (dbt_project.yml folders < properties YAML < `{{ config() }}`),
 * what YAML anchors feed into the index, and how versioned models resolve.
 */
import assert from 'node:assert/strict';
import { assertFixture } from '../../helpers/rule-fixture';
import { FOUNDATION_RULES, isFoundationFinding } from '../../helpers/rule-scopes';
import { checkSource, nodeOf } from './helpers';

// These fixtures are written for the index (configuration, anchors, versions): they judge only the foundation's rules.
const foundation = { onlyRules: FOUNDATION_RULES };

const PRECEDENCE = `
# @file dbt_project.yml
name: shop
profile: shop
vars:
  start_date: "{{ env_var('START_DATE', '2020-01-01') }}"
models:
  shop:
    +materialized: view
    +tags: ['base']
    +schema: "{{ 'analytics' if target.name == 'prod' else target.schema }}"
    marts:
      +materialized: table
      +tags: mart
      +schema: marts
      finance:
        +tags: ['finance']
        fct_archived:
          +enabled: false
    legacy:
      +enabled: false
# @file dplens.yml
adapter: bigquery
# @file models/marts/finance/_finance.yml
version: 2
models:
  - name: fct_revenue
    config:
      materialized: ephemeral
      tags: ['yaml_tag']
      schema: finance_yaml
  - name: fct_costs
    config:
      materialized: ephemeral
# @file models/marts/finance/fct_revenue.sql
{{ config(materialized='incremental', tags=['sql_tag']) }}
select 1 as amount
# @file models/marts/finance/fct_costs.sql
select 1 as amount
# @file models/marts/finance/fct_archived.sql
select 1 as amount
# @file models/legacy/old_orders.sql
select 1 as order_id
# @file models/top_level.sql
select 1 as id
# @file models/uses.sql
select *
from {{ ref('old_orders') }}  -- expect: dag/unknown-ref
join {{ ref('fct_archived') }}  -- expect: dag/unknown-ref
join {{ ref('fct_revenue') }}
`;

describe('node configuration', () => {
  describe('precedence: dbt_project.yml < properties YAML < config() in SQL', () => {
    const outcome = checkSource(PRECEDENCE);

    it('lets config() in SQL win over the properties and the folder', () => {
      const node = nodeOf(outcome, 'models/marts/finance/fct_revenue.sql');
      assert.equal(node.config.materialized, 'incremental');
      assert.equal(node.config.schema, 'finance_yaml');
    });

    it('accumulates tags from every level, outermost first', () => {
      assert.deepEqual(nodeOf(outcome, 'models/marts/finance/fct_revenue.sql').config.tags, ['base', 'mart', 'finance', 'yaml_tag', 'sql_tag']);
    });

    it('lets the properties config win over the folder when the SQL sets nothing', () => {
      assert.deepEqual(nodeOf(outcome, 'models/marts/finance/fct_costs.sql').config, { materialized: 'ephemeral', tags: ['base', 'mart', 'finance'], schema: 'marts' });
    });

    it('applies only the project-level folder config to a top-level model, Jinja values kept as text', () => {
      assert.deepEqual(nodeOf(outcome, 'models/top_level.sql').config, {
        materialized: 'view',
        tags: ['base'],
        schema: "{{ 'analytics' if target.name == 'prod' else target.schema }}",
      });
    });

    it('disables a folder and a single model with `+enabled: false`', () => {
      assert.equal(nodeOf(outcome, 'models/legacy/old_orders.sql').enabled, false);
      assert.equal(nodeOf(outcome, 'models/marts/finance/fct_archived.sql').enabled, false);
      assert.equal(nodeOf(outcome, 'models/marts/finance/fct_costs.sql').enabled, true);
    });

    it('reports refs to disabled models as disabled, and loads dbt_project.yml despite its Jinja', () => {
      const findings = assertFixture(PRECEDENCE, foundation).filter(isFoundationFinding);
      assert.equal(findings.length, 2);
      assert.ok(findings.every((finding) => /points at a disabled model/.test(finding.message)), findings.map((finding) => finding.message).join('\n'));
      assert.deepEqual([...outcome.index.projectFileErrors.keys()], []);
    });
  });

  describe('YAML anchors and merge keys in properties files', () => {
    const outcome = checkSource(`
      # @file models/_models.yml
      version: 2
      x-defaults: &defaults
        config:
          materialized: table
          tags: ['anchored']
      x-columns: &id_columns
        - name: id
          description: The key.
      models:
        - name: orders
          <<: *defaults
          columns: *id_columns
        - name: customers
          <<: *defaults
          config:
            materialized: view
      sources:
        - name: raw
          tables:
            - &raw_table
              name: orders
              identifier: orders_v2
            - <<: *raw_table
              name: customers
      # @file models/orders.sql
      select * from {{ source('raw', 'customers') }}
      # @file models/customers.sql
      select 1 as id
    `);

    it('merges an anchored config into a model', () => {
      assert.deepEqual(nodeOf(outcome, 'models/orders.sql').config, { materialized: 'table', tags: ['anchored'] });
    });

    it('lets a key written beside `<<:` replace the merged one, as YAML merge keys do', () => {
      assert.deepEqual(nodeOf(outcome, 'models/customers.sql').config, { materialized: 'view' });
    });

    it('reads columns given through an alias', () => {
      const file = outcome.index.file('models/_models.yml');
      assert.ok(file && file.kind === 'properties');
      const orders = file.properties.models.find((model) => model.name === 'orders');
      assert.deepEqual(orders?.columns.map((column) => [column.name, column.description]), [['id', 'The key.']]);
    });

    it('builds source tables from a merged anchor, overriding its name', () => {
      const customers = outcome.index.node('source.fixture.raw.customers');
      assert.deepEqual(customers?.relation, { database: undefined, schema: 'raw', identifier: 'orders_v2' });
      assert.deepEqual(outcome.index.parents('model.fixture.orders'), ['source.fixture.raw.customers']);
      // Nothing of the foundation, and no schema-checked YAML finding either: `<<:` and the `x-` anchors are valid YAML.
      assert.deepEqual(outcome.findings.filter((finding) => isFoundationFinding(finding) || finding.rule.startsWith('yaml/')), []);
    });
  });

  describe('versioned models', () => {
    const VERSIONS = `
      # @file models/_models.yml
      version: 2
      models:
        - name: dim_customers
          latest_version: 2
          versions:
            - v: 1
            - v: 2
            - v: 3
              defined_in: dim_customers_preview
      # @file models/dim_customers_v1.sql
      select 1 as id
      # @file models/dim_customers_v2.sql
      select 1 as id
      # @file models/dim_customers_preview.sql
      select 1 as id
      # @file models/uses_v1.sql
      select * from {{ ref('dim_customers', v=1) }}
      # @file models/uses_latest.sql
      select * from {{ ref('dim_customers') }}
      # @file models/uses_preview.sql
      select * from {{ ref('dim_customers', version=3) }}
      # @file models/uses_unknown.sql
      select * from {{ ref('dim_customers', v=9) }}  -- expect: dag/unknown-ref
    `;
    const outcome = checkSource(VERSIONS);

    it('turns `<name>_v<n>` files and `defined_in` files into versions of the model', () => {
      assert.equal(nodeOf(outcome, 'models/dim_customers_v1.sql').uniqueId, 'model.fixture.dim_customers.v1');
      assert.equal(nodeOf(outcome, 'models/dim_customers_preview.sql').uniqueId, 'model.fixture.dim_customers.v3');
    });

    it('resolves an explicit version with v= and version=', () => {
      assert.deepEqual(outcome.index.parents('model.fixture.uses_v1'), ['model.fixture.dim_customers.v1']);
      assert.deepEqual(outcome.index.parents('model.fixture.uses_preview'), ['model.fixture.dim_customers.v3']);
    });

    it('resolves an unversioned ref to latest_version, not the highest version', () => {
      assert.deepEqual(outcome.index.parents('model.fixture.uses_latest'), ['model.fixture.dim_customers.v2']);
    });

    it('reports a version the model does not declare', () => {
      const findings = assertFixture(VERSIONS, foundation).filter(isFoundationFinding);
      assert.equal(findings.length, 1);
      assert.match(findings[0].message, /asks for version 9/);
    });
  });
});
