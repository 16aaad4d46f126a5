/**
 * Edge cases of the naming rules: "prefix wins over folder", dbt-project-evaluator's variables and exceptions,
 * staging names after their source, snake_case in SQL and YAML, and column names after their type from YAML or
 * catalog.json.
 */
import assert from 'node:assert/strict';
import { assertFixture } from '../../helpers/rule-fixture';

const only = (rule: string) => ({ onlyRules: [rule] });
const ofRule = <T extends { rule: string }>(findings: T[], rule: string) => findings.filter((finding) => finding.rule === rule);
const messageOf = (findings: { rule: string; message: string }[], rule: string) => ofRule(findings, rule)[0]?.message ?? '';

describe('naming/model-prefix', () => {
  it('takes the type from the prefix first, else the innermost type folder, else other', () => {
    const findings = assertFixture(
      `
      -- @file models/marts/stg_shop__orders.sql
      select 1 as id
      -- @file models/staging/marts_like/orders.sql
      select 1 as id  -- expect: naming/model-prefix
      -- @file models/staging/marts/customers.sql
      select 1 as id  -- expect: naming/model-prefix
      -- @file models/orders_report.sql
      select 1 as id  -- expect: naming/model-prefix
      -- @file models/rpt_orders.sql
      select 1 as id
      -- @file models/marts/revenue.py
      def model(dbt, session):  # expect: naming/model-prefix
          return None
      `,
      only('naming/model-prefix'),
    );
    const messages = ofRule(findings, 'naming/model-prefix').map((finding) => `${finding.file}: ${finding.message}`);
    assert.match(messages.find((m) => m.startsWith('models/staging/marts_like/'))!, /staging model.*`stg_orders`/);
    assert.match(messages.find((m) => m.startsWith('models/staging/marts/'))!, /marts model.*`fct_customers` or `dim_customers`/);
    assert.match(messages.find((m) => m.startsWith('models/orders_report'))!, /`other` model.*`rpt_orders_report`/);
  });

  it("reads the evaluator's model_types, folder names and prefixes from dbt_project.yml", () => {
    assertFixture(
      `
      -- @file dbt_project.yml
      name: fixture
      version: '1.0.0'
      profile: fixture
      vars:
        dbt_project_evaluator:
          marts_prefixes: ['mart_']
          staging_folder_name: stage
      -- @file models/marts/mart_orders.sql
      select 1 as id
      -- @file models/marts/fct_orders.sql
      select 1 as id  -- expect: naming/model-prefix
      -- @file models/stage/orders.sql
      select 1 as id  -- expect: naming/model-prefix
      -- @file models/staging/orders_2.sql
      select 1 as id  -- expect: naming/model-prefix
      `,
      only('naming/model-prefix'),
    );
  });

  it('honours fct_model_naming_conventions rows of the exceptions seed, by any of its columns', () => {
    assertFixture(
      `
      -- @file seeds/dbt_project_evaluator_exceptions.csv
      fct_name,column_name,id_to_exclude,comment
      fct_model_naming_conventions,resource_name,legacy_%,kept for the BI tool
      fct_model_naming_conventions,model_type,intermediate,intermediate names are free
      fct_model_directories,resource_name,orders,other rule
      -- @file models/marts/legacy_orders.sql
      select 1 as id
      -- @file models/intermediate/orders_joined.sql
      select 1 as id
      -- @file models/marts/orders.sql
      select 1 as id  -- expect: naming/model-prefix
      `,
      only('naming/model-prefix'),
    );
  });

  it('leaves MetricFlow time spines alone', () => {
    assertFixture(
      `
      -- @file models/marts/metricflow_time_spine.sql
      select 1 as date_day
      # @file models/marts/_marts.yml
      models:
        - name: metricflow_time_spine
          time_spine:
            standard_granularity_column: date_day
      `,
      only('naming/model-prefix'),
    );
  });
});

describe('naming/staging-name', () => {
  const sources = `
      # @file models/staging/_sources.yml
      sources:
        - name: stripe
          tables: [{ name: payments }]
        - name: shop
          tables: [{ name: orders }]
  `;

  it('wants stg_<source>__<entity>, with the source the model reads', () => {
    const findings = assertFixture(
      `
      -- @file models/staging/stripe/stg_stripe_payments.sql
      select 1 as id from {{ source('stripe', 'payments') }}  -- expect: naming/staging-name
      -- @file models/staging/stripe/stg_shop__payments.sql
      select 1 as id from {{ source('stripe', 'payments') }}  -- expect: naming/staging-name
      -- @file models/staging/stripe/stg_stripe__payments.sql
      select 1 as id from {{ source('stripe', 'payments') }}
      -- @file models/staging/stg_calendar.sql
      select 1 as id  -- expect: naming/staging-name
      -- @file models/staging/stg_util__calendar.sql
      select 1 as id
      -- @file models/staging/payments.sql
      select 1 as id from {{ source('stripe', 'payments') }}
      ${sources}
      `,
      only('naming/staging-name'),
    );
    const byFile = new Map(ofRule(findings, 'naming/staging-name').map((finding) => [finding.file, finding.message]));
    assert.match(byFile.get('models/staging/stripe/stg_stripe_payments.sql')!, /`stg_stripe__payments`/);
    assert.match(byFile.get('models/staging/stripe/stg_shop__payments.sql')!, /names the source `shop`, but it reads `stripe`.*`stg_stripe__payments`/);
    assert.match(byFile.get('models/staging/stg_calendar.sql')!, /`stg_<source>__calendar`/);
  });

  it('can leave the source part free (matchSourceName: false)', () => {
    assertFixture(
      `
      -- @file dplens.yml
      adapter: bigquery
      rules:
        naming/staging-name:
          options:
            matchSourceName: false
      -- @file models/staging/stg_payments_v2__payments.sql
      select 1 as id from {{ source('stripe', 'payments') }}
      ${sources}
      `,
      only('naming/staging-name'),
    );
  });
});

