/**
 * The bundled server keeps its summaries in DPLENS_STORAGE_DIR: a second start on the same folder reuses them
 * (it says so in its log) and publishes the same diagnostics.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { DEMO } from './client';

const server = path.join(__dirname, '..', '..', 'dist', 'server.js');

/** Starts the server on the demo, waits for the full index's log line, collects diagnostics, and exits cleanly. */
async function session(storage: string): Promise<{ log: string; diagnostics: Map<string, PublishDiagnosticsParams['diagnostics']> }> {
  const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, DPLENS_STORAGE_DIR: storage } });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const diagnostics = new Map<string, PublishDiagnosticsParams['diagnostics']>();
  let log = '';
  const indexed = new Promise<void>((resolve) => {
    connection.onNotification('window/logMessage', (params: { type: number; message: string }) => {
      if (!params.message.startsWith('Data Platform Lens indexed')) return;
      log = params.message;
      resolve();
    });
  });
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    diagnostics.set(params.uri, params.diagnostics);
  });
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(DEMO).toString(), workspaceFolders: [{ uri: pathToFileURL(DEMO).toString(), name: 'demo' }], capabilities: {} });
  void connection.sendNotification('initialized', {});
  await indexed;
  // A request round trip after the log line: every publication of the full index has arrived by then.
  await connection.sendRequest('shutdown');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  void connection.sendNotification('exit');
  await exited;
  connection.dispose();
  return { log, diagnostics };
}

describe('language server: persisted summaries', function () {
  this.timeout(60_000);

  it('writes the summaries on exit and reuses every one of them on the next start, with the same diagnostics', async () => {
    const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'dplens-lsp-summaries-'));
    const first = await session(storage);
    assert.match(first.log, /, 0 of \d+ summaries reused/);
    assert.equal(fs.readdirSync(path.join(storage, 'summaries')).length, 1);
    const second = await session(storage);
    const [, hits, total] = /, (\d+) of (\d+) summaries reused/.exec(second.log) ?? [];
    assert.ok(Number(total) > 20 && hits === total, second.log);
    assert.deepEqual([...second.diagnostics].sort(), [...first.diagnostics].sort());
    assert.ok([...first.diagnostics.values()].some((list) => list.some((diagnostic) => diagnostic.code === 'dag/unknown-ref')));
  });
});
