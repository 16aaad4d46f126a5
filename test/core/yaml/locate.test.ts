import { strict as assert } from 'node:assert';
import { locateYamlPath } from '../../../server/src/core/yaml/locate';

const TEXT = [
  'version: 2',
  'x-defaults: &defaults',
  '  materialized: view',
  '  tags: [nightly]',
  'models:',
  '  - name: orders',
  '    config:',
  '      <<: *defaults',
  '      schema: marts',
  '    columns:',
  '      - name: order_id',
  '        data_tests:',
  '          - unique',
  '          - relationships:',
  '              to: ref("customers")',
  '              field: id',
  '      - name: empty',
  '        description:',
  '  - {name: flow_model, description: "in flow style"}',
  '',
].join('\n');

function slice(text: string, path: (string | number)[], target?: 'key' | 'value'): string | undefined {
  const span = locateYamlPath(text, path, target);
  return span && text.slice(span.start, span.end);
}

describe('locateYamlPath', () => {
  it('locates values and keys in nested block mappings and sequences', () => {
    assert.equal(slice(TEXT, ['models', 0, 'name']), 'orders');
    assert.equal(slice(TEXT, ['models', 0, 'name'], 'key'), 'name');
    assert.equal(slice(TEXT, ['models', 0, 'columns', 0, 'data_tests', 0]), 'unique');
    assert.equal(slice(TEXT, ['models', 0, 'columns', 0, 'data_tests', 1, 'relationships', 'to']), 'ref("customers")');
    assert.equal(slice(TEXT, ['models', 0, 'columns', 0, 'data_tests', 1, 'relationships', 'field'], 'key'), 'field');
  });

  it('gives exact offsets', () => {
    const span = locateYamlPath(TEXT, ['version']);
    assert.deepEqual(span, { start: 9, end: 10 });
  });

  it('locates inside flow collections', () => {
    assert.equal(slice(TEXT, ['models', 1, 'description']), '"in flow style"');
    assert.equal(slice(TEXT, ['models', 1, 'name'], 'key'), 'name');
  });

  it('follows merge keys to where the value is written', () => {
    assert.equal(slice(TEXT, ['models', 0, 'config', 'materialized']), 'view');
    assert.equal(slice(TEXT, ['models', 0, 'config', 'schema']), 'marts');
  });

  it('uses the key for an empty value', () => {
    assert.equal(slice(TEXT, ['models', 0, 'columns', 1, 'description']), 'description');
  });

  it('falls back to the nearest existing ancestor, clipped to one line', () => {
    assert.equal(slice(TEXT, ['models', 0, 'columns', 0, 'data_type']), '- name: order_id'.slice(2));
    assert.equal(slice(TEXT, ['models', 0, 'config', 'unknown', 'deeper']), 'config');
    assert.equal(slice(TEXT, ['models', 7, 'name']), 'models');
  });

  it('handles CRLF and a byte-order mark, with offsets in the text as given', () => {
    const text = '\uFEFFmodels:\r\n  - name: a\r\n    description: hello\r\n';
    const span = locateYamlPath(text, ['models', 0, 'description']);
    assert.ok(span);
    assert.equal(text.slice(span.start, span.end), 'hello');
  });

  it('still locates in a file with syntax errors', () => {
    const text = 'models:\n  - name: a\n    columns: [\n  - name: b\n';
    assert.equal(slice(text, ['models', 0, 'name']), 'a');
  });

  it('returns undefined for an empty document and the whole value for an empty path', () => {
    assert.equal(locateYamlPath('', ['a']), undefined);
    assert.equal(slice('a: 1\n', []), 'a: 1');
  });

  it('answers repeated lookups on the same text from the cache', () => {
    const big = Array.from({ length: 3000 }, (_, i) => `key${i}:\n  nested: value${i}`).join('\n');
    locateYamlPath(big, ['key1', 'nested']);
    const started = process.hrtime.bigint();
    for (let i = 0; i < 1000; i++) locateYamlPath(big, [`key${i}`, 'nested']);
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    assert.ok(elapsedMs < 1000, `1000 cached lookups took ${elapsedMs} ms`);
    assert.equal(slice(big, ['key2999', 'nested']), 'value2999');
  });
});
