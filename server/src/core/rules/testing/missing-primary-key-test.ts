import { standardsOf } from '../../standards/evaluator-config';
import { isExcepted } from '../../standards/exceptions';
import { constraintsByColumn, dataTestsOf, projectModels, resourceLocation, resourceName, type AttachedTest } from '../../standards/resources';
import type { FindingLocation } from '../rule';
import { defineRule, type ProjectRuleContext } from '../rule';
import type { DataTestSpec } from '../../yaml/properties-types';

/** Whether a test is an application of a macro named as the evaluator names them (`dbt.test_unique`, `dbt_utils.test_unique_combination_of_columns`). */
function isMacro(test: DataTestSpec, macro: string): boolean {
  const dot = macro.lastIndexOf('.');
  const pkg = dot >= 0 ? macro.slice(0, dot) : undefined;
  const name = dot >= 0 ? macro.slice(dot + 1) : macro;
  if (name !== `test_${test.testName}`) return false;
  // An unqualified test resolves to dbt's built-in or to the project's own macro of that name.
  return test.namespace === undefined || pkg === undefined || test.namespace === pkg;
}

/**
 * The evaluator's `is_primary_key_tested`: on one column (or at model level, for multi-column tests), every macro of
 * one of the `primary_key_test_macros` sets, or a `unique` test with a `not_null` (or `primary_key`) constraint.
 */
function isPrimaryKeyTested(tests: AttachedTest[], notNullColumns: Set<string>, macroSets: string[][]): boolean {
  const byColumn = new Map<string, DataTestSpec[]>();
  for (const { test, column } of tests) {
    const key = column?.toLowerCase() ?? '';
    let group = byColumn.get(key);
    if (!group) byColumn.set(key, (group = []));
    group.push(test);
  }
  for (const [column, group] of byColumn) {
    if (macroSets.some((set) => set.length > 0 && set.every((macro) => group.some((test) => isMacro(test, macro))))) return true;
    if (column !== '' && notNullColumns.has(column) && group.some((test) => isMacro(test, 'dbt.test_unique'))) return true;
  }
  return false;
}

export default defineRule({
  id: 'testing/missing-primary-key-test',
  severity: 'warning',
  scope: 'project',
  description: 'A model has no test of its primary key: `unique` and `not_null` on one column, `dbt_utils.unique_combination_of_columns`, or a `not_null` constraint with a `unique` test.',
  docs: {
    why: 'The grain of a model (what one row is) is its most important property: a join that fans out or a key that goes null silently duplicates or drops rows in every model downstream. Testing the primary key is the minimum dbt-project-evaluator asks (`fct_missing_primary_key_tests`). The accepted combinations follow its `primary_key_test_macros` variable when the project sets it.',
    fix: 'Add `unique` and `not_null` tests to the column that identifies a row; for a composite key, add a surrogate key column (`dbt_utils.generate_surrogate_key`) and test it, or use `dbt_utils.unique_combination_of_columns`. A contracted model may use a `not_null` constraint in place of the `not_null` test.',
    references: ['https://dbt-labs.github.io/dbt-project-evaluator/latest/rules/testing/#missing-primary-key-tests', 'https://docs.getdbt.com/reference/resource-properties/data-tests'],
  },
  examples: {
    invalid: [
      `
      -- @file models/marts/fct_orders.sql
      select 1 as order_id
      # @file models/marts/_marts.yml
      models:
        - name: fct_orders  # expect: testing/missing-primary-key-test
          description: One row per order.
          columns:
            - name: order_id
              data_tests: [unique]
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
          columns:
            - name: order_id
              data_tests: [unique, not_null]
      `,
      `
      -- @file models/marts/fct_order_lines.sql
      select 1 as order_id, 1 as line_number
      # @file models/marts/_marts.yml
      models:
        - name: fct_order_lines
          description: One row per order line.
          data_tests:
            - dbt_utils.unique_combination_of_columns:
                arguments:
                  combination_of_columns: [order_id, line_number]
      `,
    ],
  },
  equivalents: ['dbt-project-evaluator:fct_missing_primary_key_tests', 'dbt-checkpoint:check-model-has-tests-by-name'],
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    // Versions share one properties entry: one finding per entry, naming the versions at fault.
    const findings = new Map<string, { location: FindingLocation; name: string; versions: string[] }>();
    for (const { project, node, spec, version } of projectModels(ctx.index)) {
      // A model without a properties entry has no tests: most of a large project's findings take this short way.
      if (spec) {
        const constraints = constraintsByColumn(spec, version);
        const notNull = new Set([...constraints].filter(([, types]) => types.has('not_null') || types.has('primary_key')).map(([column]) => column));
        if (isPrimaryKeyTested(dataTestsOf(spec, version), notNull, standardsOf(project).primaryKeyTestMacros)) continue;
      }
      if (isExcepted(ctx.index, project, 'fct_missing_primary_key_tests', { resource_name: resourceName(node) })) continue;
      const location = resourceLocation(ctx.index, node);
      if (!location) continue;
      const key = node.properties ? `${node.properties.file}#${node.properties.path.join('/')}` : node.uniqueId;
      let finding = findings.get(key);
      if (!finding) findings.set(key, (finding = { location, name: node.name, versions: [] }));
      if (node.version !== undefined) finding.versions.push(`v${node.version}`);
    }
    for (const { location, name, versions } of findings.values()) {
      const which = versions.length > 0 ? `Model \`${name}\` (${versions.join(', ')})` : `Model \`${name}\``;
      ctx.report({
        ...location,
        message: `${which} has no primary-key test: nothing checks that its rows are unique and identified, so a fan-out or a null key would silently duplicate or drop rows downstream. Add \`unique\` and \`not_null\` tests to the column that identifies a row, or \`dbt_utils.unique_combination_of_columns\` for a composite key.`,
      });
    }
  },
});
