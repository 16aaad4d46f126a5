import assert from 'node:assert/strict';
import { analyzeJinja, renderStatic } from '../../../server/src/core/jinja';
import { INCREMENTAL_MODEL, MACROS_FILE } from './fixtures';
import { spanOf } from './helpers';

/** Each case: the text, then the text each error must cover (in order) and a word its message must contain. */
const cases: Array<{ title: string; text: string; errors: Array<[at: string, occurrence: number, says: string]> }> = [
  { title: 'unterminated {{', text: `select {{ ref('a')\nfrom x`, errors: [['{{', 0, '}}']] },
  { title: 'unterminated {%', text: `select 1 {% if x \nfrom x`, errors: [['{%', 0, '%}']] },
  { title: 'unterminated {#', text: `select 1 {# note\nfrom x`, errors: [['{#', 0, '#}']] },
  { title: 'unclosed if', text: `{% if x %}a`, errors: [['{% if x %}', 0, 'endif']] },
  { title: 'unclosed for', text: `{% for x in y %}a`, errors: [['{% for x in y %}', 0, 'endfor']] },
  { title: 'unclosed macro', text: `{% macro m(a) %}a`, errors: [['{% macro m(a) %}', 0, 'endmacro']] },
  { title: 'unclosed block set', text: `{% set q %}select 1`, errors: [['{% set q %}', 0, 'endset']] },
  { title: 'stray end tag', text: `a {% endif %} b`, errors: [['{% endif %}', 0, 'no matching']] },
  { title: 'mismatched end tag', text: `{% if x %}{% endfor %}{% endif %}`, errors: [['{% endfor %}', 0, 'cannot close']] },
  { title: 'inner block left open', text: `{% for x in y %}{% if x %}{% endfor %}`, errors: [['{% if x %}', 0, 'endif']] },
  { title: 'else outside a block', text: `a {% else %} b`, errors: [['{% else %}', 0, 'outside']] },
  { title: 'elif after else', text: `{% if a %}{% else %}{% elif b %}{% endif %}`, errors: [['{% elif b %}', 0, 'outside']] },
  { title: 'unknown tag', text: `{% frobnicate x %}`, errors: [['{% frobnicate x %}', 0, 'not a Jinja or dbt tag']] },
  { title: 'unknown end tag', text: `{% endfrobnicate %}`, errors: [['{% endfrobnicate %}', 0, 'not a Jinja or dbt tag']] },
  { title: 'empty output', text: `select {{ }} x`, errors: [['{{ }}', 0, 'empty']] },
  { title: 'unterminated string', text: `select * from {{ ref('orders) }}\nwhere 1`, errors: [[`'orders) `, 0, 'string']] },
  { title: 'unterminated string in a statement', text: `{% set x = "abc %}\nselect 1`, errors: [[`"abc `, 0, 'string']] },
  { title: 'unclosed parenthesis', text: `select * from {{ ref('orders' }}`, errors: [['(', 0, ')']] },
  { title: 'unclosed bracket', text: `{% set x = ['a', 'b' %}`, errors: [['[', 0, ']']] },
  { title: 'unclosed raw', text: `{% raw %}{{ x }}`, errors: [['{% raw %}', 0, 'endraw']] },
];

describe('analyzeJinja: located errors', () => {
  for (const c of cases) {
    it(c.title, () => {
      const analysis = analyzeJinja(c.text);
      assert.deepEqual(
        analysis.errors.map((e) => e.span),
        c.errors.map(([at, occurrence]) => spanOf(c.text, at, occurrence)),
        JSON.stringify(analysis.errors),
      );
      analysis.errors.forEach((error, i) => assert.ok(error.message.includes(c.errors[i][2]), error.message));
    });
  }

  it('goes on after an error', () => {
    const text = `{{ ref('a' }}\n{% if x %}\n{{ ref('b') }}\n{% endfor %}\n{{ source('s', 't') }}\n{% endif %}\n{{ ref('c') }}`;
    const analysis = analyzeJinja(text);
    assert.deepEqual(analysis.refs.map((r) => r.name), ['a', 'b', 'c']);
    assert.deepEqual(analysis.sources.map((s) => s.table), ['t']);
    assert.equal(analysis.errors.length, 2);
  });

  it('goes on after an unterminated {{', () => {
    const text = `select {{ ref('a')\n{% if is_incremental() %}x{% endif %}`;
    const analysis = analyzeJinja(text);
    assert.equal(analysis.incrementalBlocks.length, 1);
    assert.equal(analysis.errors.length, 1);
  });

  it('never throws on any prefix of real files, and renders them', () => {
    for (const file of [INCREMENTAL_MODEL, MACROS_FILE]) {
      for (let end = 0; end <= file.length; end++) {
        const text = file.slice(0, end);
        const analysis = analyzeJinja(text);
        assert.ok(!analysis.errors.some((e) => e.message.startsWith('Internal error')), `prefix ${end}: ${JSON.stringify(analysis.errors)}`);
        for (const incremental of [false, true]) {
          const rendered = renderStatic(text, analysis, { incremental });
          const back = rendered.toOriginal(rendered.text.length);
          assert.ok(back >= 0 && back <= text.length);
        }
      }
    }
  });

  it('never throws on any suffix of a real file', () => {
    for (let start = 0; start <= INCREMENTAL_MODEL.length; start += 3) {
      const analysis = analyzeJinja(INCREMENTAL_MODEL.slice(start));
      assert.ok(!analysis.errors.some((e) => e.message.startsWith('Internal error')));
    }
  });

  it('stays linear on a large file full of unclosed tags', () => {
    const text = 'select {{ x\n{% if y\n{# z\n'.repeat(20000);
    const started = process.cpuUsage();
    const analysis = analyzeJinja(text);
    const used = process.cpuUsage(started);
    assert.equal(analysis.errors.length, 60000);
    assert.ok((used.user + used.system) / 1000 < 2000, 'took too long');
  });

  it('survives hostile input', () => {
    const inputs = ['{{', '{%', '{#', '{{{{', '}}', '%}', '{% %}', '{%-%}', '{{-}}', '{#-#}', '{{ ( }}', '{{ ) }}', '{% for %}{% endfor %}', '{% set %}', '{% macro %}{% endmacro %}', '{{ "\\', '{{ ref(' + '['.repeat(3000) + ' }}', '{% if ' + 'not '.repeat(3000) + 'x %}{% endif %}', '{{ a.b.c.d.e()()()[1][2:3] | f | g(1) is h }}', '{{ x is }}', '{{ x | }}', '{% call() %}{% endcall %}'];
    for (const text of inputs) {
      const analysis = analyzeJinja(text);
      assert.ok(!analysis.errors.some((e) => e.message.startsWith('Internal error')), `${text}: ${JSON.stringify(analysis.errors)}`);
      renderStatic(text, analysis, { incremental: true });
    }
  });
});
