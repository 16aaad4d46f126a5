import { contractComparison, modelLocation } from '../../contract/model-contract';
import { displayName } from '../../standards/resources';
import { defineRule, type ProjectRuleContext } from '../rule';

/** How widely each access level lets a model be referenced. */
const REACH: Record<string, number> = { private: 0, protected: 1, public: 2 };

const WHO_BREAKS: Record<string, string> = {
  protected: '`ref()`s from other projects (dbt Mesh) now fail to compile',
  private: '`ref()`s from outside its group now fail to compile',
};

export default defineRule({
  id: 'contract/access-narrowed',
  severity: 'warning',
  scope: 'project',
  description: 'A model is referenceable from fewer places than at the git base (public to protected or private, protected to private).',
  docs: {
    why: "Access says who may `ref()` a model: `public` from any project, `protected` from its own project, `private` from its own group. Narrowing it makes every existing `ref()` from the excluded places fail to compile, in projects and teams that may not even be in this repository. dbt reports these errors only when the consumers compile; this rule reports the change where it is made.",
    fix: 'Keep the wider access. To narrow it, announce it first: set a `deprecation_date` on the model (consumers are warned when they ref it), then narrow the access after that date.',
    references: [
      'https://docs.getdbt.com/reference/resource-configs/access',
      'https://docs.getdbt.com/docs/collaborate/govern/model-access',
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
          access: public
      # @file models/marts/_marts.yml
      models:
        - name: fct_orders  # expect: contract/access-narrowed
          access: protected
      `,
    ],
    valid: [
      `
      -- @file models/marts/fct_orders.sql
      select 1 as order_id
      # @base models/marts/_marts.yml
      models:
        - name: fct_orders
          access: protected
      # @file models/marts/_marts.yml
      models:
        - name: fct_orders
          access: public
      `,
    ],
  },
  equivalents: [],
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    const comparison = contractComparison(ctx.index, ctx.base);
    if (!comparison) return;
    for (const before of comparison.before.values()) {
      const after = comparison.after.get(before.uniqueId);
      if (!after || !(before.access in REACH) || !(after.access in REACH) || REACH[after.access] >= REACH[before.access]) continue;
      const at = modelLocation(after);
      if (!at) continue;
      ctx.report({
        ...at,
        message: `The access of ${displayName(after.resource.node)} was narrowed from \`${before.access}\` to \`${after.access}\` ${comparison.against}: ${WHO_BREAKS[after.access]}. Keep \`access: ${before.access}\`, or set a \`deprecation_date\` first and narrow the access after it.`,
      });
    }
  },
});
