import { standardsOf, thresholdOf } from '../../standards/evaluator-config';
import { isDescribed, modelsByProject, nameList, percentOf, resourceName } from '../../standards/resources';
import { defineRule, type ProjectRuleContext } from '../rule';

const DEFAULT_TARGET = 100;

export default defineRule({
  id: 'docs/coverage',
  severity: 'warning',
  scope: 'project',
  description: 'The share of a project\'s models with a description is below the documentation coverage target.',
  docs: {
    why: 'Documentation coverage is the figure a team tracks to know whether its project can be understood by its consumers; dbt-project-evaluator computes it in `fct_documentation_coverage` and warns below `documentation_coverage_target` (100% by default). The figure is reported once per project, on its name in `dbt_project.yml`, with the models still undocumented.',
    fix: 'Describe the models listed in the message (`docs/undocumented-model` flags each one), or set the target your team has agreed: the evaluator variable `documentation_coverage_target` in `dbt_project.yml` vars, or this rule\'s `target` option.',
    references: ['https://dbt-labs.github.io/dbt-project-evaluator/latest/rules/documentation/#documentation-coverage', 'https://dbt-labs.github.io/dbt-project-evaluator/latest/customization/overriding-variables/'],
  },
  examples: {
    invalid: [
      `
      # @file dbt_project.yml
      name: shop  # expect: docs/coverage
      version: '1.0.0'
      profile: shop
      vars:
        documentation_coverage_target: 75
      -- @file models/marts/fct_orders.sql
      select 1 as order_id
      -- @file models/marts/dim_customers.sql
      select 1 as customer_id
      # @file models/marts/_marts.yml
      models:
        - name: fct_orders
          description: One row per order.
          columns:
            - name: order_id
              data_tests: [unique, not_null]
        # dplens-disable-next-line docs/undocumented-model: shown here for the coverage figure
        - name: dim_customers
          columns:
            - name: customer_id
              data_tests: [unique, not_null]
      `,
    ],
    valid: [
      `
      # @file dbt_project.yml
      name: shop
      version: '1.0.0'
      profile: shop
      vars:
        documentation_coverage_target: 50
      -- @file models/marts/fct_orders.sql
      select 1 as order_id
      -- @file models/marts/dim_customers.sql
      select 1 as customer_id
      # @file models/marts/_marts.yml
      models:
        - name: fct_orders
          description: One row per order.
          columns:
            - name: order_id
              data_tests: [unique, not_null]
        # dplens-disable-next-line docs/undocumented-model: the target allows one model in two undocumented
        - name: dim_customers
          columns:
            - name: customer_id
              data_tests: [unique, not_null]
      `,
    ],
  },
  equivalents: ['dbt-project-evaluator:fct_documentation_coverage'],
  options: {
    target: { type: 'number', default: DEFAULT_TARGET, description: 'The percentage of models that must have a description; when left at its default, the project\'s `documentation_coverage_target` variable applies.' },
  },
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    for (const [project, models] of modelsByProject(ctx.index)) {
      const total = models.length;
      const undocumented = models.filter(({ spec }) => !isDescribed(spec?.description)).map(({ node }) => resourceName(node));
      const target = thresholdOf(ctx.options, 'target', DEFAULT_TARGET, standardsOf(project).documentationCoverageTarget);
      const documented = total - undocumented.length;
      const percent = percentOf(documented, total);
      if (percent >= target) continue;
      ctx.report({
        file: project.projectFile,
        yamlPath: ['name'], target: 'value',
        message: `Documentation coverage of project \`${project.name}\` is ${percent}% (${documented} of ${total} models have a description), below the target of ${target}%: undocumented models leave their consumers guessing what they hold. Describe ${nameList(undocumented.sort())}, or change \`documentation_coverage_target\` if the team agreed on another target.`,
      });
    }
  },
});
