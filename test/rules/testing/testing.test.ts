import assert from 'node:assert/strict';
import { assertFixture } from '../../helpers/rule-fixture';

describe('testing/missing-primary-key-test', () => {
  const only = { onlyRules: ['testing/missing-primary-key-test'] };

  it('accepts unique + not_null on one column, a model-level test naming the column, and a not_null constraint with unique', () => {
    assertFixture(
      `
      -- @file models/a.sql
      select 1 as id
      -- @file models/b.sql
      select 1 as id
      -- @file models/c.sql
      select 1 as id
      -- @file models/d.sql
      select 1 as id, 2 as other
      -- @file models/e.sql
      select 1 as id
      # @file models/_m.yml
      models:
        - name: a
          columns:
            - name: id
              tests: [unique, not_null]
        - name: b
          data_tests:
            - unique: {column_name: id}
            - not_null: {column_name: id}
        - name: c
          config:
            contract: {enforced: true}
          columns:
            - name: id
              data_type: int64
              constraints: [{type: not_null}]
              data_tests: [unique]
        - name: d  # expect: testing/missing-primary-key-test
          columns:
            - name: id
              data_tests: [unique]
            - name: other
              data_tests: [not_null]
        - name: e  # expect: testing/missing-primary-key-test
          columns:
            - name: id
              data_tests: [not_null, accepted_values: {values: [1]}]
      `,
      only,
    );
  });

  it('flags a model without properties on its SQL file, and follows primary_key_test_macros', () => {
    assertFixture(
      `
      # @file dbt_project.yml
      name: fixture
      version: '1.0.0'
      vars:
        primary_key_test_macros: [["my_pkg.test_is_primary_key"]]
      -- @file models/a.sql
      select 1 as id  -- expect: testing/missing-primary-key-test
      -- @file models/b.sql
      select 1 as id
      -- @file models/c.sql
      select 1 as id
      # @file models/_m.yml
      models:
        - name: b
          columns:
            - name: id
              data_tests: [my_pkg.is_primary_key]
        - name: c  # expect: testing/missing-primary-key-test
          columns:
            - name: id
              data_tests: [unique, not_null]
      `,
      only,
    );
  });

  it('honours the exceptions seed', () => {
    assertFixture(
      `
      -- @file models/legacy_a.sql
      select 1 as id
      # @file seeds/dbt_project_evaluator_exceptions.csv
      fct_name,column_name,id_to_exclude,comment
      fct_missing_primary_key_tests,resource_name,legacy_%,
      `,
      only,
    );
  });
});

describe('testing/coverage', () => {
  it('counts singular tests that read a model, and reports once per project with the figures', () => {
    const finding = assertFixture(
      `
      # @file dbt_project.yml
      name: fixture  # expect: testing/coverage
      version: '1.0.0'
      -- @file models/a.sql
      select 1 as id
      -- @file models/b.sql
      select 1 as id
      -- @file models/c.sql
      select 1 as id
      -- @file tests/assert_b_positive.sql
      select * from {{ ref('b') }} where id < 0
      # @file models/_m.yml
      models:
        - name: a
          columns:
            - name: id
              data_tests: [unique, not_null]
      `,
      { onlyRules: ['testing/coverage'] },
    ).find((item) => item.rule === 'testing/coverage')!;
    assert.match(finding.message, /66\.67% \(2 of 3 models/);
    assert.match(finding.message, /`c`/);
  });

  it('says nothing at or above the target', () => {
    assertFixture(
      `
      # @file dplens.yml
      adapter: bigquery
      rules:
        testing/coverage: {options: {target: 50}}
      -- @file models/a.sql
      select 1 as id
      -- @file models/b.sql
      select 1 as id
      # @file models/_m.yml
      models:
        - name: a
          data_tests: [dbt_utils.expression_is_true: {expression: "id > 0"}]
      `,
      { onlyRules: ['testing/coverage'] },
    );
  });
});

describe('testing/source-without-freshness', () => {
  it('inherits freshness from the source, lets a table turn it off, and flags per table when only some lack it', () => {
    assertFixture(
      `
      # @file models/_sources.yml
      sources:
        - name: shop
          loaded_at_field: _loaded_at
          freshness:
            error_after: {count: 1, period: day}
          tables:
            - name: orders
            - name: static_codes  # expect: testing/source-without-freshness
              freshness: null
        - name: crm  # expect: testing/source-without-freshness
          tables:
            - name: accounts
            - name: contacts
        - name: erp
          tables:
            - name: invoices
              config:
                freshness:
                  warn_after: {count: 6, period: hour}
            - name: vendors  # expect: testing/source-without-freshness
      `,
      { onlyRules: ['testing/source-without-freshness'] },
    );
  });

  it('reads freshness set for all sources in dbt_project.yml, and the exceptions seed', () => {
    assertFixture(
      `
      # @file dbt_project.yml
      name: fixture
      version: '1.0.0'
      sources:
        fixture:
          +freshness:
            warn_after: {count: 1, period: day}
      # @file models/_sources.yml
      sources:
        - name: shop
          tables:
            - name: orders
        - name: crm
          freshness: null
          tables:
            - name: accounts
      # @file seeds/dbt_project_evaluator_exceptions.csv
      fct_name,column_name,id_to_exclude,comment
      fct_sources_without_freshness,resource_name,crm.%,
      `,
      { onlyRules: ['testing/source-without-freshness'] },
    );
  });
});
