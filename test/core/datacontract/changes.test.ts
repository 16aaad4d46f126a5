/**
 * The change classifier's edges: flavour recognition, malformed documents, `versionChange`, and real contracts from
 * the official examples. The change table itself is covered pair by pair in changes-dcs.test.ts and changes-odcs.test.ts.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { classifyContractChanges, contractFlavourOf, versionChange, type ContractChange } from '../../../server/src/core/datacontract/changes';
import { describeWithShared, sharedPath } from '../../helpers/shared';
import { dcs, load, odcs } from './changes-table';

const RULE_IDS = new Set([
  'datacontract/model-removed',
  'datacontract/field-removed',
  'datacontract/field-type-changed',
  'datacontract/field-required-changed',
  'datacontract/field-unique-changed',
  'datacontract/constraint-changed',
  'datacontract/constraint-added',
  'datacontract/constraint-removed',
  'datacontract/enum-changed',
  'datacontract/classification-changed',
  'datacontract/quality-changed',
]);

function assertWellFormed(changes: ContractChange[]): void {
  for (const change of changes) {
    assert.ok(RULE_IDS.has(change.rule), change.rule);
    assert.ok(change.severity === 'error' || change.severity === 'warning');
    assert.match(change.kind, /^[a-z]+(-[a-z]+)*$/);
    assert.ok(change.description.length > 0);
    assert.ok(Array.isArray(change.basePath) && Array.isArray(change.headPath));
  }
}

const DCS_ORDERS = load(dcs(`
  orders:
    type: table
    primaryKey: [id]
    quality: [{type: sql, query: select 1}]
    fields:
      id: {type: string, required: true, unique: true, pii: true, classification: sensitive, pattern: "^a", minLength: 1, enum: [a, b]}
      lines:
        type: array
        items:
          type: object
          fields:
            sku: {type: string, maxLength: 9}
`));

const ODCS_ORDERS = load(odcs(`
  - name: orders
    physicalType: table
    quality: [{type: sql, query: select 1}]
    properties:
      - name: id
        logicalType: string
        required: true
        logicalTypeOptions: {pattern: "^a", minLength: 1, format: uuid}
        quality: [{name: q, metric: nullValues, mustBe: 0}]
      - name: lines
        logicalType: array
        items:
          logicalType: object
          properties:
            - {name: sku, logicalType: string}
`));

describe('contractFlavourOf', () => {
  const cases: [string, unknown, string | undefined][] = [
    ['a DCS document', { dataContractSpecification: '1.1.0' }, 'dcs'],
    ['a DCS document with a numeric version', { dataContractSpecification: 1 }, 'dcs'],
    ['an ODCS v3 document', { apiVersion: 'v3.0.2', kind: 'DataContract' }, 'odcs'],
    ['an ODCS v3 document without minor version', { apiVersion: 'v3', kind: 'DataContract' }, 'odcs'],
    ['ODCS v2 (not supported)', { apiVersion: 'v2.2.2', kind: 'DataContract' }, undefined],
    ['a v3 document of another kind', { apiVersion: 'v3.0.0', kind: 'DataProduct' }, undefined],
    ['a dbt properties file', { version: 2, models: [] }, undefined],
    ['null', null, undefined],
    ['a list', [{ dataContractSpecification: '1.1.0' }], undefined],
    ['a string', 'dataContractSpecification: 1.1.0', undefined],
  ];
  for (const [name, document, expected] of cases) it(name, () => assert.equal(contractFlavourOf(document), expected));
});

describe('classifyContractChanges on malformed input', () => {
  const unreadable: [string, unknown, unknown][] = [
    ['both null', null, null],
    ['undefined and a contract', undefined, DCS_ORDERS],
    ['a contract and a scalar', DCS_ORDERS, 42],
    ['a contract and a list', ODCS_ORDERS, [ODCS_ORDERS]],
    ['a non-contract base', { version: 2, models: [] }, DCS_ORDERS],
    ['a non-contract head (a syntax error loads as garbage)', ODCS_ORDERS, 'apiVersion: v3'],
  ];
  for (const [name, base, head] of unreadable) it(`returns no change for ${name}`, () => assert.deepEqual(classifyContractChanges(base, head), []));

  const partly: { name: string; base: unknown; head: unknown; expected: [string, string, (string | number)[]][] }[] = [
    {
      name: 'DCS models written as a list count as absent',
      base: { dataContractSpecification: '1.1.0', models: [{ orders: {} }] },
      head: { dataContractSpecification: '1.1.0', models: { orders: { fields: {} } } },
      expected: [],
    },
    {
      name: 'a head whose models became a scalar loses every model',
      base: { dataContractSpecification: '1.1.0', models: { orders: {}, customers: {} } },
      head: { dataContractSpecification: '1.1.0', models: 'oops' },
      expected: [['datacontract/model-removed', 'model-removed', []], ['datacontract/model-removed', 'model-removed', []]],
    },
    {
      name: 'a field emptied to null in head counts as removed',
      base: { dataContractSpecification: '1.1.0', models: { orders: { fields: { id: { type: 'string' } } } } },
      head: { dataContractSpecification: '1.1.0', models: { orders: { fields: { id: null } } } },
      expected: [['datacontract/field-removed', 'field-removed', ['models', 'orders', 'fields']]],
    },
    {
      name: 'fields written as a string in base are unreadable, so nothing was removed',
      base: { dataContractSpecification: '1.1.0', models: { orders: { fields: 'id, total' } } },
      head: { dataContractSpecification: '1.1.0', models: { orders: { fields: {} } } },
      expected: [],
    },
    {
      name: 'constraints of the wrong type still compare (an enum written as a string)',
      base: { dataContractSpecification: '1.1.0', models: { m: { fields: { f: { enum: 'a, b' } } } } },
      head: { dataContractSpecification: '1.1.0', models: { m: { fields: { f: { enum: ['a', 'b'] } } } } },
      expected: [['datacontract/enum-changed', 'enum-changed', ['models', 'm', 'fields', 'f', 'enum']]],
    },
    {
      name: 'ODCS schema written as a map counts as absent',
      base: { apiVersion: 'v3.0.2', kind: 'DataContract', schema: { orders: {} } },
      head: { apiVersion: 'v3.0.2', kind: 'DataContract', schema: [] },
      expected: [],
    },
    {
      name: 'ODCS objects and properties without a name cannot be paired and are skipped',
      base: { apiVersion: 'v3.0.2', kind: 'DataContract', schema: [{ properties: [{ logicalType: 'string' }] }, { name: 'o', properties: [{ logicalType: 'string' }, 7] }] },
      head: { apiVersion: 'v3.0.2', kind: 'DataContract', schema: [{ name: 'o', properties: [] }] },
      expected: [],
    },
    {
      name: 'logicalTypeOptions written as a scalar are unreadable, so the pattern was removed',
      base: { apiVersion: 'v3.0.2', kind: 'DataContract', schema: [{ name: 'o', properties: [{ name: 'p', logicalTypeOptions: { pattern: 'a' } }] }] },
      head: { apiVersion: 'v3.0.2', kind: 'DataContract', schema: [{ name: 'o', properties: [{ name: 'p', logicalTypeOptions: 'pattern a' }] }] },
      expected: [['datacontract/constraint-removed', 'pattern-removed', ['schema', 0, 'properties', 0, 'logicalTypeOptions']]],
    },
    {
      name: 'duplicate property names: the first of each is compared',
      base: { apiVersion: 'v3.0.2', kind: 'DataContract', schema: [{ name: 'o', properties: [{ name: 'p', logicalType: 'string' }, { name: 'p', logicalType: 'date' }] }] },
      head: { apiVersion: 'v3.0.2', kind: 'DataContract', schema: [{ name: 'o', properties: [{ name: 'p', logicalType: 'string' }] }] },
      expected: [],
    },
  ];
  for (const testCase of partly) {
    it(testCase.name, () => {
      const changes = classifyContractChanges(testCase.base, testCase.head);
      assertWellFormed(changes);
      assert.deepEqual(
        changes.map((change) => [change.rule, change.kind, change.headPath]),
        testCase.expected,
      );
    });
  }

  /** Every node of a document, by path, so each can be replaced by something unexpected. */
  function nodePaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
    const paths: (string | number)[][] = path.length > 0 ? [path] : [];
    if (Array.isArray(value)) value.forEach((item, index) => paths.push(...nodePaths(item, [...path, index])));
    else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) paths.push(...nodePaths(item, [...path, key]));
    return paths;
  }

  function replaced(document: unknown, path: (string | number)[], replacement: unknown): unknown {
    const copy = structuredClone(document) as Record<string | number, unknown>;
    let parent = copy;
    for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
    parent[path[path.length - 1]] = replacement;
    return copy;
  }

  const REPLACEMENTS: unknown[] = [null, 'text', 42, true, [], {}, [null, 'x'], { name: 7 }];
  for (const [flavour, document] of [['DCS', DCS_ORDERS], ['ODCS', ODCS_ORDERS]] as const) {
    it(`never throws when any node of a ${flavour} contract is replaced by an unexpected value, in base or in head`, () => {
      let comparisons = 0;
      for (const path of nodePaths(document)) {
        for (const replacement of REPLACEMENTS) {
          const mutated = replaced(document, path, replacement);
          assertWellFormed(classifyContractChanges(document, mutated));
          assertWellFormed(classifyContractChanges(mutated, document));
          comparisons += 2;
        }
      }
      assert.ok(comparisons > 200, `only ${comparisons} comparisons`);
    });
  }
});

