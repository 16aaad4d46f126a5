import assert from 'node:assert/strict';
import { MacroSandbox } from '../../../server/src/core/render';
import { DBT_UTILS, NESTED, OPTIONS, PROJECT, SIMPLE_CTE, TEST_MACROS, node } from './fixtures';

describe('MacroSandbox rendering', () => {
  let sandbox: MacroSandbox;
  before(() => {
    sandbox = MacroSandbox.create([SIMPLE_CTE, NESTED, TEST_MACROS, ...DBT_UTILS], OPTIONS);
  });
  after(() => sandbox.dispose());

  it('compiles every macro of the fixtures', () => {
    assert.deepEqual(sandbox.compileAll(), []);
  });

  it('records refs produced by the GitLab-style simple_cte macro', () => {
    const result = sandbox.render(
      "{{ simple_cte([('orders', 'prep_orders'), ('users', 'prep_user')]) }}\nselect * from orders join users using (id)",
      node('fct_orders'),
    );
    assert.equal(result.ok, true, result.error?.message);
    assert.deepEqual(result.refs, [{ name: 'prep_orders' }, { name: 'prep_user' }]);
    assert.match(result.sql, /WITH orders AS \(\s+SELECT \*\s+FROM prep_orders\s+\), users AS/);
  });

  it('records refs from macros nested several levels deep', () => {
    const result = sandbox.render('{{ outer_macro("customers") }}', node('m'));
    assert.equal(result.ok, true, result.error?.message);
    assert.deepEqual(result.refs, [{ name: 'customers_prep' }]);
    assert.equal(result.sql, 'select * from customers_prep');
  });

  it('resolves package-qualified calls to that package', () => {
    const result = sandbox.render("{{ dbt_utils.union_of(['a', 'b']) }}", node('m'));
    assert.equal(result.ok, true, result.error?.message);
    assert.deepEqual(result.refs.map((ref) => ref.name), ['a', 'b']);
    assert.equal(result.sql, 'select * from a union all select * from b');
  });

  it('resolves adapter.dispatch to the adapter implementation, else the default', () => {
    const star = sandbox.render("select {{ dbt_utils.star(ref('orders')) }} from x", node('m'));
    assert.equal(star.ok, true, star.error?.message);
    assert.equal(star.sql.replace(/\s+/g, ' ').trim(), 'select orders.* from x');
    const key = sandbox.render("select {{ dbt_utils.surrogate_key(['a', 'b']) }}", node('m'));
    assert.equal(key.ok, true, key.error?.message);
    assert.equal(key.sql, "select md5(a || '-' || b)");
  });

  it('lets project macros override package macros of the same name in dispatch', () => {
    const override = { path: 'macros/star.sql', packageName: PROJECT, text: '{% macro snowflake__star(from, relation_alias=False, except=[]) %}PROJECT_STAR{% endmacro %}' };
    const local = MacroSandbox.create([override, ...DBT_UTILS], OPTIONS);
    try {
      const result = local.render("{{ dbt_utils.star(ref('x')) }}", node('m'));
      assert.equal(result.sql.trim(), 'PROJECT_STAR');
    } finally {
      local.dispose();
    }
  });

  it('turns {% test %} blocks into test_ macros and drops materializations and docs', () => {
    assert.equal(sandbox.hasMacro('test_accepted_range'), true);
    assert.equal(sandbox.hasMacro(`${PROJECT}.after_docs`), true);
    assert.equal(sandbox.hasMacro('custom_table'), false);
    const result = sandbox.render("{{ test_accepted_range(ref('orders'), 'amount', 0) }}", node('t'));
    assert.equal(result.ok, true, result.error?.message);
    assert.equal(result.sql.trim(), 'select * from orders where amount < 0');
  });

  it('records config calls with their keyword arguments and serves config.get', () => {
    const result = sandbox.render("{{ config(materialized='incremental', tags=['a'], meta={'x': 1}) }}{{ config.get('materialized') }}", node('m'));
    assert.equal(result.ok, true, result.error?.message);
    assert.deepEqual(result.configs, [{ materialized: 'incremental', tags: ['a'], meta: { x: 1 } }]);
    assert.equal(result.sql, 'incremental');
  });

  it('records sources and versioned or package refs', () => {
    const result = sandbox.render("{{ source('raw', 'orders') }} {{ ref('pkg', 'm2') }} {{ ref('m3', v=2) }} {{ ref('m4', version='1') }}", node('m'));
    assert.deepEqual(result.sources, [{ source: 'raw', table: 'orders' }]);
    assert.deepEqual(result.refs, [{ name: 'm2', package: 'pkg' }, { name: 'm3', version: 2 }, { name: 'm4', version: '1' }]);
  });

  it('gives return() values to callers, as dbt does', () => {
    const macros = {
      path: 'macros/cfg.sql',
      packageName: PROJECT,
      text: `{% macro events_cfg() %}{{ return({'fills': ['a', 'b'], 'cancels': ['c']}) }}{% endmacro %}
{% macro pick(name) %}{% set cfg = events_cfg() %}{{ return(cfg[name]) }}{% endmacro %}
{% macro dispatched() %}{{ return(adapter.dispatch('dispatched', 'gitlab')()) }}{% endmacro %}
{% macro default__dispatched() %}{{ return([1, 2, 3]) }}{% endmacro %}`,
    };
    const local = MacroSandbox.create([macros], OPTIONS);
    try {
      // MiniJinja keeps dict keys sorted, unlike Python, so 'cancels' comes before 'fills'.
      const text = "{% for event, models in events_cfg().items() %}{% for m in models %}{{ ref(m) }};{% endfor %}{% endfor %}{{ pick('cancels') | length }}|{{ dispatched() | sum }}|{{ events_cfg()['cancels'][0] }}";
      const result = local.render(text, node('m'));
      assert.equal(result.ok, true, result.error?.message);
      assert.deepEqual(result.refs.map((ref) => ref.name).sort(), ['a', 'b', 'c']);
      assert.equal(result.sql, 'c;a;b;1|6|c');
    } finally {
      local.dispose();
    }
  });

  it('answers is_incremental per node and keeps this, target and execute inert', () => {
    const text = '{% if is_incremental() %}inc{% else %}full{% endif %} {{ this }} {{ target.name }} {{ target.type }} {{ execute }}';
    assert.equal(sandbox.render(text, node('m', true)).sql, 'inc analytics.m dev snowflake false');
    assert.equal(sandbox.render(text, node('m', false)).sql, 'full analytics.m dev snowflake false');
  });

  it('neutralises call statement blocks but still records refs inside them', () => {
    const text = "{% call statement('max_id', fetch_result=True) %}select max(id) from {{ ref('events') }}{% endcall %}{% set r = load_result('max_id') %}{% set q = run_query('select 1') %}ok{{ q is none }}";
    const result = sandbox.render(text, node('m'));
    assert.equal(result.ok, true, result.error?.message);
    assert.equal(result.sql, 'oktrue');
    assert.deepEqual(result.refs, [{ name: 'events' }]);
  });

  it('rewrites list mutation, unwraps snapshots, and keeps line numbers', () => {
    const text = "{% snapshot snap %}\n{% set cols = [] %}{% do cols.append(ref('a')) %}{% set d = {} %}{% do d.update({'k': ref('b')}) %}{% do cols.pop() %}{{ cols | join(',') }}\n{% endsnapshot %}";
    const result = sandbox.render(text, node('snap'));
    assert.equal(result.ok, true, result.error?.message);
    assert.equal(result.sql.trim(), 'a');
    assert.deepEqual(result.refs.map((ref) => ref.name), ['a', 'b']);
    const failing = sandbox.render('line one\nline two\n{{ (1).nope() }}', node('m'));
    assert.equal(failing.ok, false);
    assert.equal(failing.error?.line, 3);
  });

  it('keeps going past undefined values and provides dbt helpers', () => {
    const text = "{{ unknown.attr.chain }}{% for c in adapter.get_columns_in_relation(this) %}{{ c }}{% endfor %}{{ modules.datetime.datetime.now() }} {{ dbt.current_timestamp() }} {{ current_timestamp() }}";
    const result = sandbox.render(text, node('m'));
    assert.equal(result.ok, true, result.error?.message);
    assert.equal(result.sql, '1970-01-01 00:00:00 current_timestamp current_timestamp');
  });

  it('renders calls of unknown macros as holes, lists them, and keeps recording refs', () => {
    const text = "{{ ref('before') }}[{{ not_a_macro(1, x=2) }}]{% if x is not divisibleby(3) %}{% do other_missing() %}{% endif %}{{ dbt_date.today() }}{{ dbt_utils.nope(ref('inside')) }}{{ ref('after') }}";
    const result = sandbox.render(text, node('m'));
    assert.equal(result.ok, true, result.error?.message);
    assert.equal(result.sql, 'before[]after');
    assert.deepEqual(result.missingMacros, ['not_a_macro', 'other_missing', 'dbt_date.today', 'dbt_utils.nope']);
    assert.deepEqual(result.refs, [{ name: 'before' }, { name: 'inside' }, { name: 'after' }]);
  });

  it('still calls macro parameters and loop variables holding callables', () => {
    const macros = { path: 'macros/cb.sql', packageName: PROJECT, text: '{% macro apply(fn, value) %}{{ fn(value) }}{% endmacro %}{% macro shout(v) %}{{ v | upper }}{% endmacro %}' };
    const local = MacroSandbox.create([macros], OPTIONS);
    try {
      const result = local.render("{% set f = range %}{{ f(2) | list }}{{ apply(range, 1) }}{% for g in [shout('b')] %}{{ g }}{% endfor %}", node('m'));
      assert.equal(result.ok, true, result.error?.message);
      assert.equal(result.sql, '[0, 1][0]B');
      assert.equal(result.missingMacros, undefined);
    } finally {
      local.dispose();
    }
  });
});

