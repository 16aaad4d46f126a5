import { adapterOf, breakingAdvice, breakingSeverity, buildsTable, constraintLabel, constraintSupport, contractComparison, enforcedAtBase, modelLocation, sameConstraint } from '../../contract/model-contract';
import { displayName } from '../../standards/resources';
import type { ConstraintSpec } from '../../yaml/properties-types';
import { defineRule, type ProjectRuleContext } from '../rule';

export default defineRule({
  id: 'contract/constraint-removed',
  severity: 'warning',
  scope: 'project',
  description: 'A constraint the warehouse enforces was removed from a table-built model whose contract was enforced at the git base.',
  docs: {
    why: "An enforced constraint (`not_null` on most warehouses; also `unique`, `primary_key`, `foreign_key` and `check` on Postgres and DuckDB) is a guarantee consumers build on: without it, nulls or duplicates can reach them. dbt's `state:modified` comparison reports the removal of a column-level or model-level constraint as a breaking change when the warehouse enforces that kind (its adapter's `CONSTRAINT_SUPPORT`) and the model was built as a table or incremental model, where constraints exist. Informational constraints (a BigQuery `primary_key`) are not reported. A warning for an unversioned model, an error for a versioned one.",
    fix: 'Restore the constraint. To drop it, add a new model version under `versions:` without it and deprecate the old version with a `deprecation_date`.',
    references: [
      'https://docs.getdbt.com/reference/resource-configs/contract',
      'https://docs.getdbt.com/reference/resource-properties/constraints',
      'https://docs.getdbt.com/docs/collaborate/govern/model-contracts#what-are-breaking-changes',
      'https://docs.getdbt.com/docs/collaborate/govern/model-versions',
    ],
  },
  examples: {
    invalid: [
      `
      -- @file models/marts/fct_orders.sql
      {{ config(materialized='table') }}
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
              constraints:
                - type: not_null
      # @file models/marts/_marts.yml
      models:
        - name: fct_orders
          config:
            contract:
              enforced: true
          columns:
            - name: order_id  # expect: contract/constraint-removed
              data_type: int64
      `,
    ],
    valid: [
      `
      -- @file models/marts/fct_orders.sql
      {{ config(materialized='table') }}
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
              constraints:
                - type: not_null
                - type: primary_key
      # @file models/marts/_marts.yml
      models:
        - name: fct_orders
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
  },
  equivalents: ['dbt-core:state:modified.contract'],
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    const comparison = contractComparison(ctx.index, ctx.base);
    if (!comparison) return;
    for (const { before, after } of enforcedAtBase(comparison)) {
      // Constraints exist only on tables: dbt looks at them only when the base built one.
      if (!after || !buildsTable(before.materialized)) continue;
      const adapter = adapterOf(before);
      const removed = (was: ConstraintSpec[], is: ConstraintSpec[]) =>
        was.filter((constraint) => constraintSupport(adapter, constraint.type) === 'enforced' && !is.some((kept) => sameConstraint(constraint, kept)));
      const why = `${adapter} enforced it, so consumers rely on it and dbt reports a breaking change`;
      for (const [key, column] of before.columns) {
        const now = after.columns.get(key);
        if (!now?.location) continue;
        for (const constraint of removed(column.constraints, now.constraints)) {
          ctx.report({
            ...now.location,
            severity: breakingSeverity(before),
            message: `The ${constraintLabel(constraint)} constraint on column \`${now.name}\` of ${displayName(after.resource.node)} was removed ${comparison.against}: ${why}. Restore it, or ${breakingAdvice(after)}.`,
          });
        }
      }
      const at = modelLocation(after);
      if (!at) continue;
      for (const constraint of removed(before.constraints, after.constraints)) {
        const columns = constraint.columns?.length ? ` on (${constraint.columns.join(', ')})` : '';
        ctx.report({
          ...at,
          severity: breakingSeverity(before),
          message: `The model-level ${constraintLabel(constraint)} constraint${columns} of ${displayName(after.resource.node)} was removed ${comparison.against}: ${why}. Restore it, or ${breakingAdvice(after)}.`,
        });
      }
    }
  },
});
