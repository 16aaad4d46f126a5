import assert from 'node:assert/strict';
import { analyzeJinja, type RefCall } from '../../../server/src/core/jinja';
import { MACROS_FILE, INCREMENTAL_MODEL } from './fixtures';
import { stripBom } from '../../../server/src/core/text';
import { slice, spanOf } from './helpers';

describe('analyzeJinja: ref()', () => {
  const cases: Array<{ text: string; call: string; name: string; nameAt?: string; package?: string; version?: string | number; dynamic?: boolean }> = [
    { text: `select * from {{ ref('orders') }}`, call: `ref('orders')`, name: 'orders' },
    { text: `select * from {{ ref("orders") }}`, call: `ref("orders")`, name: 'orders' },
    { text: `select * from {{ref('orders')}}`, call: `ref('orders')`, name: 'orders' },
    { text: `select * from {{ ref( 'orders' ) }}`, call: `ref( 'orders' )`, name: 'orders' },
    { text: `select * from {{ ref(\n    'orders'\n) }}`, call: `ref(\n    'orders'\n)`, name: 'orders' },
    { text: `select * from {{ ref('shop', 'orders') }}`, call: `ref('shop', 'orders')`, name: 'orders', package: 'shop' },
    { text: `select * from {{ ref('orders', v=2) }}`, call: `ref('orders', v=2)`, name: 'orders', version: 2 },
    { text: `select * from {{ ref('orders', version='3') }}`, call: `ref('orders', version='3')`, name: 'orders', version: '3' },
    { text: `select * from {{ ref('shop', "orders", v=1) }}`, call: `ref('shop', "orders", v=1)`, name: 'orders', package: 'shop', version: 1 },
    { text: `select * from {{ ref(var('model_name')) }}`, call: `ref(var('model_name'))`, name: `var('model_name')`, nameAt: `var('model_name')`, dynamic: true },
    { text: `select * from {{ ref('orders' ~ suffix) }}`, call: `ref('orders' ~ suffix)`, name: `'orders' ~ suffix`, nameAt: `'orders' ~ suffix`, dynamic: true },
    { text: `select * from {{ ref('orders', v=var('v')) }}`, call: `ref('orders', v=var('v'))`, name: 'orders', version: `var('v')`, dynamic: true },
    { text: `{{ dbt_utils.star(from=ref('orders')) }}`, call: `ref('orders')`, name: 'orders' },
    { text: `{% set rel = ref('orders') %}`, call: `ref('orders')`, name: 'orders' },
    { text: `{% for r in [ref('a_model'), ref('orders')] %}{% endfor %}`, call: `ref('orders')`, name: 'orders' },
    { text: `{% if ref('orders') is not none %}{% endif %}`, call: `ref('orders')`, name: 'orders' },
    { text: `{{ ref('orders') | upper }}`, call: `ref('orders')`, name: 'orders' },
  ];
  for (const c of cases) {
    it(`finds ${JSON.stringify(c.text)}`, () => {
      const analysis = analyzeJinja(c.text);
      assert.deepEqual(analysis.errors, []);
      const ref = analysis.refs.find((r) => r.name === c.name) as RefCall;
      assert.ok(ref, `no ref named ${c.name} in ${JSON.stringify(analysis.refs)}`);
      assert.deepEqual(ref.span, spanOf(c.text, c.call));
      assert.deepEqual(ref.nameSpan, c.nameAt ? spanOf(c.text, c.nameAt) : spanOf(c.text, c.name, c.package === c.name ? 1 : 0));
      assert.equal(slice(c.text, ref.nameSpan), c.nameAt ?? c.name);
      assert.equal(ref.package, c.package);
      assert.equal(ref.version, c.version);
      assert.equal(ref.dynamic, c.dynamic ?? false);
    });
  }

  it('finds every ref of a real-shaped model, in order', () => {
    const analysis = analyzeJinja(INCREMENTAL_MODEL);
    assert.deepEqual(
      analysis.refs.map((r) => [r.package, r.name, r.version]),
      [
        [undefined, 'stg_orders', undefined],
        [undefined, 'stg_payments', undefined],
        ['jaffle', 'dim_customers', 2],
      ],
    );
    assert.deepEqual(analysis.errors, []);
  });

  it('ignores ref inside comments, raw blocks and SQL text', () => {
    const text = `{# {{ ref('a') }} #}{% raw %}{{ ref('b') }}{% endraw %} select 'ref(c)' from ref_d`;
    assert.deepEqual(analyzeJinja(text).refs, []);
  });
});

