/**
 * The breaking-change table on ODCS v3 pairs: the same change kinds as for DCS, on ODCS paths (schema objects and
 * properties, logicalType/physicalType, logicalTypeOptions), with lists matched by name and head paths indexed as in head.
 * DCS's `pii` and `enum` have no ODCS counterpart; `classification` covers the first.
 */
import { assertCase, error, odcs, warning, type ChangeCase } from './changes-table';

const ORDERS = `
  - name: orders
    physicalType: table
    properties:
      - name: order_id
        logicalType: string
        physicalType: varchar(36)
        required: true
        unique: true
      - name: order_total
        logicalType: integer
`;

/** A schema object `orders` with one property `p` described by `property`. */
function withProperty(property: string): string {
  const body = property.split('\n').map((line) => `      ${line}`);
  return ['- name: orders', '  properties:', '    - name: p', ...body].join('\n');
}

const P = ['schema', 0, 'properties', 0];
const OPTIONS = [...P, 'logicalTypeOptions'];

const BREAKING: ChangeCase[] = [
  {
    name: 'a removed schema object',
    base: odcs(`${ORDERS}  - name: customers\n    properties:\n      - name: id\n        logicalType: string\n`),
    head: odcs(ORDERS),
    expected: [error('model-removed', 'model-removed', ['schema'])],
  },
  {
    name: 'a changed schema object physical type',
    base: odcs(ORDERS),
    head: odcs(ORDERS.replace('physicalType: table', 'physicalType: view')),
    expected: [error('field-type-changed', 'model-type-changed', ['schema', 0, 'physicalType'])],
  },
  {
    name: 'a changed schema object logical type',
    base: odcs(ORDERS.replace('physicalType: table', 'logicalType: object')),
    head: odcs(ORDERS.replace('physicalType: table', 'logicalType: array')),
    expected: [error('field-type-changed', 'model-type-changed', ['schema', 0, 'logicalType'])],
  },
  {
    name: 'a removed property',
    base: odcs(ORDERS),
    head: odcs(ORDERS.replace('      - name: order_total\n        logicalType: integer\n', '')),
    expected: [error('field-removed', 'field-removed', ['schema', 0, 'properties'])],
  },
  {
    name: 'a changed logical type',
    base: odcs(ORDERS),
    head: odcs(ORDERS.replace('logicalType: integer', 'logicalType: string')),
    expected: [error('field-type-changed', 'field-type-changed', ['schema', 0, 'properties', 1, 'logicalType'])],
  },
  {
    name: 'a changed physical type',
    base: odcs(ORDERS),
    head: odcs(ORDERS.replace('varchar(36)', 'char(36)')),
    expected: [error('field-type-changed', 'field-type-changed', ['schema', 0, 'properties', 0, 'physicalType'])],
  },
  {
    name: 'an added logical type',
    base: odcs(withProperty('description: untyped')),
    head: odcs(withProperty('logicalType: string')),
    expected: [warning('field-type-changed', 'field-type-added', [...P, 'logicalType'])],
  },
  {
    name: 'a removed physical type',
    base: odcs(withProperty('logicalType: string\nphysicalType: text')),
    head: odcs(withProperty('logicalType: string')),
    expected: [warning('field-type-changed', 'field-type-removed', P)],
  },
  {
    name: 'a changed format',
    base: odcs(withProperty('logicalType: string\nlogicalTypeOptions:\n  format: email')),
    head: odcs(withProperty('logicalType: string\nlogicalTypeOptions:\n  format: uri')),
    expected: [error('field-type-changed', 'field-format-changed', [...OPTIONS, 'format'])],
  },
  {
    name: 'an added format',
    base: odcs(withProperty('logicalType: string')),
    head: odcs(withProperty('logicalType: string\nlogicalTypeOptions:\n  format: uuid')),
    expected: [warning('field-type-changed', 'field-format-added', [...OPTIONS, 'format'])],
  },
  {
    name: 'a removed format, with logicalTypeOptions gone too',
    base: odcs(withProperty('logicalType: string\nlogicalTypeOptions:\n  format: uuid')),
    head: odcs(withProperty('logicalType: string')),
    expected: [warning('field-type-changed', 'field-format-removed', P)],
  },
  {
    name: 'required turned off',
    base: odcs(ORDERS),
    head: odcs(ORDERS.replace('required: true', 'required: false')),
    expected: [error('field-required-changed', 'field-required-changed', ['schema', 0, 'properties', 0, 'required'])],
  },
  {
    name: 'required added',
    base: odcs(withProperty('logicalType: string')),
    head: odcs(withProperty('logicalType: string\nrequired: true')),
    expected: [error('field-required-changed', 'field-required-changed', [...P, 'required'])],
  },
  {
    name: 'unique removed',
    base: odcs(ORDERS),
    head: odcs(ORDERS.replace('        unique: true\n', '')),
    expected: [error('field-unique-changed', 'field-unique-changed', ['schema', 0, 'properties', 0])],
  },
  {
    name: 'a property made primary key, at position 1',
    base: odcs(withProperty('logicalType: string')),
    head: odcs(withProperty('logicalType: string\nprimaryKey: true\nprimaryKeyPosition: 1')),
    expected: [
      warning('field-unique-changed', 'primary-key-changed', [...P, 'primaryKey']),
      warning('field-unique-changed', 'primary-key-changed', [...P, 'primaryKeyPosition']),
    ],
  },
  {
    name: 'a property relationship added (ODCS 3.1)',
    base: odcs(withProperty('logicalType: string')),
    head: odcs(withProperty('logicalType: string\nrelationships:\n  - to: customers.id')),
    expected: [warning('constraint-changed', 'reference-changed', [...P, 'relationships'])],
  },
  {
    name: 'a schema-level relationship changed (ODCS 3.1)',
    base: odcs(`${ORDERS}    relationships:\n      - {from: orders.customer_id, to: customers.id}\n`),
    head: odcs(`${ORDERS}    relationships:\n      - {from: orders.customer_id, to: clients.id}\n`),
    expected: [warning('constraint-changed', 'reference-changed', ['schema', 0, 'relationships'])],
  },
  {
    name: 'classification added',
    base: odcs(withProperty('logicalType: string')),
    head: odcs(withProperty('logicalType: string\nclassification: restricted')),
    expected: [warning('constraint-added', 'classification-added', [...P, 'classification'])],
  },
  {
    name: 'classification removed',
    base: odcs(withProperty('logicalType: string\nclassification: restricted')),
    head: odcs(withProperty('logicalType: string')),
    expected: [error('classification-changed', 'classification-removed', P)],
  },
  {
    name: 'classification changed',
    base: odcs(withProperty('logicalType: string\nclassification: restricted')),
    head: odcs(withProperty('logicalType: string\nclassification: public')),
    expected: [error('classification-changed', 'classification-changed', [...P, 'classification'])],
  },
  {
    name: 'a pattern added',
    base: odcs(withProperty('logicalType: string')),
    head: odcs(withProperty('logicalType: string\nlogicalTypeOptions:\n  pattern: "^[A-Z]+$"')),
    expected: [warning('constraint-added', 'pattern-added', [...OPTIONS, 'pattern'])],
  },
  {
    name: 'a pattern removed, logicalTypeOptions kept',
    base: odcs(withProperty('logicalType: string\nlogicalTypeOptions:\n  pattern: "^[A-Z]+$"\n  maxLength: 5')),
    head: odcs(withProperty('logicalType: string\nlogicalTypeOptions:\n  maxLength: 5')),
    expected: [error('constraint-removed', 'pattern-removed', OPTIONS)],
  },
  {
    name: 'a pattern changed',
    base: odcs(withProperty('logicalType: string\nlogicalTypeOptions:\n  pattern: "^[A-Z]+$"')),
    head: odcs(withProperty('logicalType: string\nlogicalTypeOptions:\n  pattern: "^[A-Z]*$"')),
    expected: [error('constraint-changed', 'pattern-changed', [...OPTIONS, 'pattern'])],
  },
  {
    name: 'length bounds added, changed and removed',
    base: odcs(withProperty('logicalType: string\nlogicalTypeOptions:\n  minLength: 1\n  maxLength: 10')),
    head: odcs(withProperty('logicalType: string\nlogicalTypeOptions:\n  maxLength: 20')),
    expected: [
      warning('constraint-removed', 'length-constraint-removed', OPTIONS),
      error('constraint-changed', 'length-constraint-changed', [...OPTIONS, 'maxLength']),
    ],
  },
  {
    name: 'a length bound added',
    base: odcs(withProperty('logicalType: string')),
    head: odcs(withProperty('logicalType: string\nlogicalTypeOptions:\n  minLength: 3')),
    expected: [warning('constraint-added', 'length-constraint-added', [...OPTIONS, 'minLength'])],
  },
  {
    name: 'range bounds added',
    base: odcs(withProperty('logicalType: number')),
    head: odcs(withProperty('logicalType: number\nlogicalTypeOptions:\n  minimum: 0\n  maximum: 9\n  exclusiveMinimum: -1\n  exclusiveMaximum: 10')),
    expected: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'].map((bound) => warning('constraint-added', 'range-constraint-added', [...OPTIONS, bound])),
  },
  {
    name: 'range bounds changed',
    base: odcs(withProperty('logicalType: number\nlogicalTypeOptions:\n  minimum: 0\n  maximum: 9\n  exclusiveMinimum: -1\n  exclusiveMaximum: 10')),
    head: odcs(withProperty('logicalType: number\nlogicalTypeOptions:\n  minimum: 1\n  maximum: 8\n  exclusiveMinimum: 0\n  exclusiveMaximum: 9')),
    expected: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'].map((bound) => error('constraint-changed', 'range-constraint-changed', [...OPTIONS, bound])),
  },
  {
    name: 'range bounds removed',
    base: odcs(withProperty('logicalType: date\nlogicalTypeOptions:\n  minimum: "2020-01-01"\n  exclusiveMaximum: "2030-01-01"')),
    head: odcs(withProperty('logicalType: date')),
    expected: [warning('constraint-removed', 'range-constraint-removed', P), warning('constraint-removed', 'range-constraint-removed', P)],
  },
  {
    name: 'a named property quality rule changed, another removed',
    base: odcs(withProperty('logicalType: string\nquality:\n  - {name: no_nulls, metric: nullValues, mustBe: 0}\n  - {name: few_dupes, metric: duplicateValues, mustBeLessThan: 10}')),
    head: odcs(withProperty('logicalType: string\nquality:\n  - {name: no_nulls, metric: nullValues, mustBeLessThan: 5}')),
    expected: [warning('quality-changed', 'quality-changed', [...P, 'quality', 0]), warning('quality-changed', 'quality-removed', [...P, 'quality'])],
  },
  {
    name: 'a schema object quality rule removed',
    base: odcs(`${ORDERS}    quality:\n      - {type: sql, query: "select count(*) from orders", mustBeGreaterThan: 0}\n`),
    head: odcs(ORDERS),
    expected: [warning('quality-changed', 'quality-removed', ['schema', 0])],
  },
  {
    name: 'the contract moved to DCS',
    base: odcs(ORDERS),
    head: 'dataContractSpecification: 1.1.0\nid: orders-contract\nmodels:\n  orders:\n    fields: {}\n',
    expected: [warning('model-removed', 'contract-flavour-changed', ['dataContractSpecification'])],
  },
];

