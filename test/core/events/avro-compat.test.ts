/**
 * Avro schema resolution and Confluent's compatibility modes, as data: each case gives the earlier version(s) and the
 * head schema, the mode, and the rules expected to report (and where, by the field or type name they point at).
 * Transitive modes get three versions: the oldest is the one the head breaks.
 */
import assert from 'node:assert/strict';
import { canRead } from '../../../server/src/core/events/avro/compatibility';
import { avroCompatibilityFindings, type AvroRuleId } from '../../../server/src/core/events/avro/findings';
import { readAvroSchema, type AvroSchema } from '../../../server/src/core/events/avro/schema';
import { parseJsonTree } from '../../../server/src/core/events/json-tree';
import type { CompatibilityMode } from '../../../server/src/core/events/settings';
import { COMPATIBILITY_MODES } from '../../../server/src/core/events/settings';

function schema(text: string): { schema: AvroSchema; text: string } {
  const parsed = parseJsonTree(text);
  assert.deepEqual(parsed.errors, [], `the test schema does not parse: ${text}`);
  const read = readAvroSchema(parsed.document);
  assert.deepEqual(read.problems, [], `the test schema is invalid: ${text}`);
  return { schema: read, text };
}

/** A record `Order` with the given fields, written as JSON fragments. */
function order(...fields: string[]): string {
  return `{"type": "record", "name": "Order", "namespace": "com.acme", "fields": [${fields.join(', ')}]}`;
}

const ID = '{"name": "id", "type": "string"}';

/** What a finding is checked by: its rule and the text at its span in the head (a field name, type, or record name). */
function findingsOf(head: string, earlier: string[], mode: CompatibilityMode): string[] {
  const headSchema = schema(head);
  const versions = earlier.map((text, i) => ({ label: `version ${i + 1}`, schema: schema(text).schema }));
  return avroCompatibilityFindings(headSchema.schema, versions, mode).map((finding) => `${finding.rule} at ${head.slice(finding.span.start, finding.span.end)}`);
}

interface Case {
  name: string;
  earlier: string[];
  head: string;
  /** Expected findings per mode; a mode not listed expects none. */
  expect: Partial<Record<CompatibilityMode, string[]>>;
}

const added = (rule: AvroRuleId, at: string) => `${rule} at ${at}`;