describe('analyzeJinja: source()', () => {
  it('locates both names', () => {
    const text = `select * from {{ source('shop', "orders") }}`;
    const [source] = analyzeJinja(text).sources;
    assert.deepEqual(source, {
      source: 'shop',
      table: 'orders',
      span: spanOf(text, `source('shop', "orders")`),
      sourceSpan: spanOf(text, 'shop'),
      tableSpan: spanOf(text, 'orders'),
      dynamic: false,
    });
  });

  it('marks a computed table dynamic', () => {
    const text = `{{ source('shop', 'orders_' ~ var('region')) }}`;
    const [source] = analyzeJinja(text).sources;
    assert.equal(source.dynamic, true);
    assert.equal(source.table, `'orders_' ~ var('region')`);
    assert.deepEqual(source.tableSpan, spanOf(text, `'orders_' ~ var('region')`));
  });
});

describe('analyzeJinja: config()', () => {
  it('reads literal arguments with the span of each value', () => {
    const text = `{{ config(materialized='incremental', unique_key=["id", 'day'], tags=('a',), batch=-3, ratio=0.5, full=False, on=true, grants=None, other=none, partition_by={'field': 'day', 'ranges': [1, {'x': -1.5}]}, alias=this.name ~ '_x') }}`;
    const [config] = analyzeJinja(text).configs;
    assert.deepEqual(config.args, {
      materialized: 'incremental',
      unique_key: ['id', 'day'],
      tags: ['a'],
      batch: -3,
      ratio: 0.5,
      full: false,
      on: true,
      grants: null,
      other: null,
      partition_by: { field: 'day', ranges: [1, { x: -1.5 }] },
      alias: { kind: 'expression', text: `this.name ~ '_x'` },
    });
    assert.deepEqual(config.span, { start: 3, end: text.length - 3 });
    assert.deepEqual(config.argSpans.materialized, spanOf(text, `'incremental'`));
    assert.deepEqual(config.argSpans.unique_key, spanOf(text, `["id", 'day']`));
    assert.deepEqual(config.argSpans.batch, spanOf(text, '-3'));
    assert.deepEqual(config.argSpans.alias, spanOf(text, `this.name ~ '_x'`));
  });

  it('reads a multi-line config of a real-shaped model', () => {
    const [config] = analyzeJinja(INCREMENTAL_MODEL).configs;
    assert.equal(config.args.materialized, 'incremental');
    assert.deepEqual(config.args.partition_by, { field: 'order_date', data_type: 'date', granularity: 'day' });
    assert.deepEqual(config.args.meta, { owner: 'data-team@example.com', priority: 1 });
    assert.equal(config.args.enabled, true);
  });

  it('reads a positional dict and config in a statement', () => {
    const text = `{% do config({'materialized': 'view'}) %}`;
    const [config] = analyzeJinja(text).configs;
    assert.deepEqual(config.args, { materialized: 'view' });
    assert.deepEqual(config.argSpans.materialized, spanOf(text, `'view'`));
  });

  it('does not take config.get() for a config call', () => {
    const analysis = analyzeJinja(`{% if config.get('materialized') == 'table' %}{% endif %}`);
    assert.deepEqual(analysis.configs, []);
    assert.deepEqual(analysis.macroCalls, []);
  });
});

