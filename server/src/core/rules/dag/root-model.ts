import { defineRule, type ProjectRuleContext } from '../rule';
import { isExcepted } from '../../standards/exceptions';
import { firstLineSpan } from '../../text';
import { checkedNodes, resourceName } from '../../standards/dag';
import type { GraphNode, ProjectIndex } from '../../project/index-types';

export default defineRule({
  id: 'dag/root-model',
  severity: 'warning',
  scope: 'project',
  description: 'A model has no parents: it calls neither `ref()` nor `source()`.',
  docs: {
    why: 'A model with no parents cannot be traced back to a declared source or model. It usually reads raw tables or other models by their relation names, so dbt does not know its lineage: it may run before the data it reads is built, and a cycle goes unnoticed. Self-contained models (a calendar built with `dbt_utils.date_spine()`) are the exception, and MetricFlow time spines are skipped, as dbt-project-evaluator does.',
    fix: 'Replace the relation names in `FROM` and `JOIN` with `{{ ref() }}` for models and `{{ source() }}` for raw tables (declaring the source if needed). For a model that really is self-contained, add an exception or suppress this finding.',
    references: ['https://dbt-labs.github.io/dbt-project-evaluator/latest/rules/modeling/#root-models'],
  },
  examples: {
    invalid: [
      `
      -- @file models/marts/fct_orders.sql
      select * from analytics.stg_orders  -- expect: dag/root-model, dag/hard-coded-reference
      `,
    ],
    valid: [
      `
      -- @file models/staging/stg_orders.sql
      select * from {{ source('shop', 'orders') }}
      -- @file models/marts/fct_orders.sql
      select * from {{ ref('stg_orders') }}
      # @file models/staging/_sources.yml
      version: 2
      sources:
        - name: shop
          tables:
            - name: orders
      `,
    ],
  },
  equivalents: ['dbt-project-evaluator:fct_root_models'],
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    for (const node of checkedNodes(ctx.index, 'model')) {
      if (!node.file || node.dependencies.length > 0) continue;
      // A ref-producing macro that failed to render may hide the parents; say nothing rather than guess.
      if (ctx.index.macroRenderFailure(node.uniqueId) || isTimeSpine(ctx.index, node)) continue;
      const project = ctx.index.projects.get(node.projectId);
      if (isExcepted(ctx.index, project, 'fct_root_models', { child: resourceName(node) })) continue;
      ctx.report({
        file: node.file,
        span: firstLineSpan(ctx.index.text(node.file)),
        message: `\`${node.name}\` has no parents: it calls neither \`ref()\` nor \`source()\`, so dbt cannot place it in the lineage nor build it after the data it reads. Read models with \`{{ ref() }}\` and raw tables with \`{{ source() }}\`; if it really is self-contained, add an exception.`,
      });
    }
  },
});

/** MetricFlow's time spine is generated data with no parents by design (`time_spine:` in its properties). */
function isTimeSpine(index: ProjectIndex, node: GraphNode): boolean {
  if (!node.properties) return false;
  const summary = index.file(node.properties.file);
  if (summary?.kind !== 'properties') return false;
  const spec = summary.properties.models.find((model) => model.name === node.name);
  return spec?.timeSpine === true;
}
