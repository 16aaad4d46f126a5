import assert from 'node:assert/strict';
import { analyzeJinja, renderStatic, type RelationNamer, type RenderedSql } from '../../../server/src/core/jinja';
import { INCREMENTAL_MODEL } from './fixtures';
import { spanOf } from './helpers';

function render(text: string, incremental = false, relationName?: RelationNamer): RenderedSql {
  return renderStatic(text, analyzeJinja(text), { incremental, relationName });
}

describe('renderStatic: output', () => {
  const cases: Array<{ title: string; text: string; full: string; incremental?: string }> = [
    { title: 'copies text', text: 'select 1 as a', full: 'select 1 as a' },
    { title: 'names refs, sources and this', text: `select * from {{ ref('orders') }} join {{ source('shop', 'items') }} join {{ this }}`, full: 'select * from orders join shop.items join __this__' },
    { title: 'names versioned and package refs by model', text: `{{ ref('pkg', 'orders', v=2) }}`, full: 'orders' },
    { title: 'drops comments', text: 'select 1 {# note #}from x', full: 'select 1 from x' },
    { title: 'drops config and set', text: `{{ config(materialized='table') }}{% set x = 1 %}{% set q %}select 2{% endset %}select 1`, full: 'select 1' },
    { title: 'drops macro definitions', text: `{% macro m() %}select 2{% endmacro %}{% test t(model) %}x{% endtest %}{% docs d %}x{% enddocs %}select 1`, full: 'select 1' },
    { title: 'keeps a snapshot body', text: `{% snapshot s %}select 1{% endsnapshot %}`, full: 'select 1' },
    { title: 'placeholders for other expressions', text: `select {{ my_macro() }}, {{ x }}, {{ adapter.quote('a') }}`, full: 'select __dplens_expr_0__, __dplens_expr_1__, __dplens_expr_2__' },
    { title: 'var defaults as Jinja prints them', text: `{{ var('a', 'x') }} {{ var('b', 3) }} {{ var('c', true) }} {{ var('d', ['p', 1]) }} {{ var('e') }} {{ env_var('F', 'dev') }}`, full: `x 3 True ['p', 1] __dplens_expr_0__ dev` },
    { title: 'silent builtins render nothing', text: `a{{ log('x') }}{{ return('y') }}b`, full: 'ab' },
    { title: 'keeps the first branch of other ifs', text: `{% if target.name == 'prod' %}a{% elif x %}b{% else %}c{% endif %}`, full: 'a' },
    { title: 'skips branches known false', text: `{% if false %}a{% elif none %}b{% else %}c{% endif %}`, full: 'c' },
    { title: 'renders loops as one pass that is first and last', text: `{% for m in models %}select 1{% if not loop.last %} union all {% endif %}{% if loop.first %}!{% endif %}{% endfor %}`, full: 'select 1!' },
    { title: 'keeps for bodies once and drops for-else', text: `{% for c in cols %}{{ c }},{% else %}none{% endfor %}`, full: '__dplens_expr_0__,' },
    { title: 'keeps with, filter and block bodies', text: `{% with a = 1 %}x{% endwith %}{% filter upper %}y{% endfilter %}{% block b %}z{% endblock %}`, full: 'xyz' },
    { title: 'keeps raw contents verbatim', text: `{% raw %}{{ not_jinja }}{% endraw %}`, full: '{{ not_jinja }}' },
    { title: 'drops call blocks', text: `{% call set_sql_header(config) %}set x = 1;{% endcall %}select 1`, full: 'select 1' },
    { title: 'resolves a set relation', text: `{% set rel = ref('orders') %}{% set src = source('s', 't') %}select * from {{ rel }} join {{ src }}`, full: 'select * from orders join s.t' },
    {
      title: 'honours whitespace control',
      text: 'select\n  {{- " a" -}}\n  ,b\n  {%- if x -%}\n  c\n  {%- endif %}\n{#- c -#}\n  d',
      full: 'select__dplens_expr_0__,bcd',
    },
    { title: 'honours whitespace control around raw', text: 'a \n{%- raw -%}\n  x  \n{%- endraw -%}\n b', full: 'axb' },
    {
      title: 'switches is_incremental() branches',
      text: `a{% if is_incremental() %}I{% else %}F{% endif %}b`,
      full: 'aFb',
      incremental: 'aIb',
    },
    {
      title: 'inverts not is_incremental()',
      text: `{% if not is_incremental() %}F{% else %}I{% endif %}`,
      full: 'F',
      incremental: 'I',
    },
    {
      title: 'reads and/or around is_incremental()',
      text: `{% if is_incremental() and x %}A{% endif %}{% if is_incremental() or x %}O{% else %}E{% endif %}`,
      full: 'O',
      incremental: 'AO',
    },
    {
      title: 'follows an is_incremental() elif',
      text: `{% if false %}a{% elif is_incremental() %}i{% else %}f{% endif %}`,
      full: 'f',
      incremental: 'i',
    },
  ];
  for (const c of cases) {
    it(c.title, () => {
      assert.equal(render(c.text, false).text, c.full);
      assert.equal(render(c.text, true).text, c.incremental ?? c.full);
    });
  }

  it('uses the relation namer given', () => {
    const namer: RelationNamer = (target) =>
      target.kind === 'ref' ? `db.sch.${target.ref.name}` : target.kind === 'source' ? `raw.${target.source.table}` : 'db.sch.self';
    assert.equal(render(`{{ ref('a') }} {{ source('s', 't') }} {{ this }}`, false, namer).text, 'db.sch.a raw.t db.sch.self');
  });

  it('renders a real-shaped model in both variants', () => {
    const full = render(INCREMENTAL_MODEL, false).text;
    const incremental = render(INCREMENTAL_MODEL, true).text;
    for (const sql of [full, incremental]) {
      assert.ok(!sql.includes('{{') && !sql.includes('{%') && !sql.includes('{#'));
      assert.match(sql, /select \* from stg_orders\b/);
      assert.match(sql, /from shop\.order_events/);
      assert.match(sql, /'dev' as environment/);
      assert.match(sql, />= '2020-01-01'/);
    }
    assert.ok(!full.includes('where event_at >'));
    assert.match(incremental, /where event_at > \(select dateadd\(day, -__dplens_expr_\d+__, max\(event_at\)\) from __this__\)/);
  });

  it('renders the same from an analysis read back from JSON', () => {
    const analysis = analyzeJinja(INCREMENTAL_MODEL);
    const copy = JSON.parse(JSON.stringify(analysis));
    assert.deepEqual(copy, analysis);
    const direct = renderStatic(INCREMENTAL_MODEL, analysis, { incremental: true });
    const fromCopy = renderStatic(INCREMENTAL_MODEL, copy, { incremental: true });
    assert.equal(fromCopy.text, direct.text);
    assert.deepEqual(fromCopy.substitutions, direct.substitutions);
  });
});

