import { isExcepted } from '../../standards/exceptions';
import { accessOf, columnsOf, isDescribed, nameList, projectModels, resourceLocation, resourceName } from '../../standards/resources';
import { defineRule, type ProjectRuleContext } from '../rule';

export default defineRule({
  id: 'governance/undocumented-public-model',
  severity: 'warning',
  scope: 'project',
  description: 'A model with `access: public` lacks a description, lists no columns, or has columns without a description.',
  docs: {
    why: 'A public model is an interface for people outside the team: they have only its documentation to go on. dbt-project-evaluator (`fct_undocumented_public_models`) asks more of public models than of others: a model description, and a description on every column, with at least one column listed.',
    fix: 'Add a `description:` to the model and list its columns, each with a `description:`.',
    references: ['https://docs.getdbt.com/docs/collaborate/govern/model-access', 'https://dbt-labs.github.io/dbt-project-evaluator/latest/rules/governance/#undocumented-public-models'],
  },
  examples: {
    invalid: [
      `
      -- @file models/marts/fct_orders.sql
      select 1 as order_id
      # @file models/marts/_marts.yml
      models:
        - name: fct_orders  # expect: governance/undocumented-public-model
          description: One row per order.
          access: public
          config:
            contract: {enforced: true}
          columns:
            - name: order_id
              data_type: int64
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
          description: One row per order.
          access: public
          config:
            contract: {enforced: true}
          columns:
            - name: order_id
              description: The order's key in the shop backend.
              data_type: int64
              data_tests: [unique, not_null]
      `,
    ],
  },
  equivalents: ['dbt-project-evaluator:fct_undocumented_public_models', 'dbt-checkpoint:check-model-columns-have-desc'],
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    const reported = new Set<string>();
    for (const resource of projectModels(ctx.index)) {
      const { project, node, spec, version } = resource;
      if (accessOf(resource) !== 'public') continue;
      const columns = columnsOf(spec, version);
      const undescribed = columns.filter((column) => !isDescribed(column.description)).map((column) => column.name);
      const missing: string[] = [];
      if (!isDescribed(spec?.description)) missing.push('a model description');
      if (columns.length === 0) missing.push('any listed column');
      else if (undescribed.length > 0) missing.push(`descriptions of ${undescribed.length === 1 ? 'column' : 'columns'} ${nameList(undescribed)}`);
      if (missing.length === 0) continue;
      if (isExcepted(ctx.index, project, 'fct_undocumented_public_models', { resource_name: resourceName(node) })) continue;
      const location = resourceLocation(ctx.index, node);
      const key = node.properties ? `${node.properties.file}#${node.properties.path.join('/')}` : node.uniqueId;
      if (!location || reported.has(key)) continue;
      reported.add(key);
      ctx.report({
        ...location,
        message: `Public model \`${node.name}\` lacks ${missing.join(' and ')}: consumers outside the team have only its documentation to go on. Describe the model and every column it exposes.`,
      });
    }
  },
});
