import { firstLineSpan } from '../../text';
import type { GraphNode, ProjectIndex } from '../../project/index-types';
import { standardsOf, thresholdOf } from '../../standards/evaluator-config';
import { childrenAcrossCopies } from '../../standards/dag';
import { isExcepted } from '../../standards/exceptions';
import { evaluatorModelType, evaluatorName } from '../../standards/layers';
import { defineRule, type FindingLocation, type ProjectRuleContext } from '../rule';

const DEFAULT_THRESHOLD = 3;

/** Resources that do not make their parent a non-leaf: the evaluator leaves tests out of its DAG, and has no analyses. */
const NOT_IN_DAG = new Set(['test', 'analysis']);

/** A model with no children in the evaluator's DAG: nothing but tests (or analyses) reads it. */
function isLeafModel(index: ProjectIndex, node: GraphNode): boolean {
  if (node.resourceType !== 'model' || !node.enabled) return false;
  return index.children(node.uniqueId).every((id) => {
    const child = index.node(id);
    return !child || !child.enabled || NOT_IN_DAG.has(child.resourceType);
  });
}

/** The parent's own file, first line; a source's table name in YAML. */
function parentLocation(index: ProjectIndex, parent: GraphNode): FindingLocation | undefined {
  if (parent.file && parent.resourceType !== 'source') {
    return { file: parent.file, span: firstLineSpan(index.text(parent.file)) };
  }
  if (parent.properties) return { file: parent.properties.file, yamlPath: [...parent.properties.path, 'name'], target: 'value' };
  return undefined;
}

/**
 * A project rule: whether a child is a leaf depends on files that read the child, so only the graph can tell.
 * It reruns when the graph changes (a ref() added or removed anywhere), never per keystroke inside a query.
 */
export default defineRule({
  id: 'dag/model-fanout',
  severity: 'warning',
  scope: 'project',
  description: 'A model (or other resource) has many direct children that are leaves of the DAG.',
  docs: {
    why: [
      'Many end-of-the-line models built directly from one parent often mean that reporting logic lives in dbt that belongs in the BI tool, or that a shared business transformation is repeated in each child instead of being computed once upstream.',
      'As in dbt-project-evaluator, only leaf children count: models that nothing but tests reads.',
      'The threshold is the `threshold` option, or the evaluator variable `models_fanout_threshold` when the project sets it in `dbt_project.yml` (default 3).',
      'Some BI tools prefer wide pre-built tables; such parents can be listed in `dbt_project_evaluator_exceptions.csv` (`fct_model_fanout`, column `parent`).',
    ].join(' '),
    fix: 'Decide as a team where the dbt project ends: move the per-report logic of the leaf children to the BI layer, or move what they share into the parent or one intermediate model.',
    references: ['https://dbt-labs.github.io/dbt-project-evaluator/latest/rules/modeling/#model-fanout'],
  },
  examples: {
    invalid: [
      `
      -- @file models/marts/fct_orders.sql
      select * from {{ ref('stg_shop__orders') }}  -- expect: dag/model-fanout
      -- @file models/marts/fct_daily_orders.sql
      select * from {{ ref('fct_orders') }}
      -- @file models/marts/fct_weekly_orders.sql
      select * from {{ ref('fct_orders') }}
      -- @file models/marts/fct_monthly_orders.sql
      select * from {{ ref('fct_orders') }}
      -- @file models/staging/shop/stg_shop__orders.sql
      select * from {{ source('shop', 'orders') }}
      # @file models/staging/shop/_shop__sources.yml
      version: 2
      sources:
        - name: shop
          tables:
            - name: orders
      `,
    ],
    valid: [
      `
      -- @file models/marts/fct_orders.sql
      select * from {{ ref('stg_shop__orders') }}
      -- @file models/marts/fct_daily_orders.sql
      select * from {{ ref('fct_orders') }}
      -- @file models/marts/fct_weekly_orders.sql
      select * from {{ ref('fct_orders') }}
      -- @file models/staging/shop/stg_shop__orders.sql
      select * from {{ source('shop', 'orders') }}
      # @file models/staging/shop/_shop__sources.yml
      version: 2
      sources:
        - name: shop
          tables:
            - name: orders
      `,
    ],
  },
  equivalents: ['dbt-project-evaluator:fct_model_fanout'],
  options: {
    threshold: {
      type: 'number',
      default: DEFAULT_THRESHOLD,
      description: 'Flag a resource with at least this many direct leaf children. Left at its default, the evaluator variable `models_fanout_threshold` applies when the project sets it.',
    },
  },
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    for (const parent of ctx.index.nodes()) {
      // A file several projects share is reported once, on its first owner's node, with every owner's children.
      if (!parent.enabled || NOT_IN_DAG.has(parent.resourceType) || parent.resourceType === 'exposure' || parent.copyOf !== undefined) continue;
      const project = ctx.index.projects.get(parent.projectId);
      const threshold = thresholdOf(ctx.options, 'threshold', DEFAULT_THRESHOLD, standardsOf(project).modelsFanoutThreshold);
      const leaves = new Map<string, GraphNode>();
      for (const id of childrenAcrossCopies(ctx.index, parent.uniqueId)) {
        const child = ctx.index.node(id);
        if (child && isLeafModel(ctx.index, child)) leaves.set(child.uniqueId, child);
      }
      if (leaves.size === 0 || leaves.size < threshold) continue;
      const names = [...leaves.values()].map((child) => child.name).sort();
      const parentName = evaluatorName(parent);
      const parentType = evaluatorModelType(ctx.index, parent);
      if (isExcepted(ctx.index, project, 'fct_model_fanout', { parent: parentName, parent_model_type: parentType, leaf_children: names.join("', '") })) continue;
      const location = parentLocation(ctx.index, parent);
      if (!location) continue;
      const what = parent.resourceType === 'model' ? (parentType && parentType !== 'other' ? `The ${parentType} model` : 'The model') : `The ${parent.resourceType}`;
      ctx.report({
        ...location,
        message: `${what} \`${parentName}\` has ${names.length} direct leaf children (${names.map((name) => `\`${name}\``).join(', ')}; the threshold is ${threshold}): many end-of-the-line models from one parent suggest reporting logic that belongs in the BI tool, or a shared transformation repeated in each child. Move that logic to the BI layer or upstream into one model.`,
      });
    }
  },
});
