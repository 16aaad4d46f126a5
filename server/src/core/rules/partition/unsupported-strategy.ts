import { ADAPTER_NAMES, ADAPTER_STRATEGIES, BUILTIN_STRATEGIES, configSetting, GroupedReports, incrementalModels, strategyOf } from '../../partition/adapter-support';
import { closestName } from '../suggest';
import { defineRule, type ProjectRuleContext } from '../rule';

export default defineRule({
  id: 'partition/unsupported-strategy',
  severity: 'error',
  scope: 'project',
  description: 'An incremental model names an `incremental_strategy` its adapter does not support.',
  docs: {
    why: [
      'Each adapter implements its own set of incremental strategies, and dbt stops when a model asks for another: "Invalid incremental strategy provided" on BigQuery and Spark, "The incremental strategy \'…\' is not valid for this adapter" or "dbt could not find an incremental strategy macro" elsewhere.',
      'The failure comes only at run time, on the first incremental run after the table exists, which is often in production.',
      'Supported: BigQuery merge, insert_overwrite, microbatch; Snowflake append, merge, delete+insert, insert_overwrite, microbatch; Databricks append, merge, insert_overwrite, replace_where, delete+insert, microbatch; Spark append, merge, insert_overwrite, microbatch; Redshift, Postgres, Trino and DuckDB append, merge, delete+insert, microbatch (merge and microbatch from DuckDB 1.4).',
      'A strategy that is not one of dbt\'s built-in ones is accepted when the project defines its macro `get_incremental_<name>_sql` (a custom strategy), except on BigQuery and Spark, whose materializations accept only their own list.',
    ].join(' '),
    fix: 'Use a strategy the adapter supports (on BigQuery, `merge` with a `unique_key` or `insert_overwrite` with `partition_by`), or define the custom strategy\'s macro.',
    references: [
      'https://docs.getdbt.com/docs/build/incremental-strategy',
      'https://docs.getdbt.com/docs/build/incremental-strategy#custom-strategies',
      'https://docs.getdbt.com/reference/resource-configs/bigquery-configs',
      'https://docs.getdbt.com/reference/resource-configs/databricks-configs',
      'https://docs.getdbt.com/reference/resource-configs/spark-configs',
      'https://docs.getdbt.com/reference/resource-configs/snowflake-configs',
    ],
  },
  examples: {
    invalid: [
      `
      -- @file models/fct_orders.sql
      {{ config(materialized='incremental', incremental_strategy='delete+insert', unique_key='order_id') }}  -- expect: partition/unsupported-strategy
      select 1 as order_id
      `,
      `
      # @file dplens.yml
      adapter: postgres
      -- @file models/fct_orders.sql
      {{ config(materialized='incremental', incremental_strategy='insert_overwrite') }}  -- expect: partition/unsupported-strategy
      select 1 as order_id
      `,
    ],
    valid: [
      `
      -- @file models/fct_orders.sql
      {{ config(materialized='incremental', incremental_strategy='merge', unique_key='order_id') }}
      select 1 as order_id
      `,
      `
      # @file dplens.yml
      adapter: postgres
      -- @file models/fct_orders.sql
      {{ config(materialized='incremental', incremental_strategy='delete+insert', unique_key='order_id') }}
      select 1 as order_id
      `,
    ],
  },
  equivalents: [],
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    const grouped = new GroupedReports(ctx.report);
    for (const { node, adapter } of incrementalModels(ctx.index)) {
      const strategy = strategyOf(node, adapter);
      if (!strategy?.explicit) continue;
      const support = ADAPTER_STRATEGIES[adapter];
      if (support.strategies.includes(strategy.strategy)) continue;
      const builtin = BUILTIN_STRATEGIES.includes(strategy.strategy);
      // A custom strategy is the project's own macro; dbt looks it up by name (`delete+insert` → `delete_insert`).
      if (!builtin && !support.closedList && ctx.index.hasMacro(node.projectId, `get_incremental_${strategy.strategy.replace(/\+/g, '_')}_sql`)) continue;
      const setting = configSetting(ctx.index, node, 'incremental_strategy');
      if (!setting) continue;
      const name = ADAPTER_NAMES[adapter];
      const close = builtin ? undefined : closestName(strategy.strategy, [...support.strategies]);
      const custom = builtin || support.closedList ? '' : `, or define the macro \`get_incremental_${strategy.strategy.replace(/\+/g, '_')}_sql\` for a custom strategy`;
      grouped.add(setting.location, node.name, strategy.strategy, (models) => ({
        message: `\`incremental_strategy: ${strategy.strategy}\` is not supported on ${name}${builtin ? '' : ' (it is not one of dbt\'s strategies either)'}: dbt fails on the first incremental run of ${models}. ${name} supports ${support.strategies.map((value) => `\`${value}\``).join(', ')}; use one of them${close ? ` (did you mean \`${close}\`?)` : ''}${custom}.`,
      }));
    }
    grouped.flush();
  },
});
