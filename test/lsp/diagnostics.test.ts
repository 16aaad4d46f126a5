/**
 * The bundled language server, spoken to over stdio as an editor would: it indexes the demo project,
 * publishes the misspelt ref as a diagnostic with its rule and docs link, and re-checks on an edit.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as fs from 'node:fs';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

const root = path.join(__dirname, '..', '..');
const demo = path.join(root, 'examples', 'demo');
const server = path.join(root, 'dist', 'server.js');

describe('language server over stdio', () => {
  let child: ChildProcess;
  let connection: MessageConnection;
  const published = new Map<string, PublishDiagnosticsParams>();
  const waiters: (() => void)[] = [];

  before(async function () {
    assert.ok(fs.existsSync(server), 'dist/server.js is missing: run `npm run build` (npm test does)');
    child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      published.set(params.uri, params);
      waiters.splice(0).forEach((wake) => wake());
    });
    connection.listen();
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(demo).toString(),
      workspaceFolders: [{ uri: pathToFileURL(demo).toString(), name: 'demo' }],
      capabilities: {},
    });
    connection.sendNotification('initialized', {});
  });

  after(() => {
    connection?.dispose();
    child?.kill();
  });

  async function diagnosticsFor(file: string, until: (params: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams> {
    const uri = pathToFileURL(path.join(demo, file)).toString();
    const deadline = Date.now() + 15000;
    for (;;) {
      const params = published.get(uri);
      if (params && until(params)) return params;
      if (Date.now() > deadline) throw new Error(`no matching diagnostics for ${file}; last: ${JSON.stringify(params?.diagnostics)}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  it('publishes the misspelt ref with its rule, position and docs link', async () => {
    const params = await diagnosticsFor('models/marts/finance/fct_revenue_daily.sql', (p) => p.diagnostics.length > 0);
    const diagnostic = params.diagnostics.find((d) => d.code === 'dag/unknown-ref');
    assert.ok(diagnostic, 'a dag/unknown-ref diagnostic');
    assert.deepEqual(diagnostic.range.start, { line: 15, character: 21 });
    assert.match(String(diagnostic.message), /Did you mean `stg_shop__orders`\?/);
    assert.match(diagnostic.codeDescription!.href, /docs\/rules\/dag\/unknown-ref\.md$/);
    assert.equal(diagnostic.severity, 1);
  });

  it('clears the finding when the edit fixes the ref', async () => {
    const file = path.join(demo, 'models/marts/finance/fct_revenue_daily.sql');
    const uri = pathToFileURL(file).toString();
    const text = fs.readFileSync(file, 'utf8');
    connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sql', version: 1, text } });
    connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: text.replace("ref('stg_shop__ordrs')", "ref('stg_shop__orders')") }],
    });
    const params = await diagnosticsFor('models/marts/finance/fct_revenue_daily.sql', (p) => !p.diagnostics.some((d) => d.code === 'dag/unknown-ref'));
    assert.deepEqual(params.diagnostics.filter((d) => d.code === 'dag/unknown-ref'), []);
  });
});
