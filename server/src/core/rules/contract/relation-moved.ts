import { contractComparison, modelLocation, promisedAtBase, type ModelContract } from '../../contract/model-contract';
import { displayName } from '../../standards/resources';
import { defineRule, type ProjectRuleContext } from '../rule';

/**
 * The relation a model builds, as a name to compare and show. Without a known target schema (no profile), the schema
 * is dbt's default `<target schema>_<custom schema>`, so the custom schema still tells a move.
 */
function relationName(contract: ModelContract): string | undefined {
  const relation = contract.relation;
  if (!relation) return undefined;
  const custom = contract.resource.node.config.schema;
  const schema = relation.schema ?? (typeof custom === 'string' && custom !== '' ? `<target schema>_${custom}` : undefined);
  return [relation.database, schema, relation.identifier].filter((part) => part !== undefined && part !== '').join('.');
}

export default defineRule({
  id: 'contract/relation-moved',
  severity: 'warning',
  scope: 'project',
  description: 'A model that had an enforced contract or public access at the git base now builds a different relation (database, schema or alias).',
  docs: {
    why: "Consumers outside dbt (dashboards, notebooks, reverse ETL, other projects) query a contracted or public model by its relation name, not by `ref()`. Changing its `database`, `schema` or `alias` moves the table: the old name stops being refreshed or disappears, and those consumers break without any dbt error. dbt's contract comparison does not look at the relation; this rule does.",
    fix: 'Keep the database, schema and alias. To move the model, build the new relation as a new model version, keep the old one (or a view at the old name) until consumers have migrated, and announce it with a `deprecation_date`.',
    references: [
      'https://docs.getdbt.com/reference/resource-configs/contract',
      'https://docs.getdbt.com/docs/collaborate/govern/model-contracts#what-are-breaking-changes',
      'https://docs.getdbt.com/docs/collaborate/govern/model-versions',
      'https://docs.getdbt.com/reference/resource-configs/alias',
    ],
  },
  examples: {
    invalid: [
      `
      -- @file models/marts/fct_orders.sql
      {{ config(alias='orders_v2') }}
      select 1 as order_id
      -- @base models/marts/fct_orders.sql
      select 1 as order_id
      # @file models/marts/_marts.yml
      models:
        - name: fct_orders  # expect: contract/relation-moved
          config:
            contract:
              enforced: true
          columns:
            - name: order_id
              data_type: int64
      `,
    ],
    valid: [
      `
      -- @file models/marts/fct_orders.sql
      {{ config(materialized='table') }}
      select 1 as order_id
      -- @base models/marts/fct_orders.sql
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
  equivalents: [],
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    const comparison = contractComparison(ctx.index, ctx.base);
    if (!comparison) return;
    for (const { before, after } of promisedAtBase(comparison)) {
      const was = relationName(before);
      const is = after && relationName(after);
      const at = after && modelLocation(after);
      if (!after || was === undefined || is === undefined || was === is || !at) continue;
      const promise = before.enforced ? 'contracted' : 'public';
      ctx.report({
        ...at,
        message: `${displayName(after.resource.node)} now builds \`${is}\` instead of \`${was}\` ${comparison.against}: consumers of this ${promise} model that query \`${was}\` by name (dashboards, other tools and projects) no longer get fresh data or find the table. Keep the database, schema and alias, or build the new relation as a new model version and keep the old one until consumers have migrated.`,
      });
    }
  },
});
