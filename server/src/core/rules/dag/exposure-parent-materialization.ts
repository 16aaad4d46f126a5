import { isExcepted } from '../../standards/exceptions';
import { resourceName } from '../../standards/resources';
import { dependencyLocation } from '../helpers';
import { defineRule, type ProjectRuleContext } from '../rule';

export default defineRule({
  id: 'dag/exposure-parent-materialization',
  severity: 'warning',
  scope: 'project',
  description: 'An exposure reads a view, an ephemeral model or a source directly, instead of a model materialized as a table.',
  docs: {
    why: 'A dashboard or application that reads an exposure queries it again and again. A view recomputes its whole query (and every view beneath it) on each of those reads, an ephemeral model cannot be queried at all, and a source holds raw data that has not been cleaned or tested. dbt-project-evaluator lists such parents in `fct_exposure_parents_materializations`.',
    fix: 'Materialize the model the exposure reads as a table or an incremental model, or point the exposure at a model that is; for a source, build a model on it first.',
    references: ['https://docs.getdbt.com/docs/build/exposures', 'https://dbt-labs.github.io/dbt-project-evaluator/latest/rules/performance/#exposure-parents-materializations'],
  },
  examples: {
    invalid: [
      `
      -- @file models/marts/fct_orders.sql
      {{ config(materialized='view') }}
      select 1 as order_id
      # @file models/marts/_marts.yml
      exposures:
        - name: weekly_revenue
          type: dashboard
          owner: {name: Finance, email: finance@example.com}
          depends_on:
            - ref('fct_orders')  # expect: dag/exposure-parent-materialization
      `,
    ],
    valid: [
      `
      -- @file models/marts/fct_orders.sql
      {{ config(materialized='table') }}
      select 1 as order_id
      # @file models/marts/_marts.yml
      exposures:
        - name: weekly_revenue
          type: dashboard
          owner: {name: Finance, email: finance@example.com}
          depends_on:
            - ref('fct_orders')
      `,
    ],
  },
  equivalents: ['dbt-project-evaluator:fct_exposure_parents_materializations'],
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    for (const exposure of ctx.index.nodes()) {
      // A file several projects share is reported once, through its first owner's node.
      if (exposure.resourceType !== 'exposure' || exposure.isPackage || !exposure.enabled || exposure.copyOf !== undefined) continue;
      const project = ctx.index.projects.get(exposure.projectId);
      for (const dependency of exposure.dependencies) {
        const parent = dependency.target ? ctx.index.node(dependency.target) : undefined;
        if (!parent || !parent.enabled) continue;
        let what: string;
        let todo: string;
        if (parent.resourceType === 'source') {
          what = `the source \`${resourceName(parent)}\`, raw data nothing has cleaned or tested`;
          todo = 'Build a model on the source and point the exposure at it.';
        } else if (parent.resourceType === 'model') {
          // dbt's default materialization is a view.
          const materialized = parent.config.materialized ?? 'view';
          if (materialized !== 'view' && materialized !== 'ephemeral') continue;
          what = materialized === 'view' ? `the view \`${parent.name}\`, which recomputes its whole query on every read` : `the ephemeral model \`${parent.name}\`, which no tool can query`;
          todo = `Materialize \`${parent.name}\` as a table or incremental model, or point the exposure at one that is.`;
        } else continue;
        if (isExcepted(ctx.index, project, 'fct_exposure_parents_materializations', { exposure_name: exposure.name, parent_resource_name: resourceName(parent) })) continue;
        ctx.report({
          ...dependencyLocation(dependency),
          message: `Exposure \`${exposure.name}\` reads ${what}: the dashboards and applications behind it query it again and again. ${todo}`,
        });
      }
    }
  },
});
