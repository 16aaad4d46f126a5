/**
 * `event/schema` for Avro: each invalid schema gives one problem, located at the offending JSON value (checked by the
 * text at its span); valid schemas give none. Also the `events:` settings of dplens.yml and the mode resolution.
 */
import assert from 'node:assert/strict';
import { parseDplensConfig } from '../../../server/src/core/config/dplens-config';
import { eventSchemaFormat } from '../../../server/src/core/events/detect';
import { compatibilityModeOf, historyDepthFor } from '../../../server/src/core/events/settings';
import { summarizeEventSchema } from '../../../server/src/core/events/summary';

function problemsOf(text: string): string[] {
  const summary = summarizeEventSchema('avro', text);
  return [...summary.errors, ...summary.problems].map((problem) => text.slice(problem.span.start, problem.span.end));
}

const record = (fields: string) => `{"type": "record", "name": "Order", "namespace": "com.acme", "fields": [${fields}]}`;

const INVALID: [string, string, string][] = [
  ['an unknown type name', record('{"name": "s", "type": "Status"}'), '"Status"'],
  ['a named type used before its definition', record('{"name": "a", "type": "Money"}, {"name": "b", "type": {"type": "fixed", "name": "Money", "size": 8}}'), '"Money"'],
  ['a name defined twice', record('{"name": "a", "type": {"type": "fixed", "name": "Money", "size": 8}}, {"name": "b", "type": {"type": "fixed", "name": "Money", "size": 8}}'), '"Money"'],
  ['a duplicate field', record('{"name": "a", "type": "int"}, {"name": "a", "type": "long"}'), '"a"'],
  ['a default not matching the first union branch', record('{"name": "c", "type": ["string", "null"], "default": null}'), 'null'],
  ['a default of the wrong type', record('{"name": "n", "type": "int", "default": "zero"}'), '"zero"'],
  ['a fractional default of an int', record('{"name": "n", "type": "long", "default": 1.5}'), '1.5'],
  ['an enum default outside its symbols', record('{"name": "s", "type": {"type": "enum", "name": "S", "symbols": ["A"], "default": "B"}}'), '"B"'],
  ['a field default outside the enum symbols', record('{"name": "s", "type": {"type": "enum", "name": "S", "symbols": ["A"]}, "default": "B"}'), '"B"'],
  ['a decimal scale above its precision', record('{"name": "m", "type": {"type": "bytes", "logicalType": "decimal", "precision": 4, "scale": 5}}'), '5'],
  ['a decimal without precision', record('{"name": "m", "type": {"type": "bytes", "logicalType": "decimal"}}'), '{"type": "bytes", "logicalType": "decimal"}'],
  ['a decimal precision a fixed cannot hold', record('{"name": "m", "type": {"type": "fixed", "name": "M", "size": 2, "logicalType": "decimal", "precision": 9}}'), '9'],
  ['a logical type on the wrong primitive', record('{"name": "t", "type": {"type": "string", "logicalType": "timestamp-millis"}}'), '"timestamp-millis"'],
  ['a union with two branches of one type', record('{"name": "u", "type": ["null", "string", "string"]}'), '"string"'],
  ['a nested union', record('{"name": "u", "type": ["null", ["int", "long"]]}'), '["int", "long"]'],
  ['a record without fields', '{"type": "record", "name": "Order"}', '{"type": "record", "name": "Order"}'],
  ['an invalid name', '{"type": "record", "name": "Order-V2", "fields": []}', '"Order-V2"'],
  ['a JSON syntax error', '{"type": "record", "name": "Order", "fields": [],}', '}'],
];

const VALID: [string, string][] = [
  ['a record with every kind of type', record('{"name": "a", "type": ["null", "string"], "default": null}, {"name": "b", "type": {"type": "array", "items": "long"}, "default": [1, 2]}, {"name": "c", "type": {"type": "map", "values": "double"}, "default": {"x": 1.5}}, {"name": "d", "type": {"type": "fixed", "name": "Id", "size": 16, "logicalType": "uuid"}}, {"name": "e", "type": "Id"}, {"name": "f", "type": {"type": "int", "logicalType": "date"}}')],
  ['a recursive record', '{"type": "record", "name": "Node", "fields": [{"name": "next", "type": ["null", "Node"], "default": null}]}'],
  ['a reference by full name from another namespace', '{"type": "record", "name": "a.Outer", "fields": [{"name": "x", "type": {"type": "enum", "name": "b.E", "symbols": ["A"]}}, {"name": "y", "type": "b.E"}]}'],
  ['a nested record default', record('{"name": "r", "type": {"type": "record", "name": "Inner", "fields": [{"name": "x", "type": "int"}, {"name": "y", "type": "int", "default": 0}]}, "default": {"x": 1}}')],
  ['an unknown logical type (kept by readers as the plain type)', record('{"name": "t", "type": {"type": "string", "logicalType": "email"}}')],
];

