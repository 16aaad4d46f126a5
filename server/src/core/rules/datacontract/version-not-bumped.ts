import { defineRule, type FileRuleContext } from '../rule';
import { isDataContractFile } from '../../datacontract/report';
import { contractChangesAgainstBase, needsMajorBump, versionLocation, versionVerdictMessage } from '../../datacontract/base-changes';

export default defineRule({
  id: 'datacontract/version-not-bumped',
  severity: 'error',
  scope: 'file',
  description: "A data contract has breaking changes since the git base, but its major version did not increase.",
  docs: {
    why: "Consumers pin a data contract by its major version and read a major bump as the signal that something breaks; both ODCS and the Data Contract Specification recommend semantic versioning for the contract's own version (`version` in ODCS, `info.version` in DCS). A breaking change (an error of `datacontract/field-removed`, `datacontract/field-type-changed` and the other change rules) released under the same major version reaches consumers unannounced. When the major version did increase, the breaking changes are acknowledged and the change rules report them as warnings.",
    fix: 'Bump the major version (`1.4.0` to `2.0.0`) and describe the breaking changes for consumers, or restore them.',
    references: [
      'https://bitol-io.github.io/open-data-contract-standard/',
      'https://datacontract.com/',
      'https://cli.datacontract.com/#changelog',
      'https://semver.org/',
    ],
  },
  examples: {
    invalid: [
      `
      # @base contracts/orders.odcs.yaml
      apiVersion: v3.1.0
      kind: DataContract
      id: orders
      version: 1.2.0
      status: active
      schema:
        - name: orders
          properties:
            - name: order_id
              logicalType: string
            - name: order_total
              logicalType: number
      # @file contracts/orders.odcs.yaml
      apiVersion: v3.1.0
      kind: DataContract
      id: orders
      version: 1.3.0  # expect: datacontract/version-not-bumped
      status: active
      schema:
        - name: orders
          properties:
            - name: order_id
              logicalType: string
            - name: order_total
              logicalType: string  # expect: datacontract/field-type-changed
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
            order_total:
              type: decimal
      # @file contracts/datacontract.yaml
      dataContractSpecification: 1.2.1
      id: orders
      info:
        title: Orders
        version: 1.0.1  # expect: datacontract/version-not-bumped
      models:
        orders:
          fields:  # expect: datacontract/field-removed
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
      version: 1.2.0
      status: active
      schema:
        - name: orders
          properties:
            - name: order_id
              logicalType: string
            - name: order_total
              logicalType: number
      # @file contracts/orders.odcs.yaml
      apiVersion: v3.1.0
      kind: DataContract
      id: orders
      version: 2.0.0
      status: active
      schema:
        - name: orders
          properties:
            - name: order_id
              logicalType: string
            - name: order_total
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
      # @file contracts/datacontract.yaml
      dataContractSpecification: 1.2.1
      id: orders
      info:
        title: Orders
        version: 1.1.0
      models:
        orders:
          fields:
            order_id:
              type: string
            order_total:
              type: decimal
      `,
    ],
  },
  equivalents: [],
  fix: 'none',
  appliesTo: isDataContractFile,
  check(ctx: FileRuleContext) {
    const result = contractChangesAgainstBase(ctx.file, ctx.base);
    if (!result || !needsMajorBump(result)) return;
    ctx.report({ file: ctx.file.path, ...versionLocation(result), message: versionVerdictMessage(result) });
  },
});
