/**
 * A small LSP client for tests: starts the bundled server over stdio on a workspace folder, opens and edits
 * documents, sends requests, waits for diagnostics, and turns `|`-marked fragments into cursor positions.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type CancellationToken, type MessageConnection } from 'vscode-jsonrpc/node';
import type { ClientCapabilities, InitializeResult, Position, PublishDiagnosticsParams, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';

const root = path.join(__dirname, '..', '..');
const serverPath = path.join(root, 'dist', 'server.js');
export const FIXTURES = path.join(root, 'test', 'fixtures', 'lsp');
export const DEMO = path.join(root, 'examples', 'demo');

export class LspClient {
  /** Every notification the server sent, in order, for tests about progress and ordering. */
  readonly notifications: { method: string; params: unknown }[] = [];
  /** What the server answered to `initialize`: its capabilities, for tests of what it declares. */
  initializeResult: InitializeResult | undefined;
  private readonly published = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: (() => void)[] = [];
  private readonly texts = new Map<string, { text: string; version: number }>();

  private constructor(
    readonly workspace: string,
    private readonly child: ChildProcess,
    private readonly connection: MessageConnection,
  ) {}

  /**
   * `requests` answers requests from the server (such as `workspace/configuration`); they are registered before
   * `initialize`, so that none arrives unanswered. `serverArgs` runs another server than the bundle: node's
   * arguments up to the script, such as a test entry point run with tsx.
   */
  static async start(
    workspace: string,
    capabilities: ClientCapabilities = {},
    initializationOptions?: unknown,
    requests: Record<string, (params: unknown) => unknown> = {},
    serverArgs?: string[],
  ): Promise<LspClient> {
    if (!serverArgs) assert.ok(fs.existsSync(serverPath), 'dist/server.js is missing: run `npm run build` (npm test does)');
    const child = spawn(process.execPath, [...(serverArgs ?? [serverPath]), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(workspace, child, connection);
    connection.onNotification((method, params) => {
      client.notifications.push({ method, params });
      if (method === 'textDocument/publishDiagnostics') client.published.set((params as PublishDiagnosticsParams).uri, params as PublishDiagnosticsParams);
      client.waiters.splice(0).forEach((wake) => wake());
    });
    // jsonrpc routes `$/progress` to per-token handlers, never to the catch-all above; tokens the client made up
    // itself (those the server created) arrive here.
    connection.onUnhandledProgress((params) => {
      client.notifications.push({ method: '$/progress', params });
      client.waiters.splice(0).forEach((wake) => wake());
    });
    // The server asks for a progress token when the client supports progress; any answer but an error accepts it.
    connection.onRequest('window/workDoneProgress/create', () => null);
    // Refresh requests are recorded with the notifications, so tests can wait for them the same way.
    connection.onRequest('workspace/codeLens/refresh', () => {
      client.notifications.push({ method: 'workspace/codeLens/refresh', params: null });
      client.waiters.splice(0).forEach((wake) => wake());
      return null;
    });
    for (const [method, answer] of Object.entries(requests)) connection.onRequest(method, (params: unknown) => answer(params));
    connection.listen();
    client.initializeResult = await connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(workspace).toString(),
      workspaceFolders: [{ uri: pathToFileURL(workspace).toString(), name: path.basename(workspace) }],
      capabilities,
      initializationOptions,
    });
    connection.sendNotification('initialized', {});
    return client;
  }

  /** Sends any notification, for protocol messages the helpers above do not cover. */
  notify(method: string, params: unknown): void {
    void this.connection.sendNotification(method, params);
  }

  stop(): void {
    this.connection.dispose();
    this.child.kill();
  }

  uri(file: string): string {
    return pathToFileURL(path.join(this.workspace, file)).toString();
  }

  /** The text the client holds for a file: what it opened or last changed, else the file on disk. */
  text(file: string): string {
    return this.texts.get(file)?.text ?? fs.readFileSync(path.join(this.workspace, file), 'utf8');
  }

  open(file: string, text = this.text(file)): void {
    this.texts.set(file, { text, version: 1 });
    const languageId = /\.ya?ml$/.test(file) ? 'yaml' : 'sql';
    this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: this.uri(file), languageId, version: 1, text } });
  }

  change(file: string, text: string): number {
    const version = (this.texts.get(file)?.version ?? 1) + 1;
    this.texts.set(file, { text, version });
    this.connection.sendNotification('textDocument/didChange', { textDocument: { uri: this.uri(file), version }, contentChanges: [{ text }] });
    return version;
  }

  /** Sends a request; a `token` the test cancels makes the client send `$/cancelRequest`, as an editor does. */
  request<T>(method: string, params: object, token?: CancellationToken): Promise<T> {
    return (token ? this.connection.sendRequest(method, params, token) : this.connection.sendRequest(method, params)) as Promise<T>;
  }

  /** The `textDocument` and `position` of the `|` in `marked`, a fragment of the file's current text. */
  at(file: string, marked: string): { textDocument: { uri: string }; position: Position } {
    const { text: fragment, offset } = cursor(marked);
    const text = this.text(file);
    const start = text.indexOf(fragment);
    assert.ok(start >= 0, `${JSON.stringify(fragment)} is not in ${file}`);
    return { textDocument: { uri: this.uri(file) }, position: TextDocument.create('', '', 0, text).positionAt(start + offset) };
  }

  /** Waits until the last diagnostics published for `file` satisfy `until`. */
  async diagnostics(file: string, until: (params: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    const uri = this.uri(file);
    const matching = () => {
      const params = this.published.get(uri);
      return params && until(params) ? params : undefined;
    };
    return this.waitFor(matching, () => `no matching diagnostics for ${file}; last: ${JSON.stringify(this.published.get(uri)?.diagnostics)}`);
  }

  /** Waits, waking on each notification, until `check` returns a value. */
  async waitFor<T>(check: () => T | undefined, failure: () => string = () => 'timed out'): Promise<T> {
    const deadline = Date.now() + 15000;
    for (;;) {
      const value = check();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(failure());
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  /** Applies a workspace edit's changes to the client's texts and sends them as didChange, as an editor would. */
  applyEdit(edit: WorkspaceEdit): void {
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
      const file = path.relative(this.workspace, fileURLToPath(uri)).split(path.sep).join('/');
      this.change(file, applyEdits(this.text(file), edits));
    }
  }
}

/** Splits a `|`-marked fragment into its text and the cursor's offset. */
export function cursor(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0 && marked.indexOf('|', offset + 1) < 0, `exactly one | expected in ${JSON.stringify(marked)}`);
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('', '', 0, text), edits);
}

