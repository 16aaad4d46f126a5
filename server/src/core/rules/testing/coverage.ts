import { standardsOf, thresholdOf } from '../../standards/evaluator-config';
import { dataTestsOf, modelsByProject, nameList, percentOf, resourceName, singularTestTargets } from '../../standards/resources';
import { defineRule, type ProjectRuleContext } from '../rule';

const DEFAULT_TARGET = 100;

export default defineRule({
  id: 'testing/coverage',
  severity: 'warning',
  scope: 'project',
  description: 'The share of a project\'s models with at least one data test is below the test coverage target.',
  docs: {
    why: 'A model without a single test can change its grain or fill a key with nulls and nobody learns of it until a dashboard is wrong. dbt-project-evaluator computes the share of tested models in `fct_test_coverage` and warns below `test_coverage_target` (100% by default). Generic tests in properties (on the model, its columns or its versions) and singular tests that read the model count. The figure is reported once per project, on its name in `dbt_project.yml`, with the models still untested.',
    fix: 'Add tests to the models listed in the message, at least `unique` and `not_null` on the primary key (see `testing/missing-primary-key-test`), or set the target your team has agreed: the evaluator variable `test_coverage_target` in `dbt_project.yml` vars, or this rule\'s `target` option.',
    references: ['https://dbt-labs.github.io/dbt-project-evaluator/latest/rules/testing/#test-coverage', 'https://docs.getdbt.com/docs/build/data-tests'],
  },
  examples: {
    invalid: [
      `
      # @file dbt_project.yml
      name: shop  # expect: testing/coverage
      version: '1.0.0'
      profile: shop
      vars:
        test_coverage_target: 75
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
        # dplens-disable-next-line testing/missing-primary-key-test: shown here for the coverage figure
        - name: dim_customers
          description: One row per customer.
      `,
    ],
    valid: [
      `
      # @file dbt_project.yml
      name: shop
      version: '1.0.0'
      profile: shop
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
        - name: dim_customers
          description: One row per customer.
          columns:
            - name: customer_id
              data_tests: [unique, not_null]
      `,
    ],
  },
  equivalents: ['dbt-project-evaluator:fct_test_coverage', 'dbt-checkpoint:check-model-has-tests'],
  options: {
    target: { type: 'number', default: DEFAULT_TARGET, description: 'The percentage of models that must have at least one data test; when left at its default, the project\'s `test_coverage_target` variable applies.' },
  },
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    const singular = singularTestTargets(ctx.index);
    for (const [project, models] of modelsByProject(ctx.index)) {
      const total = models.length;
      let tests = 0;
      const untested: string[] = [];
      for (const { node, spec, version } of models) {
        const count = dataTestsOf(spec, version).length + (singular.has(node.uniqueId) ? 1 : 0);
        tests += count;
        if (count === 0) untested.push(resourceName(node));
      }
      const target = thresholdOf(ctx.options, 'target', DEFAULT_TARGET, standardsOf(project).testCoverageTarget);
      const tested = total - untested.length;
      const percent = percentOf(tested, total);
      if (percent >= target) continue;
      ctx.report({
        file: project.projectFile,
        yamlPath: ['name'], target: 'value',
        message: `Test coverage of project \`${project.name}\` is ${percent}% (${tested} of ${total} models have at least one data test; ${Math.round((tests * 100) / total) / 100} tests per model), below the target of ${target}%: an untested model can break its grain or keys unnoticed. Add tests to ${nameList(untested.sort())}, or change \`test_coverage_target\` if the team agreed on another target.`,
      });
    }
  },
});
