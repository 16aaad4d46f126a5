import { defineRule, type FileRuleContext } from '../rule';
import { isDataContractFile } from '../../datacontract/report';
import { reportContractChanges } from '../../datacontract/base-changes';

export default defineRule({
  id: 'datacontract/field-type-changed',
  severity: 'error',
  scope: 'file',
  description: "A field's type or format (DCS), a property's logical or physical type (ODCS), or a model's type changed since the git base.",
  docs: {
    why: 'Consumers parse, cast and store a column by its declared type: a `string` that becomes an `integer`, a `date-time` that becomes a `date`, or a table that becomes a view breaks readers and generated code. datacontract-cli classified a changed type or format as breaking, and an added or removed type or format (or a changed `$ref` definition) as a warning, which this rule reports with that severity.',
    fix: 'Restore the type, or add a new field with the new type beside the old one and remove the old one in a new major version.',
    references: [
      'https://bitol-io.github.io/open-data-contract-standard/',
      'https://datacontract.com/',
      'https://cli.datacontract.com/#changelog',
    ],
  },
  examples: {
    invalid: [
      `
      # @base contracts/orders.odcs.yaml
      apiVersion: v3.1.0
      kind: DataContract
      id: orders
      version: 1.0.0
      status: active
      schema:
        - name: orders
          properties:
            - name: order_id
              logicalType: string
              required: true
            - name: order_total
              logicalType: number
      # @file contracts/orders.odcs.yaml
      apiVersion: v3.1.0
      kind: DataContract
      id: orders
      version: 1.0.0  # expect: datacontract/version-not-bumped
      status: active
      schema:
        - name: orders
          properties:
            - name: order_id
              logicalType: string
              required: true
            - name: order_total
              logicalType: string  # expect: datacontract/field-type-changed
      `,
      `
      # @base contracts/datacontract.yaml
      dataContractSpecification: 1.2.1
      id: orders
      info:
        title: Orders
        version: 1.0.0
      models:
        orders:
          fields:
            order_id:
              type: string
              required: true
            ordered_at:
              type: timestamp
      # @file contracts/datacontract.yaml
      dataContractSpecification: 1.2.1
      id: orders
      info:
        title: Orders
        version: 1.0.0  # expect: datacontract/version-not-bumped
      models:
        orders:
          fields:
            order_id:
              type: string
              required: true
            ordered_at:
              type: date  # expect: datacontract/field-type-changed
      `,
    ],
    valid: [
      `
      # @base contracts/orders.odcs.yaml
      apiVersion: v3.1.0
      kind: DataContract
      id: orders
      version: 1.0.0
      status: active
      schema:
        - name: orders
          properties:
            - name: order_id
              logicalType: string
              required: true
            - name: order_total
              logicalType: number
      # @file contracts/orders.odcs.yaml
      apiVersion: v3.1.0
      kind: DataContract
      id: orders
      version: 1.0.0
      status: active
      schema:
        - name: orders
          properties:
            - name: order_id
              logicalType: string
              required: true
            - name: order_total
              logicalType: number
              description: Total amount, in the order's currency.
      `,
    ],
  },
  equivalents: ['datacontract-cli:breaking'],
  fix: 'none',
  appliesTo: isDataContractFile,
  check(ctx: FileRuleContext) {
    reportContractChanges(ctx, 'datacontract/field-type-changed');
  },
});
