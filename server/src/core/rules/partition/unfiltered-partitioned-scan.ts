import { defineRule, type FileRuleContext } from '../rule';
import { isSqlSummary, type RelationFact } from '../../project/summary';
import type { GraphNode } from '../../project/index-types';
import { incrementalPart, modelIncrementalBlocks } from '../../partition/incremental';
import { partitioningOf, type Partitioning } from '../../partition/partitioning';
import { partitionFilterOf } from '../../partition/scan';
import { ADAPTER_NAMES } from '../../partition/adapter-support';
import { callText } from '../../standards/layers';
import type { Span } from '../../text';

export default defineRule({
  id: 'partition/unfiltered-partitioned-scan',
  severity: 'warning',
  scope: 'file',
  description: 'A query reads a partitioned relation without a predicate on its partition column.',
  docs: {
    why: [
      'A partitioned table is cheap to read only when the query says which partitions it needs: without a predicate on the partition column, BigQuery scans (and bills) every partition, and Spark and Databricks read every file.',
      'A relation counts as partitioned when its model sets `partition_by` (BigQuery\'s `field`, or the columns on Spark and Databricks) and builds a table, or when catalog.json reports a partitioning column (BigQuery\'s `partitioning_type` stat, for sources too).',
      'The predicate must be in the query whose `FROM` or `JOIN` names the relation, or, when that query is a CTE or a derived table that passes the column on, in a query reading it: BigQuery pushes such a filter down to the scan. Any predicate on the column counts (`>= date_sub(current_date(), interval 3 day)`, `between`, a `{{ var() }}`, a qualified `e.event_date`).',
      'A filter inside `{% if is_incremental() %}` counts: incremental runs read the new partitions only, and the first run or a `--full-refresh` is expected to read everything. When the relation sets `require_partition_filter=true`, though, BigQuery rejects a query without the filter, so such a filter that exists on incremental runs only makes full refreshes fail: an error, as is any read without a filter.',
      'When a macro call in the query may write the filter, the rule stays silent.',
    ].join(' '),
    fix: 'Add a predicate on the partition column to the query that reads the relation (`where event_date >= date_sub(current_date(), interval 30 day)`), or read a model that already narrows it.',
    references: [
      'https://cloud.google.com/bigquery/docs/querying-partitioned-tables',
      'https://docs.getdbt.com/reference/resource-configs/bigquery-configs#partition-clause',
      'https://cloud.google.com/bigquery/docs/managing-partitioned-tables#require-filter',
    ],
  },
  examples: {
    invalid: [
      `
      -- @file models/marts/fct_daily_events.sql
      select event_date, count(*) as events
      from {{ ref('int_events') }}  -- expect: partition/unfiltered-partitioned-scan
      group by event_date
      -- @file models/intermediate/int_events.sql
      {{ config(materialized='table', partition_by={'field': 'event_date', 'data_type': 'date'}) }}
      select 1 as event_id, current_date() as event_date
      `,
      `
      # @file dplens.yml
      adapter: databricks
      -- @file models/marts/fct_daily_events.sql
      select event_date, count(*) as events
      from {{ ref('int_events') }}  -- expect: partition/unfiltered-partitioned-scan
      group by event_date
      -- @file models/intermediate/int_events.sql
      {{ config(materialized='table', partition_by=['event_date']) }}
      select 1 as event_id, current_date() as event_date
      `,
    ],
    valid: [
      `
      -- @file models/marts/fct_daily_events.sql
      with events as (
        select * from {{ ref('int_events') }}
        where event_date >= date_sub(current_date(), interval 30 day)
      )
      select event_date, count(*) as events from events group by event_date
      -- @file models/intermediate/int_events.sql
      {{ config(materialized='table', partition_by={'field': 'event_date', 'data_type': 'date'}) }}
      select 1 as event_id, current_date() as event_date
      `,
      `
      # @file dplens.yml
      adapter: databricks
      -- @file models/marts/fct_daily_events.sql
      select event_date, count(*) as events
      from {{ ref('int_events') }}
      where event_date >= date_sub(current_date(), 30)
      group by event_date
      -- @file models/intermediate/int_events.sql
      {{ config(materialized='table', partition_by=['event_date']) }}
      select 1 as event_id, current_date() as event_date
      `,
    ],
  },
  equivalents: [],
  fix: 'none',
  appliesTo: (file) => (file.kind === 'model' || file.kind === 'analysis' || file.kind === 'snapshot') && isSqlSummary(file),
  check(ctx: FileRuleContext) {
    const file = ctx.file;
    if (!isSqlSummary(file) || !file.facts) return;
    const node = ctx.index.nodesOfFile(file.path).find((candidate) => candidate.dependencies.length > 0);
    if (!node || !node.enabled || node.isPackage) return;
    const text = ctx.index.text(file.path);
    if (text === undefined) return;
    const incrementalParts = modelIncrementalBlocks(file).map(incrementalPart).filter((part): part is Span => part !== undefined);
    const seen = new Set<number>();
    for (const relation of [...file.facts.relations, ...(file.incrementalFacts?.relations ?? [])]) {
      if (seen.has(relation.span.start)) continue;
      seen.add(relation.span.start);
      if (!relation.from || relation.from.kind === 'this' || (relation.clause !== 'from' && relation.clause !== 'join')) continue;
      const target = targetOf(ctx, node, relation);
      if (!target) continue;
      const project = ctx.index.projects.get(target.projectId);
      if (!project) continue;
      const partitioning = partitioningOf(ctx.index, target, project.adapter);
      if (!partitioning) continue;
      const verdict = partitionFilterOf(text, relation.span, { columns: partitioning.columns, incrementalParts });
      if (verdict === 'filtered' || verdict === 'unsure') continue;
      if (verdict === 'incremental-only' && !partitioning.requireFilter) continue;
      ctx.report({
        file: file.path,
        span: relation.span,
        severity: partitioning.requireFilter ? 'error' : 'warning',
        message: messageFor(target, partitioning, ADAPTER_NAMES[project.adapter], verdict === 'incremental-only'),
      });
    }
  },
});