describe('renderStatic: substitutions and offsets', () => {
  it('records every substitution with its kind, index and both spans', () => {
    const text = `{{ config(materialized='view') }}select {{ my_macro() }} from {{ ref('a') }} join {{ source('s', 't') }} where {{ var('v', 1) }} > 0 and x in {{ this }} {{ other }}`;
    const rendered = render(text);
    assert.equal(rendered.text, 'select __dplens_expr_0__ from a join s.t where 1 > 0 and x in __this__ __dplens_expr_1__');
    const at = (needle: string) => spanOf(rendered.text, needle);
    assert.deepEqual(rendered.substitutions, [
      { kind: 'expression', index: -1, rendered: { start: 0, end: 0 }, original: spanOf(text, `{{ config(materialized='view') }}`) },
      { kind: 'macro', index: 0, rendered: at('__dplens_expr_0__'), original: spanOf(text, '{{ my_macro() }}') },
      { kind: 'ref', index: 0, rendered: { start: at(' a ').start + 1, end: at(' a ').start + 2 }, original: spanOf(text, `{{ ref('a') }}`) },
      { kind: 'source', index: 0, rendered: at('s.t'), original: spanOf(text, `{{ source('s', 't') }}`) },
      { kind: 'var', index: 0, rendered: at('1'), original: spanOf(text, `{{ var('v', 1) }}`) },
      { kind: 'this', index: -1, rendered: at('__this__'), original: spanOf(text, '{{ this }}') },
      { kind: 'expression', index: -1, rendered: at('__dplens_expr_1__'), original: spanOf(text, '{{ other }}') },
    ]);
  });

  it('maps verbatim text exactly and substitutions to their tag', () => {
    const text = `{#- header -#}\nselect a,\n  {{ ref('orders') }}.b\nfrom {{ source('s', 't') }}\n{% if is_incremental() %}where c > 1{% endif %}\n`;
    for (const incremental of [false, true]) {
      const rendered = render(text, incremental);
      // Every rendered character either copies the original character it maps to, or belongs to a substitution.
      for (let offset = 0; offset < rendered.text.length; offset++) {
        const original = rendered.toOriginal(offset);
        const substitution = rendered.substitutions.find((s) => s.rendered.start <= offset && offset < s.rendered.end);
        if (substitution) assert.equal(original, substitution.original.start, `offset ${offset}`);
        else assert.equal(text[original], rendered.text[offset], `offset ${offset}`);
      }
      const from = rendered.text.indexOf('from');
      assert.equal(rendered.toOriginal(from), text.indexOf('from'));
      assert.equal(rendered.toOriginal(rendered.text.indexOf('orders') + 3), text.indexOf('{{ ref('));
      assert.equal(rendered.toOriginal(rendered.text.length), text.length);
      assert.equal(rendered.toOriginal(-5), rendered.toOriginal(0));
    }
    const incremental = render(text, true);
    assert.equal(incremental.toOriginal(incremental.text.indexOf('where c')), text.indexOf('where c'));
  });

  it('maps offsets in CRLF text', () => {
    const text = `select *\r\nfrom {{ ref('a') }}\r\nwhere x\r\n`;
    const rendered = render(text);
    assert.equal(rendered.text, 'select *\r\nfrom a\r\nwhere x\r\n');
    assert.equal(rendered.toOriginal(rendered.text.indexOf('where')), text.indexOf('where'));
    assert.equal(rendered.toOriginal(rendered.text.indexOf('\r\nwhere')), text.indexOf('\r\nwhere'));
  });

  it('maps every offset of a real-shaped model into the file', () => {
    for (const incremental of [false, true]) {
      const rendered = render(INCREMENTAL_MODEL, incremental);
      let previous = 0;
      for (let offset = 0; offset <= rendered.text.length; offset++) {
        const original = rendered.toOriginal(offset);
        assert.ok(original >= previous && original <= INCREMENTAL_MODEL.length, `offset ${offset}`);
        previous = original;
      }
    }
  });
});
