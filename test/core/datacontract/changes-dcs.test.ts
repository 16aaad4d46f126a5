/**
 * The breaking-change table on Data Contract Specification pairs: one case per change kind, then the changes the table
 * deliberately does not report.
 */
import { assertCase, dcs, error, warning, type ChangeCase } from './changes-table';

const ORDERS = `
  orders:
    type: table
    fields:
      order_id:
        type: string
        required: true
        unique: true
      order_total:
        type: integer
`;

/** A model `orders` with one field `f` described by `field` (indented as a field body). */
function withField(field: string): string {
  const body = field.split('\n').map((line) => `      ${line}`);
  return ['orders:', '  fields:', '    f:', ...body].join('\n');
}

const F = ['models', 'orders', 'fields', 'f'];

const BREAKING: ChangeCase[] = [
  {
    name: 'a removed model',
    base: dcs(`${ORDERS}\n  customers:\n    fields:\n      id: {type: string}\n`),
    head: dcs(ORDERS),
    expected: [error('model-removed', 'model-removed', ['models'])],
  },
  {
    name: 'a removed model whose head has no models at all',
    base: dcs(ORDERS),
    head: 'dataContractSpecification: 1.1.0\nid: orders-contract\ninfo: {title: Orders, version: 1.0.0}\n',
    expected: [error('model-removed', 'model-removed', [])],
  },
  {
    name: 'a changed model type',
    base: dcs(ORDERS),
    head: dcs(ORDERS.replace('type: table', 'type: view')),
    expected: [error('field-type-changed', 'model-type-changed', ['models', 'orders', 'type'])],
  },
  {
    name: 'a model type written where the default `table` was implied',
    base: dcs(ORDERS.replace('    type: table\n', '')),
    head: dcs(ORDERS.replace('type: table', 'type: view')),
    expected: [error('field-type-changed', 'model-type-changed', ['models', 'orders', 'type'])],
  },
  {
    name: 'a removed field',
    base: dcs(ORDERS),
    head: dcs(ORDERS.replace('      order_total:\n        type: integer\n', '')),
    expected: [error('field-removed', 'field-removed', ['models', 'orders', 'fields'])],
  },
  {
    name: 'a removed field whose model lost its `fields` key',
    base: dcs(ORDERS),
    head: dcs('orders:\n  type: table\n'),
    expected: [error('field-removed', 'field-removed', ['models', 'orders']), error('field-removed', 'field-removed', ['models', 'orders'])],
  },
  {
    name: 'a changed field type',
    base: dcs(ORDERS),
    head: dcs(ORDERS.replace('type: integer', 'type: string')),
    expected: [error('field-type-changed', 'field-type-changed', ['models', 'orders', 'fields', 'order_total', 'type'])],
  },
  {
    name: 'an added field type',
    base: dcs(withField('description: untyped')),
    head: dcs(withField('type: string')),
    expected: [warning('field-type-changed', 'field-type-added', [...F, 'type'])],
  },
  {
    name: 'a removed field type',
    base: dcs(withField('type: string')),
    head: dcs(withField('description: untyped')),
    expected: [warning('field-type-changed', 'field-type-removed', F)],
  },
  {
    name: 'a changed format',
    base: dcs(withField('type: string\nformat: email')),
    head: dcs(withField('type: string\nformat: uri')),
    expected: [error('field-type-changed', 'field-format-changed', [...F, 'format'])],
  },
  {
    name: 'an added format',
    base: dcs(withField('type: string')),
    head: dcs(withField('type: string\nformat: uuid')),
    expected: [warning('field-type-changed', 'field-format-added', [...F, 'format'])],
  },
  {
    name: 'a removed format',
    base: dcs(withField('type: string\nformat: uuid')),
    head: dcs(withField('type: string')),
    expected: [warning('field-type-changed', 'field-format-removed', F)],
  },
  {
    name: 'a changed definition reference',
    base: dcs(withField('$ref: "#/definitions/order_id"')),
    head: dcs(withField('$ref: "#/definitions/order_key"')),
    expected: [warning('field-type-changed', 'definition-ref-changed', [...F, '$ref'])],
  },
  {
    name: 'required turned off',
    base: dcs(ORDERS),
    head: dcs(ORDERS.replace('required: true', 'required: false')),
    expected: [error('field-required-changed', 'field-required-changed', ['models', 'orders', 'fields', 'order_id', 'required'])],
  },
  {
    name: 'required removed (absent means false)',
    base: dcs(ORDERS),
    head: dcs(ORDERS.replace('        required: true\n', '')),
    expected: [error('field-required-changed', 'field-required-changed', ['models', 'orders', 'fields', 'order_id'])],
  },
  {
    name: 'required added where the key was absent',
    base: dcs(withField('type: string')),
    head: dcs(withField('type: string\nrequired: true')),
    expected: [error('field-required-changed', 'field-required-changed', [...F, 'required'])],
  },
  {
    name: 'unique turned off',
    base: dcs(ORDERS),
    head: dcs(ORDERS.replace('unique: true', 'unique: false')),
    expected: [error('field-unique-changed', 'field-unique-changed', ['models', 'orders', 'fields', 'order_id', 'unique'])],
  },
  {
    name: 'unique added',
    base: dcs(withField('type: string')),
    head: dcs(withField('type: string\nunique: true')),
    expected: [error('field-unique-changed', 'field-unique-changed', [...F, 'unique'])],
  },
  {
    name: 'a field marked as primary key',
    base: dcs(withField('type: string')),
    head: dcs(withField('type: string\nprimaryKey: true')),
    expected: [warning('field-unique-changed', 'primary-key-changed', [...F, 'primaryKey'])],
  },
  {
    name: 'the deprecated `primary` flag removed',
    base: dcs(withField('type: string\nprimary: true')),
    head: dcs(withField('type: string')),
    expected: [warning('field-unique-changed', 'primary-key-changed', F)],
  },
  {
    name: 'a changed model-level primary key',
    base: dcs(`${ORDERS}    primaryKey: [order_id]\n`),
    head: dcs(`${ORDERS}    primaryKey: [order_id, order_total]\n`),
    expected: [warning('field-unique-changed', 'primary-key-changed', ['models', 'orders', 'primaryKey'])],
  },
  {
    name: 'an added reference',
    base: dcs(withField('type: string')),
    head: dcs(withField('type: string\nreferences: customers.id')),
    expected: [warning('constraint-changed', 'reference-changed', [...F, 'references'])],
  },
  {
    name: 'a changed reference',
    base: dcs(withField('type: string\nreferences: customers.id')),
    head: dcs(withField('type: string\nreferences: clients.id')),
    expected: [warning('constraint-changed', 'reference-changed', [...F, 'references'])],
  },
  {
    name: 'a removed reference',
    base: dcs(withField('type: string\nreferences: customers.id')),
    head: dcs(withField('type: string')),
    expected: [warning('constraint-changed', 'reference-changed', F)],
  },
  {
    name: 'pii added',
    base: dcs(withField('type: string')),
    head: dcs(withField('type: string\npii: true')),
    expected: [warning('constraint-added', 'pii-added', [...F, 'pii'])],
  },
  {
    name: 'pii removed',
    base: dcs(withField('type: string\npii: true')),
    head: dcs(withField('type: string')),
    expected: [error('classification-changed', 'pii-removed', F)],
  },
  {
    name: 'pii changed',
    base: dcs(withField('type: string\npii: true')),
    head: dcs(withField('type: string\npii: false')),
    expected: [error('classification-changed', 'pii-changed', [...F, 'pii'])],
  },
  {
    name: 'classification added',
    base: dcs(withField('type: string')),
    head: dcs(withField('type: string\nclassification: sensitive')),
    expected: [warning('constraint-added', 'classification-added', [...F, 'classification'])],
  },
  {
    name: 'classification removed',
    base: dcs(withField('type: string\nclassification: sensitive')),
    head: dcs(withField('type: string')),
    expected: [error('classification-changed', 'classification-removed', F)],
  },
  {
    name: 'classification changed',
    base: dcs(withField('type: string\nclassification: sensitive')),
    head: dcs(withField('type: string\nclassification: public')),
    expected: [error('classification-changed', 'classification-changed', [...F, 'classification'])],
  },
  {
    name: 'a pattern added',
    base: dcs(withField('type: string')),
    head: dcs(withField('type: string\npattern: "^[A-Z]{3}$"')),
    expected: [warning('constraint-added', 'pattern-added', [...F, 'pattern'])],
  },
  {
    name: 'a pattern removed',
    base: dcs(withField('type: string\npattern: "^[A-Z]{3}$"')),
    head: dcs(withField('type: string')),
    expected: [error('constraint-removed', 'pattern-removed', F)],
  },
  {
    name: 'a pattern changed',
    base: dcs(withField('type: string\npattern: "^[A-Z]{3}$"')),
    head: dcs(withField('type: string\npattern: "^[A-Z]{2,3}$"')),
    expected: [error('constraint-changed', 'pattern-changed', [...F, 'pattern'])],
  },
  {
    name: 'length bounds added',
    base: dcs(withField('type: string')),
    head: dcs(withField('type: string\nminLength: 1\nmaxLength: 10')),
    expected: [
      warning('constraint-added', 'length-constraint-added', [...F, 'minLength']),
      warning('constraint-added', 'length-constraint-added', [...F, 'maxLength']),
    ],
  },
  {
    name: 'length bounds removed',
    base: dcs(withField('type: string\nminLength: 1\nmaxLength: 10')),
    head: dcs(withField('type: string')),
    expected: [warning('constraint-removed', 'length-constraint-removed', F), warning('constraint-removed', 'length-constraint-removed', F)],
  },
  {
    name: 'length bounds changed',
    base: dcs(withField('type: string\nminLength: 1\nmaxLength: 10')),
    head: dcs(withField('type: string\nminLength: 2\nmaxLength: 20')),
    expected: [
      error('constraint-changed', 'length-constraint-changed', [...F, 'minLength']),
      error('constraint-changed', 'length-constraint-changed', [...F, 'maxLength']),
    ],
  },
  {
    name: 'range bounds added',
    base: dcs(withField('type: integer')),
    head: dcs(withField('type: integer\nminimum: 0\nmaximum: 100\nexclusiveMinimum: -1\nexclusiveMaximum: 101')),
    expected: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'].map((bound) => warning('constraint-added', 'range-constraint-added', [...F, bound])),
  },
  {
    name: 'range bounds removed',
    base: dcs(withField('type: integer\nminimum: 0\nmaximum: 100\nexclusiveMinimum: -1\nexclusiveMaximum: 101')),
    head: dcs(withField('type: integer')),
    expected: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'].map(() => warning('constraint-removed', 'range-constraint-removed', F)),
  },
  {
    name: 'range bounds changed',
    base: dcs(withField('type: integer\nminimum: 0\nmaximum: 100\nexclusiveMinimum: -1\nexclusiveMaximum: 101')),
    head: dcs(withField('type: integer\nminimum: 1\nmaximum: 99\nexclusiveMinimum: 0\nexclusiveMaximum: 100')),
    expected: ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'].map((bound) => error('constraint-changed', 'range-constraint-changed', [...F, bound])),
  },
  {
    name: 'an enum added',
    base: dcs(withField('type: string')),
    head: dcs(withField('type: string\nenum: [open, closed]')),
    expected: [warning('constraint-added', 'enum-added', [...F, 'enum'])],
  },
  {
    name: 'an enum member removed',
    base: dcs(withField('type: string\nenum: [open, closed, cancelled]')),
    head: dcs(withField('type: string\nenum: [open, closed]')),
    expected: [error('enum-changed', 'enum-changed', [...F, 'enum'])],
  },
  {
    // datacontract-cli's last table compared enum lists as sets, so an added member is a change too.
    name: 'an enum member added',
    base: dcs(withField('type: string\nenum: [open, closed]')),
    head: dcs(withField('type: string\nenum: [open, closed, cancelled]')),
    expected: [error('enum-changed', 'enum-changed', [...F, 'enum'])],
  },
  {
    name: 'a field quality check removed',
    base: dcs(withField('type: string\nquality:\n  - type: sql\n    query: select count(*) from orders where f is null\n    mustBe: 0')),
    head: dcs(withField('type: string')),
    expected: [warning('quality-changed', 'quality-removed', F)],
  },
  {
    name: 'a field quality check changed',
    base: dcs(withField('type: string\nquality:\n  - type: sql\n    query: select count(*) from orders\n    mustBe: 0')),
    head: dcs(withField('type: string\nquality:\n  - type: sql\n    query: select count(*) from orders\n    mustBeLessThan: 10')),
    expected: [warning('quality-changed', 'quality-changed', [...F, 'quality', 0])],
  },
  {
    name: 'a model quality check removed',
    base: dcs(`${ORDERS}    quality:\n      - type: row_count\n        mustBeGreaterThan: 0\n      - type: sql\n        query: select 1\n`),
    head: dcs(`${ORDERS}    quality:\n      - type: row_count\n        mustBeGreaterThan: 0\n`),
    expected: [warning('quality-changed', 'quality-removed', ['models', 'orders', 'quality'])],
  },
  {
    name: 'the DCS 0.9 top-level quality object changed',
    base: dcs(ORDERS, 'quality:\n  type: SodaCL\n  specification: "checks for orders: [row_count > 0]"\n'),
    head: dcs(ORDERS, 'quality:\n  type: SodaCL\n  specification: "checks for orders: [row_count > 10]"\n'),
    expected: [warning('quality-changed', 'quality-changed', ['quality', 'specification'])],
  },
  {
    name: 'the DCS 0.9 top-level quality object removed',
    base: dcs(ORDERS, 'quality:\n  type: SodaCL\n  specification: "checks for orders: [row_count > 0]"\n'),
    head: dcs(ORDERS),
    expected: [warning('quality-changed', 'quality-removed', [])],
  },
  {
    name: 'the contract moved to ODCS',
    base: dcs(ORDERS),
    head: 'apiVersion: v3.0.2\nkind: DataContract\nid: orders-contract\nversion: 1.0.0\nstatus: active\nschema:\n  - name: orders\n',
    expected: [warning('model-removed', 'contract-flavour-changed', ['apiVersion'])],
  },
];

