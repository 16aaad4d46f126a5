import { defineRule, type FileRuleContext } from '../rule';
import { isDataContractFile, reportContractProblems } from '../../datacontract/report';

export default defineRule({
  id: 'datacontract/type-mismatch',
  severity: 'warning',
  scope: 'file',
  description: 'A property\'s logical type cannot be held by its physical type (ODCS `logicalType: integer` with `physicalType: varchar`; DCS `type: integer` with `config.snowflakeType: VARCHAR`).',
  docs: {
    why: 'The logical type is what consumers code against and the physical type is what the table stores: when they disagree, readers that trust the logical type break or must cast, and generated DDL or tests follow one of the two at random. Physical types the table of known types does not list are not reported.',
    fix: 'Make the two types agree: change the physical type, or the logical type if that is what the data really is.',
    references: ['https://bitol-io.github.io/open-data-contract-standard/latest/schema/#logical-type', 'https://datacontract-specification.com/#data-types'],
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
              logicalType: integer
              physicalType: varchar(36)  # expect: datacontract/type-mismatch
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
              logicalType: integer
              physicalType: bigint
      `,
    ],
  },
  equivalents: [],
  fix: 'none',
  appliesTo: isDataContractFile,
  check(ctx: FileRuleContext) {
    reportContractProblems(ctx, 'datacontract/type-mismatch');
  },
});
