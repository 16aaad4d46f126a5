import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseJsonTree } from '../../../server/src/core/events/json-tree';
import { jsonSchemaDraft, jsonSchemaProblems } from '../../../server/src/core/events/json-schema';
import { EVENT_SCHEMA_VALIDATORS_FILE, generateEventSchemaValidators } from '../../../scripts/generate-event-schema-validators';

/** Schemas and what the meta-schema check says of them; `/*@*\/` marks where each finding starts. */
const cases: { name: string; text: string; problems: RegExp[] }[] = [
  { name: 'a valid draft-07 schema', text: '{ "$schema": "http://json-schema.org/draft-07/schema#", "type": "object", "properties": { "id": { "type": "string" } }, "required": ["id"], "definitions": { "x": { "type": "integer" } } }', problems: [] },
  { name: 'a valid 2020-12 schema with $defs and prefixItems', text: '{ "$schema": "https://json-schema.org/draft/2020-12/schema", "type": "array", "prefixItems": [{ "type": "string" }], "items": false, "$defs": { "x": { "type": "integer" } } }', problems: [] },
  { name: 'a misspelt type name', text: '{ "type": "object", "properties": { "id": { /*@*/"type": "strnig" } } }', problems: [/^`properties\.id\.type` must be one of `array`, `boolean`.*draft-07/] },
  { name: '`required` that is not an array', text: '{ "type": "object", /*@*/"required": "id" }', problems: [/^`required` must be an array/] },
  { name: 'a negative maxLength in 2020-12', text: '{ "$schema": "https://json-schema.org/draft/2020-12/schema", "type": "string", /*@*/"maxLength": -1 }', problems: [/^`maxLength` must be >= 0 in a 2020-12 JSON Schema/] },
  { name: 'two problems in two places', text: '{ "properties": { "a": { /*@*/"type": "text" }, "b": { /*@*/"minItems": "2" } } }', problems: [/^`properties\.a\.type`/, /^`properties\.b\.minItems` must be an integer/] },
];

describe('JSON Schema meta-schema validation (event/schema)', () => {
  for (const testCase of cases) {
    it(testCase.name, () => {
      const parsed = parseJsonTree(testCase.text);
      assert.deepEqual(parsed.errors, []);
      const problems = jsonSchemaProblems(parsed.value, parsed.document!);
      assert.equal(problems.length, testCase.problems.length, JSON.stringify(problems));
      const expectedStarts: number[] = [];
      for (let at = testCase.text.indexOf('/*@*/'); at >= 0; at = testCase.text.indexOf('/*@*/', at + 1)) expectedStarts.push(at + 5);
      const sorted = [...problems].sort((a, b) => a.span.start - b.span.start);
      assert.deepEqual(sorted.map((problem) => problem.span.start), expectedStarts);
      sorted.forEach((problem, index) => assert.match(problem.message, testCase.problems[index]));
    });
  }

  it('chooses the draft from $schema', () => {
    assert.equal(jsonSchemaDraft({}), 'draft-07');
    assert.equal(jsonSchemaDraft({ $schema: 'http://json-schema.org/draft-04/schema#' }), 'draft-07');
    assert.equal(jsonSchemaDraft({ $schema: 'https://json-schema.org/draft/2019-09/schema' }), '2020-12');
    assert.equal(jsonSchemaDraft({ $schema: 'https://json-schema.org/draft/2020-12/schema' }), '2020-12');
  });

  it('the committed validators are what the generator writes', () => {
    const committed = fs.readFileSync(path.resolve(__dirname, '../../..', EVENT_SCHEMA_VALIDATORS_FILE), 'utf8');
    assert.equal(committed, generateEventSchemaValidators(), 'run: npx tsx scripts/generate-event-schema-validators.ts');
  });
});
