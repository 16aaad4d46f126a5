/**
 * initialize and initialized: declares the capabilities, then indexes each workspace folder, with
 * `window/workDoneProgress` when the client supports it, and publishes diagnostics with open files first.
 */
import { TextDocumentSyncKind, type InitializeParams, type InitializeResult, type WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import { fileURLToPath } from 'node:url';
import type { ServerContext } from '../context';
import { WorkspaceSession } from '../workspace-session';
import { publishDiagnostics, publishFindings } from './diagnostics';
import * as path from 'node:path';
import { previewFindings } from '../preview';

/**
 * How long indexing waits at most after `initialized` for the editor's didOpen notifications of visible
 * files. It starts as soon as the first one arrives; with no file open, nobody is waiting for diagnostics.
 */
const OPEN_DOCUMENTS_GRACE_MS = 100;

export function registerInitialize(ctx: ServerContext): void {
  ctx.connection.onInitialize((params: InitializeParams): InitializeResult => {
    ctx.capabilities = params.capabilities;
    ctx.folders = (params.workspaceFolders ?? []).map((folder) => fileURLToPath(folder.uri));
    if (ctx.folders.length === 0 && params.rootUri) ctx.folders = [fileURLToPath(params.rootUri)];
    // The client says whether the workspace is trusted; only then are profiles outside the workspace read.
    const options = params.initializationOptions as { trusted?: boolean; settings?: unknown } | undefined;
    ctx.trusted = options?.trusted === true;
    ctx.settings.configure(params.capabilities.workspace?.configuration === true, options?.settings);
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
      if (position === 0) {
        // Editors send didOpen for visible files right after `initialized`: give those messages a moment to be
        // dispatched, since the synchronous indexing below would otherwise hold them until it ends.
        await firstOpenDocument(ctx, OPEN_DOCUMENTS_GRACE_MS);
      }
      if (publishPreview(ctx, folder)) {
        // Let the preview's diagnostics reach the client before the full index occupies the thread.
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      const session = new WorkspaceSession(folder, ctx.trusted);
      ctx.workspaces.add(session);
      // Open documents first: their text may already differ from the disk, and they are what the user looks at.
      const published = new Set(ctx.analysis.syncOpenDocuments(session));
      publishDiagnostics(ctx, session, session.filesWithFindings().filter((file) => !published.has(file)));
    } catch (error) {
      ctx.connection.console.error(`Data Platform Lens could not index ${folder}: ${(error as Error).message}`);
    }
  }
  progress?.done();
}

/**
 * Resolves when a document is open (then one turn later, so that didOpen notifications sent together are all
 * dispatched) or after `maxMs`, whichever comes first.
 */
function firstOpenDocument(ctx: ServerContext, maxMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, maxMs);
    const listener = ctx.documents.onDidOpen(() => setImmediate(done));
    if (ctx.documents.all().length > 0) setImmediate(done);
    function done() {
      clearTimeout(timer);
      listener.dispose();
      resolve();
    }
  });
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

/**
 * Diagnostics for the files already open in a folder, from a preview index that does not wait for the
 * whole workspace (see ../preview.ts). The full index publishes over them once it is built.
 */
function publishPreview(ctx: ServerContext, folder: string): boolean {
  const open = new Map<string, string>();
  const uris = new Map<string, string>();
  for (const document of ctx.documents.all()) {
    if (!document.uri.startsWith('file:')) continue;
    const relative = path.relative(folder, fileURLToPath(document.uri)).split(path.sep).join('/');
    if (relative.startsWith('../') || path.isAbsolute(relative)) continue;
    open.set(relative, document.getText());
    uris.set(relative, document.uri);
  }
  if (open.size === 0) return false;
  try {
    const findings = previewFindings(folder, ctx.trusted, open);
    for (const [file, uri] of uris) {
      publishFindings(ctx, uri, file, findings.filter((finding) => finding.file === file));
    }
    return true;
  } catch (error) {
    // A preview is a courtesy: the full index still publishes.
    ctx.connection.console.error(`Data Platform Lens could not preview ${folder}: ${(error as Error).message}`);
    return false;
  }
}
