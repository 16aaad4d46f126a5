/**
 * Completion in Avro schemas, on cursor-marked `.avsc` files: types (primitives, complex type keywords, the file's
 * named types by full name) in `type`, `items`, `values` and union branches; logical types in `logicalType`; and
 * nothing elsewhere in the file.
 */
import assert from 'node:assert/strict';
import { completionsAt } from '../../../server/src/core/navigation';
import { cursorFixture } from './cursor-fixture';

const PRIMITIVES = ['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string'];
const COMPLEX = ['record', 'enum', 'array', 'map', 'fixed'];
const NAMED = ['com.acme.Order', 'com.acme.Status'];
const LOGICAL = ['decimal', 'uuid', 'date', 'time-millis', 'time-micros', 'timestamp-millis', 'timestamp-micros', 'local-timestamp-millis', 'local-timestamp-micros', 'duration'];

/** An order schema whose last field is `field` (holding the `|` cursor). */
function schema(field: string): string {
  return `
    # @file events/order.avsc
    {
      "type": "record",
      "name": "Order",
      "namespace": "com.acme",
      "fields": [
        {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["OPEN", "PAID"]}},
        ${field}
      ]
    }
  `;
}

function complete(field: string): { labels: string[]; replaced: string[] } {
  const f = cursorFixture(schema(field));
  const items = completionsAt(f.index, f.file, f.offset);
  return { labels: items.map((item) => item.label), replaced: [...new Set(items.map((item) => f.textAt(f.file, item.replace)))] };
}

describe('completion in Avro schemas', () => {
  const CASES: { title: string; field: string; labels: string[]; replaced: string }[] = [
    { title: 'a field type', field: '{"name": "total", "type": "|"}', labels: [...PRIMITIVES, ...COMPLEX, ...NAMED], replaced: '' },
    { title: 'a half-typed field type, replacing the whole word', field: '{"name": "total", "type": "lo|ng"}', labels: [...PRIMITIVES, ...COMPLEX, ...NAMED], replaced: 'long' },
    { title: 'a branch of a union', field: '{"name": "total", "type": ["null", "|"]}', labels: [...PRIMITIVES, ...NAMED], replaced: '' },
    { title: 'the items of an array', field: '{"name": "lines", "type": {"type": "array", "items": "com.acme.|"}}', labels: [...PRIMITIVES, ...NAMED], replaced: 'com.acme.' },
    { title: 'a logical type', field: '{"name": "at", "type": {"type": "long", "logicalType": "timestamp-|"}}', labels: LOGICAL, replaced: 'timestamp-' },
  ];
  for (const { title, field, labels, replaced } of CASES) {
    it(`offers ${title}`, () => {
      const found = complete(field);
      assert.deepEqual(found.labels, labels);
      assert.deepEqual(found.replaced, [replaced]);
    });
  }

  it('says what a logical type annotates', () => {
    const f = cursorFixture(schema('{"name": "on", "type": {"type": "int", "logicalType": "|"}}'));
    const date = completionsAt(f.index, f.file, f.offset).find((item) => item.label === 'date');
    assert.equal(date?.detail, 'logical type of int');
  });

  it('offers nothing in a field name or a doc', () => {
    assert.deepEqual(complete('{"name": "to|tal", "type": "double"}').labels, []);
    assert.deepEqual(complete('{"name": "total", "type": "double", "doc": "|"}').labels, []);
  });
});