describe('analyzeJinja: var() and env_var()', () => {
  it('reads names and defaults', () => {
    const text = `{{ var('start') }} {{ var("days", 3) }} {{ var('cols', default=['a']) }} {{ env_var('DBT_USER') }} {{ env_var('DBT_ENV', 'dev') }}`;
    const analysis = analyzeJinja(text);
    assert.deepEqual(analysis.vars, [
      { name: 'start', span: spanOf(text, `var('start')`) },
      { name: 'days', default: 3, span: spanOf(text, `var("days", 3)`) },
      { name: 'cols', default: ['a'], span: spanOf(text, `var('cols', default=['a'])`) },
    ]);
    assert.deepEqual(analysis.envVars, [
      { name: 'DBT_USER', span: spanOf(text, `env_var('DBT_USER')`) },
      { name: 'DBT_ENV', default: 'dev', span: spanOf(text, `env_var('DBT_ENV', 'dev')`) },
    ]);
  });
});

describe('analyzeJinja: macro calls', () => {
  it('records unknown macros, dotted names included, and skips builtins, locals and methods', () => {
    const text = [
      `{{ dbt_utils.star(from=ref('x'), except=['a']) }}`,
      `{{ cents_to_dollars('amount') }}`,
      `{% do log('hi', info=true) %}{{ return(1) }}{% set rows = run_query('select 1') %}`,
      `{{ adapter.quote('c') }}{{ adapter.dispatch('x', 'pkg')() }}{{ exceptions.raise_compiler_error('no') }}`,
      `{% set cols = [] %}{% do cols.append('a') %}{{ 'a,b'.split(',') }}{{ loop.cycle('a') }}`,
      `{% for col in columns %}{{ col.name.upper() }}{% endfor %}`,
      `{% call statement('main') %}select 1{% endcall %}`,
      `{{ dbt.current_timestamp() }}{{ dbt.replace('a', 'b', 'c') }}{{ 'x' | replace('a', 'b') }}`,
      `{{ range(3) }}{{ namespace(a=1) }}{{ is_incremental() }}{{ this.identifier }}`,
    ].join('\n');
    const analysis = analyzeJinja(text);
    assert.deepEqual(analysis.errors, []);
    assert.deepEqual(
      analysis.macroCalls.map((m) => m.name),
      ['dbt_utils.star', 'cents_to_dollars', 'dbt.current_timestamp', 'dbt.replace'],
    );
    const [star] = analysis.macroCalls;
    assert.deepEqual(star.nameSpan, spanOf(text, 'dbt_utils.star'));
    assert.deepEqual(star.span, spanOf(text, `dbt_utils.star(from=ref('x'), except=['a'])`));
  });

  it('records macro calls in call blocks and filters, not the filter name', () => {
    const text = `{% call my_wrapper(1) %}x{% endcall %}{% filter upper %}{{ inner() }}{% endfilter %}`;
    assert.deepEqual(analyzeJinja(text).macroCalls.map((m) => m.name), ['my_wrapper', 'inner']);
  });

  it('does not take the filter of a for loop for a call', () => {
    const text = `{% for c in cols if (c in wanted) recursive %}{{ c }}{% endfor %}`;
    const analysis = analyzeJinja(text);
    assert.deepEqual(analysis.macroCalls, []);
    assert.deepEqual(analysis.errors, []);
  });

  it('does not take a macro parameter for a macro', () => {
    const text = `{% macro apply(fn, x) %}{{ fn(x) }}{{ helper(x) }}{% endmacro %}`;
    assert.deepEqual(analyzeJinja(text).macroCalls.map((m) => m.name), ['helper']);
  });
});

describe('analyzeJinja: this', () => {
  for (const text of ['{{ this }}', '{{ this.schema }}', `{% if adapter.get_relation(this.database, this.schema, this.name) %}{% endif %}`, `{% set t = this %}`]) {
    it(`sees this in ${text}`, () => assert.equal(analyzeJinja(text).usesThis, true));
  }
  it('does not see this in SQL or strings', () => {
    assert.equal(analyzeJinja(`select this from t where x = '{{ "this" }}'`).usesThis, false);
  });
});