/**
 * Applies a workspace edit to a copy of `files` (workspace-relative paths) as an editor would: `documentChanges` in
 * order, file creations and renames included, else `changes`. Creating or renaming onto an existing file fails,
 * as the server asks with `overwrite: false`.
 */
export function applyWorkspaceEdit(workspace: string, files: ReadonlyMap<string, string>, edit: WorkspaceEdit): Map<string, string> {
  const result = new Map(files);
  const fileOf = (uri: string) => path.relative(workspace, fileURLToPath(uri)).split(path.sep).join('/');
  const change = (file: string, edits: TextEdit[]) => {
    assert.ok(result.has(file), `the edit changes ${file}, which does not exist`);
    result.set(file, applyEdits(result.get(file)!, edits));
  };
  for (const operation of edit.documentChanges ?? []) {
    // Snippet edits never come from this server; its text edits are plain.
    if (!('kind' in operation)) change(fileOf(operation.textDocument.uri), operation.edits as TextEdit[]);
    else if (operation.kind === 'create') {
      assert.ok(!result.has(fileOf(operation.uri)), `the edit creates ${fileOf(operation.uri)}, which exists`);
      result.set(fileOf(operation.uri), '');
    } else if (operation.kind === 'rename') {
      const [from, to] = [fileOf(operation.oldUri), fileOf(operation.newUri)];
      assert.ok(result.has(from) && !result.has(to), `the edit renames ${from} to ${to}`);
      result.set(to, result.get(from)!);
      result.delete(from);
    } else result.delete(fileOf(operation.uri));
  }
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) change(fileOf(uri), edits);
  return result;
}
