import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { formatModelSql, type FormatDialect, type FormatModelOptions } from '../../../server/src/core/format';
import { lexTemplate } from '../../../server/src/core/jinja/lexer';

const DEMO_MODELS = join(__dirname, '../../../examples/demo/models');

function sqlFiles(folder: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) files.push(...sqlFiles(path));
    else if (name.endsWith('.sql')) files.push(path);
  }
  return files;
}

/** Every Jinja tag exactly as written, in order. */
function jinjaTags(text: string): string[] {
  return lexTemplate(text, [])
    .filter((segment) => segment.kind !== 'text')
    .map((segment) => text.slice(segment.start, segment.end));
}

/** The text without whitespace and case: formatting may change only those. */
function content(text: string): string {
  return text.replace(/\s+/g, '').toLowerCase();
}

function assertFormatsSafely(text: string, options: FormatModelOptions, label: string): string {
  const first = formatModelSql(text, options);
  assert.equal(first.skipped, undefined, `${label}: skipped: ${first.skipped}`);
  assert.equal(first.changed, first.text !== text, `${label}: changed flag`);
  assert.deepEqual(jinjaTags(first.text), jinjaTags(text), `${label}: Jinja not preserved`);
  assert.equal(content(first.text), content(text), `${label}: content other than whitespace and case changed`);
  const second = formatModelSql(first.text, options);
  assert.equal(second.text, first.text, `${label}: not idempotent`);
  assert.equal(second.changed, false, `${label}: second pass reports a change`);
  return first.text;
}

const BIGQUERY: FormatModelOptions = { dialect: 'bigquery', keywordCase: 'lower', indent: 4 };

