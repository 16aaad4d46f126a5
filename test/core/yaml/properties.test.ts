import { strict as assert } from 'node:assert';
import { locateYamlPath } from '../../../server/src/core/yaml/locate';
import { parseProperties } from '../../../server/src/core/yaml/properties';

const MODELS = `
version: 2
models:
  - name: orders
    description: "{{ doc('orders') }}"
    access: public
    group: finance
    latest_version: 2
    meta: {owner: ana}
    docs: {show: true}
    config:
      materialized: table
      contract: {enforced: true}
    constraints:
      - type: primary_key
        columns: [order_id]
      - type: foreign_key
        columns: [customer_id]
        to: ref('customers')
        to_columns: [id]
    data_tests:
      - dbt_utils.expression_is_true:
          expression: "amount >= 0"
          config: {severity: warn}
    columns:
      - name: order_id
        data_type: int
        description: The key.
        constraints:
          - type: not_null
        tests:
          - unique
          - not_null:
              where: "status != 'test'"
          - relationships:
              to: ref('customers')
              field: id
          - accepted_values:
              name: orders_status_values
              values: [placed, shipped]
          - name: custom_named
            test_name: dbt_utils.not_constant
            severity: error
          - dbt_utils.accepted_range:
              arguments:
                min_value: 0
              config:
                where: "1 = 1"
      - name: amount
    versions:
      - v: 2
        columns:
          - include: all
            exclude: [amount]
          - name: discount
      - v: 1
        defined_in: orders_v1
        config: {alias: orders_legacy}
`;

describe('parseProperties: models', () => {
  const { file, errors, problems } = parseProperties(MODELS);

  it('reads without errors', () => {
    assert.deepEqual(errors, []);
    assert.deepEqual(problems, []);
    assert.equal(file.version, 2);
  });

  it('reads the model fields', () => {
    const model = file.models[0];
    assert.equal(model.name, 'orders');
    assert.equal(model.description, "{{ doc('orders') }}");
    assert.equal(model.access, 'public');
    assert.equal(model.group, 'finance');
    assert.equal(model.latestVersion, '2');
    assert.deepEqual(model.meta, { owner: 'ana' });
    assert.deepEqual(model.docs, { show: true });
    assert.deepEqual(model.config, { materialized: 'table', contract: { enforced: true } });
    assert.deepEqual(model.path, ['models', 0]);
  });

  it('reads model-level constraints', () => {
    const [primary, foreign] = file.models[0].constraints;
    assert.equal(primary.type, 'primary_key');
    assert.deepEqual(primary.columns, ['order_id']);
    assert.equal(foreign.to, "ref('customers')");
    assert.deepEqual(foreign.toColumns, ['id']);
    assert.deepEqual(foreign.path, ['models', 0, 'constraints', 1]);
  });

  it('reads columns with type, description, constraints and paths', () => {
    const [orderId, amount] = file.models[0].columns;
    assert.equal(orderId.name, 'order_id');
    assert.equal(orderId.dataType, 'int');
    assert.equal(orderId.description, 'The key.');
    assert.equal(orderId.constraints[0].type, 'not_null');
    assert.deepEqual(orderId.path, ['models', 0, 'columns', 0]);
    assert.equal(amount.name, 'amount');
    assert.deepEqual(amount.tests, []);
  });

  it('normalises every way of writing a test', () => {
    const tests = file.models[0].columns[0].tests;
    assert.deepEqual(tests.map((test) => test.test), [
      'unique', 'not_null', 'relationships', 'accepted_values', 'dbt_utils.not_constant', 'dbt_utils.accepted_range',
    ]);
    assert.deepEqual(tests[0], { test: 'unique', testName: 'unique', arguments: {}, config: {}, listedUnder: 'tests', path: ['models', 0, 'columns', 0, 'tests', 0] });
    assert.deepEqual(tests[1].config, { where: "status != 'test'" });
    assert.deepEqual(tests[1].arguments, {});
    assert.deepEqual(tests[2].arguments, { to: "ref('customers')", field: 'id' });
    assert.equal(tests[3].customName, 'orders_status_values');
    assert.deepEqual(tests[3].arguments, { values: ['placed', 'shipped'] });
    assert.equal(tests[4].customName, 'custom_named');
    assert.equal(tests[4].namespace, 'dbt_utils');
    assert.equal(tests[4].testName, 'not_constant');
    assert.deepEqual(tests[4].config, { severity: 'error' });
    assert.deepEqual(tests[5].arguments, { min_value: 0 });
    assert.deepEqual(tests[5].config, { where: '1 = 1' });
    const modelTest = file.models[0].tests[0];
    assert.equal(modelTest.test, 'dbt_utils.expression_is_true');
    assert.equal(modelTest.listedUnder, 'data_tests');
    assert.deepEqual(modelTest.arguments, { expression: 'amount >= 0' });
    assert.deepEqual(modelTest.config, { severity: 'warn' });
  });

  it('reads versions with include/exclude and defined_in', () => {
    const [v2, v1] = file.models[0].versions;
    assert.equal(v2.v, '2');
    assert.equal(v2.include, 'all');
    assert.deepEqual(v2.exclude, ['amount']);
    assert.deepEqual(v2.columns.map((column) => column.name), ['discount']);
    assert.deepEqual(v2.columns[0].path, ['models', 0, 'versions', 0, 'columns', 1]);
    assert.equal(v1.definedIn, 'orders_v1');
    assert.deepEqual(v1.config, { alias: 'orders_legacy' });
  });

  it('gives paths that locate exactly', () => {
    const test = file.models[0].columns[0].tests[2];
    const span = locateYamlPath(MODELS, [...test.path, 'relationships', 'field']);
    assert.ok(span);
    assert.equal(MODELS.slice(span.start, span.end), 'id');
  });
});

