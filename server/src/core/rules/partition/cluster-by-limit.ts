import { checkedModels, configSetting, GroupedReports, isUnknownValue } from '../../partition/adapter-support';
import { defineRule, type ProjectRuleContext } from '../rule';

/** BigQuery clusters a table by at most four columns. */
const BIGQUERY_MAX_CLUSTER_COLUMNS = 4;

export default defineRule({
  id: 'partition/cluster-by-limit',
  severity: 'error',
  scope: 'project',
  description: 'A BigQuery model clusters by more than four columns.',
  docs: {
    why: 'BigQuery clusters a table by up to four columns, and rejects a table or incremental model whose `cluster_by` lists more: the build fails when dbt creates the table. Columns after the first few also help little, since BigQuery sorts by them in order.',
    fix: 'Keep the four columns queries filter on most, in order of how often they are filtered on; partition by a date column rather than clustering by it.',
    references: [
      'https://docs.getdbt.com/reference/resource-configs/bigquery-configs#clustering-clause',
      'https://cloud.google.com/bigquery/docs/clustered-tables#limitations',
    ],
  },
  examples: {
    invalid: [
      `
      -- @file models/fct_orders.sql
      {{ config(materialized='table', cluster_by=['customer_id', 'store_id', 'product_id', 'channel', 'status']) }}  -- expect: partition/cluster-by-limit
      select 1 as customer_id, 1 as store_id, 1 as product_id, 'web' as channel, 'paid' as status
      `,
    ],
    valid: [
      `
      -- @file models/fct_orders.sql
      {{ config(materialized='table', cluster_by=['customer_id', 'store_id', 'product_id', 'channel']) }}
      select 1 as customer_id, 1 as store_id, 1 as product_id, 'web' as channel
      `,
    ],
  },
  equivalents: [],
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    const grouped = new GroupedReports(ctx.report);
    for (const { node, adapter } of checkedModels(ctx.index)) {
      if (adapter !== 'bigquery') continue;
      const clusterBy = node.config.cluster_by;
      if (!Array.isArray(clusterBy) || clusterBy.length <= BIGQUERY_MAX_CLUSTER_COLUMNS || clusterBy.some(isUnknownValue)) continue;
      const setting = configSetting(ctx.index, node, 'cluster_by');
      if (!setting) continue;
      const columns = clusterBy.map((column) => `\`${String(column)}\``).join(', ');
      grouped.add(setting.location, node.name, columns, (models, many) => ({
        message: `${models} cluster${many ? '' : 's'} by ${clusterBy.length} columns (${columns}), but BigQuery allows at most ${BIGQUERY_MAX_CLUSTER_COLUMNS}: creating the table fails. Keep the ${BIGQUERY_MAX_CLUSTER_COLUMNS} columns queries filter on most, in that order.`,
      }));
    }
    grouped.flush();
  },
});