describe('analyzeJinja: definitions', () => {
  it('reads macro, test, docs and materialization blocks', () => {
    const text = MACROS_FILE;
    const analysis = analyzeJinja(text);
    assert.deepEqual(analysis.errors, []);
    const byName = new Map(analysis.blocks.map((b) => [b.name, b]));
    const macro = byName.get('cents_to_dollars')!;
    assert.equal(macro.kind, 'macro');
    assert.deepEqual(macro.params, ['column_name', 'scale']);
    assert.deepEqual(macro.nameSpan, spanOf(text, 'cents_to_dollars'));
    assert.equal(slice(text, macro.span), text.slice(0, text.indexOf('{%- endmacro %}') + '{%- endmacro %}'.length));
    assert.equal(slice(text, macro.bodySpan), `\n    ({{ column_name }} / 100)::numeric(16, {{ scale }})\n`);
    const test = byName.get('is_positive')!;
    assert.deepEqual([test.kind, test.params], ['test', ['model', 'column_name']]);
    assert.equal(slice(text, test.bodySpan).trim(), 'select * from {{ model }} where {{ column_name }} < 0');
    const docs = byName.get('orders_status')!;
    assert.equal(docs.kind, 'docs');
    assert.equal(slice(text, docs.bodySpan).trim(), 'One of placed, shipped, completed, returned.');
    const materialization = byName.get('my_view')!;
    assert.deepEqual([materialization.kind, materialization.params], ['materialization', []]);
    assert.ok(slice(text, materialization.span).endsWith('{% endmaterialization %}'));
  });

  it('reads a snapshot block', () => {
    const text = `{% snapshot orders_snapshot %}\n{{ config(strategy='timestamp') }}\nselect * from {{ source('shop', 'orders') }}\n{% endsnapshot %}\n`;
    const [block] = analyzeJinja(text).blocks;
    assert.deepEqual([block.kind, block.name, block.params], ['snapshot', 'orders_snapshot', []]);
    assert.deepEqual(block.span, { start: 0, end: text.length - 1 });
    assert.deepEqual(block.bodySpan, { start: spanOf(text, '%}').end, end: text.indexOf('{% endsnapshot') });
  });
});

describe('analyzeJinja: set, comments and whitespace control', () => {
  it('reads inline, tuple and block sets', () => {
    const text = `{%- set days = 3 -%}{% set a, b = 'x', [1] %}{% set ns.total = 0 %}{% set query %}select 1{% endset %}{% set q2 %}select {{ x }}{% endset %}`;
    const analysis = analyzeJinja(text);
    assert.deepEqual(analysis.setVariables, [
      { name: 'days', value: 3, span: spanOf(text, '{%- set days = 3 -%}') },
      { name: 'a', value: 'x', span: spanOf(text, `{% set a, b = 'x', [1] %}`) },
      { name: 'b', value: [1], span: spanOf(text, `{% set a, b = 'x', [1] %}`) },
      { name: 'ns.total', value: 0, span: spanOf(text, '{% set ns.total = 0 %}') },
      { name: 'query', value: 'select 1', span: spanOf(text, '{% set query %}select 1{% endset %}') },
      { name: 'q2', value: { kind: 'expression', text: 'select {{ x }}' }, span: spanOf(text, '{% set q2 %}select {{ x }}{% endset %}') },
    ]);
  });

  it('reads multi-line comments with their exact span', () => {
    const text = `select 1 {#- first\n   second -#}\n{# {{ ref('nope') }} #}`;
    const analysis = analyzeJinja(text);
    assert.deepEqual(analysis.comments, [
      { text: ' first\n   second ', span: spanOf(text, `{#- first\n   second -#}`) },
      { text: ` {{ ref('nope') }} `, span: spanOf(text, `{# {{ ref('nope') }} #}`) },
    ]);
    assert.deepEqual(analysis.refs, []);
  });

  it('keeps offsets exact with CRLF line ends', () => {
    const text = `{{ config(\r\n  materialized='table'\r\n) }}\r\nselect * from {{ ref('orders') }}\r\n{% if is_incremental() %}\r\nwhere 1\r\n{% endif %}\r\n`;
    const analysis = analyzeJinja(text);
    assert.deepEqual(analysis.errors, []);
    assert.deepEqual(analysis.refs[0].nameSpan, spanOf(text, 'orders'));
    assert.deepEqual(analysis.configs[0].argSpans.materialized, spanOf(text, `'table'`));
    assert.equal(slice(text, analysis.incrementalBlocks[0].bodySpan), '\r\nwhere 1\r\n');
  });
});

