/**
 * `dplens cost` on test/fixtures/cost (catalog.json and dplens.yml stats) and on examples/demo (no artifacts): the
 * command function in-process for both formats, and the argument parser.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseCommandLine, UsageError, type CostArgs } from '../../server/src/cli/args';
import { runCost } from '../../server/src/cli/cost-command';

const REPO = path.resolve(__dirname, '..', '..');

function args(target: string, extra: string[] = []): CostArgs {
  return parseCommandLine(['cost', target, ...extra]) as CostArgs;
}

describe('dplens cost', function () {
  this.timeout(60000);

  it('parses its options', () => {
    assert.deepEqual(parseCommandLine(['cost']), { command: 'cost', path: '.', format: 'text', config: undefined, target: undefined });
    assert.deepEqual(parseCommandLine(['cost', 'x', '--format', 'json']), { command: 'cost', path: 'x', format: 'json', config: undefined, target: undefined });
    assert.throws(() => parseCommandLine(['cost', '--format', 'sarif']), UsageError);
    assert.throws(() => parseCommandLine(['cost', 'a', 'b']), UsageError);
  });

  it('prints the fixture as a table sorted by cost', () => {
    const lines = runCost(args('test/fixtures/cost'), REPO).trimEnd().split('\n');
    assert.match(lines[0], /^model\s+bytes\/run\s+runs\/day\s+USD\/run\s+USD\/day\s+basis$/);
    assert.deepEqual(lines.slice(1).map((line) => line.split(/\s+/)[0]), ['fct_events_rebuilt', 'fct_orders', 'fct_events', 'stg_events', 'stg_orders', 'dim_customers']);
    assert.match(lines[1], /^fct_events_rebuilt\s+2\.0 TiB\s+1\s+12\.50\s+12\.50\s+dplens\.yml stats for source shop\.events; BigQuery on-demand USD 6\.25\/TiB$/);
    assert.match(lines[2], /^fct_orders\s+1\.0 TiB\s+1\s+6\.25\s+6\.25\s+catalog\.json 2026-11-20; /);
    assert.match(lines[6], /^dim_customers\s+unknown\s+1\s+unknown\s+unknown\s+no stats for source shop\.customers; /);
  });

  it('prints the documented JSON document', () => {
    const document = JSON.parse(runCost(args('test/fixtures/cost', ['--format', 'json']), REPO));
    assert.deepEqual(Object.keys(document), ['version', 'currency', 'models']);
    assert.equal(document.version, 1);
    assert.equal(document.currency, 'USD');
    for (const model of document.models) assert.deepEqual(Object.keys(model), ['name', 'bytesPerRun', 'runsPerDay', 'usdPerRun', 'usdPerDay', 'basis']);
    assert.deepEqual(document.models[1], { name: 'fct_orders', bytesPerRun: 1099511627776, runsPerDay: 1, usdPerRun: 6.25, usdPerDay: 6.25, basis: 'catalog.json 2026-11-20; BigQuery on-demand USD 6.25/TiB' });
    assert.deepEqual(document.models.at(-1), { name: 'dim_customers', bytesPerRun: null, runsPerDay: 1, usdPerRun: null, usdPerDay: null, basis: 'no stats for source shop.customers; BigQuery on-demand USD 6.25/TiB' });
  });

  it('prints the demo project, where no size is known and runs per day come from its pipeline, sorted and saying why', () => {
    const text = runCost(args('examples/demo'), REPO);
    const lines = text.trimEnd().split('\n');
    assert.match(lines[0], /^model\s+bytes\/run/);
    assert.ok(lines.length > 3, text);
    const document = JSON.parse(runCost(args('examples/demo', ['--format', 'json']), REPO));
    assert.deepEqual(Object.keys(document), ['version', 'currency', 'models']);
    const names = document.models.map((model: { name: string }) => model.name);
    assert.deepEqual(lines.slice(1).map((line) => line.split(/\s+/)[0]), names);
    for (const model of document.models) {
      assert.equal(typeof model.basis, 'string');
      assert.ok(model.basis.length > 0);
      // Every demo model is built by a task of examples/demo/pipelines: its schedule gives the runs per day.
      assert.ok(typeof model.runsPerDay === 'number' && model.runsPerDay >= 1, `${model.name}: ${model.runsPerDay}`);
      assert.match(model.basis, /runs per day: scheduled by dbt_\w+\.dbt_\w+/);
      // Views read nothing and cost nothing; for the others no size is known, so no price either.
      assert.equal(model.usdPerDay, model.bytesPerRun === 0 ? 0 : null);
    }
    // Models with known bytes (views: nothing) come before unknowns, which are sorted by name.
    const unknown = document.models.filter((model: { bytesPerRun: number | null }) => model.bytesPerRun === null).map((model: { name: string }) => model.name);
    assert.deepEqual(unknown, [...unknown].sort());
    assert.ok(document.models.some((model: { basis: string }) => /no stats for /.test(model.basis)));
    // A staging model built hourly and again by the daily marts task runs 25 times a day.
    assert.equal(document.models.find((model: { name: string }) => model.name === 'stg_shop__orders').runsPerDay, 25);
  });
});
