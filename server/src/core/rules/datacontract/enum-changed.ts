import { defineRule, type FileRuleContext } from '../rule';
import { isDataContractFile } from '../../datacontract/report';
import { reportContractChanges } from '../../datacontract/base-changes';

export default defineRule({
  id: 'datacontract/enum-changed',
  severity: 'error',
  scope: 'file',
  description: 'The allowed values (`enum`) of a field in a data contract changed since the git base.',
  docs: {
    why: 'Consumers map, validate and branch on the allowed values: a dropped value breaks producers that still write it, and an added value reaches consumers whose code does not handle it. datacontract-cli classified a changed `enum` as breaking (compared as a set, so reordering is no change; removing the whole `enum` is not reported).',
    fix: 'Restore the old values, or make the change in a new major version of the contract.',
    references: [
      'https://bitol-io.github.io/open-data-contract-standard/',
      'https://datacontract.com/',
      'https://cli.datacontract.com/#changelog',
    ],
  },
  examples: {
    invalid: [
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
            status:
              type: string
              enum: [placed, shipped, returned]
      # @file contracts/datacontract.yaml
      dataContractSpecification: 1.2.1
      id: orders
      info:
        title: Orders
        version: 1.0.0  # expect: datacontract/version-not-bumped
      models:
        orders:
          fields:
            status:
              type: string
              enum: [placed, shipped]  # expect: datacontract/enum-changed
      `,
    ],
    valid: [
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
            status:
              type: string
              enum: [placed, shipped, returned]
      # @file contracts/datacontract.yaml
      dataContractSpecification: 1.2.1
      id: orders
      info:
        title: Orders
        version: 1.0.0
      models:
        orders:
          fields:
            status:
              type: string
              enum: [shipped, placed, returned]
      `,
    ],
  },
  equivalents: ['datacontract-cli:breaking'],
  fix: 'none',
  appliesTo: isDataContractFile,
  check(ctx: FileRuleContext) {
    reportContractChanges(ctx, 'datacontract/enum-changed');
  },
});
