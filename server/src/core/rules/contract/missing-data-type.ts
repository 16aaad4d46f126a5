import { enforcedContracts } from '../../contract/enforced';
import { displayName } from '../../standards/resources';
import { defineRule, type ProjectRuleContext } from '../rule';

export default defineRule({
  id: 'contract/missing-data-type',
  severity: 'error',
  scope: 'project',
  description: 'A column of a model with an enforced contract has no `data_type`.',
  docs: {
    why: 'An enforced contract promises each column\'s name and type: dbt requires a `data_type` for every column it declares, and stops with a parsing error when one is missing, before anything is built. The type is also what makes a later change of it visible as a breaking change.',
    fix: 'Add `data_type:` to the column, in the warehouse\'s own type name (`int64`, `string`, `numeric` on BigQuery; `number`, `varchar` on Snowflake).',
    references: ['https://docs.getdbt.com/reference/resource-configs/contract', 'https://docs.getdbt.com/docs/collaborate/govern/model-contracts'],
  },
  examples: {
    invalid: [
      `
      -- @file models/marts/fct_orders.sql
      select 1 as order_id, 10.5 as amount
      # @file models/marts/_marts.yml
      models:
        - name: fct_orders
          config:
            contract:
              enforced: true
          columns:
            - name: order_id
              data_type: int64
            - name: amount  # expect: contract/missing-data-type
      `,
    ],
    valid: [
      `
      -- @file models/marts/fct_orders.sql
      select 1 as order_id, 10.5 as amount
      # @file models/marts/_marts.yml
      models:
        - name: fct_orders
          config:
            contract:
              enforced: true
          columns:
            - name: order_id
              data_type: int64
            - name: amount
              data_type: numeric
      `,
    ],
  },
  equivalents: ['dbt-core:contract enforcement at build'],
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    const reported = new Set<string>();
    for (const contract of enforcedContracts(ctx.index)) {
      for (const column of contract.columns) {
        if (typeof column.dataType === 'string' && column.dataType.trim() !== '') continue;
        // A model-level column shared by several versions is one YAML entry, reported once.
        const key = `${contract.propertiesFile}#${column.path.join('/')}`;
        if (reported.has(key)) continue;
        reported.add(key);
        ctx.report({
          file: contract.propertiesFile,
          yamlPath: [...column.path, 'name'],
          target: 'value',
          message: `Column \`${column.name}\` of ${displayName(contract.resource.node)} has no \`data_type\`, but the model's contract is enforced: dbt requires a type for every contracted column and stops before building anything. Add \`data_type:\` under \`- name: ${column.name}\`, in the warehouse's type name.`,
        });
      }
    }
  },
});
