import type { Adapter } from '../../config/dplens-config';
import { checkedModels } from '../../partition/adapter-support';
import { modelFallbackLocation } from '../../partition/incremental';
import { hasLayout, materializationOf } from '../../partition/partitioning';
import { defineRule, type ProjectRuleContext } from '../rule';

const GIB = 1024 ** 3;

/** What to write on each adapter that can partition or cluster a table. */
const LAYOUT_HINTS: Partial<Record<Adapter, string>> = {
  bigquery: "partition it by its date or timestamp column (`partition_by={'field': 'event_date', 'data_type': 'date'}`) and cluster it by the columns queries filter on (`cluster_by`)",
  snowflake: 'cluster it by the columns queries filter on (`cluster_by`)',
  databricks: 'cluster it by the columns queries filter on (`liquid_clustered_by`), or partition it (`partition_by`)',
  spark: 'partition it by a low-cardinality date column (`partition_by`), or bucket it (`clustered_by` with `buckets`)',
  redshift: 'give it a sort key on the columns queries filter on (`sort`) and a distribution key (`dist`)',
  trino: "partition it (`properties={'partitioning': \"ARRAY['day(event_ts)']\"}` on Iceberg)",
};

export default defineRule({
  id: 'partition/large-table-not-partitioned',
  severity: 'warning',
  scope: 'project',
  description: 'A table or incremental model larger than a threshold (10 GiB by default, from catalog.json) is neither partitioned nor clustered.',
  docs: {
    why: [
      'Every query of an unpartitioned, unclustered table reads all of it, however narrow its filter: on BigQuery a query of a 500 GiB table costs the 500 GiB, and on Snowflake, Databricks and Redshift it scans every micro-partition or file.',
      'The size is the `num_bytes` (or `bytes`) statistic of the table in `target/catalog.json`, from the last `dbt docs generate`; a model counts as laid out when its config sets partitioning or clustering (`partition_by`, `cluster_by`, `liquid_clustered_by`, `clustered_by`, `sort`, `dist`, partitioning `properties`), or catalog.json reports a partitioning column or clustering fields.',
      'Postgres and DuckDB are left alone: dbt offers no partitioning there. Set the threshold with the `thresholdGib` option.',
    ].join(' '),
    fix: 'Partition the table by the date column its readers filter on and/or cluster it by the columns they filter or join on, in the model\'s `config()`.',
    references: [
      'https://docs.getdbt.com/reference/resource-configs/bigquery-configs#using-table-partitioning-and-clustering',
      'https://docs.getdbt.com/reference/resource-configs/snowflake-configs#configuring-table-clustering',
      'https://docs.getdbt.com/reference/resource-configs/databricks-configs#liquid-clustering',
    ],
  },
  options: {
    thresholdGib: { type: 'number', default: 10, description: 'The size, in GiB (2^30 bytes) from catalog.json, above which a table should be partitioned or clustered.' },
  },
  examples: {
    invalid: [
      `
      -- @file models/marts/fct_events.sql
      {{ config(materialized='table') }}  -- expect: partition/large-table-not-partitioned
      select 1 as event_id, current_date() as event_date
      -- @file target/catalog.json
      {"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/catalog/v1.json"},
       "nodes": {"model.fixture.fct_events": {"unique_id": "model.fixture.fct_events", "metadata": {"type": "table", "schema": "s", "name": "fct_events"},
         "columns": {}, "stats": {"num_bytes": {"id": "num_bytes", "label": "Approximate Size", "value": 53687091200, "include": true}}}},
       "sources": {}}
      `,
    ],
    valid: [
      `
      -- @file models/marts/fct_events.sql
      {{ config(materialized='table', partition_by={'field': 'event_date', 'data_type': 'date'}, cluster_by=['event_id']) }}
      select 1 as event_id, current_date() as event_date
      -- @file target/catalog.json
      {"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/catalog/v1.json"},
       "nodes": {"model.fixture.fct_events": {"unique_id": "model.fixture.fct_events", "metadata": {"type": "table", "schema": "s", "name": "fct_events"},
         "columns": {}, "stats": {"num_bytes": {"id": "num_bytes", "label": "Approximate Size", "value": 53687091200, "include": true}}}},
       "sources": {}}
      `,
    ],
  },
  equivalents: [],
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    const threshold = Number(ctx.options.thresholdGib ?? 10) * GIB;
    for (const { node, adapter } of checkedModels(ctx.index)) {
      const hint = LAYOUT_HINTS[adapter];
      if (!hint) continue;
      const materialized = materializationOf(node);
      if (materialized !== 'table' && materialized !== 'incremental') continue;
      const entry = ctx.index.catalogEntry(node.uniqueId);
      const bytes = entry?.stats.numBytes;
      if (bytes === undefined || bytes <= threshold) continue;
      if (hasLayout(node, entry)) continue;
      const location = modelFallbackLocation(ctx.index, node);
      if (!location) continue;
      const size = formatGib(bytes);
      ctx.report({
        ...location,
        message: `\`${node.name}\` is ${materialized === 'table' ? 'a table' : 'an incremental model'} of ${size} (catalog.json) with no partitioning or clustering: every query that reads it${materialized === 'incremental' ? ', and every incremental merge into it,' : ''} scans all ${size}, however narrow its filter. To let queries prune, ${hint}.`,
      });
    }
  },
});

function formatGib(bytes: number): string {
  const gib = bytes / GIB;
  if (gib >= 1024) return `${(gib / 1024).toFixed(1)} TiB`;
  return `${gib >= 100 ? Math.round(gib) : gib.toFixed(1)} GiB`;
}
