import { rootProjectLocation } from '../../contract/model-contract';
import { accessOf, isContractEnforced, projectModels } from '../../standards/resources';
import { defineRule, type ProjectRuleContext } from '../rule';

export default defineRule({
  id: 'contract/base-unavailable',
  severity: 'warning',
  scope: 'project',
  description: 'The git base that contract changes are compared with cannot be read, in a workspace with enforced contracts or public models.',
  docs: {
    why: "The contract-change rules (`contract/column-removed`, `contract/model-removed` and the others) compare every enforced contract and public model with the git base branch, to report breaking changes as they are typed. Without a base they cannot say anything, and silence would read as \"no breaking change\". So the reason is reported once, at the root `dbt_project.yml`: an info when there is no git or no repository, a warning when a base exists but cannot be resolved (a shallow clone in CI, a ref that was never fetched), which would hide breaking changes.",
    fix: 'Do what the message says: in CI, fetch the history (`actions/checkout` with `fetch-depth: 0`, or `git fetch origin main`); name an existing base with `--base REF` or the `dplens.contracts.baseRef` setting; or open the project from a git clone.',
    references: [
      'https://docs.getdbt.com/reference/resource-configs/contract',
      'https://docs.getdbt.com/docs/collaborate/govern/model-contracts#what-are-breaking-changes',
      'https://github.com/actions/checkout#fetch-all-history-for-all-tags-and-branches',
    ],
  },
  examples: {
    invalid: [
      `
      -- @file dbt_project.yml
      name: shop  # expect: contract/base-unavailable
      version: '1.0.0'
      profile: shop
      -- @file models/marts/fct_orders.sql
      select 1 as order_id
      # @file models/marts/_marts.yml
      models:
        - name: fct_orders
          access: public
      # @base (unavailable)
      warning: HEAD has no common history with \`origin/main\` here (a shallow clone?), so contract changes against it are not checked. In CI, fetch the history: actions/checkout with \`fetch-depth: 0\`, or \`git fetch --unshallow origin main\`.
      `,
    ],
    valid: [
      `
      -- @file models/marts/fct_orders.sql
      select 1 as order_id
      # @file models/marts/_marts.yml
      models:
        - name: fct_orders
          access: protected
      # @base (unavailable)
      info: the workspace is not in a git repository, so contract changes against a base branch are not checked
      `,
    ],
  },
  equivalents: [],
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    const base = ctx.base;
    if (!base || base.status !== 'unavailable') return;
    // Only a workspace with something to compare is told why nothing is compared.
    const promises = projectModels(ctx.index).some((model) => isContractEnforced(model) || accessOf(model) === 'public');
    const at = rootProjectLocation(ctx.index);
    if (!promises || !at) return;
    const reason = base.reason.replace(/\s+$/, '');
    const todo = base.severity === 'info' ? ' Open the project from a git clone to get these checks.' : '';
    ctx.report({
      ...at,
      severity: base.severity,
      message: `Contract changes are not checked: ${reason}${/[.!?]$/.test(reason) ? '' : '.'} Data Platform Lens compares enforced contracts and public models with the git base branch to report breaking changes as you type.${todo}`,
    });
  },
});
