/**
 * `dplens lineage` on examples/demo: the command function in-process for the output formats (one
 * WebAssembly load for all of them), and the real entry point once for the exit code of an unknown model.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseCommandLine, UsageError, type LineageArgs } from '../../server/src/cli/args';
import { CliError } from '../../server/src/cli/check-command';
import { runLineage } from '../../server/src/cli/lineage-command';

const REPO = path.resolve(__dirname, '..', '..');
const MAIN = path.join(REPO, 'server', 'src', 'cli', 'main.ts');
const TSX = pathToFileURL(require.resolve('tsx')).href;

function args(model: string, extra: string[] = []): LineageArgs {
  return parseCommandLine(['lineage', model, 'examples/demo', ...extra]) as LineageArgs;
}

describe('dplens lineage', function () {
  this.timeout(60000);

  it('parses its options', () => {
    assert.deepEqual(parseCommandLine(['lineage', 'fct_orders']), { command: 'lineage', model: 'fct_orders', path: '.', upstream: undefined, downstream: undefined, columns: false, format: 'text', config: undefined, target: undefined });
    assert.throws(() => parseCommandLine(['lineage', 'fct_orders', '--upstream', '-1']), UsageError);
    assert.throws(() => parseCommandLine(['lineage', 'fct_orders', '--format', 'sarif']), UsageError);
    assert.throws(() => parseCommandLine(['lineage']), UsageError);
  });

  it('prints the JSON document with nodes, edges and, with --columns, one-hop column lineage', async () => {
    const document = JSON.parse(await runLineage(args('fct_orders', ['--upstream', '1', '--downstream', '0', '--columns', '--format', 'json']), REPO));
    assert.deepEqual(Object.keys(document), ['version', 'root', 'nodes', 'edges', 'columns']);
    assert.equal(document.version, 1);
    assert.equal(document.root, 'fct_orders');
    assert.deepEqual(document.nodes, [
      { id: 'int_orders_with_payments', kind: 'model', file: 'models/intermediate/int_orders_with_payments.sql', materialized: 'ephemeral' },
      { id: 'fct_orders', kind: 'model', file: 'models/marts/core/fct_orders.sql', materialized: 'incremental' },
    ]);
    assert.deepEqual(document.edges, [{ from: 'int_orders_with_payments', to: 'fct_orders' }]);
    const column = (node: string, name: string) => document.columns.find((entry: { node: string; column: string }) => entry.node === node && entry.column === name);
    assert.deepEqual(column('fct_orders', 'order_id'), { node: 'fct_orders', column: 'order_id', from: [{ node: 'int_orders_with_payments', column: 'order_id', transform: 'pass-through' }] });
    assert.deepEqual(column('fct_orders', 'net_order_total').from.map((origin: { column: string }) => origin.column).sort(), ['order_total', 'refunded_amount']);
    assert.equal(column('int_orders_with_payments', 'order_id').from[0].node, 'stg_shop__orders');
    for (const entry of document.columns) {
      if (entry.unresolved !== undefined) assert.deepEqual(entry.from, []);
      for (const origin of entry.from) assert.ok(['pass-through', 'rename', 'transformation'].includes(origin.transform));
    }
  });

  it('omits columns without --columns and honours depths', async () => {
    const document = JSON.parse(await runLineage(args('source:shop.orders', ['--downstream', '1', '--format', 'json']), REPO));
    assert.equal(document.columns, undefined);
    assert.deepEqual(document.nodes, [{ id: 'source:shop.orders', kind: 'source' }, { id: 'stg_shop__orders', kind: 'model', file: 'models/staging/shop/stg_shop__orders.sql', materialized: 'view' }]);
    const all = JSON.parse(await runLineage(args('source:shop.orders', ['--format', 'json']), REPO));
    assert.ok(all.nodes.some((node: { id: string }) => node.id === 'fct_orders'), 'all downstream by default');
  });

  it('prints Mermaid and Graphviz with quoted ids', async () => {
    const mermaid = await runLineage(args('source:shop.orders', ['--downstream', '1', '--format', 'mermaid']), REPO);
    assert.equal(mermaid, 'graph LR\n  n0[("source:shop.orders")]\n  n1["stg_shop__orders"]\n  n0 --> n1\n  style n0 stroke-width:3px\n');
    const dot = await runLineage(args('source:shop.orders', ['--downstream', '1', '--format', 'dot']), REPO);
    assert.match(dot, /^digraph lineage \{/);
    assert.match(dot, /"source:shop\.orders" -> "stg_shop__orders";/);
  });

  it('prints an indented text tree', async () => {
    const text = await runLineage(args('fct_orders', ['--upstream', '1', '--downstream', '0']), REPO);
    assert.equal(text, 'fct_orders (model, incremental) models/marts/core/fct_orders.sql\nupstream:\n  └─ int_orders_with_payments (model, ephemeral) models/intermediate/int_orders_with_payments.sql\n');
  });

  it('rejects an unknown model with a suggestion, and exits 2', async () => {
    await assert.rejects(runLineage(args('fct_ordrs'), REPO), (error: Error) => error instanceof CliError && /did you mean `fct_orders`\?/.test(error.message));
    const run = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(process.execPath, ['--import', TSX, MAIN, 'lineage', 'fct_ordrs', 'examples/demo'], { cwd: REPO }, (error, _stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stderr });
      });
    });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /did you mean `fct_orders`\?/);
  });
});
