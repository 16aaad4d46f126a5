/**
 * The LanguageClient's options: which documents the server analyses, how it is started, and where it logs.
 * The client id `dplens` makes vscode-languageclient read the `dplens.trace.server` setting by itself and write
 * the protocol trace to the same output channel as the server's log.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

export const CLIENT_ID = 'dplens';
export const CLIENT_NAME = 'Data Platform Lens';

export function createLanguageClient(context: vscode.ExtensionContext): LanguageClient {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  // The server keeps its V8 code cache in the extension's global storage, so every start after the first is faster.
  const env = { ...process.env, DPLENS_STORAGE_DIR: context.globalStorageUri.fsPath };
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { env } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { env, execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const outputChannel = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  context.subscriptions.push(outputChannel);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'sql' },
      { scheme: 'file', language: 'jinja-sql' },
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', language: 'python' },
    ],
    // A function, so that the restart after the workspace is trusted tells the new server so.
    initializationOptions: () => ({ trusted: vscode.workspace.isTrusted }),
    // Files changed outside the editor (a git checkout, dbt deps, a generated file) must reach the index too.
    // The server pulls `dplens.*` per document; the configuration section makes the client tell it when they change.
    // dbt rewrites target/manifest.json and catalog.json on every run; the server reads them again when they change.
    synchronize: {
      fileEvents: [vscode.workspace.createFileSystemWatcher('**/*.{sql,py,yml,yaml,csv}'), vscode.workspace.createFileSystemWatcher('**/{manifest,catalog}.json')],
      configurationSection: 'dplens',
    },
    outputChannel,
  };
  return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
}
