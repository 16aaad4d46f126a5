import { besideSetting, configSetting, describeOrigin, GroupedReports, incrementalModels, isAbsent, strategyOf } from '../../partition/adapter-support';
import { defineRule, type ProjectRuleContext } from '../rule';

export default defineRule({
  id: 'partition/insert-overwrite-without-partition',
  severity: 'warning',
  scope: 'project',
  description: 'An incremental model uses the `insert_overwrite` strategy without `partition_by`, so there are no partitions to replace.',
  docs: {
    why: [
      '`insert_overwrite` replaces the partitions the new rows fall in, and leaves the others alone; without `partition_by` there is nothing to replace partition by partition.',
      'On BigQuery dbt stops with "The \'insert_overwrite\' strategy requires the `partition_by` config" (an error).',
      'On Spark and Databricks dbt runs `insert overwrite table` over the whole table (a warning): every incremental run replaces the table with only the rows of that run, so the history the `is_incremental()` filter leaves out is lost.',
      'On Snowflake, which has no partitions, `insert_overwrite` always replaces the whole table, as dbt-snowflake documents (a warning).',
      'On Databricks, `liquid_clustered_by` gives the replaced rows a key instead (`INSERT ... REPLACE ON`), so such models are not flagged.',
    ].join(' '),
    fix: 'Set `partition_by` (on BigQuery a mapping with `field` and `data_type`), or use `merge` with a `unique_key`; on Snowflake use `merge`, `delete+insert` or a table.',
    references: [
      'https://docs.getdbt.com/docs/build/incremental-strategy',
      'https://docs.getdbt.com/reference/resource-configs/bigquery-configs#the-insert_overwrite-strategy',
      'https://docs.getdbt.com/reference/resource-configs/databricks-configs#the-insert_overwrite-strategy',
      'https://docs.getdbt.com/reference/resource-configs/spark-configs#the-insert_overwrite-strategy',
      'https://docs.getdbt.com/reference/resource-configs/snowflake-configs',
    ],
  },
  examples: {
    invalid: [
      `
      -- @file models/fct_events.sql
      {{ config(materialized='incremental', incremental_strategy='insert_overwrite') }}  -- expect: partition/insert-overwrite-without-partition
      select 1 as event_id, current_date() as event_date
      `,
      `
      # @file dplens.yml
      adapter: databricks
      -- @file models/fct_events.sql
      {{ config(materialized='incremental', incremental_strategy='insert_overwrite') }}  -- expect: partition/insert-overwrite-without-partition
      select 1 as event_id, current_date() as event_date
      `,
    ],
    valid: [
      `
      -- @file models/fct_events.sql
      {{ config(
          materialized='incremental',
          incremental_strategy='insert_overwrite',
          partition_by={'field': 'event_date', 'data_type': 'date'}
      ) }}
      select 1 as event_id, current_date() as event_date
      `,
      `
      # @file dplens.yml
      adapter: databricks
      -- @file models/fct_events.sql
      {{ config(materialized='incremental', incremental_strategy='insert_overwrite', partition_by=['event_date']) }}
      select 1 as event_id, current_date() as event_date
      `,
    ],
  },
  equivalents: [],
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    const grouped = new GroupedReports(ctx.report);
    for (const { node, adapter } of incrementalModels(ctx.index)) {
      if (strategyOf(node, adapter)?.strategy !== 'insert_overwrite') continue;
      const setting = configSetting(ctx.index, node, 'incremental_strategy');
      const where = describeOrigin(setting);
      const location = besideSetting(ctx.index, node, setting);
      if (adapter === 'snowflake') {
        grouped.add(location, node.name, 'snowflake', (models, many) => ({
          severity: 'warning',
          message: `${models} use${many ? '' : 's'} \`incremental_strategy: insert_overwrite\`${where}, which on Snowflake replaces the whole table on every run (Snowflake has no partitions to replace): an incremental run keeps only the rows it selects. Use \`merge\` or \`delete+insert\` with a \`unique_key\`, or materialize a table.`,
        }));
        continue;
      }
      if (adapter !== 'bigquery' && adapter !== 'databricks' && adapter !== 'spark') continue;
      if (!isAbsent(node.config.partition_by)) continue;
      if (adapter === 'databricks' && !isAbsent(node.config.liquid_clustered_by)) continue;
      if (adapter === 'bigquery') {
        grouped.add(location, node.name, 'bigquery', (models, many) => ({
          severity: 'error',
          message: `${models} use${many ? '' : 's'} \`incremental_strategy: insert_overwrite\`${where} without \`partition_by\`: on BigQuery dbt stops with "The 'insert_overwrite' strategy requires the \`partition_by\` config". Add \`partition_by\` (a mapping with \`field\` and \`data_type\`), or use \`merge\` with a \`unique_key\`.`,
        }));
      } else {
        const name = adapter === 'spark' ? 'Spark' : 'Databricks';
        grouped.add(location, node.name, 'spark', (models, many) => ({
          severity: 'warning',
          message: `${models} use${many ? '' : 's'} \`incremental_strategy: insert_overwrite\`${where} without \`partition_by\`: on ${name} dbt then runs \`insert overwrite table\` over the whole table, so each incremental run replaces it with only the rows that run selects. Add \`partition_by\` so only the partitions of the new rows are replaced${adapter === 'databricks' ? ' (or `liquid_clustered_by`)' : ''}, or use \`merge\` with a \`unique_key\`.`,
        }));
      }
    }
    grouped.flush();
  },
});