describe('formatModelSql', () => {
  describe('the demo project models (BigQuery)', () => {
    for (const file of sqlFiles(DEMO_MODELS)) {
      const label = relative(DEMO_MODELS, file);
      it(`formats ${label} idempotently, keeping its Jinja exactly`, () => {
        const text = readFileSync(file, 'utf8');
        for (const keywordCase of ['lower', 'upper', 'preserve'] as const) {
          assertFormatsSafely(text, { ...BIGQUERY, keywordCase }, `${label} (${keywordCase})`);
        }
      });
    }
  });

  const TRICKY: Record<string, string> = {
    'Jinja in the select list': "select {{ dbt_utils.star(ref('x')) }}, {{ col }} as c, a{{ suffix }}, {{ m }}_amount, '{{ var(\"tz\") }}' as tz from t",
    'Jinja in FROM and JOIN': "select a.id from {{ ref('a') }} as a join {{ source('s', 't') }} b on a.id = b.id left join `{{ target.project }}.raw.x` x using (id)",
    'an is_incremental block with else': [
      "{{ config(materialized='incremental', unique_key='id') }}",
      '',
      "select * from {{ ref('events') }}",
      '{% if is_incremental() %}',
      'where updated_at > (select max(updated_at) from {{ this }})',
      '{% else %}',
      "where updated_at >= '2020-01-01'",
      '{% endif %}',
      '',
    ].join('\n'),
    'whitespace control': [
      "{%- set methods = ['card', 'cash'] -%}",
      'select',
      '    order_id,',
      '    {%- for m in methods %}',
      "    sum(case when method = '{{ m }}' then amount end) as {{ m }}_amount,",
      '    {%- endfor %}',
      '    sum(amount) as total',
      'from {{ ref("payments") }}',
      'group by 1',
      '',
    ].join('\n'),
    'comments of both kinds': [
      '{# a Jinja comment',
      '   over two lines #}',
      '-- a SQL comment with {{ an_expression }} and {% a_statement %} inside',
      'select a, {# inline #} b /* block {{ x }} */',
      'from t {#- trailing -#}',
      "where c = '{% if y %}1{% endif %}'",
      '',
    ].join('\n'),
    'macros producing clauses': [
      "select * from {{ ref('events') }}",
      "{{ incremental_filter('updated_at') }}",
      '{{ limit_in_dev() }}',
      '',
    ].join('\n'),
    'inline statements': "select {% if x %}a{% else %}b{% endif %} as c, coalesce(d, {{ var('e') }}) from t",
    'a loop with a separator': [
      "{%- set cols = ['a', 'b'] -%}",
      'select',
      '  {%- for c in cols %}',
      '  {{ c }}{% if not loop.last %},{% endif %}',
      '  {%- endfor %}',
      'from t',
    ].join('\n'),
    'a multi-line config and a set block': [
      '{{',
      '    config(',
      "        partition_by={'field': 'd', 'data_type': 'date'},",
      "        cluster_by=['a']",
      '    )',
      '}}',
      '{% set lookback %}3{% endset %}',
      'select d, a from {{ source("raw", "t") }} where d >= date_sub(current_date(), interval {{ lookback }} day)',
    ].join('\n'),
  };

  describe('tricky inputs', () => {
    const dialects: FormatDialect[] = ['bigquery', 'snowflake', 'databricks', 'spark', 'redshift', 'postgres', 'trino', 'duckdb'];
    for (const [name, text] of Object.entries(TRICKY)) {
      it(`formats ${name} idempotently in every dialect, keeping the Jinja exactly`, () => {
        for (const dialect of dialects) {
          // Backticks quote identifiers only where the dialect has them.
          if (text.includes('`') && !['bigquery', 'databricks', 'spark'].includes(dialect)) continue;
          assertFormatsSafely(text, { dialect, keywordCase: 'upper', indent: 2 }, `${name} (${dialect})`);
        }
      });
    }

    it('keeps Jinja statements alone on their lines and expressions in place', () => {
      const out = assertFormatsSafely(TRICKY['an is_incremental block with else'], { ...BIGQUERY, keywordCase: 'upper' }, 'incremental');
      for (const tag of ['{% if is_incremental() %}', '{% else %}', '{% endif %}']) {
        assert.match(out, new RegExp(`^[ \\t]*${tag.replace(/[(){}%]/g, '\\$&')}$`, 'm'), tag);
      }
      assert.match(out, /^\{\{ config\(materialized='incremental', unique_key='id'\) \}\}$/m);
      assert.match(out, /FROM\n {4}\{\{ ref\('events'\) \}\}/);
      assert.match(out, /^ +\{\{ this \}\}$/m);
      assert.ok(out.endsWith('\n') && !out.endsWith('\n\n'));
    });

    it('keeps expressions glued to the names they build', () => {
      const out = assertFormatsSafely(TRICKY['whitespace control'], BIGQUERY, 'glue');
      assert.match(out, / as \{\{ m \}\}_amount,/);
      assert.match(out, /'\{\{ m \}\}'/);
    });

    it('applies the keyword case and the indentation', () => {
      const text = 'select a, b from {{ ref("t") }} where a > 1';
      assert.equal(formatModelSql(text, { dialect: 'bigquery', keywordCase: 'upper', indent: 2 }).text, 'SELECT\n  a,\n  b\nFROM\n  {{ ref("t") }}\nWHERE\n  a > 1\n');
      assert.equal(formatModelSql(text, { dialect: 'snowflake', keywordCase: 'lower', indent: 4 }).text, 'select\n    a,\n    b\nfrom\n    {{ ref("t") }}\nwhere\n    a > 1\n');
      assert.equal(formatModelSql('SELECT a FROM t', { dialect: 'duckdb', keywordCase: 'preserve', indent: 2 }).text, 'SELECT\n  a\nFROM\n  t\n');
    });

    it('keeps CRLF line endings, inside Jinja tags too', () => {
      const text = "{{\r\n  config(materialized='table')\r\n}}\r\nselect a from t\r\n";
      const out = assertFormatsSafely(text, BIGQUERY, 'crlf');
      assert.equal(out, "{{\r\n  config(materialized='table')\r\n}}\r\nselect\r\n    a\r\nfrom\r\n    t\r\n");
    });

    it('reports an already formatted file as unchanged', () => {
      const result = formatModelSql('select\n    a\nfrom\n    t\n', BIGQUERY);
      assert.deepEqual(result, { text: 'select\n    a\nfrom\n    t\n', changed: false });
    });
  });

  describe('skips rather than risk the file', () => {
    const cases: Record<string, [string, RegExp]> = {
      'SQL that sql-formatter cannot read': ['select (a from {{ ref("t") }}', /sql-formatter could not read/],
      'broken Jinja': ['select {{ a from t', /Jinja has errors/],
      'an expression glued to a number': ['select 1{{ x }} from t', /sql-formatter/],
      'raw blocks': ['select {% raw %}{{ not jinja }}{% endraw %} from t', /raw/],
      'the reserved placeholder text': ['select __dplens_j0__ from t', /reserved/],
    };
    for (const [name, [text, reason]] of Object.entries(cases)) {
      it(name, () => {
        const result = formatModelSql(text, BIGQUERY);
        assert.equal(result.text, text);
        assert.equal(result.changed, false);
        assert.match(result.skipped ?? '', reason);
      });
    }
  });
});
