import { isExcepted } from '../../standards/exceptions';
import { accessOf, isContractEnforced, projectModels, resourceLocation, resourceName } from '../../standards/resources';
import { defineRule, type ProjectRuleContext } from '../rule';

export default defineRule({
  id: 'governance/public-model-without-contract',
  severity: 'warning',
  scope: 'project',
  description: 'A model with `access: public` has no enforced contract.',
  docs: {
    why: 'Any project or tool may build on a public model, so a renamed column or a changed type breaks consumers the author cannot see. An enforced contract makes dbt check the model\'s columns and types on every build, before the change ships. dbt-project-evaluator lists these models in `fct_public_models_without_contract`.',
    fix: 'Set `contract: {enforced: true}` under the model\'s `config:` and list every column with its `data_type`; or make the model `protected` if nothing outside the project needs it.',
    references: ['https://docs.getdbt.com/docs/collaborate/govern/model-contracts', 'https://dbt-labs.github.io/dbt-project-evaluator/latest/rules/governance/#public-models-without-contracts'],
  },
  examples: {
    invalid: [
      `
      -- @file models/marts/fct_orders.sql
      select 1 as order_id
      # @file models/marts/_marts.yml
      models:
        - name: fct_orders  # expect: governance/public-model-without-contract
          description: One row per order.
          access: public
          columns:
            - name: order_id
              description: The order's key.
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
            contract:
              enforced: true
          columns:
            - name: order_id
              description: The order's key.
              data_type: int64
              data_tests: [unique, not_null]
      `,
    ],
  },
  equivalents: ['dbt-project-evaluator:fct_public_models_without_contract', 'dbt-checkpoint:check-model-has-contract'],
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    const reported = new Set<string>();
    for (const resource of projectModels(ctx.index)) {
      const { project, node } = resource;
      if (accessOf(resource) !== 'public' || isContractEnforced(resource)) continue;
      if (isExcepted(ctx.index, project, 'fct_public_models_without_contract', { resource_name: resourceName(node) })) continue;
      const location = resourceLocation(ctx.index, node);
      const key = node.properties ? `${node.properties.file}#${node.properties.path.join('/')}` : node.uniqueId;
      if (!location || reported.has(key)) continue;
      reported.add(key);
      ctx.report({
        ...location,
        message: `Public model \`${node.name}\` has no enforced contract: anyone may build on it, and a renamed column or changed type would break them without warning. Set \`contract: {enforced: true}\` under its \`config:\` and give every column a \`data_type\`, or make it \`protected\`.`,
      });
    }
  },
});
