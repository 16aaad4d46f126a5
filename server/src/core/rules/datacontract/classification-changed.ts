import { defineRule, type FileRuleContext } from '../rule';
import { isDataContractFile } from '../../datacontract/report';
import { reportContractChanges } from '../../datacontract/base-changes';

export default defineRule({
  id: 'datacontract/classification-changed',
  severity: 'error',
  scope: 'file',
  description: "A field's `pii` flag or `classification` in a data contract was removed or changed since the git base.",
  docs: {
    why: "Consumers decide access, masking and retention by a field's classification: removing `pii: true` or lowering `classification: restricted` lets personal or confidential data be handled without the protection it needs, and changing it in any direction breaks the handling rules consumers set up. datacontract-cli classified these as breaking (an added `pii` or `classification` is `datacontract/constraint-added`).",
    fix: 'Restore the classification, or agree the change with consumers and the data owner and release it in a new major version.',
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
            - name: email
              logicalType: string
              classification: restricted
      # @file contracts/orders.odcs.yaml
      apiVersion: v3.1.0
      kind: DataContract
      id: orders
      version: 1.0.0  # expect: datacontract/version-not-bumped
      status: active
      schema:
        - name: orders
          properties:
            - name: email
              logicalType: string
              classification: public  # expect: datacontract/classification-changed
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
            email:
              type: string
              pii: true
      # @file contracts/datacontract.yaml
      dataContractSpecification: 1.2.1
      id: orders
      info:
        title: Orders
        version: 1.0.0  # expect: datacontract/version-not-bumped
      models:
        orders:
          fields:
            email:  # expect: datacontract/classification-changed
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
            - name: email
              logicalType: string
              classification: restricted
      # @file contracts/orders.odcs.yaml
      apiVersion: v3.1.0
      kind: DataContract
      id: orders
      version: 1.0.0
      status: active
      schema:
        - name: orders
          properties:
            - name: email
              logicalType: string
              classification: restricted
              description: The customer's email address.
      `,
    ],
  },
  equivalents: ['datacontract-cli:breaking'],
  fix: 'none',
  appliesTo: isDataContractFile,
  check(ctx: FileRuleContext) {
    reportContractChanges(ctx, 'datacontract/classification-changed');
  },
});