const CASES: Case[] = [
  {
    name: 'a field added without a default',
    earlier: [order(ID)],
    head: order(ID, '{"name": "total", "type": "double"}'),
    expect: {
      BACKWARD: [added('event/field-added-without-default', '"total"')],
      BACKWARD_TRANSITIVE: [added('event/field-added-without-default', '"total"')],
      FULL: [added('event/field-added-without-default', '"total"')],
      FULL_TRANSITIVE: [added('event/field-added-without-default', '"total"')],
    },
  },
  {
    name: 'a field added with a default',
    earlier: [order(ID)],
    head: order(ID, '{"name": "total", "type": ["null", "double"], "default": null}'),
    expect: {},
  },
  {
    name: 'a field without a default removed',
    earlier: [order(ID, '{"name": "total", "type": "double"}')],
    head: order(ID),
    expect: {
      FORWARD: [added('event/field-removed-without-default', '"Order"')],
      FORWARD_TRANSITIVE: [added('event/field-removed-without-default', '"Order"')],
      FULL: [added('event/field-removed-without-default', '"Order"')],
      FULL_TRANSITIVE: [added('event/field-removed-without-default', '"Order"')],
    },
  },
  {
    name: 'a field with a default removed',
    earlier: [order(ID, '{"name": "total", "type": "double", "default": 0}')],
    head: order(ID),
    expect: {},
  },
  {
    name: 'legal promotions int to long, float to double, string to bytes',
    earlier: [order('{"name": "a", "type": "int"}', '{"name": "b", "type": "float"}', '{"name": "c", "type": "string"}')],
    head: order('{"name": "a", "type": "long"}', '{"name": "b", "type": "double"}', '{"name": "c", "type": "bytes"}'),
    // The old schema cannot read a long as an int nor a double as a float; string and bytes promote both ways.
    expect: {
      FORWARD: [added('event/type-not-promotable', '"long"'), added('event/type-not-promotable', '"double"')],
      FORWARD_TRANSITIVE: [added('event/type-not-promotable', '"long"'), added('event/type-not-promotable', '"double"')],
      FULL: [added('event/type-not-promotable', '"long"'), added('event/type-not-promotable', '"double"')],
      FULL_TRANSITIVE: [added('event/type-not-promotable', '"long"'), added('event/type-not-promotable', '"double"')],
    },
  },
  {
    name: 'a type changed without a promotion',
    earlier: [order('{"name": "quantity", "type": "long"}')],
    head: order('{"name": "quantity", "type": "int"}'),
    expect: {
      BACKWARD: [added('event/type-not-promotable', '"int"')],
      BACKWARD_TRANSITIVE: [added('event/type-not-promotable', '"int"')],
      FULL: [added('event/type-not-promotable', '"int"')],
      FULL_TRANSITIVE: [added('event/type-not-promotable', '"int"')],
    },
  },
  {
    name: 'a type promoted inside a union',
    earlier: [order('{"name": "quantity", "type": ["null", "int"], "default": null}')],
    head: order('{"name": "quantity", "type": ["null", "long"], "default": null}'),
    expect: {
      FORWARD: [added('event/union-narrowed', '["null", "long"]')],
      FORWARD_TRANSITIVE: [added('event/union-narrowed', '["null", "long"]')],
      FULL: [added('event/union-narrowed', '["null", "long"]')],
      FULL_TRANSITIVE: [added('event/union-narrowed', '["null", "long"]')],
    },
  },
  {
    name: 'a union narrowed to its non-null branch',
    earlier: [order('{"name": "coupon", "type": ["null", "string"], "default": null}')],
    head: order('{"name": "coupon", "type": "string"}'),
    expect: {
      BACKWARD: [added('event/union-narrowed', '"string"')],
      BACKWARD_TRANSITIVE: [added('event/union-narrowed', '"string"')],
      FULL: [added('event/union-narrowed', '"string"')],
      FULL_TRANSITIVE: [added('event/union-narrowed', '"string"')],
    },
  },
  {
    name: 'a plain type widened to a union',
    earlier: [order('{"name": "coupon", "type": "string"}')],
    head: order('{"name": "coupon", "type": ["null", "string"], "default": null}'),
    expect: {
      FORWARD: [added('event/union-narrowed', '["null", "string"]')],
      FORWARD_TRANSITIVE: [added('event/union-narrowed', '["null", "string"]')],
      FULL: [added('event/union-narrowed', '["null", "string"]')],
      FULL_TRANSITIVE: [added('event/union-narrowed', '["null", "string"]')],
    },
  },
  {
    name: 'an enum symbol removed without a default',
    earlier: [order('{"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["A", "B", "C"]}}')],
    head: order('{"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["A", "B"]}}'),
    expect: {
      BACKWARD: [added('event/enum-symbol-removed', '"Status"')],
      BACKWARD_TRANSITIVE: [added('event/enum-symbol-removed', '"Status"')],
      FULL: [added('event/enum-symbol-removed', '"Status"')],
      FULL_TRANSITIVE: [added('event/enum-symbol-removed', '"Status"')],
    },
  },
  {
    name: 'an enum symbol removed with a default in both versions',
    earlier: [order('{"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["A", "B", "C"], "default": "A"}}')],
    head: order('{"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["A", "B"], "default": "A"}}'),
    expect: {},
  },
  {
    name: 'an enum symbol added without a default',
    earlier: [order('{"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["A", "B"]}}')],
    head: order('{"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["A", "B", "C"]}}'),
    expect: {
      FORWARD: [added('event/enum-symbol-removed', '"Status"')],
      FORWARD_TRANSITIVE: [added('event/enum-symbol-removed', '"Status"')],
      FULL: [added('event/enum-symbol-removed', '"Status"')],
      FULL_TRANSITIVE: [added('event/enum-symbol-removed', '"Status"')],
    },
  },
  {
    name: 'a field renamed without an alias',
    earlier: [order(ID, '{"name": "customer", "type": "string"}')],
    head: order(ID, '{"name": "customer_id", "type": "string"}'),
    expect: {
      BACKWARD: [added('event/field-renamed-without-alias', '"customer_id"')],
      BACKWARD_TRANSITIVE: [added('event/field-renamed-without-alias', '"customer_id"')],
      FORWARD: [added('event/field-renamed-without-alias', '"customer_id"')],
      FORWARD_TRANSITIVE: [added('event/field-renamed-without-alias', '"customer_id"')],
      FULL: [added('event/field-renamed-without-alias', '"customer_id"')],
      FULL_TRANSITIVE: [added('event/field-renamed-without-alias', '"customer_id"')],
    },
  },
  {
    name: 'a field renamed with an alias',
    earlier: [order(ID, '{"name": "customer", "type": "string"}')],
    head: order(ID, '{"name": "customer_id", "type": "string", "aliases": ["customer"]}'),
    // The alias serves the new schema as a reader; the old schema, reading new data, still misses `customer`.
    expect: {
      FORWARD: [added('event/field-renamed-without-alias', '"customer_id"')],
      FORWARD_TRANSITIVE: [added('event/field-renamed-without-alias', '"customer_id"')],
      FULL: [added('event/field-renamed-without-alias', '"customer_id"')],
      FULL_TRANSITIVE: [added('event/field-renamed-without-alias', '"customer_id"')],
    },
  },
  {
    name: 'a union default on the first branch of a field added',
    earlier: [order(ID)],
    head: order(ID, '{"name": "note", "type": ["string", "null"], "default": "none"}'),
    expect: {},
  },
  {
    name: 'a recursive record compared with itself plus an optional field',
    earlier: ['{"type": "record", "name": "Node", "fields": [{"name": "next", "type": ["null", "Node"], "default": null}]}'],
    head: '{"type": "record", "name": "Node", "fields": [{"name": "next", "type": ["null", "Node"], "default": null}, {"name": "label", "type": ["null", "string"], "default": null}]}',
    expect: {},
  },
  {
    name: 'transitive: the head breaks only the oldest of three versions',
    // The base (newest earlier version) has `total` as a long, the oldest as a string.
    earlier: [order(ID, '{"name": "total", "type": ["null", "long"], "default": null}'), order(ID, '{"name": "total", "type": ["null", "string"], "default": null}')],
    head: order(ID, '{"name": "total", "type": ["null", "long"], "default": null}'),
    // Against the base (long) alone it is compatible; the oldest version wrote strings, which a long cannot read.
    expect: {
      BACKWARD_TRANSITIVE: [added('event/union-narrowed', '["null", "long"]')],
      FORWARD_TRANSITIVE: [added('event/union-narrowed', '["null", "long"]')],
      FULL_TRANSITIVE: [added('event/union-narrowed', '["null", "long"]')],
    },
  },
];

