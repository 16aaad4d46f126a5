/**
 * The LanguageClient's options: which documents the server analyses, how it is started, where it logs, and what
 * happens when it dies (server-restarts.ts). The client id `dplens` makes vscode-languageclient read the
 * `dplens.trace.server` setting by itself and write the protocol trace to the same output channel as the server's log.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  State,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { CrashHistory, DEFAULT_RESTART_POLICY, gaveUpMessage, RESTART_CHOICE, restartingMessage, SHOW_OUTPUT_CHOICE, type RestartPolicy } from './server-restarts';

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
  const recovery = new CrashRecovery(outputChannel);
  context.subscriptions.push(outputChannel, recovery);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'sql' },
      { scheme: 'file', language: 'jinja-sql' },
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', language: 'python' },
      // Event schemas: `.avsc` files are the `avro` language this extension contributes (VS Code knows no Avro);
      // JSON Schema event contracts stay `json`, and only `*.schema.json` files are sent, not every JSON file.
      { scheme: 'file', language: 'avro' },
      { scheme: 'file', language: 'json', pattern: '**/*.schema.json' },
    ],
    // A function, so that the restart after the workspace is trusted tells the new server so.
    initializationOptions: () => ({ trusted: vscode.workspace.isTrusted }),
    // Files changed outside the editor (a git checkout, dbt deps, a generated file) must reach the index too.
    // The server pulls `dplens.*` per document; the configuration section makes the client tell it when they change.
    // dbt rewrites target/manifest.json and catalog.json on every run; the server reads them again when they change.
    synchronize: {
      fileEvents: [vscode.workspace.createFileSystemWatcher('**/*.{sql,py,yml,yaml,csv,avsc}'), vscode.workspace.createFileSystemWatcher('**/*.schema.json'), vscode.workspace.createFileSystemWatcher('**/{manifest,catalog}.json')],
      configurationSection: 'dplens',
    },
    outputChannel,
    errorHandler: recovery,
  };
  const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  recovery.client = client;
  return client;
}

/**
 * The client's error handler. A dead server is started again by this handler, after the back-off of
 * CrashHistory, rather than by the client at once: the client is stopped meanwhile, so the status bar says so.
 * Starting it again goes through `LanguageClient.start()`, whose text synchronisation sends `didOpen` for every
 * open document with the editor's current text (vscode-languageclient 11, `DidOpenTextDocumentFeature.register`),
 * so unsaved edits are analysed again. A stop the extension asks for (deactivation, "Restart Server", granting
 * trust) never reaches `closed()`: the client consults the handler only when the connection closes by itself.
 */
class CrashRecovery implements ErrorHandler, vscode.Disposable {
  client: LanguageClient | undefined;
  private readonly history: CrashHistory;
  private timer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(
    private readonly output: vscode.OutputChannel,
    private readonly policy: RestartPolicy = DEFAULT_RESTART_POLICY,
  ) {
    this.history = new CrashHistory(policy);
  }

  /**
   * Reading or writing the connection failed. As the client's default does, a few errors are let pass and a
   * connection that keeps failing is shut down; they are logged, not shown, since a dying server's last errors
   * come with its close, which `closed()` reports.
   */
  error(error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    if (count !== undefined && count <= 3) return { action: ErrorAction.Continue, message: `Data Platform Lens: the connection to the language server failed: ${error.message}`, handled: true };
    return { action: ErrorAction.Shutdown };
  }

  closed(): CloseHandlerResult {
    const decision = this.history.crashed(Date.now());
    if (decision.action === 'restart') {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.startAgain(), decision.delayMs);
      return { action: CloseAction.DoNotRestart, message: restartingMessage(decision, this.policy), handled: true };
    }
    void this.offerRestart(decision.crashes);
    return { action: CloseAction.DoNotRestart, message: gaveUpMessage(decision.crashes, this.policy), handled: true };
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
  }

  private startAgain(): void {
    this.timer = undefined;
    // The user may have restarted it meanwhile, or the window may be closing.
    if (this.disposed || !this.client || this.client.state !== State.Stopped) return;
    this.client.start().catch((error: unknown) => this.output.appendLine(`Data Platform Lens: restarting the language server failed: ${error instanceof Error ? error.message : String(error)}`));
  }

  private async offerRestart(crashes: number): Promise<void> {
    const choice = await vscode.window.showErrorMessage(gaveUpMessage(crashes, this.policy), RESTART_CHOICE, SHOW_OUTPUT_CHOICE);
    if (choice === SHOW_OUTPUT_CHOICE) this.output.show(true);
    if (choice !== RESTART_CHOICE || this.disposed || !this.client) return;
    this.history.reset();
    const client = this.client;
    await (client.state === State.Stopped ? client.start() : client.restart()).catch((error: unknown) =>
      vscode.window.showErrorMessage(`Data Platform Lens: the language server could not be started: ${error instanceof Error ? error.message : String(error)}`),
    );
  }
}