describe('MacroSandbox safety', () => {
  it('ends an infinite loop with fuel exhaustion', () => {
    const sandbox = MacroSandbox.create([], { ...OPTIONS, fuel: 50_000 });
    try {
      const result = sandbox.render('{% for i in range(10000) %}{% for j in range(10000) %}x{% endfor %}{% endfor %}', node('loop'));
      assert.equal(result.ok, false);
      assert.equal(result.fuelExhausted, true);
      assert.ok(result.millis < 2000);
    } finally {
      sandbox.dispose();
    }
  });

  it('ends infinite macro recursion with an error naming the macro file', () => {
    const recursive = { path: 'macros/forever.sql', packageName: PROJECT, text: '\n{% macro forever(n) %}{{ forever(n + 1) }}{% endmacro %}' };
    const sandbox = MacroSandbox.create([recursive], OPTIONS);
    try {
      const result = sandbox.render('{{ forever(0) }}', node('m'));
      assert.equal(result.ok, false);
      assert.match(result.error?.message ?? '', /recursion limit|fuel/);
      assert.match(result.error?.message ?? '', /macros\/forever\.sql:2/);
      assert.equal(sandbox.render('{{ 1 + 1 }}', node('m')).sql, '2');
    } finally {
      sandbox.dispose();
    }
  });

  it('skips a macro that fails to compile without losing the others', () => {
    const broken = { path: 'macros/broken.sql', packageName: PROJECT, text: "{% macro broken() %}{{ ref( }}{% endmacro %}\n{% macro fine() %}{{ ref('ok') }}{% endmacro %}" };
    const sandbox = MacroSandbox.create([broken], OPTIONS);
    try {
      assert.deepEqual(sandbox.render('{{ fine() }}', node('m')).refs, [{ name: 'ok' }]);
      const calling = sandbox.render('{{ broken() }}', node('m'));
      assert.equal(calling.ok, false);
      assert.match(calling.error?.message ?? '', /macro:gitlab\/broken/);
      assert.equal(sandbox.skipped.length, 1);
      assert.equal(sandbox.skipped[0].name, 'broken');
      assert.match(sandbox.skipped[0].message, /syntax error.*\[macros\/broken\.sql:1\]/);
    } finally {
      sandbox.dispose();
    }
  });

  it('recovers when the environment was marked corrupted', () => {
    const sandbox = MacroSandbox.create([NESTED], OPTIONS);
    try {
      (sandbox as unknown as { needsRebuild: boolean }).needsRebuild = true;
      assert.deepEqual(sandbox.render("{{ inner_macro('x') }}", node('m')).refs, [{ name: 'x' }]);
    } finally {
      sandbox.dispose();
    }
  });

  it('answers with an error after dispose instead of throwing', () => {
    const sandbox = MacroSandbox.create([], OPTIONS);
    sandbox.dispose();
    const result = sandbox.render('x', node('m'));
    assert.equal(result.ok, false);
  });
});

describe('MacroSandbox vars and env_var', () => {
  it('reads vars from options, then the default, else an empty string', () => {
    const sandbox = MacroSandbox.create([], { ...OPTIONS, vars: { start_date: '2020-01-01', nested: { a: [1, 2] } } });
    try {
      const result = sandbox.render("{{ var('start_date') }}|{{ var('missing', 'fallback') }}|{{ var('missing') }}|{{ var('nested').a[1] }}", node('m'));
      assert.equal(result.sql, '2020-01-01|fallback||2');
    } finally {
      sandbox.dispose();
    }
  });

  it('never reads the real environment', () => {
    process.env.DPL_RENDER_SECRET = 'leaked-secret';
    const sandbox = MacroSandbox.create([], OPTIONS);
    try {
      const result = sandbox.render("{{ env_var('DPL_RENDER_SECRET') }}|{{ env_var('DPL_RENDER_SECRET', 'dflt') }}", node('m'));
      assert.equal(result.ok, true);
      assert.doesNotMatch(result.sql, /leaked-secret/);
      assert.equal(result.sql, 'env_var_DPL_RENDER_SECRET|dflt');
    } finally {
      delete process.env.DPL_RENDER_SECRET;
      sandbox.dispose();
    }
  });
});
