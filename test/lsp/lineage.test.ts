/**
 * dplens/lineage over stdio on the shop fixture: the model-level graph by document and by id, depth limits,
 * and clear errors for unknown models, files that define no model and malformed parameters.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FIXTURES, LspClient } from './client';

interface LineageDocument {
  version: number;
  root: string;
  nodes: { id: string; kind: string; file?: string; materialized?: string }[];
  edges: { from: string; to: string }[];
  columns?: { node: string; column: string; from: { node: string; column: string; transform: string }[] }[];
  workspaceUri: string;
}

describe('dplens/lineage', function () {
  this.timeout(30000);
  let client: LspClient;
  const shop = path.join(FIXTURES, 'shop');

  before(async () => {
    client = await LspClient.start(shop);
    // The first diagnostics say the index is built.
    await client.diagnostics('models/marts/dim_customers.sql');
  });

  after(() => client?.stop());

  const lineage = (params: object) => client.request<LineageDocument>('dplens/lineage', params);

  it('returns the model-level graph of the model a document defines, in the CLI JSON shape', async () => {
    const graph = await lineage({ uri: client.uri('models/marts/fct_orders.sql') });
    assert.equal(graph.version, 1);
    assert.equal(graph.root, 'fct_orders');
    assert.deepEqual(graph.nodes.map((node) => node.id), ['source:raw.customers', 'source:raw.orders', 'stg_customers', 'stg_orders', 'fct_orders']);
    assert.deepEqual(graph.nodes.find((node) => node.id === 'stg_orders'), { id: 'stg_orders', kind: 'model', file: 'models/staging/stg_orders.sql', materialized: 'view' });
    assert.deepEqual(graph.edges, [
      { from: 'source:raw.customers', to: 'stg_customers' },
      { from: 'source:raw.orders', to: 'stg_orders' },
      { from: 'stg_customers', to: 'fct_orders' },
      { from: 'stg_orders', to: 'fct_orders' },
    ]);
    assert.equal(graph.columns, undefined, 'columns are computed only when asked for');
    assert.equal(graph.workspaceUri, pathToFileURL(shop).toString());
  });

  it('names the root by lineage id and limits the hops in each direction', async () => {
    const graph = await lineage({ model: 'stg_orders', upstream: 0, downstream: 1 });
    assert.equal(graph.root, 'stg_orders');
    assert.deepEqual(graph.nodes.map((node) => node.id), ['stg_orders', 'fct_orders']);
    assert.deepEqual(graph.edges, [{ from: 'stg_orders', to: 'fct_orders' }]);
    const source = await lineage({ model: 'source:raw.orders', downstream: 1 });
    assert.deepEqual(source.nodes.map((node) => node.id), ['source:raw.orders', 'stg_orders']);
  });

  it('answers an id within the workspace folder a URI names, as the editor asks when expanding a node', async () => {
    const graph = await lineage({ uri: pathToFileURL(shop).toString(), model: 'stg_customers', upstream: 1, downstream: 0 });
    assert.deepEqual(graph.edges, [{ from: 'source:raw.customers', to: 'stg_customers' }]);
  });

  it('answers an unknown model with an error that suggests the closest name', async () => {
    await assert.rejects(lineage({ model: 'stg_ordres' }), (error: Error & { code?: number }) => {
      assert.equal(error.code, -32602);
      assert.match(error.message, /No model, source, seed or snapshot `stg_ordres` in this workspace\. Did you mean `stg_orders`\?/);
      return true;
    });
  });

  it('answers a file that defines no model, and missing or malformed parameters, with errors', async () => {
    await assert.rejects(lineage({ uri: client.uri('models/staging/_models.yml') }), /defines no model, seed or snapshot/);
    await assert.rejects(lineage({}), /needs `uri` \(a model file\) or `model`/);
    await assert.rejects(lineage({ model: 'stg_orders', upstream: -1 }), /`upstream` must be a whole number of hops/);
  });

  it('adds one-hop column lineage only when asked for', async () => {
    const graph = await lineage({ model: 'stg_orders', upstream: 0, downstream: 0, columns: true });
    assert.ok(graph.columns, 'columns were asked for');
    assert.deepEqual(
      graph.columns.map((entry) => entry.column),
      ['order_id', 'amount'],
    );
  });
});
