/**
 * The breaking-change rules of data contract files against the git base: every rule in both standards where the
 * standard has the key, the version verdict (`datacontract/version-not-bumped`, and the warnings of an acknowledged
 * major bump), and the cases that must stay silent (no base, a new contract, a contract that does not load).
 * Each case is a fixture with `@base` sections whose inline `expect:` markers are the whole truth for these rules.
 */
import assert from 'node:assert/strict';
import { assertFixture } from '../../helpers/rule-fixture';

const CHANGE_RULES = [
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
  'datacontract/version-not-bumped',
];
const only = { onlyRules: CHANGE_RULES };
const NOT_BUMPED = '  # expect: datacontract/version-not-bumped';

const ODCS = 'contracts/orders.odcs.yaml';
const DCS = 'contracts/datacontract.yaml';

/** Indents a block of YAML lines. */
function indent(lines: string, by: number): string {
  return lines
    .split('\n')
    .map((line) => ' '.repeat(by) + line)
    .join('\n');
}

/** An ODCS contract whose `orders` object has the given property lines; `versionMark` follows the version. */
function odcs(properties: string, options: { version?: string; versionMark?: string; objects?: string } = {}): string {
  return [
    'apiVersion: v3.1.0',
    'kind: DataContract',
    'id: orders',
    `version: ${options.version ?? '1.0.0'}${options.versionMark ?? ''}`,
    'status: active',
    'schema:',
    '  - name: orders',
    '    properties:',
    indent(properties, 6),
    ...(options.objects ? [options.objects] : []),
  ].join('\n');
}

/** A DCS contract whose `orders` model has the given field lines. */
function dcs(fields: string, options: { version?: string; versionMark?: string; models?: string } = {}): string {
  return [
    'dataContractSpecification: 1.2.1',
    'id: orders',
    'info:',
    '  title: Orders',
    `  version: ${options.version ?? '1.0.0'}${options.versionMark ?? ''}`,
    'models:',
    '  orders:',
    '    fields:',
    indent(fields, 6),
    ...(options.models ? [options.models] : []),
  ].join('\n');
}

function pair(path: string, base: string, head: string): string {
  return `# @base ${path}\n${base}\n# @file ${path}\n${head}\n`;
}

