import { defineRule, type FileRuleContext } from '../rule';
import { isDataContractFile, reportContractProblems } from '../../datacontract/report';

export default defineRule({
  id: 'datacontract/duplicate-property',
  severity: 'error',
  scope: 'file',
  description: 'Two properties or fields of one object in a data contract have the same name, or names that differ only in case.',
  docs: {
    why: 'Consumers, code generators and datacontract-cli read only one of two equally named properties, and which one differs between tools; a DCS mapping with a repeated key silently loses the first definition in every YAML reader. Names that differ only in case are one column in case-insensitive warehouses (BigQuery, Snowflake).',
    fix: 'Remove or rename one of the two.',
    references: ['https://bitol-io.github.io/open-data-contract-standard/latest/schema/', 'https://datacontract-specification.com/#field-object'],
  },
  examples: {
    invalid: [
      `
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
            - name: order_id  # expect: datacontract/duplicate-property
              logicalType: integer
      `,
      `
      # @file contracts/datacontract.yaml
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
            order_id:  # expect: datacontract/duplicate-property
              type: integer
      `,
    ],
    valid: [
      `
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
            - name: customer_id
              logicalType: string
      `,
    ],
  },
  equivalents: ['datacontract-cli:lint'],
  fix: 'none',
  appliesTo: isDataContractFile,
  check(ctx: FileRuleContext) {
    reportContractProblems(ctx, 'datacontract/duplicate-property');
  },
});