describe('versionChange', () => {
  const cases: { name: string; base: unknown; head: unknown; expected: ReturnType<typeof versionChange> }[] = [
    {
      name: 'an ODCS major bump',
      base: { apiVersion: 'v3.0.2', kind: 'DataContract', version: '1.2.0' },
      head: { apiVersion: 'v3.0.2', kind: 'DataContract', version: '2.0.0' },
      expected: { baseVersion: '1.2.0', headVersion: '2.0.0', majorIncreased: true, headVersionPath: ['version'] },
    },
    {
      name: 'an ODCS minor bump',
      base: { apiVersion: 'v3.0.2', kind: 'DataContract', version: '1.2.0' },
      head: { apiVersion: 'v3.0.2', kind: 'DataContract', version: '1.3.0' },
      expected: { baseVersion: '1.2.0', headVersion: '1.3.0', majorIncreased: false, headVersionPath: ['version'] },
    },
    {
      name: 'a DCS major bump in info.version, written loosely',
      base: { dataContractSpecification: '1.1.0', info: { version: 'v1.2' } },
      head: { dataContractSpecification: '1.1.0', info: { version: '2' } },
      expected: { baseVersion: 'v1.2', headVersion: '2', majorIncreased: true, headVersionPath: ['info', 'version'] },
    },
    {
      name: 'a pre-release of the next major',
      base: { dataContractSpecification: '1.1.0', info: { version: '1.9.9' } },
      head: { dataContractSpecification: '1.1.0', info: { version: '2.0.0-rc1' } },
      expected: { baseVersion: '1.9.9', headVersion: '2.0.0-rc1', majorIncreased: true, headVersionPath: ['info', 'version'] },
    },
    {
      name: 'numeric versions, as YAML loads `version: 1` and `version: 1.5`',
      base: { apiVersion: 'v3.0.2', kind: 'DataContract', version: 1 },
      head: { apiVersion: 'v3.0.2', kind: 'DataContract', version: 1.5 },
      expected: { baseVersion: '1', headVersion: '1.5', majorIncreased: false, headVersionPath: ['version'] },
    },
    {
      name: 'a major decrease',
      base: { apiVersion: 'v3.0.2', kind: 'DataContract', version: 'V3.0.0' },
      head: { apiVersion: 'v3.0.2', kind: 'DataContract', version: '2.9.0' },
      expected: { baseVersion: 'V3.0.0', headVersion: '2.9.0', majorIncreased: false, headVersionPath: ['version'] },
    },
    {
      name: 'a head without version points at info',
      base: { dataContractSpecification: '1.1.0', info: { version: '1.0.0' } },
      head: { dataContractSpecification: '1.1.0', info: { title: 'Orders' } },
      expected: { baseVersion: '1.0.0', majorIncreased: false, headVersionPath: ['info'] },
    },
    {
      name: 'a base without version: the increase cannot be known',
      base: { apiVersion: 'v3.0.2', kind: 'DataContract' },
      head: { apiVersion: 'v3.0.2', kind: 'DataContract', version: '2.0.0' },
      expected: { headVersion: '2.0.0', majorIncreased: false, headVersionPath: ['version'] },
    },
    {
      name: 'an unparseable version',
      base: { apiVersion: 'v3.0.2', kind: 'DataContract', version: 'latest' },
      head: { apiVersion: 'v3.0.2', kind: 'DataContract', version: '2.0.0' },
      expected: { baseVersion: 'latest', headVersion: '2.0.0', majorIncreased: false, headVersionPath: ['version'] },
    },
    {
      name: 'garbage documents',
      base: 'text',
      head: null,
      expected: { majorIncreased: false },
    },
    {
      name: 'a DCS info written as a scalar',
      base: { dataContractSpecification: '1.1.0', info: '1.0.0' },
      head: { dataContractSpecification: '1.1.0', info: '2.0.0' },
      expected: { majorIncreased: false, headVersionPath: ['info'] },
    },
  ];
  for (const testCase of cases) it(testCase.name, () => assert.deepEqual(versionChange(testCase.base, testCase.head), testCase.expected));
});

