/**
 * What the editor overlays on a dbt SQL file: semantic tokens for its Jinja, and inlay hints for the types of
 * its output columns and the size of the relations it reads. Hints are checked by writing them into the text
 * as `⟨label⟩` at their offsets, so each expectation reads like the editor shows it.
 */
import assert from 'node:assert/strict';
import { checkWorkspace } from '../../../server/src/core/check';
import { formatBytes, inlayHints, jinjaSemanticTokens, semanticTokens, type InlayHintOptions } from '../../../server/src/core/navigation';
import type { ProjectIndex } from '../../../server/src/core/project/index-types';
import { parseFixture } from '../../../server/src/core/rules/fixture';

describe('navigation: semantic tokens', () => {
  const model = [
    "{{ config(materialized='incremental', unique_key='id') }}",
    '{#- Orders, one row each. -#}',
    "{%- set columns = ['id', 'amount'] %}",
    'select',
    '  {% for c in columns %}{{ c | upper }}, {% endfor %}',
    "  {{ dbt_utils.star(ref('stg_orders')) }}",
    "from {{ source('raw', 'orders') }}",
    '{% if is_incremental() and this is not none %}',
    "where id > {{ var('since', 0) }} + 1",
    '{% endif %}',
  ].join('\n');

  it('classifies every part of every Jinja tag, and nothing of the SQL between them', () => {
    const tokens = jinjaSemanticTokens(model).map((token) => [model.slice(token.start, token.start + token.length), token.type, ...token.modifiers]);
    assert.deepEqual(tokens, [
      ['{{', 'macro'], ['config', 'function', 'defaultLibrary'], ['materialized', 'parameter'], ['=', 'operator'], ["'incremental'", 'string'],
      ['unique_key', 'parameter'], ['=', 'operator'], ["'id'", 'string'], ['}}', 'macro'],
      ['{#- Orders, one row each. -#}', 'comment'],
      ['{%-', 'macro'], ['set', 'keyword'], ['columns', 'variable', 'declaration'], ['=', 'operator'], ["'id'", 'string'], ["'amount'", 'string'], ['%}', 'macro'],
      ['{%', 'macro'], ['for', 'keyword'], ['c', 'variable', 'declaration'], ['in', 'keyword'], ['columns', 'variable'], ['%}', 'macro'],
      ['{{', 'macro'], ['c', 'variable'], ['|', 'operator'], ['upper', 'function'], ['}}', 'macro'],
      ['{%', 'macro'], ['endfor', 'keyword'], ['%}', 'macro'],
      ['{{', 'macro'], ['dbt_utils', 'variable'], ['star', 'function'], ['ref', 'function', 'defaultLibrary'], ["'stg_orders'", 'string'], ['}}', 'macro'],
      ['{{', 'macro'], ['source', 'function', 'defaultLibrary'], ["'raw'", 'string'], ["'orders'", 'string'], ['}}', 'macro'],
      ['{%', 'macro'], ['if', 'keyword'], ['is_incremental', 'function', 'defaultLibrary'], ['and', 'keyword'], ['this', 'variable', 'defaultLibrary'],
      ['is', 'keyword'], ['not', 'keyword'], ['none', 'function'], ['%}', 'macro'],
      ['{{', 'macro'], ['var', 'function', 'defaultLibrary'], ["'since'", 'string'], ['0', 'number'], ['}}', 'macro'],
      ['{%', 'macro'], ['endif', 'keyword'], ['%}', 'macro'],
    ]);
  });

  const cases: { name: string; text: string; expected: (string | number)[][] }[] = [
    {
      name: 'declares a macro, its parameters and its defaults, and reads the defaults as expressions',
      text: "{% macro cents(column, scale=var('scale'), *rest) %}{{ column }}{% endmacro %}",
      expected: [
        ['{%', 'macro'], ['macro', 'keyword'], ['cents', 'function', 'declaration'], ['column', 'parameter', 'declaration'], ['scale', 'parameter', 'declaration'],
        ['=', 'operator'], ['var', 'function', 'defaultLibrary'], ["'scale'", 'string'], ['*', 'operator'], ['rest', 'parameter', 'declaration'], ['%}', 'macro'],
        ['{{', 'macro'], ['column', 'variable'], ['}}', 'macro'], ['{%', 'macro'], ['endmacro', 'keyword'], ['%}', 'macro'],
      ],
    },
    {
      name: 'tells attributes, methods, call-block parameters and namespace assignments apart',
      text: '{% call(row) loop_over(rows) %}{{ row.id ~ row.name.upper() }}{% endcall %}{% set ns.total = 1 %}',
      expected: [
        ['{%', 'macro'], ['call', 'keyword'], ['row', 'parameter', 'declaration'], ['loop_over', 'function'], ['rows', 'variable'], ['%}', 'macro'],
        ['{{', 'macro'], ['row', 'variable'], ['id', 'property'], ['~', 'operator'], ['row', 'variable'], ['name', 'property'], ['upper', 'function'], ['}}', 'macro'],
        ['{%', 'macro'], ['endcall', 'keyword'], ['%}', 'macro'],
        ['{%', 'macro'], ['set', 'keyword'], ['ns', 'variable'], ['total', 'property'], ['=', 'operator'], ['1', 'number'], ['%}', 'macro'],
      ],
    },
    {
      name: 'splits a token that spans lines into one token per line, with its line and character',
      text: "select 1\n  {# first line\r\n  second #} {{ 'a\nb' }}",
      expected: [
        ['{# first line', 1, 2, 'comment'], ['  second #}', 2, 0, 'comment'],
        ['{{', 2, 12, 'macro'], ["'a", 2, 15, 'string'], ["b'", 3, 0, 'string'], ['}}', 3, 3, 'macro'],
      ],
    },
    {
      name: 'gives an unclosed tag no tokens, and still reads the tags after it',
      text: 'select {{ x\nfrom t {# note #}',
      expected: [['{# note #}', 'comment']],
    },
  ];
  for (const { name, text, expected } of cases) {
    it(name, () => {
      const withPositions = expected.some((row) => typeof row[1] === 'number');
      const tokens = jinjaSemanticTokens(text).map((token) => [
        text.slice(token.start, token.start + token.length),
        ...(withPositions ? [token.line, token.character] : []),
        token.type,
        ...token.modifiers,
      ]);
      assert.deepEqual(tokens, expected);
    });
  }

  it('reads SQL files of the index, and leaves YAML to the editor', () => {
    const index = fixtureIndex({ 'models/a.sql': "select * from {{ ref('b') }}", 'models/b.sql': 'select 1 as id' });
    assert.equal(semanticTokens(index, 'models/a.sql')?.length, 4);
    assert.deepEqual(semanticTokens(index, 'models/b.sql'), []);
    assert.equal(semanticTokens(index, 'dbt_project.yml'), undefined);
  });
});

