/**
 * Runs per day from the pipelines: each dbt node's count is the sum over the tasks that build it of their DAG's runs
 * per day, and the cost model takes it over the `cost.runsPerDay` default (test/fixtures/cost plus a DAG file).
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { readConfigScopes } from '../../../server/src/core/config/config-scopes';
import { costText, estimateCosts, type ModelCost } from '../../../server/src/core/cost';
import { modelRunsPerDay } from '../../../server/src/core/pipelines/runs-per-day';
import { WorkspaceIndex } from '../../../server/src/core/project/workspace-index';
import { readWorkspace } from '../../../server/src/io/workspace-reader';

const FIXTURE = path.resolve(__dirname, '..', '..', 'fixtures', 'cost');

function indexWith(overrides: Record<string, string>): WorkspaceIndex {
  const files = new Map(readWorkspace(FIXTURE).files);
  for (const [file, text] of Object.entries(overrides)) files.set(file, text);
  const scopes = readConfigScopes(files);
  assert.deepEqual(scopes.problems, []);
  return WorkspaceIndex.build(files, { config: scopes.root, configFor: (root) => scopes.byProjectRoot.get(root) });
}

function bashTask(id: string, command: string): string {
  return `    ${id}:\n      operator: airflow.providers.standard.operators.bash.BashOperator\n      bash_command: "${command}"\n`;
}

function dag(id: string, schedule: string, tasks: string): string {
  return `${id}:\n  default_args: { owner: data, start_date: 2024-01-01, retries: 2 }\n  schedule: ${schedule}\n  tasks:\n${tasks}`;
}

const PIPELINES = {
  'dags/marts.yml': [
    dag('dbt_marts_daily', '"0 4 * * *"', bashTask('dbt_build_core', 'dbt build --select fct_orders dim_customers')),
    dag('dbt_marts_hourly', '"@hourly"', bashTask('dbt_run_orders', 'dbt run --select fct_orders') + bashTask('dbt_test_customers', 'dbt test --select dim_customers')),
    dag('dbt_on_data', '["s3://bucket/raw/events.json"]', bashTask('dbt_run_events', 'dbt run --select stg_events')),
    dag('dbt_weekly', '"@weekly"', bashTask('dbt_run_events', 'dbt run --select stg_events')),
  ].join(''),
};

describe('modelRunsPerDay', () => {
  const index = indexWith(PIPELINES);
  const byName = new Map([...modelRunsPerDay(index).values()].map((entry) => [index.node(entry.uniqueId)!.name, entry]));

  const CASES: Array<{ model: string; runsPerDay: number | null; basis: string }> = [
    {
      model: 'fct_orders',
      runsPerDay: 25,
      basis: 'scheduled by dbt_marts_daily.dbt_build_core at 04:00 every day; and dbt_marts_hourly.dbt_run_orders every hour at minute 0, @hourly (`0 * * * *`)',
    },
    // `dbt test` reads dim_customers but does not build it: only the daily build counts.
    { model: 'dim_customers', runsPerDay: 1, basis: 'scheduled by dbt_marts_daily.dbt_build_core at 04:00 every day' },
    {
      model: 'stg_events',
      runsPerDay: 1 / 7,
      basis: 'scheduled by dbt_on_data.dbt_run_events when `s3://bucket/raw/events.json` is updated; and dbt_weekly.dbt_run_events at 00:00 on Sunday, @weekly (`0 0 * * 0`) (one task has no fixed schedule and is not counted)',
    },
  ];
  for (const { model, runsPerDay, basis } of CASES) {
    it(`adds up the tasks that build ${model}`, () => {
      const entry = byName.get(model);
      assert.ok(entry, `${model} has no runs per day`);
      if (runsPerDay === null) assert.equal(entry.runsPerDay, null);
      else assert.ok(Math.abs(entry.runsPerDay! - runsPerDay) < 1e-9, `${entry.runsPerDay} runs per day`);
      assert.equal(entry.basis, basis);
    });
  }

  it('leaves models no task builds out', () => {
    assert.equal(byName.has('fct_events'), false);
    assert.equal(byName.has('stg_orders'), false);
  });

  it('gives null for a model built only by a data-triggered DAG', () => {
    const only = indexWith({ 'dags/data.yml': dag('dbt_on_data', '["s3://bucket/raw/orders.json"]', bashTask('run', 'dbt run --select fct_orders')) });
    const entry = [...modelRunsPerDay(only).values()].find((item) => only.node(item.uniqueId)!.name === 'fct_orders')!;
    assert.equal(entry.runsPerDay, null);
    assert.equal(entry.basis, 'scheduled by dbt_on_data.run when `s3://bucket/raw/orders.json` is updated');
  });
});

describe('runs per day in the cost report', () => {
  const costs = new Map<string, ModelCost>(estimateCosts(indexWith(PIPELINES)).map((cost) => [cost.name, cost]));

  it('takes the pipelines\' runs per day over the cost.runsPerDay default, and says so', () => {
    const fct = costs.get('fct_orders')!;
    assert.equal(fct.runsPerDay, 25);
    assert.equal(fct.usdPerDay, fct.usdPerRun! * 25);
    assert.match(fct.basis, /runs per day: scheduled by dbt_marts_daily\.dbt_build_core at 04:00 every day; and dbt_marts_hourly\.dbt_run_orders every hour/);
  });

  it('keeps a model\'s own cost.models runsPerDay over the schedules', () => {
    // fct_events has `runsPerDay: 24` in the fixture's dplens.yml; a weekly DAG that builds it changes nothing.
    const withEvents = new Map(estimateCosts(indexWith({ 'dags/events.yml': dag('weekly', '"@weekly"', bashTask('run', 'dbt run --select fct_events')) })).map((cost) => [cost.name, cost]));
    assert.equal(withEvents.get('fct_events')!.runsPerDay, 24);
    assert.doesNotMatch(withEvents.get('fct_events')!.basis, /scheduled by/);
  });

  it('falls back to the default for models no pipeline builds', () => {
    assert.equal(costs.get('stg_orders')!.runsPerDay, 1);
    assert.doesNotMatch(costs.get('stg_orders')!.basis, /scheduled by/);
  });

  it('shows fractional runs per day to three significant digits in the text report', () => {
    const weekly = [...costs.values()].filter((cost) => cost.name === 'stg_events');
    assert.equal(weekly[0].runsPerDay, 1 / 7);
    const row = costText(weekly).split('\n')[1];
    assert.match(row, /^stg_events\s+0 B\s+0\.143\s/);
  });
});
