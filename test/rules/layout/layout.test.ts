/**
 * Edge cases of the layout rules, after dbt-project-evaluator's fct_model_directories, fct_source_directories and
 * fct_test_directories (their variables and exception rows), and models without properties.
 */
import assert from 'node:assert/strict';
import { checkWorkspace } from '../../../server/src/core/check';
import { EMPTY_CONFIG } from '../../../server/src/core/config/dplens-config';
import { effectiveRules, runRules } from '../../../server/src/core/rules/engine';
import { parseFixture } from '../../../server/src/core/rules/fixture';
import { RULES } from '../../../server/src/core/rules/registry';
import { assertFixture } from '../../helpers/rule-fixture';

const only = (rule: string) => ({ onlyRules: [rule] });
const messagesOf = (findings: { rule: string; file: string; message: string }[], rule: string) =>
  new Map(findings.filter((finding) => finding.rule === rule).map((finding) => [finding.file, finding.message]));

const sources = `
  # @file models/staging/stripe/_stripe__sources.yml
  sources:
    - name: stripe
      tables: [{ name: payments }, { name: refunds }]
  # @file models/staging/shop/_shop__sources.yml
  sources:
    - name: shop
      tables: [{ name: orders }]
`;

describe('layout/model-directory', () => {
  it('wants staging models in a folder named after their source, and every model closest to its type folder', () => {
    const findings = assertFixture(
      `
      -- @file models/staging/stg_stripe__payments.sql
      select 1 as id from {{ source('stripe', 'payments') }}  -- expect: layout/model-directory
      -- @file models/staging/stripe_v2/stg_stripe__refunds.sql
      select 1 as id from {{ source('stripe', 'refunds') }}
      -- @file models/staging/shop/stg_shop__orders.sql
      select 1 as id from {{ source('shop', 'orders') }}
      -- @file models/marts/stg_shop__orders_copy.sql
      select 1 as id from {{ source('shop', 'orders') }}  -- expect: layout/model-directory
      -- @file models/marts/intermediate/int_orders.sql
      select 1 as id
      -- @file models/marts/intermediate/dim_orders.sql
      select 1 as id  -- expect: layout/model-directory
      -- @file models/marts/int_customers.sql
      select 1 as id  -- expect: layout/model-directory
      -- @file models/orders.sql
      select 1 as id
      -- @file models/marts/orders_2.sql
      select 1 as id
      ${sources}
      `,
      only('layout/model-directory'),
    );
    const messages = messagesOf(findings, 'layout/model-directory');
    assert.match(messages.get('models/staging/stg_stripe__payments.sql')!, /reads source `stripe`.*`models\/staging\/stripe\/stg_stripe__payments.sql`/);
    // Both of the evaluator's checks fail for this one: it is reported once, with the source folder as the destination.
    assert.match(messages.get('models/marts/stg_shop__orders_copy.sql')!, /staging model.*`marts\/`.*reads source `shop`.*`models\/staging\/shop\/stg_shop__orders_copy.sql`/);
    assert.match(messages.get('models/marts/intermediate/dim_orders.sql')!, /marts model.*closest to the `intermediate\/` folder.*a `marts\/` folder/);
    assert.match(messages.get('models/marts/int_customers.sql')!, /intermediate model.*`marts\/`/);
  });

  it("follows the evaluator's folder names, and its exceptions by any column of fct_model_directories", () => {
    assertFixture(
      `
      -- @file dbt_project.yml
      name: fixture
      version: '1.0.0'
      profile: fixture
      vars:
        staging_folder_name: stage
        intermediate_folder_name: transform
      -- @file seeds/dbt_project_evaluator_exceptions.csv
      fct_name,column_name,id_to_exclude,comment
      fct_model_directories,resource_name,int_legacy%,
      fct_model_directories,change_file_path_to,models/stage/shop/%,shop models stay flat
      -- @file models/stage/stripe/stg_stripe__payments.sql
      select 1 as id from {{ source('stripe', 'payments') }}
      -- @file models/stage/stg_stripe__refunds.sql
      select 1 as id from {{ source('stripe', 'refunds') }}  -- expect: layout/model-directory
      -- @file models/stage/stg_shop__orders.sql
      select 1 as id from {{ source('shop', 'orders') }}
      -- @file models/marts/transform/int_orders.sql
      select 1 as id
      -- @file models/marts/int_legacy_orders.sql
      select 1 as id
      -- @file models/marts/int_customers.sql
      select 1 as id  -- expect: layout/model-directory
      ${sources.replace(/staging/g, 'stage')}
      `,
      only('layout/model-directory'),
    );
  });

  it('reads paths relative to the project, as dbt and the evaluator do, in a project below the workspace root', () => {
    assertFixture(
      `
      -- @file analytics/dbt_project.yml
      name: analytics
      version: '1.0.0'
      profile: analytics
      -- @file analytics/dplens.yml
      adapter: bigquery
      -- @file analytics/seeds/dbt_project_evaluator_exceptions.csv
      fct_name,column_name,id_to_exclude,comment
      fct_model_directories,current_file_path,models/marts/legacy/%,
      -- @file analytics/models/marts/legacy/int_orders.sql
      select 1 as id
      -- @file analytics/models/marts/int_customers.sql
      select 1 as id  -- expect: layout/model-directory
      `,
      only('layout/model-directory'),
    );
  });
});

