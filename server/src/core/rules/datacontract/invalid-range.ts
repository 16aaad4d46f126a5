import { defineRule, type FileRuleContext } from '../rule';
import { isDataContractFile, reportContractProblems } from '../../datacontract/report';

export default defineRule({
  id: 'datacontract/invalid-range',
  severity: 'error',
  scope: 'file',
  description: 'A lower bound in a data contract is above its upper bound (minLength/maxLength, minimum/maximum, exclusive bounds, minItems/maxItems), so no value satisfies it.',
  docs: {
    why: 'An empty range makes every row fail the contract: the quality checks generated from it fail on all data, and consumers cannot tell which bound is meant.',
    fix: 'Swap or correct the bounds.',
    references: ['https://bitol-io.github.io/open-data-contract-standard/latest/logical-type-options/', 'https://datacontract-specification.com/#field-object'],
  },
  examples: {
    invalid: [
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
            country_code:
              type: string
              minLength: 3  # expect: datacontract/invalid-range
              maxLength: 2
      `,
    ],
    valid: [
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
            country_code:
              type: string
              minLength: 2
              maxLength: 3
      `,
    ],
  },
  equivalents: ['datacontract-cli:quality'],
  fix: 'none',
  appliesTo: isDataContractFile,
  check(ctx: FileRuleContext) {
    reportContractProblems(ctx, 'datacontract/invalid-range');
  },
});
