import { defineRule, type FileRuleContext } from '../rule';
import { isDataContractFile } from '../../datacontract/report';
import { reportContractChanges } from '../../datacontract/base-changes';

export default defineRule({
  id: 'datacontract/constraint-added',
  severity: 'warning',
  scope: 'file',
  description: 'A field of a data contract gained a constraint (pattern, length, range, enum, pii or classification) since the git base.',
  docs: {
    why: 'A new constraint makes values that were valid before invalid: producers whose data does not meet it now break the contract, and consumers may have to handle the field under stricter rules (an added `pii` or `classification`). datacontract-cli classified added constraints as warnings: the change is often intended, but it should be announced.',
    fix: 'Check that every producer already meets the constraint and tell consumers; if some may not, make the change in a new major version.',
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
              logicalTypeOptions:
                pattern: "^ORD-[0-9]+$"  # expect: datacontract/constraint-added
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
            status:
              type: string
      # @file contracts/datacontract.yaml
      dataContractSpecification: 1.2.1
      id: orders
      info:
        title: Orders
        version: 1.0.0
      models:
        orders:
          fields:
            status:
              type: string
              enum: [placed, shipped, returned]  # expect: datacontract/constraint-added
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
            status:
              type: string
              enum: [placed, shipped, returned]
      # @file contracts/datacontract.yaml
      dataContractSpecification: 1.2.1
      id: orders
      info:
        title: Orders
        version: 1.0.0
      models:
        orders:
          fields:
            status:
              type: string
              enum: [returned, placed, shipped]
      `,
    ],
  },
  equivalents: ['datacontract-cli:breaking'],
  fix: 'none',
  appliesTo: isDataContractFile,
  check(ctx: FileRuleContext) {
    reportContractChanges(ctx, 'datacontract/constraint-added');
  },
});
