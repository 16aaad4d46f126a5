/**
 * The offline cost model on test/fixtures/cost (a hand-written catalog.json and dplens.yml stats): views and
 * ephemeral models are expanded to the tables they read, an incremental run reads only its lookback of a partitioned
 * table, unknown sizes stay unknown, prices follow the adapter, and every figure says where it comes from.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { checkWorkspace } from '../../../server/src/core/check';
import { readConfigScopes } from '../../../server/src/core/config/config-scopes';
import { parseDplensConfig } from '../../../server/src/core/config/dplens-config';
import { estimateCosts, findLookback, partitionsRead, physicalInputs, priceRun, TIB, type ModelCost } from '../../../server/src/core/cost';
import { WorkspaceIndex } from '../../../server/src/core/project/workspace-index';
import { parseFixture } from '../../../server/src/core/rules/fixture';
import { readWorkspace } from '../../../server/src/io/workspace-reader';

const FIXTURE = path.resolve(__dirname, '..', '..', 'fixtures', 'cost');
const EVENTS_BYTES = 2199023255552;

function fixtureFiles(overrides: Record<string, string | undefined> = {}): Map<string, string> {
  const files = new Map(readWorkspace(FIXTURE).files);
  for (const [file, text] of Object.entries(overrides)) {
    if (text === undefined) files.delete(file);
    else files.set(file, text);
  }
  return files;
}

function indexOf(files: ReadonlyMap<string, string>): WorkspaceIndex {
  const scopes = readConfigScopes(files);
  assert.deepEqual(scopes.problems, []);
  return WorkspaceIndex.build(files, { config: scopes.root, configFor: (root) => scopes.byProjectRoot.get(root) });
}

function costs(overrides: Record<string, string | undefined> = {}): Map<string, ModelCost> {
  return new Map(estimateCosts(indexOf(fixtureFiles(overrides))).map((cost) => [cost.name, cost]));
}

function withDplens(text: string) {
  return { 'dplens.yml': text };
}

const EVENTS_STATS = "stats:\n  source.shop.events: { bytes: 2199023255552, partitionedBy: event_date, granularity: day, partitions: 730 }\n";

describe('cost model', () => {
  it('charges a model reading a table through a view and an ephemeral model for the table, not the view', () => {
    const fct = costs().get('fct_orders')!;
    assert.equal(fct.bytesPerRun, TIB);
    assert.equal(fct.reads.length, 1);
    assert.equal(fct.reads[0].stats.label, 'source shop.orders');
    assert.deepEqual(fct.reads[0].via, ['int_orders', 'stg_orders']);
    // The view's own catalog entry (5 bytes) and the model's own size (10 GiB) play no part.
    assert.equal(fct.basis, 'catalog.json 2026-11-20; BigQuery on-demand USD 6.25/TiB');
    // Building the view itself reads nothing; the ephemeral model is never built, so it is not listed.
    const view = costs().get('stg_orders')!;
    assert.equal(view.bytesPerRun, 0);
    assert.match(view.basis, /^view: building it reads nothing/);
    assert.equal(costs().has('int_orders'), false);
  });

  it('charges a filtered incremental read of a partitioned table less than a full read', () => {
    const all = costs();
    const incremental = all.get('fct_events')!;
    const full = all.get('fct_events_rebuilt')!;
    assert.equal(full.bytesPerRun, EVENTS_BYTES);
    assert.equal(incremental.bytesPerRun, Math.round((EVENTS_BYTES * 3) / 730));
    assert.ok(incremental.bytesPerRun! < full.bytesPerRun!);
    assert.equal(incremental.fullRefreshBytes, EVENTS_BYTES);
    assert.equal(
      incremental.basis,
      'dplens.yml stats for source shop.events; incremental: 3-day lookback on source shop.events.event_date: 3/730 day partitions; BigQuery on-demand USD 6.25/TiB',
    );
  });

  it('reads the whole table when the incremental filter is not on its partition column', () => {
    const sql = "{{ config(materialized='incremental') }}\nselect event_id, user_id, event_date from {{ ref('stg_events') }}\n{% if is_incremental() %}\nwhere user_id > (select max(user_id) from {{ this }})\n{% endif %}\n";
    const cost = costs({ 'models/marts/fct_events.sql': sql }).get('fct_events')!;
    assert.equal(cost.bytesPerRun, EVENTS_BYTES);
    assert.match(cost.basis, /incremental: filter not on a known partition column, full scan/);
  });

  it('estimates a watermark filter from the runs per day, and says unknown without them', () => {
    const sql = "{{ config(materialized='incremental') }}\nselect event_id, event_date from {{ ref('stg_events') }}\n{% if is_incremental() %}\nwhere event_date >= (select max(event_date) from {{ this }})\n{% endif %}\n";
    const daily = costs({ 'models/marts/fct_events.sql': sql, ...withDplens(`adapter: bigquery\n${EVENTS_STATS}cost: { runsPerDay: 1 }\n`) }).get('fct_events')!;
    assert.equal(daily.bytesPerRun, Math.round(EVENTS_BYTES / 730));
    const unknown = costs({ 'models/marts/fct_events.sql': sql, ...withDplens(`adapter: bigquery\n${EVENTS_STATS}`) }).get('fct_events')!;
    assert.equal(unknown.bytesPerRun, null);
    assert.equal(unknown.usdPerRun, null);
    assert.match(unknown.basis, /watermark filter on source shop\.events\.event_date: runs per day unknown/);
    assert.match(unknown.basis, /runs per day not set/);
  });

  it('says unknown, not a guess, when the partition count or a size is not known', () => {
    const noPartitions = costs(withDplens("adapter: bigquery\nstats:\n  source.shop.events: { bytes: 2199023255552, partitionedBy: event_date, granularity: day }\n")).get('fct_events')!;
    assert.equal(noPartitions.bytesPerRun, null);
    assert.equal(noPartitions.fullRefreshBytes, EVENTS_BYTES);
    assert.match(noPartitions.basis, /3 day partition\(s\), partition count unknown/);

    const customers = costs().get('dim_customers')!;
    assert.equal(customers.bytesPerRun, null);
    assert.equal(customers.usdPerRun, null);
    assert.equal(customers.usdPerDay, null);
    assert.equal(customers.basis, 'no stats for source shop.customers; BigQuery on-demand USD 6.25/TiB');

    const noStats = costs(withDplens('adapter: bigquery\n')).get('fct_events_rebuilt')!;
    assert.equal(noStats.bytesPerRun, null);
    assert.match(noStats.basis, /^no stats for source shop\.events; .*; runs per day not set \(cost\.runsPerDay\)$/);
  });

  it('prices bytes per adapter and multiplies by the runs per day', () => {
    const all = costs();
    assert.equal(all.get('fct_orders')!.usdPerRun, 6.25);
    assert.equal(all.get('fct_orders')!.usdPerDay, 6.25);
    const events = all.get('fct_events')!;
    assert.equal(events.runsPerDay, 24);
    assert.ok(Math.abs(events.usdPerRun! - (Math.round((EVENTS_BYTES * 3) / 730) / TIB) * 6.25) < 1e-12);
    assert.ok(Math.abs(events.usdPerDay! - events.usdPerRun! * 24) < 1e-12);

    assert.deepEqual(priceRun(TIB, 'bigquery', { usdPerTib: 5 }), { usd: 5, credits: null, basis: 'bigquery USD 5/TiB (dplens.yml)' });
    assert.deepEqual(priceRun(null, 'bigquery', undefined), { usd: null, credits: null, basis: 'BigQuery on-demand USD 6.25/TiB' });
    // Snowflake bills compute: bytes only, unless a warehouse and a throughput are stated.
    const bare = priceRun(TIB, 'snowflake', undefined);
    assert.equal(bare.usd, null);
    assert.equal(bare.credits, null);
    assert.match(bare.basis, /^snowflake: bytes only, no price/);
    const medium = priceRun(3600 * 1e9, 'snowflake', { warehouseSize: 'medium', bytesPerSecond: 1e9 });
    assert.equal(medium.credits, 4);
    assert.equal(medium.usd, null);
    assert.equal(priceRun(3600 * 1e9, 'snowflake', { warehouseSize: 'medium', bytesPerSecond: 1e9, usdPerCredit: 3 }).usd, 12);
    assert.equal(priceRun(3600 * 1e9, 'databricks', { creditsPerHour: 10, bytesPerSecond: 1e9, usdPerCredit: 0.5 }).usd, 5);

    // On Snowflake the figures are bytes and a ranking by them.
    const snowflake = estimateCosts(indexOf(fixtureFiles(withDplens(`adapter: snowflake\n${EVENTS_STATS}`))));
    assert.deepEqual(snowflake.slice(0, 2).map((cost) => [cost.name, cost.usdPerRun]), [['fct_events_rebuilt', null], ['fct_orders', null]]);
  });

  it('sorts the most expensive first, unknowns last', () => {
    assert.deepEqual(
      estimateCosts(indexOf(fixtureFiles())).map((cost) => cost.name),
      ['fct_events_rebuilt', 'fct_orders', 'fct_events', 'stg_events', 'stg_orders', 'dim_customers'],
    );
  });

  it('stops at a cycle of views', () => {
    const files = parseFixture(`
      -- @file models/a.sql
      {{ config(materialized='view') }}
      select * from {{ ref('b') }}
      -- @file models/b.sql
      {{ config(materialized='view') }}
      select * from {{ ref('a') }}
      -- @file models/c.sql
      {{ config(materialized='table') }}
      select * from {{ ref('a') }}
    `).files;
    const index = indexOf(files);
    const node = index.nodesOfFile('models/c.sql')[0];
    const inputs = physicalInputs(index, node);
    assert.equal(inputs.cycle, true);
    assert.deepEqual(inputs.inputs, []);
  });

  it('reads lookbacks as each dialect writes them', () => {
    assert.deepEqual(findLookback('where d >= date_sub(current_date(), interval 3 day)'), { amount: 3, unit: 'day' });
    assert.deepEqual(findLookback("where d >= current_date - interval '7 days'"), { amount: 7, unit: 'day' });
    assert.deepEqual(findLookback('where d >= dateadd(hour, -6, current_timestamp())'), { amount: 6, unit: 'hour' });
    assert.deepEqual(findLookback('where d >= date_sub(current_date(), 2)'), { amount: 2, unit: 'day' });
    assert.deepEqual(findLookback("where d >= date_sub(current_date(), interval {{ var('lookback_days', 5) }} day)"), { amount: 5, unit: 'day' });
    assert.equal(findLookback('where d > (select max(d) from x)'), undefined);
    assert.equal(partitionsRead({ columns: new Set(['d']), lookback: { amount: 2, unit: 'day' }, watermark: false }, 'hour', null), 48);
    assert.equal(partitionsRead({ columns: new Set(['d']), watermark: true }, 'hour', 4), 6);
    assert.equal(partitionsRead({ columns: new Set(['d']), watermark: true }, 'day', null), undefined);
  });

  it('reports cost/over-budget on the model with the figure, the budget and the basis', () => {
    const files = fixtureFiles(withDplens(`adapter: bigquery\n${EVENTS_STATS}cost:\n  runsPerDay: 1\n  maxUsdPerRun: 10\n  models:\n    fct_orders: { maxUsdPerDay: 5 }\n`));
    const findings = checkWorkspace(files, { only: ['cost/over-budget'] }).findings;
    assert.deepEqual(findings.map((finding) => [finding.file, finding.range.start.line]), [['models/marts/fct_events_rebuilt.sql', 0], ['models/marts/fct_orders.sql', 0]]);
    assert.equal(
      findings[0].message,
      '`fct_events_rebuilt` is estimated at USD 12.50 per run, over the budget of USD 10.00 per run. Basis: dplens.yml stats for source shop.events; BigQuery on-demand USD 6.25/TiB.',
    );
    assert.match(findings[1].message, /USD 6\.25 per day \(1 run\), over the budget of USD 5\.00 per day\. Basis: catalog\.json 2026-11-20;/);
  });
});

describe('dplens.yml stats and cost', () => {
  it('reads a valid configuration', () => {
    const { config, problems } = parseDplensConfig(
      'stats:\n  source.shop.events: { bytes: 10, rows: 2, partitionedBy: event_date, granularity: DAY, partitions: 5 }\ncost:\n  runsPerDay: 2\n  maxUsdPerDay: 3\n  models:\n    fct: { runsPerDay: 24 }\n  pricing:\n    snowflake: { warehouseSize: X-Large, bytesPerSecond: 100, usdPerCredit: 2 }\n',
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(config.stats, { 'source.shop.events': { bytes: 10, rows: 2, partitionedBy: 'event_date', granularity: 'day', partitions: 5 } });
    assert.deepEqual(config.cost, { runsPerDay: 2, maxUsdPerDay: 3, models: { fct: { runsPerDay: 24 } }, pricing: { snowflake: { warehouseSize: 'xlarge', bytesPerSecond: 100, usdPerCredit: 2 } } });
  });

  it('locates every unknown key and wrong value', () => {
    const text = [
      'stats:',
      '  shop.events: { bytes: 1 }',
      '  model.fct: { bytes: -1, size: 3, granularity: minute }',
      'cost:',
      '  runsPerDay: often',
      '  budget: 3',
      '  pricing:',
      '    oracle: { usdPerTib: 1 }',
      '    bigquery: { usdPerTB: 5 }',
      '',
    ].join('\n');
    const { problems } = parseDplensConfig(text);
    const at = (message: RegExp) => {
      const problem = problems.find((candidate) => message.test(candidate.message));
      assert.ok(problem, `no problem matching ${message}: ${problems.map((candidate) => candidate.message).join(' | ')}`);
      return text.slice(problem.span.start, problem.span.end);
    };
    assert.equal(problems.length, 8);
    assert.equal(at(/`shop\.events` in `stats` names no relation/), 'shop.events');
    assert.equal(at(/`bytes` of model\.fct/), '-1');
    assert.equal(at(/Unknown key `size` in the stats of model\.fct/), 'size');
    assert.equal(at(/`granularity` of model\.fct must be one of hour, day/), 'minute');
    assert.equal(at(/`runsPerDay` must be a number/), 'often');
    assert.equal(at(/Unknown key `budget` in `cost`/), 'budget');
    assert.equal(at(/`oracle` in `cost\.pricing` is not an adapter/), 'oracle');
    assert.equal(at(/Unknown key `usdPerTB` in the pricing of bigquery/), 'usdPerTB');
  });
});
