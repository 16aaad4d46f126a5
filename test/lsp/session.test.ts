/**
 * How the server schedules its work, over stdio: progress while indexing, open documents published first,
 * a newer version superseding a pending older one, and a failing handler answered and logged, not fatal.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { FIXTURES, LspClient } from './client';

const shop = path.join(FIXTURES, 'shop');
const fct = 'models/marts/fct_orders.sql';

describe('language server scheduling', () => {
  let client: LspClient;

  before(async () => {
    client = await LspClient.start(shop, { window: { workDoneProgress: true } });
    // Opened before indexing ends: the client sends it ahead of its answer to the progress request.
    client.open(fct);
    await client.diagnostics('models/marts/dim_customers.sql');
  });

  after(() => client?.stop());

  it('reports indexing progress to a client that supports it', async () => {
    const kinds = () => client.notifications.filter((n) => n.method === '$/progress').map((n) => (n.params as { value: { kind: string } }).value.kind);
    await client.waitFor(() => (kinds().includes('end') ? true : undefined), () => `progress: ${kinds().join(', ')}`);
    assert.equal(kinds()[0], 'begin');
    assert.equal(kinds()[kinds().length - 1], 'end');
  });

  it('publishes the open document before the rest of the workspace', () => {
    const first = client.notifications.find((n) => n.method === 'textDocument/publishDiagnostics');
    assert.equal((first?.params as PublishDiagnosticsParams).uri, client.uri(fct));
  });

  it('analyses only the newest of quick successive versions', async () => {
    const original = client.text(fct);
    // What the original version publishes (the standards rules find things in this minimal fixture too).
    const { diagnostics: settled } = await client.diagnostics(fct);
    assert.ok(!settled.some((d) => d.code === 'dag/unknown-ref'), 'the original version reads a model that exists');
    const seen = client.notifications.length;
    client.change(fct, original.replace("ref('stg_orders')", "ref('zzz_missing')"));
    client.change(fct, original);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const published = client.notifications.slice(seen).filter((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as PublishDiagnosticsParams).uri === client.uri(fct));
    assert.ok(published.length >= 1, 'the newest version is published');
    // The superseded version would add dag/unknown-ref for `zzz_missing`; every publication is the original's.
    for (const n of published) assert.deepEqual((n.params as PublishDiagnosticsParams).diagnostics, settled, 'the superseded version never reached the index');
  });

  it('answers a request whose handler fails with an empty result, logs it once, and keeps serving', async () => {
    // A request without a document makes the handler throw, as a defect would.
    const bad = { textDocument: null, position: { line: 0, character: 0 } };
    assert.equal(await client.request<Hover | null>('textDocument/hover', bad), null);
    assert.equal(await client.request<Hover | null>('textDocument/hover', bad), null);
    const logs = client.notifications.filter((n) => n.method === 'window/logMessage' && /hover failed/.test((n.params as { message: string }).message));
    assert.equal(logs.length, 1);
    const hover = await client.request<Hover | null>('textDocument/hover', client.at(fct, "ref('stg_or|ders')"));
    assert.ok(hover, 'hover still works');
  });
});
