import { defineRule, type ProjectRuleContext } from '../rule';
import { dependencyLocation } from '../helpers';
import { isExcepted } from '../../standards/exceptions';
import { checkedNodes, dagChildren, dagParents, resourceName } from '../../standards/dag';
import type { GraphNode } from '../../project/index-types';

/** Resources the evaluator leaves out of this check, as parents or children. */
const OUTSIDE = new Set<GraphNode['resourceType']>(['exposure', 'test']);

export default defineRule({
  id: 'dag/rejoining-upstream-concepts',
  severity: 'warning',
  scope: 'project',
  description: 'A model reads a parent both directly and through a single-use model that reads the same parent.',
  docs: {
    why: 'When `int_b` reads `stg_a` and `int_a`, and `int_a` reads `stg_a` and feeds nothing but `int_b`, the DAG loops back on the same concept. Nothing downstream can start before `int_a` finishes, so splitting it out gains no parallelism; it usually duplicates business logic across two flows. A middle model with other children is left alone, since it then avoids duplicated code (as dbt-project-evaluator does).',
    fix: 'Move the SQL of the single-use middle model into a CTE of the model that rejoins, and replace its `ref()` with that CTE. Keep the middle model when a macro needs it as a relation (`dbt_utils.star`, `get_column_values`), and add an exception.',
    references: ['https://dbt-labs.github.io/dbt-project-evaluator/latest/rules/modeling/#rejoining-of-upstream-concepts'],
  },
  examples: {
    invalid: [
      `
      # @file seeds/raw_orders.csv
      order_id
      1
      -- @file models/staging/stg_orders.sql
      select * from {{ ref('raw_orders') }}
      -- @file models/intermediate/int_order_totals.sql
      select order_id, count(*) as n from {{ ref('stg_orders') }} group by 1
      -- @file models/intermediate/int_orders_enriched.sql
      select * from {{ ref('stg_orders') }}
      join {{ ref('int_order_totals') }} using (order_id)  -- expect: dag/rejoining-upstream-concepts
      `,
    ],
    valid: [
      `
      # @file seeds/raw_orders.csv
      order_id
      1
      -- @file models/staging/stg_orders.sql
      select * from {{ ref('raw_orders') }}
      -- @file models/intermediate/int_orders_enriched.sql
      with order_totals as (
          select order_id, count(*) as n from {{ ref('stg_orders') }} group by 1
      )
      select * from {{ ref('stg_orders') }}
      join order_totals using (order_id)
      `,
    ],
  },
  equivalents: ['dbt-project-evaluator:fct_rejoining_of_upstream_concepts'],
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    const { index } = ctx;
    for (const child of checkedNodes(index, 'model')) {
      if (!child.file) continue;
      const parents = dagParents(index, child.uniqueId).filter((parent) => !OUTSIDE.has(parent.resourceType));
      const parentIds = new Set(parents.map((parent) => parent.uniqueId));
      for (const middle of parents) {
        // The middle model must feed this child only, else it exists to share code and is fine.
        const middleChildren = dagChildren(index, middle.uniqueId).filter((node) => !OUTSIDE.has(node.resourceType));
        if (middleChildren.length !== 1) continue;
        for (const upstream of dagParents(index, middle.uniqueId)) {
          if (!parentIds.has(upstream.uniqueId) || upstream.uniqueId === middle.uniqueId || OUTSIDE.has(upstream.resourceType)) continue;
          const project = index.projects.get(child.projectId);
          if (isExcepted(index, project, 'fct_rejoining_of_upstream_concepts', { parent: resourceName(upstream), child: resourceName(child), parent_and_child: resourceName(middle) })) continue;
          const dependency = child.dependencies.find((candidate) => candidate.target === middle.uniqueId && candidate.file === child.file);
          ctx.report({
            ...(dependency ? dependencyLocation(dependency) : { file: child.file, span: { start: 0, end: 0 } }),
            message: `\`${child.name}\` reads \`${resourceName(upstream)}\` both directly and through \`${middle.name}\`, which reads it too and feeds nothing else: the DAG loops back on one concept, and \`${middle.name}\` only delays \`${child.name}\`. Move \`${middle.name}\`'s SQL into a CTE here, or add an exception if a macro needs it as a relation.`,
          });
        }
      }
    }
  },
});
