import { isExcepted } from '../../standards/exceptions';
import { freshnessOf, isFreshnessEnabled, nameList, projectSourceTables, resourceName, type SourceTableResource } from '../../standards/resources';
import { defineRule, type ProjectRuleContext } from '../rule';

export default defineRule({
  id: 'testing/source-without-freshness',
  severity: 'warning',
  scope: 'project',
  description: 'A source table has no freshness threshold (`warn_after` or `error_after`).',
  docs: {
    why: 'Without a freshness threshold, `dbt source freshness` cannot tell that a loader stopped, and models keep rebuilding on stale data while dashboards look fine. Freshness results also drive `source_status:fresher+` selection. dbt-project-evaluator lists these tables in `fct_sources_without_freshness`. Freshness may be set on the source (all its tables inherit it), on the table, under `config:`, or for all sources in `dbt_project.yml`; `freshness: null` on a table turns it off. When no table of a source has freshness, the source is flagged once, where one block fixes them all.',
    fix: 'Add a `freshness:` block with `warn_after` and/or `error_after` (and a `loaded_at_field`) to the source, or to the tables that need their own threshold.',
    references: ['https://docs.getdbt.com/reference/resource-properties/freshness', 'https://dbt-labs.github.io/dbt-project-evaluator/latest/rules/testing/#missing-source-freshness'],
  },
  examples: {
    invalid: [
      `
      # @file models/staging/shop/_shop__sources.yml
      sources:
        - name: shop  # expect: testing/source-without-freshness
          description: The web shop's database.
          tables:
            - name: orders
              description: One row per order.
      `,
    ],
    valid: [
      `
      # @file models/staging/shop/_shop__sources.yml
      sources:
        - name: shop
          description: The web shop's database.
          config:
            loaded_at_field: _loaded_at
            freshness:
              warn_after: {count: 12, period: hour}
          tables:
            - name: orders
              description: One row per order.
      `,
    ],
  },
  equivalents: ['dbt-project-evaluator:fct_sources_without_freshness', 'dbt-checkpoint:check-source-has-freshness'],
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    const bySource = new Map<string, { tables: SourceTableResource[]; stale: SourceTableResource[] }>();
    for (const resource of projectSourceTables(ctx.index)) {
      if (!resource.node.properties) continue;
      const key = `${resource.node.properties.file}#${resource.source.path.join('/')}`;
      let entry = bySource.get(key);
      if (!entry) bySource.set(key, (entry = { tables: [], stale: [] }));
      entry.tables.push(resource);
      if (isFreshnessEnabled(freshnessOf(resource))) continue;
      if (isExcepted(ctx.index, resource.project, 'fct_sources_without_freshness', { resource_name: resourceName(resource.node) })) continue;
      entry.stale.push(resource);
    }
    for (const { tables, stale } of bySource.values()) {
      if (stale.length === 0) continue;
      const { source, node } = stale[0];
      const file = node.properties!.file;
      if (stale.length === tables.length && tables.length > 1) {
        ctx.report({
          file,
          yamlPath: [...source.path, 'name'],
          target: 'value',
          message: `No table of source \`${source.name}\` has a freshness threshold (${nameList(stale.map((resource) => resource.table.name))}): \`dbt source freshness\` cannot tell when its loader stops, and models rebuild on stale data unnoticed. Add a \`freshness:\` block with \`warn_after\` or \`error_after\` (and a \`loaded_at_field\`) to the source; its tables inherit it.`,
        });
        continue;
      }
      for (const { table, node: tableNode } of stale) {
        const onSource = tables.length === 1;
        ctx.report({
          file,
          yamlPath: [...(onSource ? source.path : tableNode.properties!.path), 'name'],
          target: 'value',
          message: `Source table \`${source.name}.${table.name}\` has no freshness threshold: \`dbt source freshness\` cannot tell when its loader stops, and models rebuild on stale data unnoticed. Add a \`freshness:\` block with \`warn_after\` or \`error_after\` (and a \`loaded_at_field\`) to ${onSource ? 'the source or the table' : 'this table, or to the source for all its tables'}.`,
        });
      }
    }
  },
});
