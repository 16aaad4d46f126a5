import { defineRule, type ProjectRuleContext } from '../rule';
import { dependencyLocation } from '../helpers';
import { evaluatorVars, standardsOf, thresholdOf } from '../../standards/evaluator-config';
import { isExcepted } from '../../standards/exceptions';
import { checkedNodes, resourceName } from '../../standards/dag';
import type { DbtProject, GraphNode, ProjectIndex } from '../../project/index-types';

/** dbt-project-evaluator's default: 5, or 4 on Athena, Trino and ClickHouse (its dbt_project.yml). */
const DEFAULT_THRESHOLD = 5;
const LOWER_THRESHOLD_ADAPTERS = new Set(['athena', 'trino', 'clickhouse']);

export default defineRule({
  id: 'dag/chained-views',
  severity: 'warning',
  scope: 'project',
  description: 'A model sits on a chain of views and ephemeral models longer than the threshold (5 by default).',
  docs: {
    why: 'Views and ephemeral models compute nothing when they are built: the warehouse runs the whole chain each time the model at its end is queried or built. A long chain makes that model slow and heavy to compile and run. dbt-project-evaluator flags a model whose distance from the top of an unbroken chain of views is greater than `chained_views_threshold` (5, or 4 on Athena, Trino and ClickHouse); this rule honours that variable when the project sets it.',
    fix: 'Materialize a model within the chain as a table or an incremental model: one used by many models, or one with heavy logic (window functions, many joins).',
    references: ['https://dbt-labs.github.io/dbt-project-evaluator/latest/rules/performance/#chained-view-dependencies'],
  },
  examples: {
    invalid: [
      `
      # @file seeds/raw_events.csv
      event_id
      1
      -- @file models/intermediate/int_events_1.sql
      select * from {{ ref('raw_events') }}
      -- @file models/intermediate/int_events_2.sql
      select * from {{ ref('int_events_1') }}
      -- @file models/intermediate/int_events_3.sql
      {{ config(materialized='ephemeral') }}
      select * from {{ ref('int_events_2') }}
      -- @file models/intermediate/int_events_4.sql
      select * from {{ ref('int_events_3') }}
      -- @file models/intermediate/int_events_5.sql
      select * from {{ ref('int_events_4') }}
      -- @file models/intermediate/int_events_6.sql
      select * from {{ ref('int_events_5') }}
      -- @file models/marts/fct_events.sql
      {{ config(materialized='table') }}
      select * from {{ ref('int_events_6') }}  -- expect: dag/chained-views
      `,
    ],
    valid: [
      `
      # @file seeds/raw_events.csv
      event_id
      1
      -- @file models/intermediate/int_events_1.sql
      select * from {{ ref('raw_events') }}
      -- @file models/intermediate/int_events_2.sql
      select * from {{ ref('int_events_1') }}
      -- @file models/intermediate/int_events_3.sql
      {{ config(materialized='ephemeral') }}
      select * from {{ ref('int_events_2') }}
      -- @file models/intermediate/int_events_4.sql
      {{ config(materialized='table') }}
      select * from {{ ref('int_events_3') }}
      -- @file models/intermediate/int_events_5.sql
      select * from {{ ref('int_events_4') }}
      -- @file models/intermediate/int_events_6.sql
      select * from {{ ref('int_events_5') }}
      -- @file models/marts/fct_events.sql
      {{ config(materialized='table') }}
      select * from {{ ref('int_events_6') }}
      `,
    ],
  },
  equivalents: ['dbt-project-evaluator:fct_chained_views_dependencies'],
  options: {
    threshold: {
      type: 'number',
      default: DEFAULT_THRESHOLD,
      description: 'A model is flagged when more than this many views and ephemeral models are chained above it; when left at its default, the evaluator variable `chained_views_threshold` (or its adapter-dependent default) applies.',
    },
  },
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    const chains = new ChainLengths(ctx.index);
    // One threshold per project: reading the evaluator's variables for every model would copy them every time.
    const thresholds = new Map<string, number>();
    for (const node of checkedNodes(ctx.index, 'model')) {
      if (!node.file) continue;
      const project = ctx.index.projects.get(node.projectId);
      let threshold = thresholds.get(node.projectId);
      if (threshold === undefined) thresholds.set(node.projectId, (threshold = thresholdOf(ctx.options, 'threshold', DEFAULT_THRESHOLD, evaluatorThreshold(project))));
      // The longest unbroken chain of views directly above this model, top first.
      let best: GraphNode[] = [];
      for (const parentId of new Set(ctx.index.parents(node.uniqueId))) {
        const chain = chains.chainEndingAt(parentId);
        if (chain.length > best.length) best = chain;
      }
      if (best.length <= threshold) continue;
      // The evaluator has one row per (parent, child) at a distance above the threshold; all must be excepted.
      const far = best.slice(0, best.length - threshold);
      if (far.every((parent) => isExcepted(ctx.index, project, 'fct_chained_views_dependencies', { parent: resourceName(parent), child: resourceName(node) }))) continue;
      const nearest = best[best.length - 1];
      const dependency = node.dependencies.find((candidate) => candidate.target === nearest.uniqueId && candidate.file === node.file);
      const path = [...best, node].map((member) => member.name).join(' → ');
      ctx.report({
        ...(dependency ? dependencyLocation(dependency) : { file: node.file, span: { start: 0, end: 0 } }),
        message: `\`${node.name}\` is built on a chain of ${best.length} views and ephemeral models (${path}), more than the limit of ${threshold}: the warehouse reruns the whole chain for it, which makes it slow. Materialize a model within the chain as a table or incremental model.`,
      });
    }
  },
});

/** The project's `chained_views_threshold`, else the evaluator's default for the project's adapter. */
function evaluatorThreshold(project: DbtProject | undefined): number {
  const vars = evaluatorVars(project);
  const value = vars.chained_views_threshold;
  if (typeof value === 'number' || (typeof value === 'string' && /^\s*\d+\s*$/.test(value))) return standardsOf(project).chainedViewsThreshold;
  return project && LOWER_THRESHOLD_ADAPTERS.has(project.adapter) ? 4 : DEFAULT_THRESHOLD;
}

/** Memoised longest chains of views and ephemeral models ending at a node, guarded against cycles. */
class ChainLengths {
  private readonly memo = new Map<string, GraphNode[]>();
  private readonly visiting = new Set<string>();

  constructor(private readonly index: ProjectIndex) {}

  chainEndingAt(uniqueId: string): GraphNode[] {
    const known = this.memo.get(uniqueId);
    if (known) return known;
    const node = this.index.node(uniqueId);
    if (!node || !isVirtual(node) || this.visiting.has(uniqueId)) return [];
    this.visiting.add(uniqueId);
    let longest: GraphNode[] = [];
    for (const parentId of new Set(this.index.parents(uniqueId))) {
      const chain = this.chainEndingAt(parentId);
      if (chain.length > longest.length) longest = chain;
    }
    this.visiting.delete(uniqueId);
    const result = [...longest, node];
    this.memo.set(uniqueId, result);
    return result;
  }
}

/** Models that compute nothing when built: views (dbt's default materialization) and ephemeral models. */
function isVirtual(node: GraphNode): boolean {
  if (node.resourceType !== 'model' || !node.enabled) return false;
  const materialized = node.config.materialized ?? 'view';
  return materialized === 'view' || materialized === 'ephemeral';
}