describe('Avro compatibility modes', () => {
  for (const testCase of CASES) {
    describe(testCase.name, () => {
      for (const mode of COMPATIBILITY_MODES) {
        it(`${mode}: ${(testCase.expect[mode] ?? []).join('; ') || 'compatible'}`, () => {
          const transitive = mode.endsWith('_TRANSITIVE');
          // A non-transitive mode compares with the base (the first earlier version) only; NONE with nothing.
          const earlier = mode === 'NONE' ? [] : transitive ? testCase.earlier : testCase.earlier.slice(0, 1);
          assert.deepEqual(findingsOf(testCase.head, earlier, mode).sort(), [...(testCase.expect[mode] ?? [])].sort());
        });
      }
    });
  }

  it('names the mode it breaks and the fix in each message', () => {
    const head = schema(order(ID, '{"name": "total", "type": "double"}')).schema;
    const [finding] = avroCompatibilityFindings(head, [{ label: 'the version at `main` (abc1234)', schema: schema(order(ID)).schema }], 'FULL');
    assert.match(finding.message, /breaks FULL compatibility/);
    assert.match(finding.message, /Add a `"default"`/);
    assert.match(finding.message, /new subject/);
    assert.match(finding.message, /the version at `main` \(abc1234\)/);
  });
});

describe('Avro schema resolution (canRead)', () => {
  const primitive = (name: string) => schema(`"${name}"`).schema.root!;
  const legal: [string, string][] = [
    ['int', 'long'], ['int', 'float'], ['int', 'double'], ['long', 'float'], ['long', 'double'], ['float', 'double'], ['string', 'bytes'], ['bytes', 'string'],
  ];
  for (const [writer, reader] of legal) {
    it(`reads ${writer} as ${reader}`, () => assert.deepEqual(canRead(primitive(reader), primitive(writer)), []));
  }
  const illegal: [string, string][] = [
    ['long', 'int'], ['double', 'float'], ['float', 'long'], ['string', 'int'], ['boolean', 'int'], ['null', 'string'],
  ];
  for (const [writer, reader] of illegal) {
    it(`does not read ${writer} as ${reader}`, () => assert.deepEqual(canRead(primitive(reader), primitive(writer)).map((found) => found.kind), ['type-mismatch']));
  }
  it('reads a writer branch through the reader union branch that promotes it', () => {
    assert.deepEqual(canRead(schema('["null", "double"]').schema.root!, primitive('int')), []);
  });
  it('matches a renamed record through a reader alias', () => {
    const reader = schema('{"type": "record", "name": "Purchase", "aliases": ["Order"], "fields": []}').schema.root!;
    const writer = schema('{"type": "record", "name": "Order", "fields": []}').schema.root!;
    assert.deepEqual(canRead(reader, writer), []);
  });
});
