import { defineRule, type FileRuleContext } from '../rule';
import { isDataContractFile, reportContractProblems } from '../../datacontract/report';

export default defineRule({
  id: 'datacontract/key-position',
  severity: 'error',
  scope: 'file',
  description: 'In an ODCS schema object, `primaryKeyPosition` or `partitionKeyPosition` is set without `primaryKey: true` / `partitioned: true`, repeats a position, or does not number the key columns 1, 2, 3… without gaps.',
  docs: {
    why: 'Tools build a composite primary or partition key in the order its positions give: a repeated position makes the order ambiguous, a gap or a start other than 1 makes generators fail or misorder the key, and a position on a property that is not part of the key is ignored.',
    fix: 'Number the key columns 1, 2, 3… once each, on properties with `primaryKey: true` (or `partitioned: true` for partition positions).',
    references: ['https://bitol-io.github.io/open-data-contract-standard/latest/schema/#properties'],
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
              primaryKey: true
              primaryKeyPosition: 1
            - name: line_number
              primaryKey: true
              primaryKeyPosition: 3  # expect: datacontract/key-position
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
              primaryKey: true
              primaryKeyPosition: 1
            - name: line_number
              primaryKey: true
              primaryKeyPosition: 2
      `,
    ],
  },
  equivalents: [],
  fix: 'none',
  appliesTo: isDataContractFile,
  check(ctx: FileRuleContext) {
    reportContractProblems(ctx, 'datacontract/key-position');
  },
});
