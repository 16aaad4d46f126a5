import assert from 'node:assert/strict';
import { macrosProducingRefs } from '../../../server/src/core/render';
import { DBT_UTILS, NESTED, PROJECT, SIMPLE_CTE } from './fixtures';

describe('macrosProducingRefs', () => {
  it('finds direct and transitive ref producers, qualified and bare', () => {
    const names = macrosProducingRefs([SIMPLE_CTE, NESTED, ...DBT_UTILS]);
    for (const name of ['simple_cte', 'inner_macro', 'middle_macro', 'outer_macro', 'union_of']) assert.ok(names.has(name), name);
    assert.ok(names.has(`${PROJECT}.outer_macro`));
    assert.ok(names.has('dbt_utils.union_of'));
    assert.ok(!names.has('no_refs'));
    assert.ok(!names.has('star'));
  });

  it('follows package-qualified calls, dispatch and source()', () => {
    const macros = [
      { path: 'm.sql', packageName: PROJECT, text: "{% macro wrapper() %}{{ helpers.pick() }}{% endmacro %}{% macro via_dispatch() %}{{ adapter.dispatch('load', 'helpers')() }}{% endmacro %}" },
      { path: 'h.sql', packageName: 'helpers', text: "{% macro pick() %}{{ source('raw', 't') }}{% endmacro %}{% macro snowflake__load() %}{{ builtins.ref('x') }}{% endmacro %}{% macro default__load() %}1{% endmacro %}" },
    ];
    const names = macrosProducingRefs(macros);
    assert.deepEqual([...names].sort(), ['helpers.pick', 'helpers.snowflake__load', 'pick', 'snowflake__load', `${PROJECT}.via_dispatch`, `${PROJECT}.wrapper`, 'via_dispatch', 'wrapper'].sort());
  });

  it('ignores refs in comments, strings and filters, and handles cycles', () => {
    const macros = [
      { path: 'c.sql', packageName: PROJECT, text: "{% macro quiet() %}{# ref('x') #}{{ 'ref(y)' }}{% endmacro %}{% macro ping(n) %}{{ pong(n) }}{% endmacro %}{% macro pong(n) %}{{ ping(n) }}{% endmacro %}" },
    ];
    assert.deepEqual([...macrosProducingRefs(macros)], []);
  });
});