const cases: { title: string; source: string }[] = [
  // model-removed
  {
    title: 'ODCS: a schema object removed',
    source: pair(ODCS, odcs('- name: id', { objects: '  - name: order_items\n    properties:\n      - name: id' }), odcs('- name: id', { versionMark: NOT_BUMPED }).replace('schema:', 'schema:  # expect: datacontract/model-removed')),
  },
  {
    title: 'DCS: a model removed',
    source: pair(DCS, dcs('id:\n  type: string', { models: '  order_items:\n    fields:\n      id:\n        type: string' }), dcs('id:\n  type: string', { versionMark: NOT_BUMPED }).replace('models:', 'models:  # expect: datacontract/model-removed')),
  },
  {
    title: 'DCS: a model added is no change',
    source: pair(DCS, dcs('id:\n  type: string'), dcs('id:\n  type: string', { models: '  order_items:\n    fields:\n      id:\n        type: string' })),
  },
  {
    title: 'a contract moved from DCS to ODCS: a warning, no version verdict',
    source: pair(ODCS, dcs('id:\n  type: string'), odcs('- name: id\n  logicalType: string').replace('apiVersion: v3.1.0', 'apiVersion: v3.1.0  # expect: datacontract/model-removed')),
  },
  // field-removed
  {
    title: 'ODCS: a property removed, reported at the properties key',
    source: pair(ODCS, odcs('- name: id\n- name: total'), odcs('- name: id', { versionMark: NOT_BUMPED }).replace('properties:', 'properties:  # expect: datacontract/field-removed')),
  },
  {
    title: 'DCS: a nested field removed, reported at its parent',
    source: pair(
      DCS,
      dcs('customer:\n  type: object\n  fields:\n    id:\n      type: string\n    email:\n      type: string'),
      dcs('customer:\n  type: object\n  fields:  # expect: datacontract/field-removed\n    id:\n      type: string', { versionMark: NOT_BUMPED }),
    ),
  },
  {
    title: 'ODCS: reordered properties are no change',
    source: pair(ODCS, odcs('- name: id\n  logicalType: string\n- name: total\n  logicalType: number'), odcs('- name: total\n  logicalType: number\n- name: id\n  logicalType: string')),
  },
  // field-type-changed
  {
    title: 'ODCS: a physical type changed',
    source: pair(ODCS, odcs('- name: id\n  physicalType: VARCHAR'), odcs('- name: id\n  physicalType: INTEGER  # expect: datacontract/field-type-changed', { versionMark: NOT_BUMPED })),
  },
  {
    title: 'DCS: a format changed',
    source: pair(DCS, dcs('email:\n  type: string\n  format: email'), dcs('email:\n  type: string\n  format: uri  # expect: datacontract/field-type-changed', { versionMark: NOT_BUMPED })),
  },
  {
    title: 'DCS: a format added is a warning, so no version verdict',
    source: pair(DCS, dcs('email:\n  type: string'), dcs('email:\n  type: string\n  format: email  # expect: datacontract/field-type-changed')),
  },
  // field-required-changed
  {
    title: 'ODCS: required added',
    source: pair(ODCS, odcs('- name: id\n  logicalType: string'), odcs('- name: id\n  logicalType: string\n  required: true  # expect: datacontract/field-required-changed', { versionMark: NOT_BUMPED })),
  },
  {
    title: 'DCS: required removed, reported at the field',
    source: pair(DCS, dcs('id:\n  type: string\n  required: true'), dcs('id:  # expect: datacontract/field-required-changed\n  type: string', { versionMark: NOT_BUMPED })),
  },
  {
    title: 'DCS: `required: false` written out is no change',
    source: pair(DCS, dcs('id:\n  type: string'), dcs('id:\n  type: string\n  required: false')),
  },
  // field-unique-changed
  {
    title: 'ODCS: unique added',
    source: pair(ODCS, odcs('- name: id\n  logicalType: string'), odcs('- name: id\n  logicalType: string\n  unique: true  # expect: datacontract/field-unique-changed', { versionMark: NOT_BUMPED })),
  },
  {
    title: 'ODCS: a primary key added is a warning',
    source: pair(ODCS, odcs('- name: id\n  logicalType: string'), odcs('- name: id\n  logicalType: string\n  primaryKey: true  # expect: datacontract/field-unique-changed')),
  },
  // constraint-changed
  {
    title: 'ODCS: a maximum changed',
    source: pair(ODCS, odcs('- name: qty\n  logicalType: integer\n  logicalTypeOptions:\n    maximum: 100'), odcs('- name: qty\n  logicalType: integer\n  logicalTypeOptions:\n    maximum: 50  # expect: datacontract/constraint-changed', { versionMark: NOT_BUMPED })),
  },
  {
    title: 'DCS: a minLength changed',
    source: pair(DCS, dcs('code:\n  type: string\n  minLength: 2'), dcs('code:\n  type: string\n  minLength: 3  # expect: datacontract/constraint-changed', { versionMark: NOT_BUMPED })),
  },
  {
    title: 'DCS: a reference changed is a warning',
    source: pair(DCS, dcs('customer_id:\n  type: string\n  references: customers.id'), dcs('customer_id:\n  type: string\n  references: clients.id  # expect: datacontract/constraint-changed')),
  },
  // constraint-added
  {
    title: 'ODCS: a classification added',
    source: pair(ODCS, odcs('- name: email\n  logicalType: string'), odcs('- name: email\n  logicalType: string\n  classification: restricted  # expect: datacontract/constraint-added')),
  },
  {
    title: 'DCS: pii and a maxLength added are two findings',
    source: pair(DCS, dcs('email:\n  type: string'), dcs('email:\n  type: string\n  pii: true  # expect: datacontract/constraint-added\n  maxLength: 320  # expect: datacontract/constraint-added')),
  },
  // constraint-removed
  {
    title: 'ODCS: a minimum removed is a warning',
    source: pair(ODCS, odcs('- name: qty\n  logicalType: integer\n  logicalTypeOptions:\n    minimum: 1\n    maximum: 100'), odcs('- name: qty\n  logicalType: integer\n  logicalTypeOptions:  # expect: datacontract/constraint-removed\n    maximum: 100')),
  },
  {
    title: 'DCS: a pattern removed is an error',
    source: pair(DCS, dcs('code:\n  type: string\n  pattern: "^[A-Z]{3}$"'), dcs('code:  # expect: datacontract/constraint-removed\n  type: string', { versionMark: NOT_BUMPED })),
  },
  // enum-changed
  {
    title: 'DCS: an enum value added',
    source: pair(DCS, dcs('status:\n  type: string\n  enum: [placed, shipped]'), dcs('status:\n  type: string\n  enum: [placed, shipped, lost]  # expect: datacontract/enum-changed', { versionMark: NOT_BUMPED })),
  },
  {
    title: 'DCS: an enum removed altogether is not reported',
    source: pair(DCS, dcs('status:\n  type: string\n  enum: [placed, shipped]'), dcs('status:\n  type: string')),
  },
  // classification-changed
  {
    title: 'ODCS: a classification removed',
    source: pair(ODCS, odcs('- name: email\n  logicalType: string\n  classification: restricted'), odcs('- name: email  # expect: datacontract/classification-changed\n  logicalType: string', { versionMark: NOT_BUMPED })),
  },
  {
    title: 'DCS: a classification changed',
    source: pair(DCS, dcs('email:\n  type: string\n  classification: restricted'), dcs('email:\n  type: string\n  classification: internal  # expect: datacontract/classification-changed', { versionMark: NOT_BUMPED })),
  },
  // quality-changed
  {
    title: 'ODCS: a quality check changed',
    source: pair(
      ODCS,
      odcs('- name: id\n  logicalType: string\n  quality:\n    - type: library\n      metric: nullValues\n      mustBe: 0'),
      odcs('- name: id\n  logicalType: string\n  quality:\n    - type: library  # expect: datacontract/quality-changed\n      metric: nullValues\n      mustBeLessThan: 10'),
    ),
  },
  {
    title: 'DCS: descriptions, tags and examples are no change',
    source: pair(DCS, dcs('id:\n  type: string\n  description: The id.'), dcs('id:\n  type: string\n  description: The order id.\n  tags: [key]\n  examples: ["ORD-1"]')),
  },
  // version-not-bumped
  {
    title: 'ODCS: several breaking changes, one verdict at the version key',
    source: pair(
      ODCS,
      odcs('- name: id\n  logicalType: string\n- name: total\n  logicalType: number\n- name: note'),
      odcs('- name: id\n  logicalType: integer  # expect: datacontract/field-type-changed\n  required: true  # expect: datacontract/field-required-changed\n- name: total\n  logicalType: number', { version: '1.4.0', versionMark: NOT_BUMPED }).replace(
        'properties:',
        'properties:  # expect: datacontract/field-removed',
      ),
    ),
  },
  {
    title: 'DCS: a head without a version gets the verdict at `info`',
    source: pair(
      DCS,
      dcs('id:\n  type: string'),
      dcs('id:\n  type: integer  # expect: datacontract/field-type-changed').replace('  version: 1.0.0\n', '').replace('info:', 'info:  # expect: datacontract/version-not-bumped'),
    ),
  },
  {
    title: 'a major bump acknowledges the breaking changes: warnings, no verdict',
    source: pair(ODCS, odcs('- name: id\n- name: total'), odcs('- name: id', { version: '2.0.0' }).replace('properties:', 'properties:  # expect: datacontract/field-removed')),
  },
  {
    title: 'a `v`-prefixed major bump is a bump',
    source: pair(DCS, dcs('id:\n  type: string', { version: 'v1.9.3' }), dcs('id:\n  type: integer  # expect: datacontract/field-type-changed', { version: 'v2.0.0' })),
  },
  {
    title: 'a minor bump does not acknowledge',
    source: pair(DCS, dcs('id:\n  type: string', { version: '1.9.3' }), dcs('id:\n  type: integer  # expect: datacontract/field-type-changed', { version: '1.10.0', versionMark: NOT_BUMPED })),
  },
  // silence
  {
    title: 'a new contract (absent at the base) breaks nothing',
    source: `# @base ${ODCS}\n(absent)\n# @file ${ODCS}\n${odcs('- name: id\n  logicalType: string')}\n`,
  },
  {
    title: 'a contract that does not load at head is left to the schema rule',
    source: pair(ODCS, odcs('- name: id\n- name: total'), odcs('- name: id\n  logicalType: [unclosed')),
  },
  {
    title: 'a contract that did not load at the base is not compared',
    source: pair(DCS, 'dataContractSpecification: 1.2.1\nmodels: {orders: [\n', dcs('id:\n  type: string')),
  },
  {
    title: 'an unchanged contract',
    source: `# @file ${ODCS}\n${odcs('- name: id\n  logicalType: string')}\n# @file models/other.sql\nselect 1 as id\n# @base models/other.sql\nselect 2 as id\n`,
  },
];

