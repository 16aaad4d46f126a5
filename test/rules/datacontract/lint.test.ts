/**
 * Edge cases of the data contract lint rules and the schema rule, as fixtures with inline expectations: each case
 * asserts exactly the findings of the contract rules, no more and no less.
 */
import { assertFixture } from '../../helpers/rule-fixture';

const RULES = ['datacontract/schema', 'datacontract/duplicate-property', 'datacontract/key-position', 'datacontract/invalid-pattern', 'datacontract/invalid-range', 'datacontract/type-mismatch', 'datacontract/unresolved-reference'];

const odcs = (properties: string, extra = '') => `
# @file contracts/orders.odcs.yaml
apiVersion: v3.1.0
kind: DataContract
id: orders
version: 1.0.0
status: active
schema:
  - name: orders
    properties:
${properties
  .split('\n')
  .map((line) => `      ${line}`)
  .join('\n')}
${extra}`;

const dcs = (fields: string, extra = '') => `
# @file contracts/datacontract.yaml
dataContractSpecification: 1.2.1
id: orders
info:
  title: Orders
  version: 1.0.0
models:
  orders:
    fields:
${fields
  .split('\n')
  .map((line) => `      ${line}`)
  .join('\n')}
${extra}`;

const CASES: Record<string, string> = {
  // duplicate-property
  'ODCS names that differ only in case': odcs(`- name: order_id\n- name: Order_ID  # expect: datacontract/duplicate-property`),
  'ODCS duplicate schema objects': `
# @file contracts/orders.odcs.yaml
apiVersion: v3.1.0
kind: DataContract
id: orders
version: 1.0.0
status: active
schema:
  - name: orders
  - name: orders  # expect: datacontract/duplicate-property
`,
  'ODCS nested properties are their own scope': odcs(`- name: customer\n  logicalType: object\n  properties:\n    - name: id\n    - name: id  # expect: datacontract/duplicate-property\n- name: id`),
  'DCS nested field repeated': dcs(`customer:\n  type: object\n  fields:\n    id:\n      type: string\n    id:  # expect: datacontract/duplicate-property\n      type: string`),
  'DCS distinct names are fine': dcs(`order_id:\n  type: string\ncustomer_id:\n  type: string`),
  // key-position
  'a position without primaryKey': odcs(`- name: order_id\n  primaryKeyPosition: 1  # expect: datacontract/key-position`),
  'a repeated position': odcs(`- name: a\n  primaryKey: true\n  primaryKeyPosition: 1\n- name: b\n  primaryKey: true\n  primaryKeyPosition: 1  # expect: datacontract/key-position`),
  'positions not starting at 1': odcs(`- name: a\n  partitioned: true\n  partitionKeyPosition: 2  # expect: datacontract/key-position`),
  'the default -1 means not part of the key': odcs(`- name: a\n  primaryKeyPosition: -1\n- name: b\n  primaryKey: true\n  primaryKeyPosition: 1`),
  'primary and partition keys counted apart': odcs(`- name: a\n  primaryKey: true\n  primaryKeyPosition: 1\n  partitioned: true\n  partitionKeyPosition: 1\n- name: b\n  primaryKey: true\n  primaryKeyPosition: 2`),
  // invalid-pattern
  'DCS invalid pattern': dcs(`code:\n  type: string\n  pattern: "(abc"  # expect: datacontract/invalid-pattern`),
  'DCS Python named groups and inline flags are accepted': dcs(`code:\n  type: string\n  pattern: "(?i)^(?P<prefix>[a-z]+)-\\\\d+$"`),
  'ODCS pattern on array items': odcs(`- name: tags\n  logicalType: array\n  items:\n    logicalType: string\n    logicalTypeOptions:\n      pattern: "[a-"  # expect: datacontract/invalid-pattern`),
  // invalid-range
  'ODCS minimum above maximum': odcs(`- name: amount\n  logicalType: number\n  logicalTypeOptions:\n    minimum: 10  # expect: datacontract/invalid-range\n    maximum: 1`),
  'ODCS equal exclusive bounds': odcs(`- name: amount\n  logicalType: number\n  logicalTypeOptions:\n    exclusiveMinimum: 5  # expect: datacontract/invalid-range\n    exclusiveMaximum: 5`),
  'ODCS equal inclusive bounds are one value': odcs(`- name: amount\n  logicalType: integer\n  logicalTypeOptions:\n    minimum: 5\n    maximum: 5`),
  'ODCS date bounds compared as dates': odcs(`- name: day\n  logicalType: date\n  logicalTypeOptions:\n    minimum: "2025-01-01"  # expect: datacontract/invalid-range\n    maximum: "2024-01-01"`),
  'ODCS array item counts': odcs(`- name: tags\n  logicalType: array\n  logicalTypeOptions:\n    minItems: 3  # expect: datacontract/invalid-range\n    maxItems: 1\n  items:\n    logicalType: string`),
  'DCS minimum above exclusiveMaximum': dcs(`amount:\n  type: decimal\n  minimum: 10  # expect: datacontract/invalid-range\n  exclusiveMaximum: 5`),
  // type-mismatch
  'ODCS boolean stored as a date': odcs(`- name: active\n  logicalType: boolean\n  physicalType: DATE  # expect: datacontract/type-mismatch`),
  'ODCS integer in NUMBER(38,0) is fine': odcs(`- name: id\n  logicalType: integer\n  physicalType: NUMBER(38,0)`),
  'ODCS unknown physical types are left alone': odcs(`- name: id\n  logicalType: integer\n  physicalType: hyperloglog`),
  'ODCS nested objects as STRUCT are fine': odcs(`- name: address\n  logicalType: object\n  physicalType: STRUCT<street STRING>`),
  'DCS type against a warehouse type': dcs(`order_id:\n  type: integer\n  config:\n    snowflakeType: VARCHAR(36)  # expect: datacontract/type-mismatch`),
  'DCS avroLogicalType is not a type of its own': dcs(`created:\n  type: timestamp\n  config:\n    avroType: long\n    avroLogicalType: timestamp-millis`),
  // unresolved-reference
  'DCS references to a missing field': dcs(`order_id:\n  type: string\ncustomer_id:\n  type: string\n  references: orders.customer  # expect: datacontract/unresolved-reference`),
  'DCS references to another contract are not checked': dcs(`customer_id:\n  type: string\n  references: customers.id`),
  'DCS primaryKey naming a missing field': `
# @file contracts/datacontract.yaml
dataContractSpecification: 1.2.1
id: orders
info:
  title: Orders
  version: 1.0.0
models:
  orders:
    primaryKey:
      - order_idd  # expect: datacontract/unresolved-reference
    fields:
      order_id:
        type: string
`,
  'ODCS relationship to a missing property': odcs(`- name: customer_id\n  relationships:\n    - to: orders.customer  # expect: datacontract/unresolved-reference`),
  'ODCS relationships by id and to other files': odcs(`- id: cust_prop\n  name: customer_id\n  relationships:\n    - to: schema/orders_obj/properties/cust_prop\n    - to: customers.yaml#/schema/customers/properties/id`).replace('  - name: orders\n', '  - name: orders\n    id: orders_obj\n'),
  'ODCS schema-level composite relationship': `
# @file contracts/orders.odcs.yaml
apiVersion: v3.1.0
kind: DataContract
id: orders
version: 1.0.0
status: active
schema:
  - name: orders
    relationships:
      - from: [orders.a, orders.b]
        to:
          - orders.a
          - orders.c  # expect: datacontract/unresolved-reference
    properties:
      - name: a
      - name: b
`,
  // schema
  'a YAML syntax error is reported once, by the schema rule': `
# @file contracts/orders.odcs.yaml
apiVersion: v3.1.0
kind: DataContract
id: orders
version: 1.0.0
status: active
schema:
  - name: orders
    description: one
   tags: [two]  # expect: datacontract/schema
`,
  'ODCS v3.0.x with a v3.1.0 form gets the info hint at apiVersion': `
# @file contracts/orders.odcs.yaml
apiVersion: v3.0.2  # expect: datacontract/schema
kind: DataContract
id: orders
version: 1.0.0
status: active
team:
  name: sales
`,
  'ODCS v2 named like a contract: one finding at apiVersion': `
# @file contracts/old.odcs.yaml
apiVersion: v2.2.2  # expect: datacontract/schema
kind: DataContract
`,
  'a server missing its connection keys': `
# @file contracts/orders.odcs.yaml
apiVersion: v3.1.0
kind: DataContract
id: orders
version: 1.0.0
status: active
servers:
  - server: prod  # expect: datacontract/schema
    type: bigquery
    project: acme
`,
  'a contract beside the models is not read as dbt properties': `
# @file models/orders.odcs.yaml
apiVersion: v3.1.0
kind: DataContract
id: orders
version: 1.0.0
status: active
schema:
  - name: orders
    properties:
      - name: id
        logicalType: integer
`,
};

describe('data contract rules: edge cases', () => {
  for (const [name, fixture] of Object.entries(CASES)) {
    it(name, () => {
      assertFixture(fixture, { onlyRules: RULES });
    });
  }
  it('a contract in models/ produces no dbt YAML findings', () => {
    const findings = assertFixture(CASES['a contract beside the models is not read as dbt properties'], { onlyRules: RULES });
    const yaml = findings.filter((finding) => finding.rule.startsWith('yaml/'));
    if (yaml.length > 0) throw new Error(`unexpected: ${yaml.map((finding) => finding.message).join('; ')}`);
  });
});
