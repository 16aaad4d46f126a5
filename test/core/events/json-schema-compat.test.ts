import assert from 'node:assert/strict';
import { parseJsonTree } from '../../../server/src/core/events/json-tree';
import { jsonSchemaChanges, type CompatibilityDirection } from '../../../server/src/core/events/json-schema';

/**
 * Each case edits a base schema into a head schema and lists what Confluent Schema Registry's JSON Schema check
 * rejects in each direction. In the head text, `/*B*\/` marks where the BACKWARD findings start and `/*F*\/` where
 * the FORWARD ones do (JSON Schema files may hold comments, so the markers parse).
 */
interface Case {
  name: string;
  base: string;
  head: string;
  BACKWARD: string[];
  FORWARD: string[];
}

const obj = (body: string) => `{ "type": "object", ${body} }`;

const cases: Case[] = [
  {
    name: 'a property removed from a closed content model',
    base: obj(`"properties": { "id": { "type": "string" }, "note": { "type": "string" } }, "additionalProperties": false`),
    head: obj(`/*B*/"properties": { "id": { "type": "string" } }, "additionalProperties": false`),
    BACKWARD: ['PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL'],
    FORWARD: [],
  },
  {
    name: 'a property removed from an open content model',
    base: obj(`"properties": { "id": { "type": "string" }, "note": { "type": "string" } }`),
    head: obj(`/*F*/"properties": { "id": { "type": "string" } }`),
    BACKWARD: [],
    FORWARD: ['PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL'],
  },
  {
    name: 'a property removed that was declared `false`',
    base: obj(`"properties": { "id": { "type": "string" }, "old": false }, "additionalProperties": false`),
    head: obj(`"properties": { "id": { "type": "string" } }, "additionalProperties": false`),
    BACKWARD: [],
    FORWARD: [],
  },
  {
    name: 'an optional property added to a closed content model',
    base: obj(`"properties": { "id": { "type": "string" } }, "additionalProperties": false`),
    head: obj(`"properties": { "id": { "type": "string" }, /*F*/"note": { "type": "string" } }, "additionalProperties": false`),
    BACKWARD: [],
    FORWARD: ['PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL'],
  },
  {
    name: 'an optional property added to an open content model',
    base: obj(`"properties": { "id": { "type": "string" } }`),
    head: obj(`"properties": { "id": { "type": "string" }, /*B*/"note": { "type": "string" } }`),
    BACKWARD: ['PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL'],
    FORWARD: [],
  },
  {
    name: 'a property with an empty schema added to an open content model',
    base: obj(`"properties": { "id": { "type": "string" } }`),
    head: obj(`"properties": { "id": { "type": "string" }, "extra": {} }`),
    BACKWARD: [],
    FORWARD: [],
  },
  {
    name: 'a required property without a default added to a closed content model',
    base: obj(`"properties": { "id": { "type": "string" } }, "required": ["id"], "additionalProperties": false`),
    head: obj(`"properties": { "id": { "type": "string" }, /*B*//*F*/"region": { "type": "string" } }, "required": ["id", "region"], "additionalProperties": false`),
    BACKWARD: ['REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL'],
    FORWARD: ['PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL'],
  },
  {
    name: 'a required property with a default added to a closed content model',
    base: obj(`"properties": { "id": { "type": "string" } }, "additionalProperties": false`),
    head: obj(`"properties": { "id": { "type": "string" }, /*F*/"region": { "type": "string", "default": "eu" } }, "required": ["region"], "additionalProperties": false`),
    BACKWARD: [],
    FORWARD: ['PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL'],
  },
  {
    name: '`required` added to an existing property',
    base: obj(`"properties": { "id": { "type": "string" } }`),
    head: obj(`"properties": { "id": { "type": "string" } }, /*B*/"required": ["id"]`),
    BACKWARD: ['REQUIRED_ATTRIBUTE_ADDED'],
    FORWARD: [],
  },
  {
    name: '`required` removed from an existing property',
    base: obj(`"properties": { "id": { "type": "string" } }, "required": ["id"]`),
    head: obj(`"properties": { /*F*/"id": { "type": "string" } }`),
    BACKWARD: [],
    FORWARD: ['REQUIRED_ATTRIBUTE_ADDED'],
  },
  {
    name: 'a type narrowed from number to integer',
    base: obj(`"properties": { "amount": { "type": "number" } }`),
    head: obj(`"properties": { "amount": { /*B*/"type": "integer" } }`),
    BACKWARD: ['TYPE_NARROWED'],
    FORWARD: [],
  },
  {
    name: 'a type array narrowed (null no longer allowed)',
    base: obj(`"properties": { "note": { "type": ["string", "null"] } }`),
    head: obj(`"properties": { "note": { /*B*/"type": "string" } }`),
    BACKWARD: ['TYPE_NARROWED'],
    FORWARD: [],
  },
  {
    name: 'a type widened (null allowed)',
    base: obj(`"properties": { "note": { "type": "string" } }`),
    head: obj(`"properties": { "note": { /*F*/"type": ["string", "null"] } }`),
    BACKWARD: [],
    FORWARD: ['TYPE_NARROWED'],
  },
  {
    name: 'a type changed from string to integer',
    base: obj(`"properties": { "code": { "type": "string" } }`),
    head: obj(`"properties": { "code": { /*B*//*F*/"type": "integer" } }`),
    BACKWARD: ['TYPE_CHANGED'],
    FORWARD: ['TYPE_CHANGED'],
  },
  {
    name: '`additionalProperties` tightened from open to false',
    base: obj(`"properties": { "id": { "type": "string" } }`),
    head: obj(`"properties": { "id": { "type": "string" } }, /*B*/"additionalProperties": false`),
    BACKWARD: ['ADDITIONAL_PROPERTIES_REMOVED'],
    FORWARD: [],
  },
  {
    name: '`additionalProperties` loosened from false to open',
    base: obj(`"properties": { "id": { "type": "string" } }, "additionalProperties": false`),
    head: obj(`"properties": { "id": { "type": "string" } }, /*F*/"additionalProperties": true`),
    BACKWARD: [],
    FORWARD: ['ADDITIONAL_PROPERTIES_REMOVED'],
  },
  {
    name: '`additionalProperties` narrowed to a schema',
    base: obj(`"properties": { "id": { "type": "string" } }`),
    head: obj(`"properties": { "id": { "type": "string" } }, /*B*/"additionalProperties": { "type": "string" }`),
    BACKWARD: ['ADDITIONAL_PROPERTIES_NARROWED'],
    FORWARD: [],
  },
  {
    name: 'an enum narrowed',
    base: obj(`"properties": { "status": { "type": "string", "enum": ["new", "paid", "shipped"] } }`),
    head: obj(`"properties": { "status": { "type": "string", /*B*/"enum": ["new", "paid"] } }`),
    BACKWARD: ['ENUM_ARRAY_NARROWED'],
    FORWARD: [],
  },
  {
    name: 'an enum extended',
    base: obj(`"properties": { "status": { "type": "string", "enum": ["new", "paid"] } }`),
    head: obj(`"properties": { "status": { "type": "string", /*F*/"enum": ["new", "paid", "shipped"] } }`),
    BACKWARD: [],
    FORWARD: ['ENUM_ARRAY_NARROWED'],
  },
  {
    name: 'an enum changed (one value swapped)',
    base: obj(`"properties": { "status": { "enum": ["new", "paid"] } }`),
    head: obj(`"properties": { "status": { /*B*//*F*/"enum": ["new", "settled"] } }`),
    BACKWARD: ['ENUM_ARRAY_CHANGED'],
    FORWARD: ['ENUM_ARRAY_CHANGED'],
  },
  {
    name: '`maxLength` decreased',
    base: obj(`"properties": { "name": { "type": "string", "maxLength": 50 } }`),
    head: obj(`"properties": { "name": { "type": "string", /*B*/"maxLength": 20 } }`),
    BACKWARD: ['MAX_LENGTH_DECREASED'],
    FORWARD: [],
  },
  {
    name: '`minimum` added',
    base: obj(`"properties": { "qty": { "type": "integer" } }`),
    head: obj(`"properties": { "qty": { "type": "integer", /*B*/"minimum": 1 } }`),
    BACKWARD: ['MINIMUM_ADDED'],
    FORWARD: [],
  },
  {
    name: '`pattern` changed',
    base: obj(`"properties": { "sku": { "type": "string", "pattern": "^[A-Z]+$" } }`),
    head: obj(`"properties": { "sku": { "type": "string", /*B*//*F*/"pattern": "^[a-z]+$" } }`),
    BACKWARD: ['PATTERN_CHANGED'],
    FORWARD: ['PATTERN_CHANGED'],
  },
  {
    name: '`multipleOf` expanded from 5 to 10',
    base: obj(`"properties": { "qty": { "type": "integer", "multipleOf": 5 } }`),
    head: obj(`"properties": { "qty": { "type": "integer", /*B*/"multipleOf": 10 } }`),
    BACKWARD: ['MULTIPLE_OF_EXPANDED'],
    FORWARD: [],
  },
  {
    name: 'a property removed from a closed nested object',
    base: obj(`"properties": { "customer": { "type": "object", "properties": { "id": { "type": "string" }, "email": { "type": "string" } }, "additionalProperties": false } }`),
    head: obj(`"properties": { "customer": { "type": "object", /*B*/"properties": { "id": { "type": "string" } }, "additionalProperties": false } }`),
    BACKWARD: ['PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL'],
    FORWARD: [],
  },
  {
    name: 'the type of array items narrowed',
    base: obj(`"properties": { "scores": { "type": "array", "items": { "type": "number" } } }`),
    head: obj(`"properties": { "scores": { "type": "array", "items": { /*B*/"type": "integer" } } }`),
    BACKWARD: ['TYPE_NARROWED'],
    FORWARD: [],
  },
  {
    name: '`maxItems` decreased and `uniqueItems` added',
    base: obj(`"properties": { "tags": { "type": "array", "maxItems": 10 } }`),
    head: obj(`"properties": { "tags": { "type": "array", /*B*/"maxItems": 5, /*B*/"uniqueItems": true } }`),
    BACKWARD: ['MAX_ITEMS_DECREASED', 'UNIQUE_ITEMS_ADDED'],
    FORWARD: [],
  },
  {
    name: 'a definition reached through `$ref` (draft-07 `definitions`) narrowed',
    base: `{ "type": "object", "properties": { "address": { "$ref": "#/definitions/address" } }, "definitions": { "address": { "type": "object", "properties": { "zip": { "type": "string" } }, "required": [] } } }`,
    head: `{ "type": "object", "properties": { "address": { "$ref": "#/definitions/address" } }, "definitions": { "address": { "type": "object", "properties": { "zip": { "type": "string" } }, /*B*/"required": ["zip"] } } }`,
    BACKWARD: ['REQUIRED_ATTRIBUTE_ADDED'],
    FORWARD: [],
  },
  {
    name: 'a definition reached through `$ref` (2020-12 `$defs`) used twice is reported once',
    base: `{ "$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "properties": { "from": { "$ref": "#/$defs/money" }, "to": { "$ref": "#/$defs/money" } }, "$defs": { "money": { "type": "number" } } }`,
    head: `{ "$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "properties": { "from": { "$ref": "#/$defs/money" }, "to": { "$ref": "#/$defs/money" } }, "$defs": { "money": { /*B*/"type": "integer" } } }`,
    BACKWARD: ['TYPE_NARROWED'],
    FORWARD: [],
  },
  {
    name: 'a recursive `$ref` compared without change',
    base: `{ "$ref": "#/$defs/node", "$defs": { "node": { "type": "object", "properties": { "children": { "type": "array", "items": { "$ref": "#/$defs/node" } } } } } }`,
    head: `{ "$ref": "#/$defs/node", "$defs": { "node": { "type": "object", "properties": { "children": { "type": "array", "items": { "$ref": "#/$defs/node" } } } } } }`,
    BACKWARD: [],
    FORWARD: [],
  },
  {
    name: 'a type that became a union with null',
    base: obj(`"properties": { "note": { "type": "string" } }`),
    head: obj(`"properties": { "note": { /*F*/"anyOf": [{ "type": "string" }, { "type": "null" }] } }`),
    BACKWARD: [],
    FORWARD: ['TYPE_CHANGED'],
  },
  {
    name: 'a union that lost a branch',
    base: obj(`"properties": { "id": { "oneOf": [{ "type": "string" }, { "type": "integer" }] } }`),
    head: obj(`"properties": { "id": { /*B*/"oneOf": [{ "type": "string" }] } }`),
    BACKWARD: ['SUM_TYPE_NARROWED'],
    FORWARD: [],
  },
  {
    name: 'descriptions, titles and examples changed only',
    base: obj(`"title": "Order", "properties": { "id": { "type": "string", "description": "The id." } }`),
    head: obj(`"title": "Order placed", "properties": { "id": { "type": "string", "description": "The order's id.", "examples": ["o-1"] } }`),
    BACKWARD: [],
    FORWARD: [],
  },
];