const NESTING_AND_ORDER: ChangeCase[] = [
  {
    name: 'head paths use head indexes after objects and properties are reordered',
    base: odcs(`${ORDERS}  - name: customers\n    properties:\n      - name: id\n        logicalType: string\n`),
    head: odcs(`
      - name: customers
        properties:
          - name: id
            logicalType: integer
      - name: orders
        physicalType: table
        properties:
          - name: order_total
            logicalType: integer
          - name: order_id
            logicalType: string
            physicalType: varchar(36)
            required: true
    `),
    expected: [
      error('field-type-changed', 'field-type-changed', ['schema', 0, 'properties', 0, 'logicalType']),
      error('field-unique-changed', 'field-unique-changed', ['schema', 1, 'properties', 1]),
    ],
  },
  {
    name: 'a nested property removed from an object property',
    base: odcs(withProperty('logicalType: object\nproperties:\n  - {name: street, logicalType: string}\n  - {name: city, logicalType: string}')),
    head: odcs(withProperty('logicalType: object\nproperties:\n  - {name: city, logicalType: string}')),
    expected: [error('field-removed', 'field-removed', [...P, 'properties'])],
  },
  {
    name: 'a property of array items retyped',
    base: odcs(withProperty('logicalType: array\nitems:\n  logicalType: object\n  properties:\n    - {name: sku, logicalType: string}')),
    head: odcs(withProperty('logicalType: array\nitems:\n  logicalType: object\n  properties:\n    - {name: sku, logicalType: integer}')),
    expected: [error('field-type-changed', 'field-type-changed', [...P, 'items', 'properties', 0, 'logicalType'])],
  },
  {
    name: 'array items made required-free at depth three',
    base: odcs(withProperty('logicalType: object\nproperties:\n  - name: lines\n    logicalType: array\n    items:\n      logicalType: object\n      properties:\n        - {name: qty, logicalType: integer, required: true}')),
    head: odcs(withProperty('logicalType: object\nproperties:\n  - name: lines\n    logicalType: array\n    items:\n      logicalType: object\n      properties:\n        - {name: qty, logicalType: integer}')),
    expected: [error('field-required-changed', 'field-required-changed', [...P, 'properties', 0, 'items', 'properties', 0])],
  },
];

