import { isExcepted } from '../../standards/exceptions';
import { isDescribed, projectModels, resourceLocation, resourceName } from '../../standards/resources';
import { defineRule, type ProjectRuleContext } from '../rule';

export default defineRule({
  id: 'docs/undocumented-model',
  severity: 'warning',
  scope: 'project',
  description: 'A model has no description.',
  docs: {
    why: 'A description is what a downstream consumer reads in dbt docs, the catalog or the editor before using a model; without one, its purpose and grain live only in the author\'s head. dbt-project-evaluator lists these models in `fct_undocumented_models`; marts deserve a description first, since stakeholders read them.',
    fix: 'Add a `description:` to the model\'s properties entry, or a `{% docs %}` block referenced with `{{ doc(\'...\') }}`. A model without a properties entry needs one first.',
    references: ['https://docs.getdbt.com/reference/resource-properties/description', 'https://dbt-labs.github.io/dbt-project-evaluator/latest/rules/documentation/#undocumented-models'],
  },
  examples: {
    invalid: [
      `
      -- @file models/marts/fct_orders.sql
      select 1 as order_id
      # @file models/marts/_marts.yml
      models:
        - name: fct_orders  # expect: docs/undocumented-model
          columns:
            - name: order_id
              data_tests: [unique, not_null]
      `,
    ],
    valid: [
      `
      -- @file models/marts/fct_orders.sql
      select 1 as order_id
      # @file models/marts/_marts.yml
      models:
        - name: fct_orders
          description: One row per order, with its payment status.
          columns:
            - name: order_id
              data_tests: [unique, not_null]
      `,
    ],
  },
  equivalents: ['dbt-project-evaluator:fct_undocumented_models', 'dbt-checkpoint:check-model-has-description'],
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    const reported = new Set<string>();
    for (const { project, node, spec } of projectModels(ctx.index)) {
      if (isDescribed(spec?.description)) continue;
      if (isExcepted(ctx.index, project, 'fct_undocumented_models', { resource_name: resourceName(node) })) continue;
      const location = resourceLocation(ctx.index, node);
      // Versions of a model share one entry and one description: one finding for all of them.
      const key = spec && node.properties ? `${node.properties.file}#${node.properties.path.join('/')}` : node.uniqueId;
      if (!location || reported.has(key)) continue;
      reported.add(key);
      const fix = spec
        ? `Add a \`description:\` under \`- name: ${node.name}\`.`
        : `Add an entry \`- name: ${node.name}\` with a \`description:\` to a properties file beside it (for example \`_models.yml\`).`;
      ctx.report({
        ...location,
        message: `Model \`${node.name}\` has no description: consumers of dbt docs and the catalog cannot tell what it holds or at what grain. ${fix}`,
      });
    }
  },
});