describe('data contract changes against the git base', () => {
  for (const { title, source } of cases) {
    it(title, () => {
      assertFixture(source, only);
    });
  }

  it('reports with the classifier severity, naming the base and what to do', () => {
    const findings = assertFixture(
      pair(DCS, dcs('id:\n  type: string\ntotal:\n  type: decimal'), dcs('id:\n  type: string\n  pii: true  # expect: datacontract/constraint-added', { versionMark: NOT_BUMPED }).replace('    fields:', '    fields:  # expect: datacontract/field-removed')),
      only,
    );
    const removed = findings.find((finding) => finding.rule === 'datacontract/field-removed')!;
    assert.equal(removed.severity, 'error');
    assert.match(removed.message, /Field `orders\.total` was removed/);
    assert.match(removed.message, /against `main` \(0000000\)/);
    assert.match(removed.message, /Restore it, or bump the major version from `1\.0\.0` to `2\.0\.0`/);
    const added = findings.find((finding) => finding.rule === 'datacontract/constraint-added')!;
    assert.equal(added.severity, 'warning');
    assert.match(added.message, /Check that consumers accept it/);
    const verdict = findings.find((finding) => finding.rule === 'datacontract/version-not-bumped')!;
    assert.equal(verdict.severity, 'error');
    assert.match(verdict.message, /a breaking change against `main` \(0000000\): field-removed at `orders\.total`/);
    assert.match(verdict.message, /Bump the version to `2\.0\.0`/);
  });

  it('says that an acknowledged breaking change was bumped from one major version to the next', () => {
    const findings = assertFixture(pair(ODCS, odcs('- name: id\n  logicalType: string'), odcs('- name: id\n  logicalType: integer  # expect: datacontract/field-type-changed', { version: '2.0.0' })), only);
    assert.equal(findings.length, 1);
    assert.equal(findings[0].severity, 'warning');
    assert.match(findings[0].message, /bumped from `1\.0\.0` to `2\.0\.0`/);
  });

  it('lists at most five breaking changes in the verdict and counts the rest', () => {
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const base = odcs(names.map((name) => `- name: ${name}`).join('\n'));
    const head = odcs('- name: keep', { versionMark: NOT_BUMPED }).replace('properties:', 'properties:  # expect: datacontract/field-removed, datacontract/field-removed, datacontract/field-removed, datacontract/field-removed, datacontract/field-removed, datacontract/field-removed, datacontract/field-removed');
    const findings = assertFixture(pair(ODCS, base, head), only);
    const verdict = findings.find((finding) => finding.rule === 'datacontract/version-not-bumped')!;
    assert.match(verdict.message, /^This contract has 7 breaking changes/);
    assert.match(verdict.message, /field-removed at `orders\.e`, 2 more\./);
  });

  it('stays silent without a base, and with an unavailable one', () => {
    const source = pair(ODCS, odcs('- name: id\n- name: total'), odcs('- name: id'));
    const withoutBase = assertFixture(source.replace(/# @base[^]*?(?=# @file)/, ''), only);
    assert.equal(withoutBase.length, 0);
    const unavailable = assertFixture(source, { ...only, base: { problem: { severity: 'info', reason: 'the workspace is not in a git repository' } } });
    assert.equal(unavailable.length, 0);
  });
});
