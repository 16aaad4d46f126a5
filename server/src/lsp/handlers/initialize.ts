/**
 * initialize and initialized: declares the capabilities, then indexes each workspace folder, with
 * `window/workDoneProgress` when the client supports it, and publishes diagnostics with open files first.
 */
import { TextDocumentSyncKind, type InitializeParams, type InitializeResult, type WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import { fileURLToPath } from 'node:url';
import type { ServerContext } from '../context';
import { WorkspaceSession } from '../workspace-session';
import { publishDiagnostics } from './diagnostics';

export function registerInitialize(ctx: ServerContext): void {
  ctx.connection.onInitialize((params: InitializeParams): InitializeResult => {
    ctx.capabilities = params.capabilities;
    ctx.folders = (params.workspaceFolders ?? []).map((folder) => fileURLToPath(folder.uri));
    if (ctx.folders.length === 0 && params.rootUri) ctx.folders = [fileURLToPath(params.rootUri)];
    // The client says whether the workspace is trusted; only then are profiles outside the workspace read.
    ctx.trusted = (params.initializationOptions as { trusted?: boolean } | undefined)?.trusted === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        completionProvider: { triggerCharacters: ["'", '"'] },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        documentSymbolProvider: true,
        documentFormattingProvider: true,
        codeLensProvider: { resolveProvider: false },
        foldingRangeProvider: true,
      },
    };
  });

  ctx.connection.onInitialized(() => {
    void indexFolders(ctx);
  });
}

async function indexFolders(ctx: ServerContext): Promise<void> {
  const progress = await startProgress(ctx);
  for (const [position, folder] of ctx.folders.entries()) {
    progress?.report(Math.round((position / ctx.folders.length) * 100), `Indexing ${folder}`);
    // Indexing is synchronous; yielding first lets the progress message reach the client before it starts.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      const session = new WorkspaceSession(folder, ctx.trusted);
      ctx.workspaces.add(session);
      // Open documents first: their text may already differ from the disk, and they are what the user looks at.
      const published = new Set(ctx.analysis.syncOpenDocuments(session));
      publishDiagnostics(ctx.connection, ctx.workspaces, session, session.filesWithFindings().filter((file) => !published.has(file)));
    } catch (error) {
      ctx.connection.console.error(`Data Platform Lens could not index ${folder}: ${(error as Error).message}`);
    }
  }
  progress?.done();
}

/** Progress is optional in LSP: only clients that declare `window.workDoneProgress` get it. */
async function startProgress(ctx: ServerContext): Promise<WorkDoneProgressServerReporter | undefined> {
  if (ctx.capabilities.window?.workDoneProgress !== true || ctx.folders.length === 0) return undefined;
  try {
    const progress = await ctx.connection.window.createWorkDoneProgress();
    progress.begin('Data Platform Lens', 0, 'Indexing dbt projects', false);
    return progress;
  } catch {
    // A client that refuses the token still gets diagnostics; progress is a courtesy.
    return undefined;
  }
}
