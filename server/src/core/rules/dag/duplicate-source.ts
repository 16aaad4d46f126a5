import { defineRule, type ProjectRuleContext } from '../rule';
import { isExcepted } from '../../standards/exceptions';
import { checkedNodes, resourceName } from '../../standards/dag';
import type { GraphNode } from '../../project/index-types';

export default defineRule({
  id: 'dag/duplicate-source',
  severity: 'warning',
  scope: 'project',
  description: 'Two source tables point at the same database, schema and identifier.',
  docs: {
    why: 'When two source entries name the same relation, models reading the same raw data spread over two nodes: lineage splits, freshness and tests run twice or only on one, and the documentation of the same table diverges. dbt-project-evaluator compares `database.schema.identifier` (`schema.identifier` when no database is set); so does this rule, ignoring case.',
    fix: 'Keep one source entry for the relation, remove the other, and change the `source()` calls that used it.',
    references: ['https://dbt-labs.github.io/dbt-project-evaluator/latest/rules/modeling/#duplicate-sources'],
  },
  examples: {
    invalid: [
      `
      # @file models/staging/_sources.yml
      version: 2
      sources:
        - name: shop
          schema: raw_shop
          tables:
            - name: orders
        - name: shop_legacy
          schema: raw_shop
          tables:
            - name: orders_v1  # expect: dag/duplicate-source
              identifier: orders
      -- @file models/staging/stg_shop__orders.sql
      select * from {{ source('shop', 'orders') }}
      -- @file models/staging/stg_shop_legacy__orders.sql
      select * from {{ source('shop_legacy', 'orders_v1') }}
      `,
    ],
    valid: [
      `
      # @file models/staging/_sources.yml
      version: 2
      sources:
        - name: shop
          schema: raw_shop
          tables:
            - name: orders
      -- @file models/staging/stg_shop__orders.sql
      select * from {{ source('shop', 'orders') }}
      `,
    ],
  },
  equivalents: ['dbt-project-evaluator:fct_duplicate_sources'],
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    const byLocation = new Map<string, { location: string; sources: GraphNode[] }>();
    for (const source of checkedNodes(ctx.index, 'source')) {
      if (!source.properties) continue;
      const relation = ctx.index.relationOf(source.uniqueId) ?? source.relation;
      if (!relation?.schema) continue;
      const location = [relation.database, relation.schema, relation.identifier].filter((part) => part !== undefined && part !== '').join('.');
      const key = `${source.projectId}\u0000${location.toLowerCase()}`;
      let group = byLocation.get(key);
      if (!group) byLocation.set(key, (group = { location, sources: [] }));
      group.sources.push(source);
    }
    for (const { location, sources } of byLocation.values()) {
      if (sources.length < 2) continue;
      const names = sources.map(resourceName).sort();
      const project = ctx.index.projects.get(sources[0].projectId);
      if (isExcepted(ctx.index, project, 'fct_duplicate_sources', { source_db_location: location, source_names: names.join("', '") })) continue;
      // The first declaration (by file, then position) is the one to keep; every later one is reported.
      const ordered = [...sources].sort((a, b) => compareDeclarations(a, b));
      for (const duplicate of ordered.slice(1)) {
        const kept = ordered[0];
        ctx.report({
          file: duplicate.properties!.file,
          yamlPath: [...duplicate.properties!.path, 'name'],
          target: 'value',
          message: `Source table \`${resourceName(duplicate)}\` points at \`${location}\`, like \`${resourceName(kept)}\`: two nodes for one relation split its lineage, tests and documentation. Keep one entry, remove this one, and read \`${resourceName(kept)}\` instead.`,
        });
      }
    }
  },
});

function compareDeclarations(a: GraphNode, b: GraphNode): number {
  const fileA = a.properties!.file;
  const fileB = b.properties!.file;
  if (fileA !== fileB) return fileA < fileB ? -1 : 1;
  const pathA = a.properties!.path;
  const pathB = b.properties!.path;
  for (let i = 0; i < Math.min(pathA.length, pathB.length); i++) {
    if (pathA[i] === pathB[i]) continue;
    if (typeof pathA[i] === 'number' && typeof pathB[i] === 'number') return (pathA[i] as number) - (pathB[i] as number);
    return String(pathA[i]) < String(pathB[i]) ? -1 : 1;
  }
  return pathA.length - pathB.length;
}