describe('event/schema (Avro)', () => {
  for (const [name, text, at] of INVALID) {
    it(`reports ${name} at ${at}`, () => assert.deepEqual(problemsOf(text), [at]));
  }
  for (const [name, text] of VALID) {
    it(`accepts ${name}`, () => assert.deepEqual(problemsOf(text), []));
  }
  it('names the top-level record as its subject', () => {
    assert.deepEqual(summarizeEventSchema('avro', record('')).subjectNames, ['com.acme.Order']);
  });
});

describe('events settings in dplens.yml', () => {
  const parse = (yaml: string) => parseDplensConfig(yaml);
  const settings = parse(`events:
  compatibility: FORWARD
  overrides:
    - files: ['events/legacy/**']
      compatibility: NONE
  subjects:
    com.acme.Order-value: FULL_TRANSITIVE
  history: 3
  jsonSchemas: ['contracts/**/*.schema.json']
`);

  it('reads every key', () => {
    assert.deepEqual(settings.problems, []);
    assert.deepEqual(settings.config.events, {
      compatibility: 'FORWARD',
      overrides: [{ files: ['events/legacy/**'], compatibility: 'NONE' }],
      subjects: { 'com.acme.Order-value': 'FULL_TRANSITIVE' },
      history: 3,
      jsonSchemas: ['contracts/**/*.schema.json'],
    });
  });

  it('resolves the mode: subject, then the last matching override, then the default', () => {
    const events = settings.config.events;
    assert.equal(compatibilityModeOf(events, 'events/order.avsc', ['com.acme.Order']), 'FULL_TRANSITIVE');
    assert.equal(compatibilityModeOf(events, 'events/legacy/old.avsc', ['com.acme.Other']), 'NONE');
    assert.equal(compatibilityModeOf(events, 'events/other.avsc', []), 'FORWARD');
    assert.equal(compatibilityModeOf(undefined, 'events/other.avsc', []), 'BACKWARD');
  });

  it('asks for history only where a transitive mode can apply', () => {
    const always = () => true;
    assert.equal(historyDepthFor(settings.config.events, 'events/order.avsc', always), 3);
    assert.equal(historyDepthFor(parse('events: {compatibility: BACKWARD}').config.events, 'events/order.avsc', always), undefined);
    assert.equal(historyDepthFor(parse('events: {compatibility: FULL_TRANSITIVE}').config.events, 'events/order.avsc', always), 5);
  });

  it('recognises JSON Schemas by the configured globs and Avro schemas everywhere', () => {
    const events = settings.config.events;
    assert.equal(eventSchemaFormat('contracts/a/order.schema.json', events), 'json-schema');
    assert.equal(eventSchemaFormat('other/order.schema.json', events), undefined);
    assert.equal(eventSchemaFormat('other/order.schema.json', undefined), 'json-schema');
    assert.equal(eventSchemaFormat('anywhere/order.avsc', events), 'avro');
    assert.equal(eventSchemaFormat('package.json', undefined), undefined);
  });

  const WRONG: [string, string][] = [
    ['events: {compatibility: SIDEWAYS}', 'SIDEWAYS'],
    ['events: {history: 0}', '0'],
    ['events: {overrides: [{files: [a], mode: NONE}]}', '{files: [a], mode: NONE}'],
    ['events: {subjects: {orders-value: LOOSE}}', 'LOOSE'],
    ['events: {jsonSchemas: 3}', '3'],
    ['events: {colour: red}', 'colour'],
  ];
  for (const [yaml, at] of WRONG) {
    it(`reports a located problem for ${yaml}`, () => {
      const { problems } = parse(yaml);
      assert.equal(problems.length, 1, JSON.stringify(problems));
      assert.equal(yaml.slice(problems[0].span.start, problems[0].span.end), at);
    });
  }
});
