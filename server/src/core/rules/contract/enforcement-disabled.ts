import { breakingAdvice, breakingSeverity, contractComparison, enforcedAtBase, modelLocation } from '../../contract/model-contract';
import { displayName } from '../../standards/resources';
import { defineRule, type ProjectRuleContext } from '../rule';

export default defineRule({
  id: 'contract/enforcement-disabled',
  severity: 'warning',
  scope: 'project',
  description: 'A model whose contract was enforced at the git base no longer enforces it.',
  docs: {
    why: "An enforced contract is a promise to every consumer of the model: these columns, with these types, are built or the run fails. Turning enforcement off withdraws the promise without telling anyone, so dbt's `state:modified` comparison reports it as a breaking change: a warning for an unversioned model, an error for a versioned one (set this rule's severity in `dplens.yml` to decide).",
    fix: 'Keep `contract: {enforced: true}`. If the model must change in ways its contract forbids, add a new model version under `versions:` and deprecate the old one with a `deprecation_date`.',
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
      # @file models/marts/_marts.yml
      models:
        - name: fct_orders  # expect: contract/enforcement-disabled
          config:
            contract:
              enforced: false
          columns:
            - name: order_id
              data_type: int64
      `,
    ],
    valid: [
      `
      -- @file models/marts/fct_orders.sql
      select 1 as order_id
      # @base models/marts/_marts.yml
      models:
        - name: fct_orders
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
      `,
    ],
  },
  equivalents: ['dbt-core:state:modified.contract'],
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    const comparison = contractComparison(ctx.index, ctx.base);
    if (!comparison) return;
    for (const { before, after } of enforcedAtBase(comparison)) {
      const at = after && modelLocation(after);
      if (!after || after.enforced || !at) continue;
      ctx.report({
        ...at,
        severity: breakingSeverity(before),
        message: `${displayName(after.resource.node)} no longer enforces its contract: \`contract.enforced\` was true ${comparison.against}. Consumers rely on the enforced column names and types, and dbt reports this as a breaking change. Keep \`enforced: true\`, or ${breakingAdvice(after)}.`,
      });
    }
  },
});