describe('navigation: inlay hints', () => {
  const properties = [
    'version: 2',
    'models:',
    '  - name: fct_orders',
    '    columns:',
    '      - name: order_id',
    '        data_type: int64',
    '      - name: amount',
    '        data_type: numeric',
    '  - name: stg_orders',
    'sources:',
    '  - name: raw',
    '    tables:',
    '      - name: orders',
    '      - name: customers',
  ].join('\n');
  const catalog = catalogJson({
    'model.shop.fct_orders': { columns: { ordered_at: 'TIMESTAMP', amount: 'FLOAT64' } },
    'model.shop.stg_orders': { stats: { num_bytes: 1288490189 } },
    'model.shop.stg_customers': { relationType: 'view' },
    'source.shop.raw.orders': { stats: { bytes: 5000 } },
  });
  const base = { 'models/_models.yml': properties, 'target/catalog.json': catalog, 'models/stg_orders.sql': 'select 1 as order_id', 'models/stg_customers.sql': 'select 1 as id' };

  const cases: { name: string; sql: string; expected: string; files?: Record<string, string>; options?: Partial<InlayHintOptions> }[] = [
    {
      name: 'shows the type the contract declares, over a cast and over the catalog',
      sql: 'select order_id, cast(amount as int64) as amount from t',
      expected: 'select order_id⟨: int64⟩, cast(amount as int64) as amount⟨: numeric⟩ from t',
    },
    {
      name: 'shows the type of a cast, in each way SQL writes one, as written',
      sql: "select cast(a as INT64) as a, safe_cast(b AS string) b, c::date as c, (d + 1)::numeric(10, 2) as d, date '2024-01-01' as e from t",
      expected: "select cast(a as INT64) as a⟨: INT64⟩, safe_cast(b AS string) b⟨: string⟩, c::date as c⟨: date⟩, (d + 1)::numeric(10, 2) as d⟨: numeric(10, 2)⟩, date '2024-01-01' as e⟨: date⟩ from t",
    },
    {
      name: 'shows the type the catalog recorded when the SQL says nothing',
      sql: 'select ordered_at, status from t',
      expected: 'select ordered_at⟨: TIMESTAMP⟩, status from t',
    },
    {
      name: "gives literals the types of the project's dialect",
      sql: "select 1 as one, 2.5 as half, 'x' as label, true as flag, 3000000000 as big, null as nothing from t",
      expected: "select 1 as one⟨: int64⟩, 2.5 as half⟨: float64⟩, 'x' as label⟨: string⟩, true as flag⟨: bool⟩, 3000000000 as big⟨: int64⟩, null as nothing from t",
    },
    {
      name: 'keeps a cast of a Jinja value, but never guesses a type Jinja writes or an expression that is not a cast as a whole',
      sql: "select cast({{ var('x') }} as date) as x, cast(y as {{ dbt.type_string() }}) as y, {{ var('n', 3) }} as n, cast(z as int64) + 1 as z, w::int * 2 as w, upper(v) as v, * from t",
      expected: "select cast({{ var('x') }} as date) as x⟨: date⟩, cast(y as {{ dbt.type_string() }}) as y, {{ var('n', 3) }} as n, cast(z as int64) + 1 as z, w::int * 2 as w, upper(v) as v, * from t",
    },
    {
      name: 'shows the size of each relation read after its tag, or after the call when it is nested in another',
      sql: "select * from {{ ref('stg_orders') }} join {{- source('raw', 'orders') -}} using (id) join {{ dbt_utils.star(ref('stg_orders')) }}",
      expected: "select * from {{ ref('stg_orders') }}⟨≈ 1.2 GiB⟩ join {{- source('raw', 'orders') -}}⟨≈ 4.9 KiB⟩ using (id) join {{ dbt_utils.star(ref('stg_orders')⟨≈ 1.2 GiB⟩) }}",
    },
    {
      name: 'shows no size for a view, a relation the catalog lacks, an unresolved or a dynamic call',
      sql: "select * from {{ ref('stg_customers') }}, {{ source('raw', 'customers') }}, {{ ref('nowhere') }}, {{ ref(var('m')) }}",
      expected: "select * from {{ ref('stg_customers') }}, {{ source('raw', 'customers') }}, {{ ref('nowhere') }}, {{ ref(var('m')) }}",
    },
    {
      name: 'shows no column types when they are turned off',
      sql: "select order_id from {{ ref('stg_orders') }}",
      expected: "select order_id from {{ ref('stg_orders') }}⟨≈ 1.2 GiB⟩",
      options: { columnTypes: false },
    },
    {
      name: 'shows no sizes when they are turned off',
      sql: "select order_id from {{ ref('stg_orders') }}",
      expected: "select order_id⟨: int64⟩ from {{ ref('stg_orders') }}",
      options: { bytesRead: false },
    },
    {
      name: 'shows only the hints inside the requested span',
      sql: "select order_id from {{ ref('stg_orders') }}",
      expected: "select order_id⟨: int64⟩ from {{ ref('stg_orders') }}",
      options: { within: { start: 0, end: 20 } },
    },
    {
      name: "follows the project's dialect for the types of literals",
      sql: "select 1 as one, 'x' as label from t",
      expected: "select 1 as one⟨: number⟩, 'x' as label⟨: varchar⟩ from t",
      files: { 'dplens.yml': 'adapter: snowflake\n' },
    },
  ];
  for (const { name, sql, expected, files, options } of cases) {
    it(name, () => {
      const index = fixtureIndex({ ...base, ...files, 'models/fct_orders.sql': sql });
      const hints = inlayHints(index, 'models/fct_orders.sql', { columnTypes: true, bytesRead: true, ...options });
      assert.equal(annotate(index.text('models/fct_orders.sql')!, hints).trimEnd(), expected);
    });
  }

  it('explains where each hint comes from', () => {
    const index = fixtureIndex({ ...base, 'models/fct_orders.sql': "select order_id, ordered_at from {{ ref('stg_orders') }}" });
    assert.deepEqual(
      inlayHints(index, 'models/fct_orders.sql', { columnTypes: true, bytesRead: true }).map((hint) => [hint.kind, hint.tooltip]),
      [
        ['type', 'The data_type declared in models/_models.yml.'],
        ['type', 'The type the warehouse reported in catalog.json at the last `dbt docs generate`; it changes only when that runs again.'],
        ['bytes', '`stg_orders` holds 1,288,490,189 bytes, according to catalog.json. A query reads at most this much of it, less when it selects fewer columns or prunes partitions.'],
      ],
    );
  });

  it('gives no hints without a catalog, a contract, a cast or a literal, nor in macros and YAML', () => {
    const index = fixtureIndex({ 'models/a.sql': "select id, name from {{ ref('b') }}", 'models/b.sql': 'select id, name from t', 'macros/m.sql': '{% macro m() %}select 1 as x{% endmacro %}' });
    for (const file of ['models/a.sql', 'macros/m.sql', 'dbt_project.yml']) assert.deepEqual(inlayHints(index, file, { columnTypes: true, bytesRead: true }), [], file);
  });

  const sizes: [number, string][] = [
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.0 KiB'],
    [1288490189, '1.2 GiB'],
    [1024 * 1024 - 1, '1.0 MiB'],
    [150 * 1024 ** 3, '150 GiB'],
    [3 * 1024 ** 5, '3.0 PiB'],
  ];
  for (const [bytes, shown] of sizes) it(`writes ${bytes} bytes as ${shown}`, () => assert.equal(formatBytes(bytes), shown));
});

