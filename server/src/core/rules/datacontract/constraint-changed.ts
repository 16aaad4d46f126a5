import { defineRule, type FileRuleContext } from '../rule';
import { isDataContractFile } from '../../datacontract/report';
import { reportContractChanges } from '../../datacontract/base-changes';

export default defineRule({
  id: 'datacontract/constraint-changed',
  severity: 'error',
  scope: 'file',
  description: "A field's pattern, length bounds or value range in a data contract changed since the git base, or its references or relationships changed.",
  docs: {
    why: 'Values valid under the old constraint can be invalid under the new one, and the other way round: consumers that validated or sized storage by the old bound break, and so do producers whose data no longer passes. datacontract-cli classified a changed pattern, minimum or maximum length, or minimum or maximum (exclusive too) as breaking, and a changed reference (DCS `references`, ODCS `relationships`) as a warning, which this rule reports with that severity.',
    fix: 'Restore the constraint, or make the change in a new major version of the contract.',
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
            - name: currency
              logicalType: string
              logicalTypeOptions:
                maxLength: 3
      # @file contracts/orders.odcs.yaml
      apiVersion: v3.1.0
      kind: DataContract
      id: orders
      version: 1.0.0  # expect: datacontract/version-not-bumped
      status: active
      schema:
        - name: orders
          properties:
            - name: currency
              logicalType: string
              logicalTypeOptions:
                maxLength: 5  # expect: datacontract/constraint-changed
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
              pattern: "^ORD-[0-9]+$"
      # @file contracts/datacontract.yaml
      dataContractSpecification: 1.2.1
      id: orders
      info:
        title: Orders
        version: 1.0.0  # expect: datacontract/version-not-bumped
      models:
        orders:
          fields:
            order_id:
              type: string
              pattern: "^[0-9]+$"  # expect: datacontract/constraint-changed
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
            - name: currency
              logicalType: string
              logicalTypeOptions:
                maxLength: 3
      # @file contracts/orders.odcs.yaml
      apiVersion: v3.1.0
      kind: DataContract
      id: orders
      version: 1.0.0
      status: active
      schema:
        - name: orders
          properties:
            - name: currency
              logicalType: string
              description: ISO 4217 code.
              logicalTypeOptions:
                maxLength: 3
      `,
    ],
  },
  equivalents: ['datacontract-cli:breaking'],
  fix: 'none',
  appliesTo: isDataContractFile,
  check(ctx: FileRuleContext) {
    reportContractChanges(ctx, 'datacontract/constraint-changed');
  },
});
