import type { GraphNode, ProjectIndex } from '../../project/index-types';
import { childrenAcrossCopies } from '../../standards/dag';
import { isExcepted } from '../../standards/exceptions';
import { evaluatorName } from '../../standards/layers';
import { defineRule, type ProjectRuleContext } from '../rule';

/** The distinct enabled models that read a node directly, by name. */
function modelChildren(index: ProjectIndex, id: string): GraphNode[] {
  const children = new Map<string, GraphNode>();
  for (const childId of childrenAcrossCopies(index, id)) {
    const child = index.node(childId);
    if (child && child.enabled && child.resourceType === 'model') children.set(child.uniqueId, child);
  }
  return [...children.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * A project rule: a source's children are written in other files, so only the graph knows them.
 * It reruns when the graph changes, which is whenever a `source()` call appears or disappears.
 */
export default defineRule({
  id: 'dag/source-fanout',
  severity: 'warning',
  scope: 'project',
  description: 'A source table is read directly by more than one model.',
  docs: {
    why: [
      'Each source table should be read by a single staging model that renames, recasts and lightly cleans it; every other model reads that staging model.',
      'When several models read the same source, the cleaning is repeated in each (and drifts apart), and a change in the raw table must be fixed in every one of them.',
      'Heavily nested or JSON-packed sources that must be split into several `base_` models are the usual exception: list them in `dbt_project_evaluator_exceptions.csv` (`fct_source_fanout`, column `parent`, as `source_name.table_name`).',
    ].join(' '),
    fix: 'Keep one staging model reading the source, and change the other models to `ref()` that staging model.',
    references: ['https://dbt-labs.github.io/dbt-project-evaluator/latest/rules/modeling/#source-fanout'],
  },
  examples: {
    invalid: [
      `
      -- @file models/staging/shop/stg_shop__orders.sql
      select * from {{ source('shop', 'orders') }}
      -- @file models/staging/shop/stg_shop__order_dates.sql
      select order_id, ordered_at from {{ source('shop', 'orders') }}
      # @file models/staging/shop/_shop__sources.yml
      version: 2
      sources:
        - name: shop
          tables:
            - name: orders  # expect: dag/source-fanout
      `,
    ],
    valid: [
      `
      -- @file models/staging/shop/stg_shop__orders.sql
      select * from {{ source('shop', 'orders') }}
      -- @file models/intermediate/int_order_dates.sql
      select order_id, ordered_at from {{ ref('stg_shop__orders') }}
      # @file models/staging/shop/_shop__sources.yml
      version: 2
      sources:
        - name: shop
          tables:
            - name: orders
      `,
    ],
  },
  equivalents: ['dbt-project-evaluator:fct_source_fanout'],
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    for (const source of ctx.index.nodes()) {
      // A source file several projects share is reported once, on its first owner's node, with every owner's readers.
      if (source.resourceType !== 'source' || !source.enabled || !source.properties || source.copyOf !== undefined) continue;
      const children = modelChildren(ctx.index, source.uniqueId);
      if (children.length < 2) continue;
      const parent = evaluatorName(source);
      const project = ctx.index.projects.get(source.projectId);
      if (isExcepted(ctx.index, project, 'fct_source_fanout', { parent, model_children: children.map((child) => child.name).join("', '") })) continue;
      ctx.report({
        file: source.properties.file,
        yamlPath: [...source.properties.path, 'name'],
        target: 'value',
        message: `The source \`${parent}\` is read directly by ${children.length} models (${children.map((child) => `\`${child.name}\``).join(', ')}): each source table should be read by one staging model, so its cleaning is written once. Keep one staging model on this source and \`ref()\` it from the others.`,
      });
    }
  },
});
