import { defineRule, type FileRuleContext } from '../rule';
import { isDataContractFile } from '../../datacontract/report';
import { reportContractChanges } from '../../datacontract/base-changes';

export default defineRule({
  id: 'datacontract/constraint-removed',
  severity: 'error',
  scope: 'file',
  description: "A field's pattern, length bounds or value range in a data contract was removed since the git base.",
  docs: {
    why: 'Consumers that rely on a format or a bound (to parse, to size a column, to skip validation) may now receive values outside it. datacontract-cli classified a removed pattern as breaking, and a removed length or range bound as a warning, which this rule reports with that severity.',
    fix: 'Restore the constraint, or make the change in a new major version of the contract.',
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
              logicalTypeOptions:
                pattern: "^ORD-[0-9]+$"
                maxLength: 20
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
              logicalTypeOptions:  # expect: datacontract/constraint-removed
                maxLength: 20
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
            quantity:
              type: integer
              minimum: 1
      # @file contracts/datacontract.yaml
      dataContractSpecification: 1.2.1
      id: orders
      info:
        title: Orders
        version: 1.0.0
      models:
        orders:
          fields:
            quantity:  # expect: datacontract/constraint-removed
              type: integer
      `,
    ],
    valid: [
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
            quantity:
              type: integer
              minimum: 1
      # @file contracts/datacontract.yaml
      dataContractSpecification: 1.2.1
      id: orders
      info:
        title: Orders
        version: 1.0.0
      models:
        orders:
          fields:
            quantity:
              type: integer
              minimum: 1
              description: Items ordered.
      `,
    ],
  },
  equivalents: ['datacontract-cli:breaking'],
  fix: 'none',
  appliesTo: isDataContractFile,
  check(ctx: FileRuleContext) {
    reportContractChanges(ctx, 'datacontract/constraint-removed');
  },
});