describeWithShared('classifyContractChanges on the official examples', () => {
  const examples: [string, string[]][] = [
    ['ODCS full example', ['odcs', 'examples', 'all', 'full-example.odcs.yaml']],
    ['ODCS AdventureWorks', ['odcs', 'examples', 'all', 'postgresql-adventureworks-contract.odcs.yaml']],
    ['DCS orders-latest', ['datacontract-specification', 'examples', 'orders-latest', 'datacontract.yaml']],
    ['DCS orders-latest-nested', ['datacontract-specification', 'examples', 'orders-latest-nested', 'datacontract.yaml']],
  ];
  for (const [name, segments] of examples) {
    const read = () => load(fs.readFileSync(sharedPath(...segments), 'utf8'));

    it(`${name}: no change against itself`, () => {
      assert.deepEqual(classifyContractChanges(read(), read()), []);
    });

    it(`${name}: removing the first field of the first model is exactly one field removal`, () => {
      const base = read() as Record<string, any>;
      const head = read() as Record<string, any>;
      let expectedPath: (string | number)[];
      if (Array.isArray(head.schema)) {
        const object = head.schema.find((candidate: any) => Array.isArray(candidate?.properties) && candidate.properties.length > 0);
        object.properties.shift();
        expectedPath = ['schema', head.schema.indexOf(object), 'properties'];
      } else {
        const [modelName, model] = Object.entries(head.models as Record<string, any>).find(([, candidate]) => candidate?.fields && Object.keys(candidate.fields).length > 0)!;
        delete model.fields[Object.keys(model.fields)[0]];
        expectedPath = ['models', modelName, 'fields'];
      }
      const changes = classifyContractChanges(base, head);
      assert.deepEqual(
        changes.map((change) => [change.rule, change.severity, change.headPath]),
        [['datacontract/field-removed', 'error', expectedPath]],
      );
    });
  }
});