const NESTING: ChangeCase[] = [
  {
    name: 'a nested field removed from a struct',
    base: dcs(withField('type: object\nfields:\n  street: {type: string}\n  city: {type: string}')),
    head: dcs(withField('type: object\nfields:\n  street: {type: string}')),
    expected: [error('field-removed', 'field-removed', [...F, 'fields'])],
  },
  {
    name: 'a field retyped two levels down',
    base: dcs(withField('type: object\nfields:\n  address:\n    type: object\n    fields:\n      zip: {type: integer}')),
    head: dcs(withField('type: object\nfields:\n  address:\n    type: object\n    fields:\n      zip: {type: string}')),
    expected: [error('field-type-changed', 'field-type-changed', [...F, 'fields', 'address', 'fields', 'zip', 'type'])],
  },
  {
    name: 'an array element field removed and another retyped',
    base: dcs(withField('type: array\nitems:\n  type: object\n  fields:\n    sku: {type: string}\n    qty: {type: integer}')),
    head: dcs(withField('type: array\nitems:\n  type: object\n  fields:\n    sku: {type: integer}')),
    expected: [
      error('field-removed', 'field-removed', [...F, 'items', 'fields']),
      error('field-type-changed', 'field-type-changed', [...F, 'items', 'fields', 'sku', 'type']),
    ],
  },
  {
    name: 'an array element type changed',
    base: dcs(withField('type: array\nitems:\n  type: string')),
    head: dcs(withField('type: array\nitems:\n  type: integer')),
    expected: [error('field-type-changed', 'field-type-changed', [...F, 'items', 'type'])],
  },
  {
    name: 'items are compared only while both versions are arrays (the type change says the rest)',
    base: dcs(withField('type: array\nitems:\n  type: string')),
    head: dcs(withField('type: string\nitems:\n  type: integer')),
    expected: [error('field-type-changed', 'field-type-changed', [...F, 'type'])],
  },
];

