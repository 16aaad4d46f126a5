import { defineRule, type FileRuleContext } from '../rule';
import { isDataContractFile } from '../../datacontract/report';
import { reportContractChanges } from '../../datacontract/base-changes';

export default defineRule({
  id: 'datacontract/model-removed',
  severity: 'error',
  scope: 'file',
  description: 'A model (DCS) or schema object (ODCS) of a data contract was removed since the git base.',
  docs: {
    why: 'Every consumer that reads the removed dataset (a dashboard, a dbt source, a downstream contract) fails on its next run. datacontract-cli classified a removed model as a breaking change. The same rule reports, as a warning, a contract that moved from one standard to the other (DCS to ODCS): its models cannot be compared key by key, so they must be reviewed by hand.',
    fix: 'Restore the model. To retire it, deprecate it first, tell consumers, and remove it in a new major version of the contract.',
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
        - name: order_items
          properties:
            - name: order_id
              logicalType: string
      # @file contracts/orders.odcs.yaml
      apiVersion: v3.1.0
      kind: DataContract
      id: orders
      version: 1.0.0  # expect: datacontract/version-not-bumped
      status: active
      schema:  # expect: datacontract/model-removed
        - name: orders
          properties:
            - name: order_id
              logicalType: string
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
        order_items:
          fields:
            order_id:
              type: string
      # @file contracts/datacontract.yaml
      dataContractSpecification: 1.2.1
      id: orders
      info:
        title: Orders
        version: 1.0.0  # expect: datacontract/version-not-bumped
      models:  # expect: datacontract/model-removed
        orders:
          fields:
            order_id:
              type: string
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
        - name: order_items
          properties:
            - name: order_id
              logicalType: string
      `,
    ],
  },
  equivalents: ['datacontract-cli:breaking'],
  fix: 'none',
  appliesTo: isDataContractFile,
  check(ctx: FileRuleContext) {
    reportContractChanges(ctx, 'datacontract/model-removed');
  },
});
