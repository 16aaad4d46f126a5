import { defineRule, type FileRuleContext } from '../rule';
import { isDataContractFile } from '../../datacontract/report';
import { reportContractChanges } from '../../datacontract/base-changes';

export default defineRule({
  id: 'datacontract/field-required-changed',
  severity: 'error',
  scope: 'file',
  description: 'A field or property of a data contract became required, or stopped being required, since the git base.',
  docs: {
    why: '`required: true` is a promise in both directions: consumers rely on the column never being null, and producers must always fill it. Dropping it lets nulls reach consumers that do not handle them; adding it makes every producer that leaves the column empty break the contract. datacontract-cli classified a changed `required` as breaking (an absent `required` means `false`).',
    fix: 'Restore `required`, or make the change in a new major version of the contract.',
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
              required: false  # expect: datacontract/field-required-changed
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
            customer_id:
              type: string
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
            customer_id:
              type: string
              required: true  # expect: datacontract/field-required-changed
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
              required: false
      `,
    ],
  },
  equivalents: ['datacontract-cli:breaking'],
  fix: 'none',
  appliesTo: isDataContractFile,
  check(ctx: FileRuleContext) {
    reportContractChanges(ctx, 'datacontract/field-required-changed');
  },
});
