import assert from 'node:assert/strict';
import { parseExpressionAt, toPyValue } from '../../../server/src/core/jinja';
import type { PyValue } from '../../../server/src/core/pyvalue';
import type { SyntaxIssue } from '../../../server/src/core/text';

function literal(source: string, python = false): { value: PyValue; errors: SyntaxIssue[] } {
  const errors: SyntaxIssue[] = [];
  const expr = parseExpressionAt(source, 0, source.length, errors, python);
  return { value: toPyValue(expr, source), errors };
}

describe('jinja expression literals', () => {
  const cases: Array<[string, PyValue]> = [
    [`'single'`, 'single'],
    [`"double"`, 'double'],
    [`'it\\'s'`, "it's"],
    [`"tab\\tnew\\nline"`, 'tab\tnew\nline'],
    [`'\\x41\\u00e9'`, 'Aé'],
    [`'a' "b"`, 'ab'],
    [`42`, 42],
    [`-7`, -7],
    [`3.25`, 3.25],
    [`-0.5`, -0.5],
    [`1_000`, 1000],
    [`1e3`, 1000],
    [`True`, true],
    [`true`, true],
    [`False`, false],
    [`false`, false],
    [`None`, null],
    [`none`, null],
    [`[]`, []],
    [`['a', 1, none]`, ['a', 1, null]],
    [`('a', 'b')`, ['a', 'b']],
    [`('a',)`, ['a']],
    [`{'field': 'day', 'n': [1, 2], 'nested': {'x': True}}`, { field: 'day', n: [1, 2], nested: { x: true } }],
    [`['a', 'b',]`, ['a', 'b']],
    [`some_var`, { kind: 'expression', text: 'some_var' }],
    [`var('x') ~ '_suffix'`, { kind: 'expression', text: `var('x') ~ '_suffix'` }],
    [`['a', other]`, ['a', { kind: 'expression', text: 'other' }]],
    [`{'k': 1 + 2}`, { k: { kind: 'expression', text: '1 + 2' } }],
    [`'x' if target.name == 'prod' else 'y'`, { kind: 'expression', text: `'x' if target.name == 'prod' else 'y'` }],
  ];
  for (const [source, expected] of cases) {
    it(`reads ${source}`, () => {
      const { value, errors } = literal(source);
      assert.deepEqual(value, expected);
      assert.deepEqual(errors, []);
    });
  }

  it('keeps a __proto__ key as data', () => {
    const value = literal(`{'__proto__': 1}`).value as Record<string, PyValue>;
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
    assert.deepEqual(Object.keys(value), ['__proto__']);
  });

  it('treats lowercase true as a name in Python', () => {
    assert.deepEqual(literal('true', true).value, { kind: 'expression', text: 'true' });
    assert.equal(literal('True', true).value, true);
  });

  it('reads Python string prefixes and triple quotes', () => {
    assert.equal(literal(`r'a\\d'`, true).value, 'a\\d');
    assert.equal(literal(`'''multi\nline'''`, true).value, 'multi\nline');
    assert.deepEqual(literal(`f'{x}'`, true).value, { kind: 'expression', text: `f'{x}'` });
  });

  it('locates an unclosed string, without blaming the brackets it swallowed', () => {
    assert.deepEqual(literal(`['a', 'b`).errors.map((e) => e.span), [{ start: 6, end: 8 }]);
  });

  it('locates an unclosed bracket', () => {
    assert.deepEqual(literal(`f(['a', 'b'`).errors.map((e) => e.span), [{ start: 2, end: 3 }, { start: 1, end: 2 }]);
  });

  it('survives very deep nesting without throwing', () => {
    const deep = '('.repeat(5000) + '1' + ')'.repeat(5000);
    assert.doesNotThrow(() => literal(deep));
    const deepNot = 'not '.repeat(5000) + 'x';
    assert.doesNotThrow(() => literal(deepNot));
    const deepMinus = '-'.repeat(5000) + 'x';
    assert.doesNotThrow(() => literal(deepMinus));
  });
});
