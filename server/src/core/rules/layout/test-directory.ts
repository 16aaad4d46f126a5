import { isExcepted } from '../../standards/exceptions';
import { directoryOf, modelNodeOfSpec, projectPath } from '../../standards/naming';
import type { DataTestSpec, ModelSpec } from '../../yaml/properties-types';
import { defineRule, type FileRuleContext } from '../rule';

/** The generic tests of a model entry with the column they are attached to, its versions' included. */
function testsOf(model: ModelSpec): { test: DataTestSpec; column?: string }[] {
  return [
    ...model.tests.map((test) => ({ test })),
    ...model.columns.flatMap((column) => column.tests.map((test) => ({ test, column: column.name }))),
    ...model.versions.flatMap((version) => [...version.tests.map((test) => ({ test })), ...version.columns.flatMap((column) => column.tests.map((test) => ({ test, column: column.name })))]),
  ];
}

/**
 * The name dbt gives a generic test node, for matching exception rows by `test_name`: a custom `name:`, else
 * `<namespace>_<test>_<model>[_<column>]`. Tests with arguments get longer names in dbt (the arguments, or a hash);
 * exception patterns ending in `%` match those.
 */
function testNodeName(model: string, test: DataTestSpec, column?: string): string {
  if (test.customName) return test.customName;
  return [test.namespace, test.testName, model, column].filter((part) => part).join('_');
}

export default defineRule({
  id: 'layout/test-directory',
  severity: 'warning',
  scope: 'file',
  description: "A model's tests are defined in a properties file outside the model's own folder.",
  docs: {
    why: [
      'Each folder of models should hold one properties file with the tests and documentation of the models beside it: whoever changes a model finds its tests next to it, and whoever moves it does not leave them behind.',
      'As in dbt-project-evaluator, a generic test is misplaced when the folder of the properties file that defines it differs from the folder of the model it tests.',
      'The finding is on the model\'s entry, since the entry moves with its tests.',
      'Rows of `dbt_project_evaluator_exceptions.csv` for `fct_test_directories` are honoured, by `model_name`, `current_test_directory`, `change_test_directory_to` or `test_name` (dbt\'s name for the test, such as `not_null_orders_order_id`).',
    ].join(' '),
    fix: "Move the model's entry, with its tests, to a properties file in the model's folder (create one if there is none).",
    references: ['https://dbt-labs.github.io/dbt-project-evaluator/latest/rules/structure/#test-directories'],
  },
  examples: {
    invalid: [
      `
      -- @file models/marts/fct_orders.sql
      select 1 as order_id
      # @file models/staging/_models.yml
      models:
        - name: fct_orders  # expect: layout/test-directory
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
          columns:
            - name: order_id
              data_tests: [unique, not_null]
      `,
    ],
  },
  equivalents: ['dbt-project-evaluator:fct_test_directories'],
  fix: 'none',
  appliesTo: (file) => file.kind === 'properties',
  check(ctx: FileRuleContext) {
    if (ctx.file.kind !== 'properties') return;
    const project = ctx.index.projectOf(ctx.file.path);
    if (!project || project.isPackage) return;
    const testDirectory = directoryOf(projectPath(project, ctx.file.path));
    for (const model of ctx.file.properties.models) {
      const node = modelNodeOfSpec(ctx.index, project, model, ctx.file.path);
      if (!node?.file || !node.enabled) continue;
      const modelDirectory = directoryOf(projectPath(project, node.file));
      if (modelDirectory === testDirectory) continue;
      const tests = testsOf(model).filter(
        ({ test, column }) =>
          !isExcepted(ctx.index, project, 'fct_test_directories', {
            test_name: testNodeName(model.name, test, column),
            model_name: model.name,
            current_test_directory: testDirectory,
            change_test_directory_to: modelDirectory,
          }),
      );
      if (tests.length === 0) continue;
      const count = tests.length === 1 ? 'its test is' : `its ${tests.length} tests are`;
      ctx.report({
        file: ctx.file.path,
        yamlPath: [...model.path, 'name'],
        target: 'value',
        message: `\`${model.name}\` lives in \`${modelDirectory}\`, but ${count} defined here in \`${testDirectory}\`: tests kept beside their model are found, and moved, with it. Move this entry to a properties file in \`${modelDirectory}\`.`,
      });
    }
  },
});
