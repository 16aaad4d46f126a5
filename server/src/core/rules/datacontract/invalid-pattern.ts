import { defineRule, type FileRuleContext } from '../rule';
import { isDataContractFile, reportContractProblems } from '../../datacontract/report';

export default defineRule({
  id: 'datacontract/invalid-pattern',
  severity: 'error',
  scope: 'file',
  description: 'A `pattern` in a data contract is not a valid regular expression.',
  docs: {
    why: 'A pattern that does not compile makes every value fail the check, or stops the tool that tests it (datacontract-cli, Soda, Great Expectations). ODCS patterns follow ECMA-262; for DCS, Python named groups `(?P<name>…)` and a leading `(?i)` are accepted too.',
    fix: 'Fix the expression: close every group and class, and escape literal `(`, `[`, `+`, `*` and `?`.',
    references: ['https://bitol-io.github.io/open-data-contract-standard/latest/logical-type-options/', 'https://datacontract-specification.com/#field-object'],
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
              logicalTypeOptions:
                pattern: '^ORD-[0-9+$'  # expect: datacontract/invalid-pattern
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
              logicalTypeOptions:
                pattern: '^ORD-[0-9]+$'
      `,
    ],
  },
  equivalents: [],
  fix: 'none',
  appliesTo: isDataContractFile,
  check(ctx: FileRuleContext) {
    reportContractProblems(ctx, 'datacontract/invalid-pattern');
  },
});
