import { isExcepted } from '../../standards/exceptions';
import { isDescribed, projectSourceTables, resourceName } from '../../standards/resources';
import { defineRule, type ProjectRuleContext } from '../rule';

export default defineRule({
  id: 'docs/undocumented-source-table',
  severity: 'warning',
  scope: 'project',
  description: 'A source table has no description.',
  docs: {
    why: 'A source table\'s description says what one row is and how the loader fills it (full reloads, appends, soft deletes); staging models are written from that knowledge. dbt-project-evaluator lists these tables in `fct_undocumented_source_tables`.',
    fix: 'Add a `description:` to the table entry under the source\'s `tables:`, or a `{% docs %}` block referenced with `{{ doc(\'...\') }}`.',
    references: ['https://docs.getdbt.com/reference/resource-properties/description', 'https://dbt-labs.github.io/dbt-project-evaluator/latest/rules/documentation/#undocumented-source-tables'],
  },
  examples: {
    invalid: [
      `
      # @file models/staging/shop/_shop__sources.yml
      sources:
        - name: shop
          description: The web shop's Postgres database.
          config:
            loaded_at_field: _loaded_at
            freshness:
              warn_after: {count: 12, period: hour}
          tables:
            - name: orders  # expect: docs/undocumented-source-table
      `,
    ],
    valid: [
      `
      # @file models/staging/shop/_shop__sources.yml
      sources:
        - name: shop
          description: The web shop's Postgres database.
          config:
            loaded_at_field: _loaded_at
            freshness:
              warn_after: {count: 12, period: hour}
          tables:
            - name: orders
              description: One row per order; rows are updated in place when an order ships.
      `,
    ],
  },
  equivalents: ['dbt-project-evaluator:fct_undocumented_source_tables', 'dbt-checkpoint:check-source-table-has-description'],
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    for (const { project, node, source, table } of projectSourceTables(ctx.index)) {
      if (isDescribed(table.description) || !node.properties) continue;
      if (isExcepted(ctx.index, project, 'fct_undocumented_source_tables', { resource_name: resourceName(node) })) continue;
      ctx.report({
        file: node.properties.file,
        yamlPath: [...node.properties.path, 'name'], target: 'value',
        message: `Source table \`${source.name}.${table.name}\` has no description: whoever writes its staging model must guess what a row is and how the loader fills it. Add a \`description:\` under \`- name: ${table.name}\`.`,
      });
    }
  },
});