describe('analyzeJinja: byte-order marks', () => {
  it('locates spans in the text it is given, so callers strip the BOM first', () => {
    const withBom = '\ufeffselect * from {{ ref(\'a\') }}';
    const clean = stripBom(withBom);
    const quoted = clean.indexOf("'a'");
    assert.deepEqual(analyzeJinja(clean).refs[0].nameSpan, { start: quoted + 1, end: quoted + 2 });
    assert.deepEqual(analyzeJinja(withBom).refs[0].nameSpan.start, analyzeJinja(clean).refs[0].nameSpan.start + 1);
  });
});

describe('analyzeJinja: is_incremental() blocks', () => {
  it('records the branch, the else branch and the span', () => {
    const text = `a {% if is_incremental() %} inc {% else %} full {% endif %} b`;
    const [block] = analyzeJinja(text).incrementalBlocks;
    assert.deepEqual(block, {
      span: spanOf(text, `{% if is_incremental() %} inc {% else %} full {% endif %}`),
      bodySpan: spanOf(text, ' inc '),
      elseSpan: spanOf(text, ' full '),
      negated: false,
    });
  });

  const conditions: Array<[string, boolean]> = [
    ['is_incremental()', false],
    ['not is_incremental()', true],
    ['is_incremental() and var("backfill", false) == false', false],
    ['not is_incremental() or flags.FULL_REFRESH', true],
    ['(is_incremental())', false],
    ['not (is_incremental() and x)', true],
  ];
  for (const [condition, negated] of conditions) {
    it(`records {% if ${condition} %}`, () => {
      const text = `{% if ${condition} %}body{% endif %}`;
      const blocks = analyzeJinja(text).incrementalBlocks;
      assert.equal(blocks.length, 1);
      assert.equal(blocks[0].negated, negated);
      assert.equal(slice(text, blocks[0].bodySpan), 'body');
      assert.equal(blocks[0].elseSpan, undefined);
    });
  }

  it('records an elif branch and nested ifs', () => {
    const text = `{% if x %}a{% elif is_incremental() %}{% if y %}b{% endif %}c{% else %}d{% endif %}`;
    const analysis = analyzeJinja(text);
    assert.deepEqual(analysis.errors, []);
    const [block] = analysis.incrementalBlocks;
    assert.equal(slice(text, block.bodySpan), '{% if y %}b{% endif %}c');
    assert.equal(slice(text, block.elseSpan!), 'd');
    assert.deepEqual(block.span, { start: 0, end: text.length });
  });

  it('finds the incremental block of a real-shaped model', () => {
    const [block] = analyzeJinja(INCREMENTAL_MODEL).incrementalBlocks;
    assert.match(slice(INCREMENTAL_MODEL, block.bodySpan), /^\s+where event_at > .*\{\{ this \}\}\)\s+$/);
  });
});

describe('analyzeJinja: raw', () => {
  it('treats raw contents as text', () => {
    const text = `{% raw %}{{ ref('a') }}{% if %}{% endraw %}{{ ref('b') }}`;
    const analysis = analyzeJinja(text);
    assert.deepEqual(analysis.errors, []);
    assert.deepEqual(analysis.refs.map((r) => r.name), ['b']);
  });
});
