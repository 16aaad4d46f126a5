/**
 * initialize and initialized: declares the capabilities, then indexes each workspace folder, with
 * `window/workDoneProgress` when the client supports it, and publishes diagnostics with open files first.
 */
import { TextDocumentSyncKind, type InitializeParams, type InitializeResult, type WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import { fileURLToPath } from 'node:url';
import type { ServerContext } from '../context';
import { WorkspaceSession } from '../workspace-session';
import { refreshContractBase } from '../contract-base';
import { publishDiagnostics, publishFindings } from './diagnostics';
import * as path from 'node:path';
import { previewFindings } from '../preview';
import { openServerSummaryStore, type PersistedSummaryStore } from '../../io/summary-store';
import { SEMANTIC_TOKENS_LEGEND } from './semantic-tokens';

/**
 * How long indexing waits at most after `initialized` for the editor's didOpen notifications of visible
 * files. It starts as soon as the first one arrives; with no file open, nobody is waiting for diagnostics.
 */
const OPEN_DOCUMENTS_GRACE_MS = 100;

/** How long after indexing a folder its summaries are written to the storage folder. */
const SAVE_SUMMARIES_AFTER_MS = 3000;

/** How long indexing waits for the preview's diagnostics to be written to the client. */
const PREVIEW_WRITE_TIMEOUT_MS = 200;

export function registerInitialize(ctx: ServerContext): void {
  ctx.connection.onInitialize((params: InitializeParams): InitializeResult => {
    ctx.capabilities = params.capabilities;
    ctx.folders = (params.workspaceFolders ?? []).map((folder) => fileURLToPath(folder.uri));
    if (ctx.folders.length === 0 && params.rootUri) ctx.folders = [fileURLToPath(params.rootUri)];
    // The client says whether the workspace is trusted; only then are profiles outside the workspace read.
    const options = params.initializationOptions as { trusted?: boolean; settings?: unknown } | undefined;
    ctx.trusted = options?.trusted === true;
    const folderUris = (params.workspaceFolders ?? []).map((folder) => folder.uri);
    if (folderUris.length === 0 && params.rootUri) folderUris.push(params.rootUri);
    ctx.settings.configure(params.capabilities.workspace?.configuration === true, options?.settings, folderUris);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        // Quotes open ref() and config values, `.` a column or `config.` selection, `(` and `,` config keys,
        // `=` and `:` values, `+` dbt_project.yml configs and graph operators.
        completionProvider: { triggerCharacters: ["'", '"', '.', '(', ',', '=', ':', '+'] },
        codeActionProvider: { codeActionKinds: ['quickfix', 'refactor.extract'] },
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        documentFormattingProvider: true,
        codeLensProvider: { resolveProvider: false },
        foldingRangeProvider: true,
        semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true },
        inlayHintProvider: true,
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
      // The preview's diagnostics must be written out before the full index occupies the thread for seconds;
      // yielding one turn was not enough (writes go through several turns), so wait for the writes themselves.
      await withTimeout(publishPreview(ctx, folder), PREVIEW_WRITE_TIMEOUT_MS);
      const started = performance.now();
      const store = openServerSummaryStore(folder);
      const session = new WorkspaceSession(folder, ctx.trusted, store, ctx.rules);
      ctx.workspaces.add(session);
      const reused = store ? `, ${store.stats.hits} of ${store.stats.hits + store.stats.misses} summaries reused from the last session` : '';
      ctx.connection.console.info(`Data Platform Lens indexed ${folder} in ${Math.round(performance.now() - started)} ms${reused}.`);
      if (store) persistSummaries(ctx, folder, store);
      // Open documents first: their text may already differ from the disk, and they are what the user looks at.
      const published = new Set(ctx.analysis.syncOpenDocuments(session));
      publishDiagnostics(ctx, session, session.filesWithFindings().filter((file) => !published.has(file)));
      await refreshContractBase(ctx, session);
    } catch (error) {
      ctx.connection.console.error(`Data Platform Lens could not index ${folder}: ${(error as Error).message}`);
    }
  }
  progress?.done();
}

/**
 * Writes the folder's summaries once the first diagnostics are out (writing 18 MB of JSON for 5,000 models
 * holds the thread for ~0.3 s, so not while the user waits for them), and on exit for what edits changed.
 */
function persistSummaries(ctx: ServerContext, folder: string, store: PersistedSummaryStore): void {
  const save = () => ctx.guard(`saving the summaries of ${folder}`, () => store.save(), undefined);
  setTimeout(save, SAVE_SUMMARIES_AFTER_MS).unref();
  process.once('exit', save);
}

/** Waits for `work`, but never longer than `ms`: a client that stops reading must not stall indexing. */
function withTimeout(work: Promise<unknown>, ms: number): Promise<unknown> {
  return Promise.race([work.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, ms))]);
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
function publishPreview(ctx: ServerContext, folder: string): Promise<unknown> {
  const open = new Map<string, string>();
  const uris = new Map<string, string>();
  for (const document of ctx.documents.all()) {
    if (!document.uri.startsWith('file:')) continue;
    const relative = path.relative(folder, fileURLToPath(document.uri)).split(path.sep).join('/');
    if (relative.startsWith('../') || path.isAbsolute(relative)) continue;
    open.set(relative, document.getText());
    uris.set(relative, document.uri);
  }
  if (open.size === 0) return Promise.resolve();
  try {
    const findings = previewFindings(folder, ctx.trusted, open);
    return Promise.all([...uris].map(([file, uri]) => publishFindings(ctx, uri, file, findings.filter((finding) => finding.file === file))));
  } catch (error) {
    // A preview is a courtesy: the full index still publishes.
    ctx.connection.console.error(`Data Platform Lens could not preview ${folder}: ${(error as Error).message}`);
    return Promise.resolve();
  }
}