describe('parseProperties: other resources', () => {
  const text = `
sources:
  - name: shop
    database: raw
    schema: shop_data
    loader: fivetran
    loaded_at_field: _loaded_at
    freshness: {warn_after: {count: 12, period: hour}}
    config: {enabled: true}
    tables:
      - name: orders
        identifier: shop_orders
        description: Orders.
        freshness: null
        loaded_at_field: updated_at
        external: {location: "s3://bucket/orders"}
        columns:
          - name: id
            data_tests: [unique]
        data_tests:
          - dbt_utils.unique_combination_of_columns:
              combination_of_columns: [id, line]
      - name: customers
seeds:
  - name: country_codes
    config: {column_types: {code: varchar}}
    columns: [{name: code}]
snapshots:
  - name: orders_snapshot
    relation: source('shop', 'orders')
    config: {strategy: timestamp}
analyses:
  - name: revenue_check
    description: Ad hoc.
exposures:
  - name: weekly_dashboard
    type: dashboard
    maturity: high
    url: https://bi.example.com/1
    owner: {name: Ana, email: ana@example.com}
    depends_on:
      - ref('orders')
      - ref("finance", "revenue", v=2)
      - source('shop', 'customers')
      - metric('revenue')
      - "{{ something_else() }}"
macros:
  - name: cents_to_dollars
    description: Converts.
    arguments:
      - name: column_name
        type: string
        description: The column.
unit_tests:
  - name: test_orders
    model: orders
    given: []
    expect: {rows: []}
semantic_models: [{name: orders_sm, model: "ref('orders')"}]
metrics: [{name: revenue, type: simple}]
saved_queries: [{name: q1}]
groups: [{name: finance, owner: {name: Ana}}]
data_tests: [{name: assert_positive, description: x}]
`;
  const { file, errors, problems } = parseProperties(text);

  it('reads without errors', () => {
    assert.deepEqual(errors, []);
    assert.deepEqual(problems, []);
  });

  it('reads sources and their tables', () => {
    const source = file.sources[0];
    assert.equal(source.name, 'shop');
    assert.equal(source.database, 'raw');
    assert.equal(source.schema, 'shop_data');
    assert.equal(source.loader, 'fivetran');
    assert.equal(source.loadedAtField, '_loaded_at');
    assert.deepEqual(source.freshness, { warn_after: { count: 12, period: 'hour' } });
    assert.deepEqual(source.config, { enabled: true });
    const [orders, customers] = source.tables;
    assert.equal(orders.identifier, 'shop_orders');
    assert.equal(orders.freshness, null);
    assert.equal(orders.loadedAtField, 'updated_at');
    assert.deepEqual(orders.external, { location: 's3://bucket/orders' });
    assert.equal(orders.columns[0].tests[0].test, 'unique');
    assert.equal(orders.tests[0].test, 'dbt_utils.unique_combination_of_columns');
    assert.deepEqual(orders.path, ['sources', 0, 'tables', 0]);
    assert.equal(customers.name, 'customers');
  });

  it('reads seeds, snapshots, analyses and macros', () => {
    assert.deepEqual(file.seeds[0].config, { column_types: { code: 'varchar' } });
    assert.equal(file.seeds[0].columns[0].name, 'code');
    assert.equal(file.snapshots[0].relation, "source('shop', 'orders')");
    assert.equal(file.analyses[0].description, 'Ad hoc.');
    assert.deepEqual(file.macros[0].arguments.map((argument) => [argument.name, argument.type]), [['column_name', 'string']]);
  });

  it('reads exposures with parsed dependencies', () => {
    const exposure = file.exposures[0];
    assert.equal(exposure.type, 'dashboard');
    assert.deepEqual(exposure.owner, { name: 'Ana', email: 'ana@example.com' });
    assert.deepEqual(exposure.dependsOn.map(({ path: _path, ...rest }) => rest), [
      { kind: 'ref', name: 'orders', text: "ref('orders')" },
      { kind: 'ref', name: 'revenue', package: 'finance', version: '2', text: 'ref("finance", "revenue", v=2)' },
      { kind: 'source', source: 'shop', table: 'customers', text: "source('shop', 'customers')" },
      { kind: 'metric', name: 'revenue', text: "metric('revenue')" },
      { kind: 'unknown', text: '{{ something_else() }}' },
    ]);
    assert.deepEqual(exposure.dependsOn[1].path, ['exposures', 0, 'depends_on', 1]);
  });

  it('keeps the names of the other kinds', () => {
    assert.equal(file.unitTests[0].model, 'orders');
    assert.deepEqual(file.semanticModels.map((entry) => entry.name), ['orders_sm']);
    assert.deepEqual(file.metrics.map((entry) => entry.name), ['revenue']);
    assert.deepEqual(file.savedQueries.map((entry) => entry.name), ['q1']);
    assert.deepEqual(file.groups.map((entry) => entry.name), ['finance']);
    assert.deepEqual(file.singularTests.map((entry) => entry.name), ['assert_positive']);
  });
});

