import { isExcepted } from '../../standards/exceptions';
import { accessOf, modelPropertiesOf, resourceName } from '../../standards/resources';
import { dependencyLocation } from '../helpers';
import { defineRule, type ProjectRuleContext } from '../rule';

export default defineRule({
  id: 'governance/exposure-depends-on-private-model',
  severity: 'warning',
  scope: 'project',
  description: 'An exposure depends on a resource that is not a public model: a protected or private model, a source, a seed or a snapshot.',
  docs: {
    why: 'An exposure records a dashboard, application or notebook that reads the project from outside. What outside tools read should be a deliberate, stable interface: a model marked `access: public` (ideally contracted and documented). dbt-project-evaluator lists every such dependency in `fct_exposures_dependent_on_private_models`, including exposures that read sources or seeds directly.',
    fix: 'Mark the model `access: public` (and give it a contract and descriptions), or point the exposure at a public model built on it.',
    references: ['https://docs.getdbt.com/docs/build/exposures', 'https://dbt-labs.github.io/dbt-project-evaluator/latest/rules/governance/#exposures-dependent-on-private-models'],
  },
  examples: {
    invalid: [
      `
      -- @file models/marts/fct_orders.sql
      select 1 as order_id
      # @file models/marts/_marts.yml
      models:
        - name: fct_orders
          description: One row per order.
          access: protected
          columns:
            - name: order_id
              data_tests: [unique, not_null]
      exposures:
        - name: weekly_revenue
          type: dashboard
          owner: {name: Finance, email: finance@example.com}
          depends_on:
            - ref('fct_orders')  # expect: governance/exposure-depends-on-private-model
      `,
    ],
    valid: [
      `
      -- @file models/marts/fct_orders.sql
      select 1 as order_id
      # @file models/marts/_marts.yml
      models:
        - name: fct_orders
          description: One row per order.
          access: public
          config:
            contract: {enforced: true}
          columns:
            - name: order_id
              description: The order's key.
              data_type: int64
              data_tests: [unique, not_null]
      exposures:
        - name: weekly_revenue
          type: dashboard
          owner: {name: Finance, email: finance@example.com}
          depends_on:
            - ref('fct_orders')
      `,
    ],
  },
  equivalents: ['dbt-project-evaluator:fct_exposures_dependent_on_private_models'],
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    for (const exposure of ctx.index.nodes()) {
      // A file several projects share is reported once, through its first owner's node.
      if (exposure.resourceType !== 'exposure' || exposure.isPackage || exposure.copyOf !== undefined) continue;
      const project = ctx.index.projects.get(exposure.projectId);
      for (const dependency of exposure.dependencies) {
        const parent = dependency.target ? ctx.index.node(dependency.target) : undefined;
        if (!parent) continue;
        const isModel = parent.resourceType === 'model';
        const access = isModel ? accessOf({ node: parent, ...modelPropertiesOf(ctx.index, parent) }) : undefined;
        if (access === 'public') continue;
        if (isExcepted(ctx.index, project, 'fct_exposures_dependent_on_private_models', { exposure_name: exposure.name, parent_resource_name: resourceName(parent) })) continue;
        const what = isModel ? `the ${access} model \`${parent.name}\`` : `the ${parent.resourceType} \`${resourceName(parent)}\``;
        const fix = isModel
          ? `Mark \`${parent.name}\` \`access: public\` (with a contract and descriptions), or point the exposure at a public model.`
          : `Point the exposure at a public model built on it.`;
        ctx.report({
          ...dependencyLocation(dependency),
          message: `Exposure \`${exposure.name}\` depends on ${what}, which is not a public model: tools outside the project should read only deliberate, stable interfaces. ${fix}`,
        });
      }
    }
  },
});