describe('layout/source-directory', () => {
  it('wants each source defined in a folder whose path holds its name', () => {
    assertFixture(
      `
      # @file models/staging/_sources.yml
      sources:
        - name: stripe  # expect: layout/source-directory
          tables: [{ name: payments }]
        - name: staging
          tables: [{ name: anything }]
        - name: empty
      # @file models/staging/shop/_shop__sources.yml
      sources:
        - name: shop
          tables: [{ name: orders }]
        - name: shopify  # expect: layout/source-directory
          tables: [{ name: orders }]
      `,
      only('layout/source-directory'),
    );
  });

  it('honours fct_source_directories exceptions per table, reporting a source while one of its tables is not excepted', () => {
    assertFixture(
      `
      -- @file seeds/dbt_project_evaluator_exceptions.csv
      fct_name,column_name,id_to_exclude,comment
      fct_source_directories,resource_name,legacy.%,
      fct_source_directories,resource_name,stripe.payments,
      # @file models/sources.yml
      sources:
        - name: legacy
          tables: [{ name: a }, { name: b }]
        - name: stripe  # expect: layout/source-directory
          tables: [{ name: payments }, { name: refunds }]
      `,
      only('layout/source-directory'),
    );
  });
});

describe('layout/test-directory', () => {
  it("flags a model entry with tests in another folder than the model's, even a parent folder", () => {
    const findings = assertFixture(
      `
      -- @file models/staging/stripe/stg_stripe__payments.sql
      select 1 as id
      -- @file models/marts/fct_orders.sql
      select 1 as id
      -- @file models/marts/dim_customers.sql
      select 1 as id
      # @file models/staging/_models.yml
      models:
        - name: stg_stripe__payments  # expect: layout/test-directory
          data_tests:
            - dbt_utils.unique_combination_of_columns:
                combination_of_columns: [id]
          columns:
            - name: id
              tests: [not_null]
        - name: fct_orders
          description: documented away from home, but untested
        - name: dim_customers  # expect: layout/test-directory
          columns:
            - name: id
              data_tests: [unique]
      `,
      only('layout/test-directory'),
    );
    const messages = messagesOf(findings, 'layout/test-directory');
    assert.match(messages.get('models/staging/_models.yml')!, /lives in `models\/(staging\/stripe|marts)\/`.*defined here in `models\/staging\/`/);
    assert.ok(findings.some((finding) => /its 2 tests are defined/.test(finding.message)));
  });

  it('honours fct_test_directories exceptions by model_name or test_name', () => {
    assertFixture(
      `
      -- @file seeds/dbt_project_evaluator_exceptions.csv
      fct_name,column_name,id_to_exclude,comment
      fct_test_directories,model_name,fct_orders,
      fct_test_directories,test_name,not_null_dim_customers_%,
      -- @file models/marts/fct_orders.sql
      select 1 as id
      -- @file models/marts/dim_customers.sql
      select 1 as id
      -- @file models/marts/dim_products.sql
      select 1 as id
      # @file models/_models.yml
      models:
        - name: fct_orders
          columns: [{ name: id, data_tests: [unique, not_null] }]
        - name: dim_customers
          columns: [{ name: customer_id, data_tests: [not_null] }]
        - name: dim_products  # expect: layout/test-directory
          columns: [{ name: product_id, data_tests: [not_null, unique] }]
      `,
      only('layout/test-directory'),
    );
  });
});

describe('layout/model-without-properties', () => {
  it('flags enabled models only, not seeds, snapshots or disabled models', () => {
    assertFixture(
      `
      -- @file models/marts/fct_orders.sql
      select 1 as id  -- expect: layout/model-without-properties
      -- @file models/marts/fct_old.sql
      {{ config(enabled=false) }}
      select 1 as id
      -- @file models/marts/dim_customers.py
      def model(dbt, session):  # expect: layout/model-without-properties
          return None
      -- @file models/marts/dim_products.sql
      select 1 as id
      -- @file snapshots/orders_snapshot.sql
      {% snapshot orders_snapshot %}
      select 1 as id
      {% endsnapshot %}
      -- @file seeds/countries.csv
      code,name
      # @file models/marts/_marts.yml
      models:
        - name: dim_products
      `,
      only('layout/model-without-properties'),
    );
  });

  it('is a project rule, and follows properties added and removed by edits', () => {
    const files = parseFixture(`
      -- @file models/marts/fct_orders.sql
      select 1 as id
      # @file models/marts/_marts.yml
      models: []
    `).files;
    const outcome = checkWorkspace(files);
    const rules = effectiveRules(RULES, EMPTY_CONFIG, ['layout/model-without-properties']).rules;
    const findings = () => runRules(outcome.index, rules, { config: EMPTY_CONFIG, projectRulesOnly: true }).map((finding) => finding.file);
    assert.deepEqual(findings(), ['models/marts/fct_orders.sql']);
    outcome.index.updateFile('models/marts/_marts.yml', 'models:\n  - name: fct_orders\n');
    assert.deepEqual(findings(), []);
    outcome.index.updateFile('models/marts/_marts.yml', 'models:\n  - name: fct_order\n');
    assert.deepEqual(findings(), ['models/marts/fct_orders.sql']);
  });
});