const MARKERS: Record<CompatibilityDirection, string> = { BACKWARD: '/*B*/', FORWARD: '/*F*/' };

/** The offsets just after each marker of a direction, where its findings must start. */
function markedOffsets(text: string, marker: string): number[] {
  const offsets: number[] = [];
  for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) {
    let end = at + marker.length;
    // Markers for both directions may stand together: the finding starts after the last of them.
    while (text.startsWith('/*', end)) end = text.indexOf('*/', end) + 2;
    offsets.push(end);
  }
  return offsets;
}

function parsed(text: string) {
  const result = parseJsonTree(text);
  assert.deepEqual(result.errors, [], `fixture parses: ${text}`);
  return result.document!;
}

describe('JSON Schema compatibility (Confluent semantics)', () => {
  for (const testCase of cases) {
    for (const direction of ['BACKWARD', 'FORWARD'] as const) {
      it(`${direction}: ${testCase.name}`, () => {
        const changes = jsonSchemaChanges(parsed(testCase.base), parsed(testCase.head), direction);
        assert.deepEqual(changes.map((change) => change.kind).sort(), [...testCase[direction]].sort());
        assert.deepEqual(
          changes.map((change) => change.span.start).sort((a, b) => a - b),
          markedOffsets(testCase.head, MARKERS[direction]),
          'each finding starts at its marker in the head',
        );
      });
    }
  }

  it('names the reader and the writer, the property, and the fix in each direction', () => {
    const base = parsed(obj(`"properties": { "id": { "type": "string" } }, "additionalProperties": false`));
    const head = parsed(obj(`"properties": { "id": { "type": "string" }, "region": { "type": "string" } }, "required": ["region"], "additionalProperties": false`));
    const [backward] = jsonSchemaChanges(base, head, 'BACKWARD');
    assert.equal(backward.problem, 'this schema requires `region` at the top level without a `default`, and the base schema does not declare it, so its events lack it');
    assert.match(backward.fix, /^Give `region` a `default` or leave it optional/);
    const [forward] = jsonSchemaChanges(base, head, 'FORWARD');
    assert.equal(
      forward.problem,
      'this schema declares `region` at the top level, which the base schema does not, and the base schema is closed (`additionalProperties: false`), so it rejects events that carry `region`',
    );
    assert.match(forward.fix, /^Leave `region` out until consumers read with a schema that declares it/);
  });

  it('names the values an enum lost and the path of a nested keyword', () => {
    const base = parsed(obj(`"properties": { "order": { "type": "object", "properties": { "status": { "enum": ["new", "paid", "void"] } } } }`));
    const head = parsed(obj(`"properties": { "order": { "type": "object", "properties": { "status": { "enum": ["new"] } } } }`));
    const [change] = jsonSchemaChanges(base, head, 'BACKWARD');
    assert.equal(change.problem, 'this schema no longer allows `paid`, `void` at `order.status`, which the base schema allows');
  });

  it('never throws on documents that are not schemas', () => {
    for (const [base, head] of [
      ['[]', '{}'],
      ['"text"', '{ "type": 3 }'],
      ['{ "$ref": "#/nowhere" }', '{ "$ref": "#" }'],
      ['{ "properties": [] , "required": "id" }', '{ "items": [true, false], "additionalItems": false }'],
      ['{ "patternProperties": { "[": {} } }', '{ "patternProperties": { "^x": { "type": "string" } } }'],
    ]) {
      for (const direction of ['BACKWARD', 'FORWARD'] as const) assert.ok(Array.isArray(jsonSchemaChanges(parsed(base), parsed(head), direction)));
    }
  });
});
