import { defineRule, type FileRuleContext } from '../rule';
import { isSqlSummary } from '../../project/summary';
import { checkedModelOf, configString, isIncrementalCalls } from '../../partition/incremental';

/** dbt's built-in materializations other than `incremental`: `is_incremental()` is always false under them. */
const NOT_INCREMENTAL = new Set(['view', 'table', 'ephemeral', 'materialized_view', 'dynamic_table']);

export default defineRule({
  id: 'partition/is-incremental-outside-incremental',
  severity: 'warning',
  scope: 'file',
  description: 'A model that is not materialized `incremental` calls `is_incremental()`.',
  docs: {
    why: 'dbt\'s `is_incremental()` is true only for a model materialized `incremental` whose table already exists. In a view, table or ephemeral model it is always false: the code in its branch never runs, and the model rereads all of its data on every run. It usually means the materialization was changed (or never set) by mistake, or that dead code was left behind. Materializations other than dbt\'s built-in ones, and projects that override `is_incremental`, are not judged.',
    fix: 'If the model should load only new rows, set `materialized=\'incremental\'` (with a `unique_key` when rows are updated); otherwise remove the `is_incremental()` branch.',
    references: ['https://docs.getdbt.com/docs/build/incremental-models#understand-the-is_incremental-macro', 'https://docs.getdbt.com/docs/build/materializations'],
  },
  examples: {
    invalid: [
      `
      -- @file models/marts/fct_events.sql
      {{ config(materialized='table') }}
      select event_id, updated_at from {{ ref('stg_events') }}
      {% if is_incremental() %}  -- expect: partition/is-incremental-outside-incremental
      where updated_at > (select max(updated_at) from {{ this }})
      {% endif %}
      -- @file models/staging/stg_events.sql
      select 1 as event_id, current_timestamp() as updated_at
      `,
    ],
    valid: [
      `
      -- @file models/marts/fct_events.sql
      {{ config(materialized='incremental', unique_key='event_id') }}
      select event_id, updated_at from {{ ref('stg_events') }}
      {% if is_incremental() %}
      where updated_at > (select max(updated_at) from {{ this }})
      {% endif %}
      -- @file models/staging/stg_events.sql
      select 1 as event_id, current_timestamp() as updated_at
      `,
    ],
  },
  equivalents: [],
  fix: 'none',
  appliesTo: (file) => file.kind === 'model' && isSqlSummary(file),
  check(ctx: FileRuleContext) {
    const file = ctx.file;
    if (file.kind !== 'model' || !isSqlSummary(file)) return;
    // Most models never mention it: the text search is cheaper than reading the model's configuration.
    const text = ctx.index.text(file.path) ?? '';
    if (!text.includes('is_incremental')) return;
    const node = checkedModelOf(ctx.index, file);
    if (!node) return;
    const materialized = configString(node, 'materialized');
    // A custom materialization may define its own incremental behaviour, and a project may override `is_incremental`.
    if (typeof materialized !== 'string' || !NOT_INCREMENTAL.has(materialized) || ctx.index.hasMacro(node.projectId, 'is_incremental')) return;
    const kind = materialized === 'view' ? 'a view' : materialized === 'ephemeral' ? 'an ephemeral model' : materialized === 'table' ? 'a table' : `a ${materialized.replace(/_/g, ' ')}`;
    for (const span of isIncrementalCalls(text, file)) {
      ctx.report({
        file: file.path,
        span,
        message: `\`${node.name}\` is materialized as ${kind}, so \`is_incremental()\` is always false here: the code in its branch never runs and every run reads all of its data. Set \`materialized='incremental'\` if it should load only new rows; otherwise remove the branch.`,
      });
    }
  },
});
