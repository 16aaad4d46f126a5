import { defineRule, type FileRuleContext } from '../rule';
import { isDataContractFile, reportContractProblems } from '../../datacontract/report';

export default defineRule({
  id: 'datacontract/unresolved-reference',
  severity: 'warning',
  scope: 'file',
  description: 'A reference inside a data contract names nothing in the same file: a DCS `$ref` to a missing definition, a `references` or `primaryKey` entry naming a missing field of a model of this contract, or an ODCS relationship to a missing property of a schema object of this contract.',
  docs: {
    why: 'A field whose `$ref` does not resolve gets none of the definition\'s type and constraints; a relationship or reference to nothing cannot be checked, drawn in lineage, or turned into a foreign key. References to models or schema objects the contract does not define (another contract, a dbt model), to other files or to URLs are not checked.',
    fix: 'Correct the name, or add the definition, model, field or schema object it should point to.',
    references: ['https://datacontract-specification.com/#definitions', 'https://bitol-io.github.io/open-data-contract-standard/latest/references/'],
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
            order_id:
              \$ref: '#/definitions/order_idd'  # expect: datacontract/unresolved-reference
      definitions:
        order_id:
          type: string
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
            order_id:
              \$ref: '#/definitions/order_id'
      definitions:
        order_id:
          type: string
      `,
    ],
  },
  equivalents: ['datacontract-cli:lint'],
  fix: 'none',
  appliesTo: isDataContractFile,
  check(ctx: FileRuleContext) {
    reportContractProblems(ctx, 'datacontract/unresolved-reference');
  },
});
