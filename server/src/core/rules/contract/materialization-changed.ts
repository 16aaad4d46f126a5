import { breakingAdvice, breakingSeverity, buildsTable, contractComparison, enforcedAtBase, modelLocation } from '../../contract/model-contract';
import { displayName } from '../../standards/resources';
import { defineRule, type ProjectRuleContext } from '../rule';

export default defineRule({
  id: 'contract/materialization-changed',
  severity: 'warning',
  scope: 'project',
  description: 'A model with an enforced contract and constraints at the git base is no longer built as a table or incremental model.',
  docs: {
    why: "Constraints are created only on tables: when a contracted model with constraints becomes a view (or ephemeral), the guarantees its constraints gave disappear, and consumers that relied on them are exposed to nulls or duplicates. dbt's `state:modified` comparison reports a change from `table` or `incremental` to any other materialization as a breaking change when the base model had constraints. A warning for an unversioned model, an error for a versioned one.",
    fix: 'Keep `materialized: table` (or `incremental`). To change it, add a new model version under `versions:` and deprecate the old one with a `deprecation_date`.',
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
      {{ config(materialized='view') }}
      select 1 as order_id
      -- @base models/marts/fct_orders.sql
      {{ config(materialized='table') }}
      select 1 as order_id
      # @file models/marts/_marts.yml
      models:
        - name: fct_orders  # expect: contract/materialization-changed
          config:
            contract:
              enforced: true
          columns:
            - name: order_id
              data_type: int64
              constraints:
                - type: not_null
      `,
    ],
    valid: [
      `
      -- @file models/marts/fct_orders.sql
      {{ config(materialized='view') }}
      select 1 as order_id
      -- @base models/marts/fct_orders.sql
      {{ config(materialized='table') }}
      select 1 as order_id
      # @file models/marts/_marts.yml
      models:
        - name: fct_orders
          config:
            contract:
              enforced: true
          columns:
            - name: order_id
              data_type: int64
      `,
    ],
  },
  equivalents: ['dbt-core:state:modified.contract'],
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    const comparison = contractComparison(ctx.index, ctx.base);
    if (!comparison) return;
    for (const { before, after } of enforcedAtBase(comparison)) {
      if (!after || !buildsTable(before.materialized) || buildsTable(after.materialized)) continue;
      // dbt counts any constraint of the base, enforced by the warehouse or not.
      const hadConstraints = before.constraints.length > 0 || [...before.columns.values()].some((column) => column.constraints.length > 0);
      const at = modelLocation(after);
      if (!hadConstraints || !at) continue;
      ctx.report({
        ...at,
        severity: breakingSeverity(before),
        message: `${displayName(after.resource.node)} is now materialized as \`${after.materialized}\` instead of \`${before.materialized}\` ${comparison.against}, while its contract has constraints: constraints exist only on tables, so the guarantees they gave consumers are gone, and dbt reports a breaking change. Keep \`materialized: ${before.materialized}\`, or ${breakingAdvice(after)}.`,
      });
    }
  },
});
