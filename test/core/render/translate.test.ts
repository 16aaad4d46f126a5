import assert from 'node:assert/strict';
import { MacroRegistry } from '../../../server/src/core/render/macro-registry';
import { parseDispatchArguments, translateCode } from '../../../server/src/core/render/translate';
import { extractMacros } from '../../../server/src/core/render/macro-extract';
import { TEST_MACROS } from './fixtures';

describe('dbt Jinja translation', () => {
  it('reads literal dispatch arguments in positional and keyword forms', () => {
    assert.deepEqual(parseDispatchArguments("'star', 'dbt_utils'"), { name: 'star', namespace: 'dbt_utils' });
    assert.deepEqual(parseDispatchArguments("macro_name='x', macro_namespace=\"pkg\""), { name: 'x', namespace: 'pkg' });
    assert.deepEqual(parseDispatchArguments("'x'"), { name: 'x', namespace: undefined });
    assert.equal(parseDispatchArguments('name_variable'), undefined);
  });

  it('rewrites calls to mangled names and keeps lines in place', () => {
    const registry = new MacroRegistry('proj', 'postgres');
    registry.add('helper', 'proj', 'a.sql');
    registry.add('star', 'dbt_utils', 'b.sql');
    registry.add('default__star', 'dbt_utils', 'b.sql');
    const source = "{{ helper(1) }}\n{{ dbt_utils.star(x) }}\n{{ adapter.dispatch('star',\n 'dbt_utils')(x) }}\n{{ x | helper }}{{ y.helper() }}\n{{ 'helper(' }}";
    const out = translateCode(source, 'proj', registry);
    assert.equal(out.text, "{{ dpl__proj__helper(1) }}\n{{ dpl__dbt_utils__star(x) }}\n{{ dpl__dbt_utils__default__star\n(x) }}\n{{ x | helper }}{{ y.helper() }}\n{{ 'helper(' }}");
    assert.deepEqual([...out.dependencies.keys()].sort(), ['dpl__dbt_utils__default__star', 'dpl__dbt_utils__star', 'dpl__proj__helper']);
  });

  it('extracts test macros and skips materialization and docs blocks', () => {
    const result = extractMacros(TEST_MACROS);
    assert.deepEqual(result.macros.map((macro) => macro.name), ['test_accepted_range', 'after_docs']);
    assert.equal(result.macros[1].line, 14);
  });
});