/** The model or source a `ref()`/`source()` relation resolves to. */
function targetOf(ctx: FileRuleContext, node: GraphNode, relation: RelationFact): GraphNode | undefined {
  const dependency = node.dependencies.find(
    (candidate) => candidate.kind === relation.from!.kind && candidate.file === ctx.file.path && candidate.span && relation.span.start <= candidate.span.start && candidate.span.end <= relation.span.end,
  );
  return dependency?.target ? ctx.index.node(dependency.target) : undefined;
}

function messageFor(target: GraphNode, partitioning: Partitioning, adapter: string, incrementalOnly: boolean): string {
  const columns = partitioning.columns.map((column) => `\`${column}\``).join(' or ');
  const partitioned = partitioning.columns.length > 0 ? `partitioned by ${columns}` : 'partitioned';
  const basis = partitioning.basis === 'config' ? '`partition_by`' : 'catalog.json';
  const what = `\`${callText(target)}\` is ${partitioned} (${basis})`;
  const example = partitioning.columns.length > 0 ? `\`where ${partitioning.columns[0]} >= date_sub(current_date(), interval 30 day)\`` : 'a predicate on its partition column';
  if (incrementalOnly) {
    return `${what} and requires a partition filter, but the only filter on it is inside \`{% if is_incremental() %}\`: the first run and every \`--full-refresh\` query it without one, and ${adapter} rejects the query. Add a filter that applies on full refreshes too (an \`{% else %}\` branch with a start date, for example).`;
  }
  if (partitioning.requireFilter) {
    return `${what} and requires a partition filter, but the query that reads it has no predicate on ${partitioning.columns.length > 0 ? columns : 'its partition column'}: ${adapter} rejects the query. Add ${example} to the query that reads it.`;
  }
  return `${what}, but the query that reads it has no predicate on ${partitioning.columns.length > 0 ? columns : 'its partition column'}: ${adapter} scans every partition, at the cost of the whole table on every run. Add ${example} to the query that reads it, or read a model that already narrows it.`;
}
