import { adapterOf, constraintSupport, contractComparison, promisedAtBase, type ContractColumn } from '../../contract/model-contract';
import { displayName } from '../../standards/resources';
import { defineRule, type ProjectRuleContext } from '../rule';

/** The tests whose removal withdraws a guarantee consumers build on (no nulls, no duplicates). */
const GUARANTEES: Record<string, string> = {
  not_null: 'never being null',
  unique: 'having no duplicates',
};

export default defineRule({
  id: 'contract/test-removed',
  severity: 'warning',
  scope: 'project',
  description: 'A not_null or unique test was removed from a column of a model that had an enforced contract or public access at the git base.',
  docs: {
    why: "Consumers of a contracted or public model join and aggregate on the guarantees its tests give: a key with no duplicates, a column never null. Removing such a test withdraws the guarantee silently (the next bad row fans out their joins or breaks their counts), and no dbt check reports it. A `not_null` test replaced by a `not_null` constraint the warehouse enforces keeps the guarantee and is not reported.",
    fix: 'Restore the test (or enforce the same guarantee with a constraint the warehouse enforces). If the guarantee no longer holds, add a new model version and tell its consumers.',
    references: [
      'https://docs.getdbt.com/reference/resource-properties/data-tests',
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
          access: public
          columns:
            - name: order_id
              data_tests:
                - unique
                - not_null
      # @file models/marts/_marts.yml
      models:
        - name: fct_orders
          access: public
          columns:
            - name: order_id  # expect: contract/test-removed
              data_tests:
                - not_null
      `,
    ],
    valid: [
      `
      -- @file models/marts/fct_orders.sql
      select 1 as order_id
      # @base models/marts/_marts.yml
      models:
        - name: fct_orders
          access: public
          columns:
            - name: order_id
              data_tests:
                - unique
      # @file models/marts/_marts.yml
      models:
        - name: fct_orders
          access: public
          columns:
            - name: order_id
              data_tests:
                - unique
                - accepted_values:
                    arguments:
                      values: [1, 2]
      `,
    ],
  },
  equivalents: [],
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    const comparison = contractComparison(ctx.index, ctx.base);
    if (!comparison) return;
    for (const { before, after } of promisedAtBase(comparison)) {
      if (!after) continue;
      for (const [key, column] of before.columns) {
        const now = after.columns.get(key);
        if (!now?.location) continue;
        for (const test of Object.keys(GUARANTEES)) {
          if (!column.tests.includes(test) || now.tests.includes(test) || enforcedByConstraint(after.project.adapter, now, test)) continue;
          const promise = before.enforced ? 'contracted' : 'public';
          ctx.report({
            ...now.location,
            message: `The \`${test}\` test on column \`${now.name}\` of ${displayName(after.resource.node)} was removed ${comparison.against}: consumers of this ${promise} model rely on \`${now.name}\` ${GUARANTEES[test]}, and nothing checks it now. Restore the test, or enforce it with a \`${test}\` constraint the warehouse enforces.`,
          });
        }
      }
    }
  },
});

/** Whether the head column keeps the guarantee through a constraint of the same kind that the warehouse enforces. */
function enforcedByConstraint(adapter: Parameters<typeof constraintSupport>[0], column: ContractColumn, test: string): boolean {
  return column.constraints.some((constraint) => constraint.type === test && constraintSupport(adapter, constraint.type) === 'enforced');
}