describe('naming/snake-case', () => {
  it('checks model names, SQL output names and YAML column names, not expressions or unquoted upper case', () => {
    assertFixture(
      `
      -- @file models/marts/fctOrders.sql
      select  -- expect: naming/snake-case
        1 as order_id,
        2 as \`Order Total\`,  -- expect: naming/snake-case
        3 as ORDER_COUNT,
        count(*),
        o.CustomerId  -- expect: naming/snake-case
      from t as o
      # @file models/marts/_marts.yml
      models:
        - name: fctOrders
          columns:
            - name: order_id
            - name: OrderStatus  # expect: naming/snake-case
            - name: ORDER_COUNT
      `,
      only('naming/snake-case'),
    );
  });

  it('suggests the snake_case name', () => {
    const findings = assertFixture(
      `
      -- @file models/marts/fct_orders.sql
      select 1 as HTTPStatusCode  -- expect: naming/snake-case
      `,
      only('naming/snake-case'),
    );
    assert.match(messageOf(findings, 'naming/snake-case'), /`http_status_code`/);
  });

  it('checks only model names when columns: false', () => {
    assertFixture(
      `
      -- @file dplens.yml
      adapter: bigquery
      rules:
        naming/snake-case:
          options:
            columns: false
      -- @file models/marts/fct_orders.sql
      select 1 as OrderId
      `,
      only('naming/snake-case'),
    );
  });
});

describe('naming/column-type-suffix', () => {
  it('reads the type from data_type and wants is_/has_, _at and _date', () => {
    const findings = assertFixture(
      `
      -- @file models/marts/fct_orders.sql
      select 1 as order_id
      # @file models/marts/_marts.yml
      models:
        - name: fct_orders
          config:
            contract: { enforced: true }
          columns:
            - name: order_id
              data_type: int64
            - name: shipped  # expect: naming/column-type-suffix
              data_type: TIMESTAMP
            - name: created_at
              data_type: timestamp_ntz(9)
            - name: order_day  # expect: naming/column-type-suffix
              data_type: date
            - name: order_date
              data_type: date
            - name: has_discount
              data_type: bool
            - name: refunded  # expect: naming/column-type-suffix
              data_type: boolean
            - name: note
      `,
      only('naming/column-type-suffix'),
    );
    const messages = ofRule(findings, 'naming/column-type-suffix').map((finding) => finding.message);
    assert.ok(messages.some((message) => /`shipped`.*timestamp.*`shipped_at`/.test(message)));
    assert.ok(messages.some((message) => /`order_day`.*`order_date`/.test(message)));
    assert.ok(messages.some((message) => /`refunded`.*`is_refunded`/.test(message)));
  });

  it('takes types from catalog.json: at the YAML column when listed, else at the SQL alias', () => {
    assertFixture(
      `
      -- @file models/marts/dim_customers.sql
      select
        1 as customer_id,
        true as active,  -- expect: naming/column-type-suffix
        current_date() as signup,
        current_timestamp() as updated_at
      # @file models/marts/_marts.yml
      models:
        - name: dim_customers
          columns:
            - name: customer_id
            - name: signup  # expect: naming/column-type-suffix
      -- @file target/catalog.json
      {"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/catalog/v1.json"},
       "nodes": {"model.fixture.dim_customers": {"unique_id": "model.fixture.dim_customers", "metadata": {"type": "table", "schema": "s", "name": "dim_customers"},
         "columns": {"CUSTOMER_ID": {"name": "CUSTOMER_ID", "type": "INT64", "index": 1},
                     "ACTIVE": {"name": "ACTIVE", "type": "BOOL", "index": 2},
                     "SIGNUP": {"name": "SIGNUP", "type": "DATE", "index": 3},
                     "UPDATED_AT": {"name": "UPDATED_AT", "type": "TIMESTAMP", "index": 4}},
         "stats": {}}},
       "sources": {}}
      `,
      only('naming/column-type-suffix'),
    );
  });

  it('takes its prefixes and suffixes from options', () => {
    assertFixture(
      `
      -- @file dplens.yml
      adapter: bigquery
      rules:
        naming/column-type-suffix:
          options:
            booleanPrefixes: ['is_', 'has_', 'was_']
            dateSuffixes: ['_date', '_on']
      -- @file models/marts/fct_orders.sql
      select 1 as order_id
      # @file models/marts/_marts.yml
      models:
        - name: fct_orders
          columns:
            - name: was_refunded
              data_type: boolean
            - name: shipped_on
              data_type: date
            - name: refunded  # expect: naming/column-type-suffix
              data_type: boolean
      `,
      only('naming/column-type-suffix'),
    );
  });
});
