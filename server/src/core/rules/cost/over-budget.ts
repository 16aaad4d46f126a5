import { costSettingsOf, estimateModelCost } from '../../cost';
import { checkedModelOf, modelFallbackLocation } from '../../partition/incremental';
import { defineRule, type FileRuleContext } from '../rule';

function usd(value: number): string {
  return `USD ${value < 0.01 ? value.toPrecision(2) : value.toFixed(2)}`;
}

export default defineRule({
  id: 'cost/over-budget',
  severity: 'warning',
  scope: 'file',
  description: 'A model\'s estimated cost per run or per day exceeds the budget set in `dplens.yml`.',
  docs: {
    why: [
      'The cost model estimates, offline, what one run of each model reads: the sizes of the physical relations it selects from, with views and ephemeral models expanded to their own inputs, and only the lookback for an incremental run whose `is_incremental()` filter is on a relation\'s partition column. Sizes come from `target/catalog.json` or the `stats:` section of `dplens.yml`; the price from `cost.pricing` (BigQuery on-demand USD 6.25 per TiB by default), and the runs per day from `cost.runsPerDay` and `cost.models`.',
      'With `cost: {maxUsdPerRun: N, maxUsdPerDay: N}` (or per model under `cost.models.<name>`), a model whose estimate exceeds a budget is reported with the figure, the budget and the basis of the estimate. A model whose cost is unknown (no stats, no price, no runs per day for a daily budget) is not reported: `dplens cost` lists what is missing.',
    ].join(' '),
    fix: 'Filter the rows the model reads (an incremental model with a partition filter, a narrower date range), read a smaller upstream table, run it less often, or raise the budget in `dplens.yml` if the cost is expected.',
    references: ['https://cloud.google.com/bigquery/pricing#on_demand_pricing', 'https://docs.getdbt.com/docs/build/incremental-models'],
  },
  examples: {
    invalid: [
      `
      -- @file models/marts/fct_events.sql
      {{ config(materialized='table') }}  -- expect: cost/over-budget
      select event_id, event_date from {{ source('shop', 'events') }}
      # @file models/staging/_sources.yml
      version: 2
      sources:
        - name: shop
          tables:
            - name: events
      # @file dplens.yml
      adapter: bigquery
      stats:
        source.shop.events: { bytes: 2199023255552 }
      cost:
        runsPerDay: 24
        maxUsdPerDay: 100
      `,
    ],
    valid: [
      `
      -- @file models/marts/fct_events.sql
      {{ config(materialized='incremental', unique_key='event_id') }}
      select event_id, event_date from {{ source('shop', 'events') }}
      {% if is_incremental() %}
      where event_date >= date_sub(current_date(), interval 3 day)
      {% endif %}
      # @file models/staging/_sources.yml
      version: 2
      sources:
        - name: shop
          tables:
            - name: events
      # @file dplens.yml
      adapter: bigquery
      stats:
        source.shop.events: { bytes: 2199023255552, partitionedBy: event_date, granularity: day, partitions: 730 }
      cost:
        runsPerDay: 24
        maxUsdPerDay: 100
      `,
    ],
  },
  equivalents: [],
  fix: 'none',
  appliesTo: (file) => file.kind === 'model',
  check(ctx: FileRuleContext) {
    const node = checkedModelOf(ctx.index, ctx.file);
    if (!node) return;
    const project = ctx.index.projects.get(node.projectId);
    const budget = costSettingsOf(project ? ctx.index.configOf(project) : undefined, node.name);
    if (budget.maxUsdPerRun === undefined && budget.maxUsdPerDay === undefined) return;
    const cost = estimateModelCost(ctx.index, node);
    const over: string[] = [];
    if (budget.maxUsdPerRun !== undefined && cost.usdPerRun !== null && cost.usdPerRun > budget.maxUsdPerRun) {
      over.push(`${usd(cost.usdPerRun)} per run, over the budget of ${usd(budget.maxUsdPerRun)} per run`);
    }
    if (budget.maxUsdPerDay !== undefined && cost.usdPerDay !== null && cost.usdPerDay > budget.maxUsdPerDay) {
      over.push(`${usd(cost.usdPerDay)} per day (${cost.runsPerDay} run${cost.runsPerDay === 1 ? '' : 's'}), over the budget of ${usd(budget.maxUsdPerDay)} per day`);
    }
    if (over.length === 0) return;
    const location = modelFallbackLocation(ctx.index, node);
    if (!location) return;
    ctx.report({
      ...location,
      message: `\`${node.name}\` is estimated at ${over.join(', and ')}. Basis: ${cost.basis}.`,
    });
  },
});
