import { breakingSeverity, comparableDataType, contractComparison, enforcedAtBase, renamedColumns } from '../../contract/model-contract';
import { displayName } from '../../standards/resources';
import { defineRule, type ProjectRuleContext } from '../rule';

export default defineRule({
  id: 'contract/column-renamed',
  severity: 'warning',
  scope: 'project',
  description: 'A column of a model whose contract was enforced at the git base looks renamed: one was removed and one of the same data type added.',
  docs: {
    why: "A rename is a removal for every consumer: queries selecting the old name fail. dbt reports it as a removed column; this rule recognises the pattern (a column removed and another of the same data type added to the same model) and says what a rename needs: a new model version, so consumers can move to the new name on their own schedule. It is reported instead of `contract/column-removed` for that column, with the same severity dbt would give (an error for a versioned model).",
    fix: 'Keep the old name in the current version, and add a new model version under `versions:` with the new name; set a `deprecation_date` on the old version.',
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
      select 1 as order_key
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
            - name: order_key  # expect: contract/column-renamed
              data_type: int64
      `,
    ],
    valid: [
      `
      -- @file models/marts/fct_orders.sql
      select 1 as order_id, 1 as order_key
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
            - name: order_id
              data_type: int64
            - name: order_key
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
      if (!after) continue;
      for (const [key, renamed] of renamedColumns(before, after)) {
        const old = before.columns.get(key)!;
        if (!renamed.location) continue;
        ctx.report({
          ...renamed.location,
          severity: breakingSeverity(before),
          message: `Column \`${old.name}\` of ${displayName(after.resource.node)} looks renamed to \`${renamed.name}\` (both \`${comparableDataType(renamed.dataType)}\`) ${comparison.against}: for consumers it is a removal, and their queries selecting \`${old.name}\` fail. Keep \`${old.name}\` in this version and add a new model version under \`versions:\` with \`${renamed.name}\`, deprecating the old one with a \`deprecation_date\`.`,
        });
      }
    }
  },
});
