import assert from 'node:assert/strict';
import { analyzePythonModel } from '../../../server/src/core/python';
import { slice, spanOf } from '../jinja/helpers';

const MODEL = `"""
Orders by customer. Docstrings may mention dbt.ref("not_a_dependency").
"""
import pandas as pd

# dbt.ref("commented_out")


def model(dbt, session):
    dbt.config(
        materialized="table",
        packages=["pandas==2.1"],
        tags=('finance',),
        enabled=True,
        batch_size=-10,
        owner=None,
        threshold=0.25,
        meta={"team": "finance", "nested": {"on": False}},
        computed=some_value(),
    )
    orders = dbt.ref("stg_orders").to_pandas()
    customers = dbt.ref('jaffle', 'dim_customers', v=2)
    legacy = dbt.ref("old_orders", version="1")
    events = dbt.source("shop", 'events')
    label = 'dbt.ref("inside_string")'
    query = f"select * from {dbt.ref('in_fstring')}"
    dynamic = dbt.ref(name_variable)
    return orders.merge(customers.to_pandas(), on="customer_id")
`;

describe('analyzePythonModel', () => {
  const analysis = analyzePythonModel(MODEL);

  it('reads refs in their three forms, with spans', () => {
    assert.deepEqual(
      analysis.refs.map((r) => [r.package, r.name, r.version, r.dynamic]),
      [
        [undefined, 'stg_orders', undefined, false],
        ['jaffle', 'dim_customers', 2, false],
        [undefined, 'old_orders', '1', false],
        [undefined, 'name_variable', undefined, true],
      ],
    );
    const [first] = analysis.refs;
    assert.deepEqual(first.span, spanOf(MODEL, 'dbt.ref("stg_orders")'));
    assert.deepEqual(first.nameSpan, spanOf(MODEL, 'stg_orders'));
    assert.equal(slice(MODEL, analysis.refs[1].nameSpan), 'dim_customers');
  });

  it('reads sources', () => {
    assert.deepEqual(analysis.sources, [
      {
        source: 'shop',
        table: 'events',
        span: spanOf(MODEL, `dbt.source("shop", 'events')`),
        sourceSpan: spanOf(MODEL, 'shop'),
        tableSpan: spanOf(MODEL, 'events', 1),
        dynamic: false,
      },
    ]);
  });

  it('reads config literals with Python spelling', () => {
    const [config] = analysis.configs;
    assert.deepEqual(config.args, {
      materialized: 'table',
      packages: ['pandas==2.1'],
      tags: ['finance'],
      enabled: true,
      batch_size: -10,
      owner: null,
      threshold: 0.25,
      meta: { team: 'finance', nested: { on: false } },
      computed: { kind: 'expression', text: 'some_value()' },
    });
    assert.deepEqual(config.argSpans.materialized, spanOf(MODEL, '"table"'));
  });

  it('ignores comments, docstrings and strings, f-strings included', () => {
    const names = analysis.refs.map((r) => r.name);
    for (const ignored of ['not_a_dependency', 'commented_out', 'inside_string', 'in_fstring']) assert.ok(!names.includes(ignored), ignored);
    assert.deepEqual(analysis.errors, []);
  });

  it('follows the name the model function gives dbt', () => {
    const text = `def model(ctx, session):\n    return ctx.ref("a")\n`;
    assert.deepEqual(analyzePythonModel(text).refs.map((r) => r.name), ['a']);
  });

  it('reports unclosed strings and calls without throwing', () => {
    const text = `def model(dbt, session):\n    x = dbt.ref("a\n    y = dbt.source("s", "t"\n`;
    const result = analyzePythonModel(text);
    assert.ok(result.errors.length >= 1);
    assert.deepEqual(result.errors[0].span.start, text.indexOf('"a'));
    for (let end = 0; end <= MODEL.length; end++) analyzePythonModel(MODEL.slice(0, end));
  });

  it('handles CRLF and triple-quoted strings spanning lines', () => {
    const text = `'''\r\ndbt.ref("no")\r\n'''\r\ndef model(dbt, session):\r\n    return dbt.ref("yes")\r\n`;
    const result = analyzePythonModel(text);
    assert.deepEqual(result.refs.map((r) => [r.name, slice(text, r.nameSpan)]), [['yes', 'yes']]);
  });
});