describe('parseProperties: problems dbt rejects', () => {
  it('reports each with the path of the offending node', () => {
    const text = `
models:
  - description: no name
  - name: a
    columns: {name: x}
  - name: b
    columns:
      - description: no name
      - name: c
        tests: unique
    tests: [unique]
    data_tests: [not_null]
  - name: a
  - name: v
    latest_version: 3
    versions:
      - v: 1
      - config: {}
  - just_a_string
sources:
  - name: s
    tables:
      - name: t
      - name: t
      - identifier: x
exposures:
  - name: e
    depends_on: [3]
`;
    const { problems, file } = parseProperties(text);
    assert.deepEqual(problems.map((problem) => problem.path), [
      ['models', 0],
      ['models', 1, 'columns'],
      ['models', 2, 'columns', 0],
      ['models', 2, 'columns', 1, 'tests'],
      ['models', 2, 'tests'],
      ['models', 3, 'name'],
      ['models', 4, 'versions', 1],
      ['models', 4, 'latest_version'],
      ['models', 5],
      ['sources', 0, 'tables', 1, 'name'],
      ['sources', 0, 'tables', 2],
      ['exposures', 0, 'depends_on', 0],
    ]);
    assert.deepEqual(file.models.map((model) => model.name), ['a', 'b', 'a', 'v']);
    assert.deepEqual(file.models[1].tests.map((test) => test.test), ['not_null', 'unique']);
  });

  it('reports a non-mapping file and a non-list section', () => {
    assert.deepEqual(parseProperties('- a\n- b\n').problems.map((problem) => problem.path), [[]]);
    assert.deepEqual(parseProperties('models: {name: a}\n').problems.map((problem) => problem.path), [['models']]);
  });

  it('keeps reading the valid part of a file with a syntax error', () => {
    const text = 'models:\n  - name: good\n    columns:\n      - name: id\n  - name: [broken\nsources:\n  - name: raw\n';
    const { file, errors } = parseProperties(text);
    assert.ok(errors.length > 0);
    assert.equal(file.models[0].name, 'good');
    assert.equal(file.models[0].columns[0].name, 'id');
  });
});
