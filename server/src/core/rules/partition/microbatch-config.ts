import { defineRule, type ProjectRuleContext } from '../rule';
import { checkedNodes } from '../../standards/dag';
import { configKeyLocation, configString, hasConfig, modelFallbackLocation } from '../../partition/incremental';

/** The keys dbt-core requires of a microbatch model, failing at parse time without them. */
const REQUIRED = ['event_time', 'begin', 'batch_size'] as const;
const BATCH_SIZES = ['hour', 'day', 'month', 'year'];

/**
 * A project rule: the upstream half depends on the `event_time` of the models and sources a model reads,
 * configured in other files.
 */
export default defineRule({
  id: 'partition/microbatch-config',
  severity: 'error',
  scope: 'project',
  description: 'A `microbatch` incremental model lacks `event_time`, `begin` or `batch_size`, or reads a model or source that has no `event_time`.',
  docs: {
    why: [
      'dbt-core refuses to parse a model with `incremental_strategy=\'microbatch\'` unless it sets `event_time` (the column each batch is cut by), `begin` (the earliest batch) and `batch_size` (`hour`, `day`, `month` or `year`): the whole project then fails to build. These findings are errors.',
      'dbt filters each upstream model, seed, snapshot or source to the batch\'s time window only when that parent configures its own `event_time`; a parent without one is read whole for every batch, so a backfill of 365 daily batches scans it 365 times. These findings are warnings; a `ref()` written `{{ ref(\'x\').render() }}` opts out of the filter on purpose and is not flagged.',
    ].join(' '),
    fix: 'Set the missing keys in the model\'s `config()` (e.g. `event_time=\'event_at\', begin=\'2024-01-01\', batch_size=\'day\'`); give each parent `event_time` under its `config:` (for a source table, `config: {event_time: loaded_at}`), or write `.render()` after a ref that must be read whole.',
    references: ['https://docs.getdbt.com/docs/build/incremental-microbatch', 'https://docs.getdbt.com/reference/resource-configs/event-time', 'https://docs.getdbt.com/reference/resource-configs/begin', 'https://docs.getdbt.com/reference/resource-configs/batch-size'],
  },
  examples: {
    invalid: [
      `
      -- @file models/marts/fct_page_views.sql
      {{ config(
          materialized='incremental',
          incremental_strategy='microbatch',  -- expect: partition/microbatch-config
          event_time='viewed_at',
          batch_size='day'
      ) }}
      select page_view_id, viewed_at from {{ ref('stg_page_views') }}
      -- @file models/staging/stg_page_views.sql
      {{ config(event_time='viewed_at') }}
      select 1 as page_view_id, current_timestamp() as viewed_at
      `,
      `
      -- @file models/marts/fct_page_views.sql
      {{ config(materialized='incremental', incremental_strategy='microbatch', event_time='viewed_at', begin='2024-01-01', batch_size='day') }}
      select page_view_id, viewed_at from {{ ref('stg_page_views') }}  -- expect: partition/microbatch-config
      -- @file models/staging/stg_page_views.sql
      select 1 as page_view_id, current_timestamp() as viewed_at
      `,
    ],
    valid: [
      `
      -- @file models/marts/fct_page_views.sql
      {{ config(materialized='incremental', incremental_strategy='microbatch', event_time='viewed_at', begin='2024-01-01', batch_size='day') }}
      select v.page_view_id, v.viewed_at, p.page_name
      from {{ ref('stg_page_views') }} as v
      join {{ ref('stg_pages').render() }} as p on p.page_id = v.page_id
      -- @file models/staging/stg_page_views.sql
      {{ config(event_time='viewed_at') }}
      select 1 as page_view_id, 1 as page_id, current_timestamp() as viewed_at
      -- @file models/staging/stg_pages.sql
      select 1 as page_id, 'home' as page_name
      `,
    ],
  },
  equivalents: [],
  fix: 'none',
  check(ctx: ProjectRuleContext) {
    for (const node of checkedNodes(ctx.index, 'model')) {
      if (!node.file || configString(node, 'materialized') !== 'incremental' || configString(node, 'incremental_strategy') !== 'microbatch') continue;
      const missing = REQUIRED.filter((key) => !hasConfig(node, key));
      if (missing.length > 0) {
        const location = configKeyLocation(ctx.index, node, 'incremental_strategy') ?? modelFallbackLocation(ctx.index, node);
        const keys = missing.map((key) => `\`${key}\``);
        const list = keys.length === 1 ? keys[0] : `${keys.slice(0, -1).join(', ')} and ${keys[keys.length - 1]}`;
        if (location) {
          ctx.report({
            ...location,
            message: `\`${node.name}\` uses the \`microbatch\` strategy without ${list}: dbt refuses to parse it, so the whole project fails to build. Set ${missing.map(example).join(', ')} in its config.`,
          });
        }
      }
      const batchSize = configString(node, 'batch_size');
      if (typeof batchSize === 'string' && batchSize !== '' && !BATCH_SIZES.includes(batchSize)) {
        const location = configKeyLocation(ctx.index, node, 'batch_size') ?? modelFallbackLocation(ctx.index, node);
        if (location) {
          ctx.report({
            ...location,
            message: `\`${node.name}\` sets \`batch_size\` to \`${String(node.config.batch_size)}\`: dbt accepts only \`hour\`, \`day\`, \`month\` or \`year\`, and refuses to parse the model. Use one of them.`,
          });
        }
      }
      const text = ctx.index.text(node.file) ?? '';
      for (const dependency of node.dependencies) {
        if (!dependency.target || !dependency.span || dependency.file !== node.file) continue;
        const parent = ctx.index.node(dependency.target);
        if (!parent || hasConfig(parent, 'event_time')) continue;
        // `{{ ref('x').render() }}` opts a parent out of the batch filter on purpose.
        if (/^\s*\.\s*render\s*\(/.test(text.slice(dependency.span.end, dependency.span.end + 40))) continue;
        const what = parent.resourceType === 'source' ? `the source \`${parent.sourceName}.${parent.tableName}\`` : `\`${parent.name}\``;
        const where = parent.resourceType === 'source' ? 'under the source table\'s `config:`' : 'in its config';
        ctx.report({
          file: node.file,
          span: dependency.span,
          severity: 'warning',
          message: `\`${node.name}\` is a microbatch model, but ${what} has no \`event_time\`: dbt cannot filter it to each batch's window, so every batch reads it whole. Set \`event_time\` ${where}, or write \`.render()\` after the call if it must be read whole.`,
        });
      }
    }
  },
});

function example(key: (typeof REQUIRED)[number]): string {
  return key === 'event_time' ? "`event_time='<timestamp column>'`" : key === 'begin' ? "`begin='2024-01-01'`" : "`batch_size='day'`";
}