/** An index of a small BigQuery project `shop` with these files. */
function fixtureIndex(files: Record<string, string>): ProjectIndex {
  const source = Object.entries({ 'dbt_project.yml': "name: shop\nversion: '1.0.0'\nprofile: shop\n", ...files })
    .map(([path, text]) => `-- @file ${path}\n${text}\n`)
    .join('');
  return checkWorkspace(parseFixture(source).files).index;
}

/** A catalog.json with the given column types and statistics per unique id. */
function catalogJson(entries: Record<string, { columns?: Record<string, string>; stats?: Record<string, number>; relationType?: string }>): string {
  const nodes: Record<string, unknown> = {};
  const sources: Record<string, unknown> = {};
  for (const [id, entry] of Object.entries(entries)) {
    (id.startsWith('source.') ? sources : nodes)[id] = {
      unique_id: id,
      metadata: { type: entry.relationType ?? 'table', name: id.split('.').pop() },
      columns: Object.fromEntries(Object.entries(entry.columns ?? {}).map(([name, type], i) => [name, { name, type, index: i + 1 }])),
      stats: Object.fromEntries(Object.entries(entry.stats ?? {}).map(([stat, value]) => [stat, { id: stat, value, include: true }])),
    };
  }
  return JSON.stringify({ metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/catalog/v1.json' }, nodes, sources });
}

/** The text with each hint's label written at its offset as `⟨label⟩`. */
function annotate(text: string, hints: { offset: number; label: string }[]): string {
  let result = '';
  let at = 0;
  for (const hint of hints) {
    result += text.slice(at, hint.offset) + `⟨${hint.label}⟩`;
    at = hint.offset;
  }
  return result + text.slice(at);
}
