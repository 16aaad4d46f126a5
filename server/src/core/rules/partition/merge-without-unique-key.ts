import { ADAPTER_NAMES, ADAPTER_STRATEGIES, besideSetting, configSetting, describeOrigin, GroupedReports, incrementalModels, isAbsent, strategyOf } from '../../partition/adapter-support';
import { defineRule, type ProjectRuleContext } from '../rule';

export default defineRule({
  id: 'partition/merge-without-unique-key',
  severity: 'warning',
  scope: 'project',
  description: 'An incremental model merges (by its `incremental_strategy`, or by the adapter\'s default) but has no `unique_key`, so the merge only ever inserts.',
  docs: {
    why: [
      'A merge updates the rows whose `unique_key` matches a new row and inserts the others. Without a `unique_key` no adapter fails: dbt writes the MERGE with an `ON FALSE` condition (BigQuery, Databricks, Spark, Postgres, Redshift, Trino, DuckDB) or a plain `INSERT` (Snowflake\'s `snowflake__get_merge_sql`), so every row of every run is inserted again.',
      'Rows selected twice (late data, a lookback window, a rerun) are then duplicated, and updates to existing rows never arrive.',
      'An explicit `incremental_strategy: merge` is a warning. An incremental model without `incremental_strategy` merges by default on BigQuery, Snowflake and Databricks; that is reported as info, since an append-only model may mean it.',
    ].join(' '),
    fix: 'Set `unique_key` to the column (or list of columns) that identifies a row; if the model is meant to only append, say so with `incremental_strategy: append` where the adapter supports it.',
    references: [
      'https://docs.getdbt.com/docs/build/incremental-strategy',
      'https://docs.getdbt.com/reference/resource-configs/unique_key',
      'https://github.com/dbt-labs/dbt-adapters/blob/main/dbt-snowflake/src/dbt/include/snowflake/macros/materializations/merge.sql',
      'https://github.com/dbt-labs/dbt-adapters/blob/main/dbt-adapters/src/dbt/include/global_project/macros/materializations/models/incremental/merge.sql',
    ],
  },
  examples: {
    invalid: [
      `
      # @file dplens.yml
      adapter: snowflake
      -- @file models/fct_orders.sql
      {{ config(materialized='incremental', incremental_strategy='merge') }}  -- expect: partition/merge-without-unique-key
      select 1 as order_id, current_timestamp() as updated_at
      `,
    ],
    valid: [
      `
      # @file dplens.yml
      adapter: snowflake
      -- @file models/fct_orders.sql
      {{ config(materialized='incremental', incremental_strategy='merge', unique_key='order_id') }}
      select 1 as order_id, current_timestamp() as updated_at
      `,
      `
      # @file dplens.yml
      adapter: snowflake
      -- @file models/fct_events.sql
      {{ config(materialized='incremental', incremental_strategy='append') }}
      select 1 as event_id, current_timestamp() as loaded_at
      `,
    ],
  },
  equivalents: [],
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    const grouped = new GroupedReports(ctx.report);
    for (const { node, adapter } of incrementalModels(ctx.index)) {
      const strategy = strategyOf(node, adapter);
      if (strategy?.strategy !== 'merge' || !isAbsent(node.config.unique_key)) continue;
      const name = ADAPTER_NAMES[adapter];
      const how = adapter === 'snowflake' ? 'dbt-snowflake then writes a plain `insert`' : 'dbt then writes the MERGE with `on FALSE`';
      const append = ADAPTER_STRATEGIES[adapter].strategies.includes('append') ? ', or set `incremental_strategy: append` if it is meant to only add rows' : ', or suppress this finding if the model is meant to only add rows';
      if (strategy.explicit) {
        const setting = configSetting(ctx.index, node, 'incremental_strategy');
        grouped.add(besideSetting(ctx.index, node, setting), node.name, 'explicit', (models, many) => ({
          message: `${models} merge${many ? '' : 's'}${describeOrigin(setting)} without a \`unique_key\`: on ${name} ${how}, so every selected row is inserted again and rows selected twice are duplicated, never updated. Set \`unique_key\` to the column(s) that identify a row${append}.`,
        }));
      } else {
        const setting = configSetting(ctx.index, node, 'materialized');
        grouped.add(besideSetting(ctx.index, node, setting), node.name, 'default', (models, many) => ({
          severity: 'info',
          message: `${models} ${many ? 'are incremental models' : 'is an incremental model'} without \`incremental_strategy\` or \`unique_key\`: on ${name} the default strategy is merge, and without a key ${how}, so rows selected twice are duplicated. Set \`unique_key\` to the column(s) that identify a row${append}.`,
        }));
      }
    }
    grouped.flush();
  },
});
