import { breakingAdvice, breakingSeverity, columnsLocation, contractComparison, enforcedAtBase, renamedColumns } from '../../contract/model-contract';
import { displayName } from '../../standards/resources';
import { defineRule, type ProjectRuleContext } from '../rule';

export default defineRule({
  id: 'contract/column-removed',
  severity: 'warning',
  scope: 'project',
  description: 'A column of a model whose contract was enforced at the git base is no longer declared.',
  docs: {
    why: "Removing a column from an enforced contract breaks every downstream query, dashboard and model that selects it. dbt's `state:modified` comparison reports it as a breaking change: a warning for an unversioned model, an error for a versioned one (set this rule's severity in `dplens.yml` to decide). A removal paired with an added column of the same type is reported as `contract/column-renamed` instead.",
    fix: 'Restore the column. To remove it for good, add a new model version without it under `versions:`, set a `deprecation_date` on the old version, and remove that version once consumers have migrated.',
    references: [
      'https://docs.getdbt.com/reference/resource-configs/contract',
      'https://docs.getdbt.com/docs/collaborate/govern/model-contracts#what-are-breaking-changes',
      'https://docs.getdbt.com/docs/collaborate/govern/model-versions',
    ],
  },
  examples: {
    invalid: [
      `
      -- @file models/marts/fct_orders.sql
      select 1 as order_id
      # @base models/marts/_marts.yml
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
      # @file models/marts/_marts.yml
      models:
        - name: fct_orders
          config:
            contract:
              enforced: true
          columns:  # expect: contract/column-removed
            - name: order_id
              data_type: int64
      `,
    ],
    valid: [
      `
      -- @file models/marts/fct_orders.sql
      select 1 as order_id, 10.5 as amount, 'EUR' as currency
      # @base models/marts/_marts.yml
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
  equivalents: ['dbt-core:state:modified.contract'],
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    const comparison = contractComparison(ctx.index, ctx.base);
    if (!comparison) return;
    for (const { before, after } of enforcedAtBase(comparison)) {
      if (!after) continue;
      const at = columnsLocation(after);
      if (!at) continue;
      // A removal with an added column of the same type is reported once, as a rename.
      const renamed = renamedColumns(before, after);
      for (const [key, column] of before.columns) {
        if (after.columns.has(key) || renamed.has(key)) continue;
        ctx.report({
          ...at,
          severity: breakingSeverity(before),
          message: `Column \`${column.name}\` was removed from the enforced contract of ${displayName(after.resource.node)} ${comparison.against}: downstream queries selecting \`${column.name}\` fail, and dbt reports a breaking change. Restore the column, or ${breakingAdvice(after)}.`,
        });
      }
    }
  },
});
