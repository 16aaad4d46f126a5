import { isDescribed, projectModels } from '../../standards/resources';
import { defineRule, type ProjectRuleContext } from '../rule';

export default defineRule({
  id: 'docs/undocumented-column',
  severity: 'warning',
  enabledByDefault: false,
  scope: 'project',
  description: 'A column listed in a model\'s properties has no description (off by default).',
  docs: {
    why: 'A column listed without a description documents its name and nothing else: consumers still cannot tell its unit, its time zone or what a null means. Describing every column is a stricter convention than dbt-project-evaluator\'s (which asks it only of public models, see `governance/undocumented-public-model`), so this rule is off until `dplens.yml` gives it a severity.',
    fix: 'Add a `description:` to the column, or a `{% docs %}` block referenced with `{{ doc(\'...\') }}` when several models share the column.',
    references: ['https://docs.getdbt.com/reference/resource-properties/columns', 'https://docs.getdbt.com/reference/resource-properties/description'],
  },
  examples: {
    invalid: [
      `
      # @file dplens.yml
      adapter: bigquery
      rules:
        docs/undocumented-column: warning
      -- @file models/marts/fct_orders.sql
      select 1 as order_id, 10.5 as amount
      # @file models/marts/_marts.yml
      models:
        - name: fct_orders
          description: One row per order.
          columns:
            - name: order_id
              description: The order's key in the shop backend.
              data_tests: [unique, not_null]
            - name: amount  # expect: docs/undocumented-column
      `,
    ],
    valid: [
      `
      # @file dplens.yml
      adapter: bigquery
      rules:
        docs/undocumented-column: warning
      -- @file models/marts/fct_orders.sql
      select 1 as order_id, 10.5 as amount
      # @file models/marts/_marts.yml
      models:
        - name: fct_orders
          description: One row per order.
          columns:
            - name: order_id
              description: The order's key in the shop backend.
              data_tests: [unique, not_null]
            - name: amount
              description: The order total in EUR, taxes included.
      `,
    ],
  },
  equivalents: ['dbt-checkpoint:check-model-columns-have-desc'],
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    const reported = new Set<string>();
    for (const { node, spec, version } of projectModels(ctx.index)) {
      if (!spec || !node.properties) continue;
      // Columns written under the model and under each version are their own entries; each is reported once.
      for (const column of [...spec.columns, ...(version?.columns ?? [])]) {
        if (isDescribed(column.description)) continue;
        const key = `${node.properties.file}#${column.path.join('/')}`;
        if (reported.has(key)) continue;
        reported.add(key);
        ctx.report({
          file: node.properties.file,
          yamlPath: [...column.path, 'name'], target: 'value',
          message: `Column \`${column.name}\` of \`${node.name}\` has no description: consumers can read its name but not its meaning, unit or what a null means. Add a \`description:\` under \`- name: ${column.name}\`.`,
        });
      }
    }
  },
});
