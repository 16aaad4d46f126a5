import assert from 'node:assert/strict';
import { MacroSandbox, MacroSource } from '../../../server/src/core/render';
import { OPTIONS, PROJECT, SIMPLE_CTE, node } from './fixtures';

/** About 200 macros in 20 files, shaped like a real project's helpers. */
function syntheticMacros(): MacroSource[] {
  const files: MacroSource[] = [SIMPLE_CTE];
  for (let file = 0; file < 20; file++) {
    let text = '';
    for (let i = 0; i < 10; i++) {
      const n = file * 10 + i;
      text += `{% macro helper_${n}(column_name, relation=none, options={}) -%}
  {%- set cols = [] -%}
  {%- for c in ['a', 'b', 'c'] -%}{%- do cols.append(column_name ~ '_' ~ c) -%}{%- endfor -%}
  {%- if relation is not none -%}select {{ cols | join(', ') }} from {{ relation }}{%- else -%}
  coalesce({{ cols | join(', ') }}, {{ adapter.dispatch('cast_helper', 'gitlab')(column_name) }})
  {%- endif -%}
  {%- if options.get('nested') %}{{ helper_${(n + 1) % 200}(column_name) }}{% endif -%}
{%- endmacro %}

`;
    }
    files.push({ path: `macros/helpers_${file}.sql`, packageName: PROJECT, text });
  }
  files.push({ path: 'macros/cast.sql', packageName: PROJECT, text: '{% macro default__cast_helper(x) %}cast({{ x }} as varchar){% endmacro %}{% macro snowflake__cast_helper(x) %}{{ x }}::varchar{% endmacro %}' });
  return files;
}

function syntheticModel(i: number): string {
  return `{{ config(materialized='table', tags=['t${i % 7}']) }}
{{ simple_cte([('orders', 'prep_orders_${i}'), ('users', 'prep_users_${i % 13}')]) }}
, joined as (
  select {{ helper_${i % 200}('amount', options={'nested': true}) }} as amount, {{ helper_${(i * 7) % 200}('id') }}
  from orders join users using (id)
  {% if is_incremental() %}where updated_at > (select max(updated_at) from {{ this }}){% endif %}
)
select * from {{ helper_${(i * 3) % 200}('x', relation=ref('dim_${i % 11}')) }}
`;
}

describe('MacroSandbox performance', () => {
  it('creates a sandbox of ~200 macros and renders models well under a millisecond each', () => {
    const macros = syntheticMacros();
    const started = performance.now();
    const sandbox = MacroSandbox.create(macros, OPTIONS);
    const createMillis = performance.now() - started;
    try {
      const compileStarted = performance.now();
      assert.deepEqual(sandbox.compileAll(), []);
      const compileMillis = performance.now() - compileStarted;
      const models = Array.from({ length: 300 }, (_, i) => syntheticModel(i));
      const warm = performance.now();
      for (let i = 0; i < 50; i++) sandbox.render(models[i], node(`m${i}`));
      const warmMillis = performance.now() - warm;
      const times: number[] = [];
      for (let i = 0; i < models.length; i++) {
        const result = sandbox.render(models[i], node(`m${i}`, i % 2 === 0));
        assert.equal(result.ok, true, result.error?.message);
        assert.equal(result.refs.length, 3);
        times.push(result.millis);
      }
      times.sort((a, b) => a - b);
      const mean = times.reduce((sum, t) => sum + t, 0) / times.length;
      const median = times[Math.floor(times.length / 2)];
      const p95 = times[Math.floor(times.length * 0.95)];
      console.log(
        `      ${macros.length} files / 202 macros: create ${createMillis.toFixed(1)} ms, compile all ${compileMillis.toFixed(1)} ms, ` +
          `first 50 renders ${warmMillis.toFixed(1)} ms; after warm-up mean ${mean.toFixed(3)} ms, median ${median.toFixed(3)} ms, p95 ${p95.toFixed(3)} ms`,
      );
      // Generous bounds: this guards against regressions by orders of magnitude, not noise.
      assert.ok(createMillis < 1000, `create took ${createMillis} ms`);
      assert.ok(median < 5, `median render took ${median} ms`);
    } finally {
      sandbox.dispose();
    }
  });
});
