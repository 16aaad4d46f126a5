/**
 * dbt's artifacts caught mid-write: a cut-off `target/catalog.json` or `target/manifest.json` gives one info
 * diagnostic (project/incomplete-artifact) on the file, where reading stopped, and its missing entries give no
 * facts; once dbt has written the whole file and the editor reports the change (workspace/didChangeWatchedFiles),
 * the server reads it again: the diagnostic goes away and the catalog's facts (a relation's size in the inlay hints of a model that reads it) appear.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic, InlayHint } from 'vscode-languageserver-protocol';
import { LspClient } from './client';

const CHANGED = 2;
const COST_FIXTURE = path.join(__dirname, '..', 'fixtures', 'cost');
const RULE = 'project/incomplete-artifact';
const READER = 'models/marts/orders_report.sql';
const COMPLETE_MANIFEST = '{"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v12.json"}, "nodes": {}, "sources": {}}\n';

const incomplete = (diagnostics: Diagnostic[]) => diagnostics.filter((diagnostic) => diagnostic.code === RULE).map((diagnostic) => ({ ...diagnostic, message: String(diagnostic.message) }));

describe('language server: artifacts caught mid-write', function () {
  this.timeout(60_000);
  let workspace: string;
  let client: LspClient;
  let catalog: string;

  before(async () => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'dplens-artifacts-'));
    fs.cpSync(COST_FIXTURE, workspace, { recursive: true });
    fs.writeFileSync(path.join(workspace, READER), "select order_id, amount from {{ ref('fct_orders') }}\n");
    catalog = fs.readFileSync(path.join(workspace, 'target', 'catalog.json'), 'utf8');
    // dbt is writing the catalog: the text stops inside fct_orders' entry, before its size.
    fs.writeFileSync(path.join(workspace, 'target', 'catalog.json'), catalog.slice(0, catalog.indexOf('"value": 10737418240')));
    fs.writeFileSync(path.join(workspace, 'target', 'manifest.json'), COMPLETE_MANIFEST.slice(0, 60));
    client = await LspClient.start(workspace);
    client.open(READER);
  });

  after(() => {
    client?.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  /** The inlay hints of the model that reads fct_orders: the size of each relation it reads comes from catalog.json. */
  const sizeHints = async () => {
    const hints = await client.request<InlayHint[] | null>('textDocument/inlayHint', { textDocument: { uri: client.uri(READER) }, range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } } });
    return (hints ?? []).map((hint) => (typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join(''))).join('\n');
  };

  it('reports a cut-off catalog.json once, as info, where reading stopped, and shows none of its missing facts', async () => {
    const published = await client.diagnostics('target/catalog.json', (params) => incomplete(params.diagnostics).length > 0);
    const [diagnostic] = incomplete(published.diagnostics);
    assert.equal(incomplete(published.diagnostics).length, 1);
    assert.equal(diagnostic.severity, 3, 'information');
    assert.match(diagnostic.message, /catalog\.json is incomplete or invalid .*dbt may still be writing it/);
    const lines = fs.readFileSync(path.join(workspace, 'target', 'catalog.json'), 'utf8').split('\n');
    assert.equal(diagnostic.range.start.line, lines.length - 1, 'on the last line, where the text stops');
    assert.doesNotMatch(await sizeHints(), /GiB/);
  });

  it('reports a cut-off manifest.json the same way', async () => {
    const published = await client.diagnostics('target/manifest.json', (params) => incomplete(params.diagnostics).length > 0);
    assert.equal(incomplete(published.diagnostics).length, 1);
    assert.match(incomplete(published.diagnostics)[0].message, /manifest\.json is incomplete or invalid/);
  });

  it('reads the files again when dbt has finished them: the info goes away and the size appears in the hints', async () => {
    fs.writeFileSync(path.join(workspace, 'target', 'catalog.json'), catalog);
    fs.writeFileSync(path.join(workspace, 'target', 'manifest.json'), COMPLETE_MANIFEST);
    client.notify('workspace/didChangeWatchedFiles', { changes: ['target/catalog.json', 'target/manifest.json'].map((file) => ({ uri: client.uri(file), type: CHANGED })) });
    await client.diagnostics('target/catalog.json', (params) => incomplete(params.diagnostics).length === 0);
    await client.diagnostics('target/manifest.json', (params) => incomplete(params.diagnostics).length === 0);
    assert.match(await sizeHints(), /10\.0 GiB/);
  });
});
