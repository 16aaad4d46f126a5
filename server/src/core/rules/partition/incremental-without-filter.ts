import { defineRule, type FileRuleContext } from '../rule';
import { isSqlSummary } from '../../project/summary';
import {
  blockRestricts,
  checkedModelOf,
  configKeyLocation,
  configString,
  incrementalTagSpan,
  isIncrementalCalls,
  macroDecidesIncrementalRows,
  modelFallbackLocation,
  modelIncrementalBlocks,
} from '../../partition/incremental';

export default defineRule({
  id: 'partition/incremental-without-filter',
  severity: 'warning',
  scope: 'file',
  description: 'An incremental model has no `{% if is_incremental() %}` filter, or its block does not narrow the rows it reads.',
  docs: {
    why: [
      'An incremental model saves work only when its incremental runs read the new rows alone. Without an `{% if is_incremental() %}` block that adds a `WHERE` (or `JOIN`, `QUALIFY`) predicate, every run scans all of its upstream data and merges or appends it again: the cost of a full rebuild each time, and duplicated rows with the `append` strategy.',
      'A block counts as a filter when the part that runs on incremental runs holds a predicate (`where`, `and …`, a comparison, `between`, `qualify`), reads the model\'s own table (`select max(…) from {{ this }}`), sets a variable or calls a macro, or is the operand of a predicate written around it; the filter may sit in a CTE, and the condition may be combined (`is_incremental() and not var(\'full\')`).',
      'A block that adds only a column or a comment, and `{% if not is_incremental() %}` branches (which run on full refreshes), do not count. The `microbatch` strategy filters by `event_time` itself and is left to `partition/microbatch-config`.',
    ].join(' '),
    fix: 'Add `{% if is_incremental() %} where updated_at > (select max(updated_at) from {{ this }}) {% endif %}` after the relation the model reads (with its own timestamp or partition column), or materialize the model as a table.',
    references: ['https://docs.getdbt.com/docs/build/incremental-models#filtering-rows-on-an-incremental-run', 'https://docs.getdbt.com/docs/build/incremental-models-overview'],
  },
  examples: {
    invalid: [
      `
      -- @file models/marts/fct_events.sql
      {{ config(materialized='incremental', unique_key='event_id') }}  -- expect: partition/incremental-without-filter
      select event_id, user_id, updated_at from {{ ref('stg_events') }}
      -- @file models/staging/stg_events.sql
      select 1 as event_id, 2 as user_id, current_timestamp() as updated_at
      `,
      `
      -- @file models/marts/fct_events.sql
      {{ config(materialized='incremental', unique_key='event_id') }}
      select
        event_id,
        updated_at
        {% if is_incremental() %}  -- expect: partition/incremental-without-filter
        , current_timestamp() as loaded_at
        {% endif %}
      from {{ ref('stg_events') }}
      -- @file models/staging/stg_events.sql
      select 1 as event_id, current_timestamp() as updated_at
      `,
    ],
    valid: [
      `
      -- @file models/marts/fct_events.sql
      {{ config(materialized='incremental', unique_key='event_id') }}
      with new_events as (
        select * from {{ ref('stg_events') }}
        {% if is_incremental() %}
        where updated_at > (select max(updated_at) from {{ this }})
        {% endif %}
      )
      select event_id, updated_at from new_events
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
    const node = checkedModelOf(ctx.index, file);
    if (!node || configString(node, 'materialized') !== 'incremental') return;
    // microbatch filters every read by `event_time` itself; a strategy dbt computes at run time may be microbatch too.
    const strategy = configString(node, 'incremental_strategy');
    if (strategy === 'microbatch' || strategy === null) return;
    const text = ctx.index.text(file.path) ?? '';
    const blocks = modelIncrementalBlocks(file);
    if (blocks.length === 0) {
      // `{% set incremental = is_incremental() %}`, `{{ 'x' if is_incremental() }}`, a filter macro (`{{ incremental_filter() }}`)
      // or a watermark read from `{{ this }}` all decide the rows in ways a block check cannot see: say nothing.
      // So does a macro that generates the query and calls `is_incremental()` inside (`{{ nft_mints(...) }}`).
      if (isIncrementalCalls(text, file).length > 0 || file.jinja.usesThis || file.jinja.macroCalls.some((call) => /incremental/i.test(call.name))) return;
      if (macroDecidesIncrementalRows(ctx.index, file)) return;
      const location = configKeyLocation(ctx.index, node, 'materialized') ?? firstDependency(node, file.path) ?? modelFallbackLocation(ctx.index, node);
      if (!location) return;
      ctx.report({
        ...location,
        message: `\`${node.name}\` is incremental but has no \`{% if is_incremental() %}\` block: every run reads all of its upstream rows and merges or appends them again, at the cost of a full rebuild (and with duplicates under \`append\`). Filter the new rows in a block, e.g. \`where updated_at > (select max(updated_at) from {{ this }})\`, or materialize it as a table.`,
      });
      return;
    }
    if (blocks.some((block) => blockRestricts(text, file, block))) return;
    const positive = blocks.find((block) => !block.negated);
    const block = positive ?? blocks[0];
    const what = positive
      ? 'its `{% if is_incremental() %}` block narrows no relation it reads (no `where`, `and` or `qualify` predicate)'
      : 'it has only `{% if not is_incremental() %}` branches, which run on full refreshes, not incremental runs';
    ctx.report({
      file: file.path,
      span: incrementalTagSpan(text, block),
      message: `\`${node.name}\` is incremental but ${what}: every run reads all of its upstream rows again, at the cost of a full rebuild. Add a predicate that keeps only new rows, e.g. \`where updated_at > (select max(updated_at) from {{ this }})\`.`,
    });
  },
});

function firstDependency(node: { dependencies: { file: string; span?: { start: number; end: number } }[] }, path: string) {
  const dependency = node.dependencies.find((candidate) => candidate.file === path && candidate.span);
  return dependency?.span ? { file: path, span: dependency.span } : undefined;
}