const NOT_REPORTED: ChangeCase[] = [
  { name: 'an added field', base: dcs(ORDERS), head: dcs(`${ORDERS}      created_at: {type: timestamp}\n`), expected: [] },
  { name: 'an added model', base: dcs(ORDERS), head: dcs(`${ORDERS}  customers:\n    fields:\n      id: {type: string}\n`), expected: [] },
  {
    name: 'descriptions, titles, tags, examples, links and config',
    base: dcs(withField('type: string\ndescription: Old.\ntitle: Old\ntags: [a]\nexample: x\nexamples: [x]\nlinks: {a: "https://a"}\nconfig: {bigqueryType: STRING}')),
    head: dcs(withField('type: string\ndescription: New.\ntitle: New\ntags: [b]\nexample: y\nexamples: [y]\nlinks: {b: "https://b"}\nconfig: {bigqueryType: BYTES}')),
    expected: [],
  },
  {
    name: 'model description, title, tags and namespace',
    base: dcs('orders:\n  description: Old.\n  title: Old\n  tags: [a]\n  namespace: a\n  fields: {id: {type: string}}\n'),
    head: dcs('orders:\n  description: New.\n  title: New\n  tags: [b]\n  namespace: b\n  fields: {id: {type: string}}\n'),
    expected: [],
  },
  {
    name: 'a removed enum',
    base: dcs(withField('type: string\nenum: [open, closed]')),
    head: dcs(withField('type: string')),
    expected: [],
  },
  {
    name: 'reordered enum members',
    base: dcs(withField('type: string\nenum: [open, closed]')),
    head: dcs(withField('type: string\nenum: [closed, open]')),
    expected: [],
  },
  {
    name: 'info, contact, terms, servers and extension keys',
    base: dcs(ORDERS, 'terms: {usage: internal}\nservers: {prod: {type: bigquery, project: a, dataset: b}}\nx-owner: a\n'),
    head: dcs(ORDERS, 'terms: {usage: anyone, limitations: none}\nservers: {prod: {type: bigquery, project: c, dataset: d}}\nx-owner: b\n')
      .replace('title: Orders', 'title: Orders v2\n  contact: {name: Ana}\n  owner: sales'),
    expected: [],
  },
  {
    name: 'extension keys on models and fields',
    base: dcs(withField('type: string\nx-origin: a')),
    head: dcs(withField('type: string\nx-origin: b\nx-added: c')),
    expected: [],
  },
  {
    name: 'spelling out the defaults (required false, unique false, type table)',
    base: dcs('orders:\n  fields:\n    id: {type: string}\n'),
    head: dcs('orders:\n  type: table\n  fields:\n    id: {type: string, required: false, unique: false, primaryKey: false}\n'),
    expected: [],
  },
  {
    name: 'an added quality check, and reordered ones',
    base: dcs(withField('type: string\nquality:\n  - {type: sql, query: a}\n  - {type: sql, query: b}')),
    head: dcs(withField('type: string\nquality:\n  - {type: sql, query: b}\n  - {type: sql, query: a}\n  - {type: sql, query: c}')),
    expected: [],
  },
  {
    name: 'reordered fields',
    base: dcs(ORDERS),
    head: dcs(`
      orders:
        type: table
        fields:
          order_total:
            type: integer
          order_id:
            type: string
            required: true
            unique: true
    `),
    expected: [],
  },
];

describe('classifyContractChanges on Data Contract Specification pairs', () => {
  for (const [title, cases] of [
    ['breaking changes', BREAKING],
    ['nested fields', NESTING],
    ['changes that are not reported', NOT_REPORTED],
  ] as const) {
    describe(title, () => {
      for (const testCase of cases) it(testCase.name, () => assertCase(testCase));
    });
  }
});
