import { breakingAdvice, breakingSeverity, comparableDataType, contractComparison, enforcedAtBase, typeLabel } from '../../contract/model-contract';
import { displayName } from '../../standards/resources';
import { defineRule, type ProjectRuleContext } from '../rule';

export default defineRule({
  id: 'contract/column-type-changed',
  severity: 'warning',
  scope: 'project',
  description: "The data_type of a column of a model whose contract was enforced at the git base changed (ignoring case and size, as dbt does).",
  docs: {
    why: "Consumers compare, join, cast and load a contracted column as the type its contract promised: a different type breaks them, often silently (an `int64` join key that becomes a `string`). dbt's `state:modified` comparison reports it as a breaking change, comparing the type before any `(` without case: `varchar(3)` to `varchar(10)` or `VARCHAR` to `varchar` is not breaking, `int` to `integer` is. A warning for an unversioned model, an error for a versioned one (set this rule's severity in `dplens.yml` to decide).",
    fix: 'Keep the type (cast in the SQL if needed). To change it, add a new model version under `versions:` with the new type and deprecate the old version with a `deprecation_date`.',
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
      select '1' as order_id
      # @base models/marts/_marts.yml
      models:
        - name: fct_orders
          config:
            contract:
              enforced: true
          columns:
            - name: order_id
              data_type: int64
      # @file models/marts/_marts.yml
      models:
        - name: fct_orders
          config:
            contract:
              enforced: true
          columns:
            - name: order_id  # expect: contract/column-type-changed
              data_type: string
      `,
    ],
    valid: [
      `
      -- @file models/marts/fct_orders.sql
      select 1 as order_id, 'EUR' as currency
      # @base models/marts/_marts.yml
      models:
        - name: fct_orders
          config:
            contract:
              enforced: true
          columns:
            - name: order_id
              data_type: INT64
            - name: currency
              data_type: string(3)
      # @file models/marts/_marts.yml
      models:
        - name: fct_orders
          config:
            contract:
              enforced: true
          columns:
            - name: order_id
              data_type: int64
            - name: currency
              data_type: string(10)
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
      for (const [key, column] of before.columns) {
        const now = after.columns.get(key);
        if (!now?.location || comparableDataType(column.dataType) === comparableDataType(now.dataType)) continue;
        ctx.report({
          ...now.location,
          severity: breakingSeverity(before),
          message: `The data_type of column \`${now.name}\` of ${displayName(after.resource.node)} changed from ${typeLabel(column.dataType)} to ${typeLabel(now.dataType)} ${comparison.against}: consumers that compare, join or load \`${now.name}\` as ${typeLabel(column.dataType)} break, and dbt reports a breaking change. Keep ${typeLabel(column.dataType)} (cast in the SQL), or ${breakingAdvice(after)}.`,
        });
      }
    }
  },
});
