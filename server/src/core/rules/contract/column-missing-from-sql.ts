import { columnKey, enforcedContracts } from '../../contract/enforced';
import { producedColumns } from '../../contract/output-columns';
import { displayName, nameList } from '../../standards/resources';
import { defineRule, type ProjectRuleContext } from '../rule';

export default defineRule({
  id: 'contract/column-missing-from-sql',
  severity: 'error',
  scope: 'project',
  description: 'A model with an enforced contract declares a column that its SQL does not produce.',
  docs: {
    why: [
      'With `contract: {enforced: true}`, dbt compares the columns the contract declares with the columns the model\'s query returns before it builds the model, and fails the build ("This model has an enforced contract that failed to match") when one is missing, so the model and everything downstream is not built.',
      'Names are compared without case, as BigQuery and Snowflake treat unquoted names.',
      'The rule reads the final `select`, expanding `select *` from CTEs, subqueries and parents whose columns are certain (catalog.json, their own SQL, or their enforced contract); when a column cannot be named for certain (a macro, a Jinja loop or condition in the select list, a star over something unknown, an expression without an alias) it says nothing rather than guess.',
    ].join(' '),
    fix: 'Produce the column in the model\'s final `select`, or remove it from the contract; removing a contracted column breaks consumers, so publish a new model version when others read it.',
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
            - name: amount
              data_type: numeric
            - name: currency  # expect: contract/column-missing-from-sql
              data_type: string
      `,
    ],
    valid: [
      `
      -- @file models/marts/fct_orders.sql
      select 1 as order_id, 10.5 as amount, 'EUR' as currency
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
            - name: currency
              data_type: string
      `,
    ],
  },
  equivalents: ['dbt-core:contract enforcement at build'],
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    const reported = new Set<string>();
    for (const contract of enforcedContracts(ctx.index)) {
      const { node } = contract.resource;
      const produced = producedColumns(ctx.index, node);
      if (!produced.known) continue;
      const names = new Set(produced.columns.map((column) => columnKey(column.name)));
      for (const column of contract.columns) {
        if (names.has(columnKey(column.name))) continue;
        // A model-level column shared by several versions is one YAML entry, reported once.
        const key = `${contract.propertiesFile}#${column.path.join('/')}`;
        if (reported.has(key)) continue;
        reported.add(key);
        ctx.report({
          file: contract.propertiesFile,
          yamlPath: [...column.path, 'name'],
          target: 'value',
          message: `The enforced contract of ${displayName(node)} declares column \`${column.name}\`, which its SQL does not produce (\`${produced.file}\` returns ${nameList(produced.columns.map((c) => c.name))}): dbt fails the build of a model whose contract does not match its query. Add \`${column.name}\` to the final select, or remove it from the contract (a breaking change for its consumers).`,
        });
      }
    }
  },
});
