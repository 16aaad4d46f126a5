import { isExcepted } from '../../standards/exceptions';
import { isDescribed, projectSourceTables } from '../../standards/resources';
import { defineRule, type ProjectRuleContext } from '../rule';

export default defineRule({
  id: 'docs/undocumented-source',
  severity: 'warning',
  scope: 'project',
  description: 'A source (the `- name:` under `sources:`) has no description.',
  docs: {
    why: 'A source\'s description tells contributors which system loads it, how and when; without it, engineers guess where raw data comes from and whom to ask when it breaks. dbt-project-evaluator lists these sources in `fct_undocumented_sources`.',
    fix: 'Add a `description:` to the source entry (not only to its tables), or a `{% docs %}` block referenced with `{{ doc(\'...\') }}`.',
    references: ['https://docs.getdbt.com/reference/resource-properties/description', 'https://dbt-labs.github.io/dbt-project-evaluator/latest/rules/documentation/#undocumented-sources'],
  },
  examples: {
    invalid: [
      `
      # @file models/staging/shop/_shop__sources.yml
      sources:
        - name: shop  # expect: docs/undocumented-source
          config:
            loaded_at_field: _loaded_at
            freshness:
              warn_after: {count: 12, period: hour}
          tables:
            - name: orders
              description: Orders as the shop backend writes them.
      `,
    ],
    valid: [
      `
      # @file models/staging/shop/_shop__sources.yml
      sources:
        - name: shop
          description: The web shop's Postgres database, replicated hourly by Fivetran.
          config:
            loaded_at_field: _loaded_at
            freshness:
              warn_after: {count: 12, period: hour}
          tables:
            - name: orders
              description: Orders as the shop backend writes them.
      `,
    ],
  },
  equivalents: ['dbt-project-evaluator:fct_undocumented_sources', 'dbt-checkpoint:check-source-has-description'],
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    const reported = new Set<string>();
    for (const { project, node, source } of projectSourceTables(ctx.index)) {
      if (isDescribed(source.description) || !node.properties) continue;
      const key = `${node.properties.file}#${source.path.join('/')}`;
      if (reported.has(key)) continue;
      reported.add(key);
      if (isExcepted(ctx.index, project, 'fct_undocumented_sources', { source_name: source.name })) continue;
      ctx.report({
        file: node.properties.file,
        yamlPath: [...source.path, 'name'], target: 'value',
        message: `Source \`${source.name}\` has no description: contributors cannot tell which system loads it, how or when. Add a \`description:\` to the source entry, beside its \`tables:\`.`,
      });
    }
  },
});