const NOT_REPORTED: ChangeCase[] = [
  { name: 'an added property', base: odcs(ORDERS), head: odcs(`${ORDERS}      - name: created_at\n        logicalType: timestamp\n`), expected: [] },
  { name: 'an added schema object', base: odcs(ORDERS), head: odcs(`${ORDERS}  - name: customers\n    properties: []\n`), expected: [] },
  {
    name: 'descriptions, business names, tags, examples, custom properties and authoritative definitions',
    base: odcs(withProperty('logicalType: string\ndescription: Old.\nbusinessName: Old\ntags: [a]\nexamples: [x]\ncustomProperties: [{property: a, value: 1}]\nauthoritativeDefinitions: [{type: doc, url: "https://a"}]\ncriticalDataElement: false')),
    head: odcs(withProperty('logicalType: string\ndescription: New.\nbusinessName: New\ntags: [b]\nexamples: [y]\ncustomProperties: [{property: a, value: 2}]\nauthoritativeDefinitions: [{type: doc, url: "https://b"}]\ncriticalDataElement: true')),
    expected: [],
  },
  {
    name: 'document-level metadata: description, team, support, price, SLA, servers, tags, custom properties',
    base: odcs(ORDERS, 'description: {purpose: old}\nteam: [{username: ana, role: owner}]\nsupport: [{channel: "#old", url: "https://a"}]\nprice: {priceAmount: 1, priceCurrency: USD, priceUnit: megabyte}\nslaProperties: [{property: latency, value: 4, unit: d}]\nservers: [{server: prod, type: postgres}]\ntags: [a]\ncustomProperties: [{property: x, value: 1}]\n'),
    head: odcs(ORDERS, 'description: {purpose: new}\nteam: [{username: bo, role: owner}]\nsupport: [{channel: "#new", url: "https://b"}]\nprice: {priceAmount: 2, priceCurrency: EUR, priceUnit: megabyte}\nslaProperties: [{property: latency, value: 1, unit: d}]\nservers: [{server: prod, type: snowflake}]\ntags: [b]\ncustomProperties: [{property: x, value: 2}]\n'),
    expected: [],
  },
  {
    name: 'reordered schema objects and properties',
    base: odcs(`${ORDERS}  - name: customers\n    properties:\n      - name: id\n        logicalType: string\n`),
    head: odcs(`
      - name: customers
        properties:
          - name: id
            logicalType: string
      - name: orders
        physicalType: table
        properties:
          - name: order_total
            logicalType: integer
          - name: order_id
            logicalType: string
            physicalType: varchar(36)
            required: true
            unique: true
    `),
    expected: [],
  },
  {
    name: 'spelling out the defaults (required, unique, primaryKey false; primaryKeyPosition -1)',
    base: odcs(withProperty('logicalType: string')),
    head: odcs(withProperty('logicalType: string\nrequired: false\nunique: false\nprimaryKey: false\nprimaryKeyPosition: -1')),
    expected: [],
  },
  {
    name: 'an added quality rule, and reordered ones',
    base: odcs(withProperty('logicalType: string\nquality:\n  - {metric: nullValues, mustBe: 0}\n  - {metric: rowCount, mustBeGreaterThan: 0}')),
    head: odcs(withProperty('logicalType: string\nquality:\n  - {metric: rowCount, mustBeGreaterThan: 0}\n  - {metric: nullValues, mustBe: 0}\n  - {name: new_rule, metric: duplicateValues, mustBe: 0}')),
    expected: [],
  },
  {
    name: 'a new ODCS minor version of the standard',
    base: odcs(ORDERS),
    head: odcs(ORDERS).replace('apiVersion: v3.0.2', 'apiVersion: v3.1.0'),
    expected: [],
  },
];

describe('classifyContractChanges on ODCS v3 pairs', () => {
  for (const [title, cases] of [
    ['breaking changes', BREAKING],
    ['nesting, order and head indexes', NESTING_AND_ORDER],
    ['changes that are not reported', NOT_REPORTED],
  ] as const) {
    describe(title, () => {
      for (const testCase of cases) it(testCase.name, () => assertCase(testCase));
    });
  }
});
