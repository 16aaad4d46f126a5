import { defineRule, type FileRuleContext } from '../rule';
import { isDataContractFile, reportContractProblems } from '../../datacontract/report';
import { SCHEMA_RULE } from '../../datacontract/validate';

export default defineRule({
  id: 'datacontract/schema',
  severity: 'error',
  scope: 'file',
  description: 'A data contract (ODCS v3 or Data Contract Specification 1.x) does not follow the schema of the version it declares, declares a version that cannot be checked, or is not valid YAML.',
  docs: {
    why: 'Every tool that reads a data contract (datacontract-cli, catalogues, code generators, quality engines) validates it against the JSON Schema of its declared version first, and rejects or misreads it when that fails: a misspelt key is ignored, a wrong `logicalType` breaks generated code, a missing `status` fails CI. The version is chosen by `apiVersion` (ODCS v3.0.0, v3.0.1, v3.0.2, v3.1.0) or `dataContractSpecification` (1.1.0, 1.2.0, 1.2.1; 0.9.x against the 1.2.1 schema). A v3.0.x contract that uses what ODCS published in v3.1.0 gets one hint to declare v3.1.0 instead of errors.',
    fix: 'Correct the key or value the message names; it says what the standard expects there. Declare a supported version when the message says the version cannot be checked.',
    references: ['https://bitol-io.github.io/open-data-contract-standard/', 'https://datacontract-specification.com/', 'https://cli.datacontract.com/#lint', 'docs/decisions/0011-data-contract-schemas.md'],
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
              logicalType: strnig  # expect: datacontract/schema
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
          type: tabel  # expect: datacontract/schema
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
      `,
    ],
  },
  equivalents: ['datacontract-cli:lint', 'odcs:json-schema'],
  fix: 'none',
  appliesTo: isDataContractFile,
  check(ctx: FileRuleContext) {
    if (ctx.file.kind !== 'data-contract') return;
    // The summary validates only files without syntax errors; those are reported here, since no YAML rule covers contracts.
    for (const error of ctx.file.errors) {
      ctx.report({ file: ctx.file.path, span: error.span, message: `${error.message.replace(/\.$/, '')}. The contract is not valid YAML, so no tool can read it, and nothing else in it is checked until this is fixed.` });
    }
    reportContractProblems(ctx, SCHEMA_RULE);
  },
});
