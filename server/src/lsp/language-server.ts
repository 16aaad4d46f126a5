/**
 * The Data Platform Lens language server: wiring only. Each LSP method has its handler under `handlers/`;
 * the workspaces, the open documents and the analysis scheduler are shared through one `ServerContext`.
 * `server.ts` starts it with the registry's rules; an embedding (a test entry point) may give its own.
 */
import { createConnection, LSPErrorCodes, ProposedFeatures, ResponseError, TextDocuments, type RequestMessage, type ResponseMessage } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RULES } from '../core/rules/registry';
import type { Rule } from '../core/rules/rule';
import { AnalysisScheduler } from './analysis-scheduler';
import { createGuard, type ServerContext } from './context';
import { Workspaces } from './workspaces';
import { SettingsCache } from './settings';
import { RuleFailureReporter } from './rule-failures';
import { registerConfiguration } from './handlers/configuration';
import { publishDiagnostics } from './handlers/diagnostics';
import { registerInitialize } from './handlers/initialize';
import { registerTextDocumentSync } from './handlers/text-document-sync';
import { registerHover } from './handlers/hover';
import { registerDefinition } from './handlers/definition';
import { registerReferences } from './handlers/references';
import { registerCompletion } from './handlers/completion';
import { registerCodeAction } from './handlers/code-action';
import { registerRename } from './handlers/rename';
import { registerDocumentSymbol } from './handlers/document-symbol';
import { registerLineage } from './handlers/lineage';
import { registerFormatting } from './handlers/formatting';
import { registerCodeLens } from './handlers/code-lens';
import { registerFoldingRange } from './handlers/folding-range';
import { registerWatchedFiles } from './handlers/watched-files';
import { registerReviewChanges } from './handlers/review-changes';
import { registerSemanticTokens } from './handlers/semantic-tokens';
import { registerInlayHint } from './handlers/inlay-hint';

export interface LanguageServerOptions {
  /** The rules the workspaces are checked with; the registry's by default. */
  rules?: readonly Rule[];
}

export function startLanguageServer(options: LanguageServerOptions = {}): void {
  const connection = createConnection(ProposedFeatures.all, {
    // A request cancelled while it still waits in the queue (behind an edit's analysis, say) is answered at once,
    // as LSP asks, instead of running for a client that no longer wants it (vscode-eslint does the same).
    cancelUndispatched: (message): ResponseMessage => {
      const request = message as RequestMessage;
      return { jsonrpc: request.jsonrpc, id: request.id, error: new ResponseError(LSPErrorCodes.RequestCancelled, `${request.method} was cancelled before it ran.`).toJson() };
    },
  });
  const documents = new TextDocuments(TextDocument);
  const workspaces = new Workspaces();
  const guard = createGuard((message) => connection.console.error(message));
  const analysis = new AnalysisScheduler({
    documents,
    workspaces,
    guard,
    publish: (session, files) => {
      publishDiagnostics(ctx, session, files);
      // `ctx` is declared below; analyses only run after initialization, by when it exists.
      for (const listener of ctx.afterAnalysis) listener(session);
    },
  });

  const settings = new SettingsCache(connection);
  const ctx: ServerContext = {
    connection,
    documents,
    workspaces,
    analysis,
    guard,
    settings,
    rules: options.rules ?? RULES,
    ruleFailures: new RuleFailureReporter(connection),
    capabilities: {},
    trusted: false,
    folders: [],
    afterAnalysis: [],
  };

  registerInitialize(ctx);
  registerTextDocumentSync(ctx);
  registerHover(ctx);
  registerDefinition(ctx);
  registerReferences(ctx);
  registerCompletion(ctx);
  registerCodeAction(ctx);
  registerRename(ctx);
  registerDocumentSymbol(ctx);
  registerLineage(ctx);
  registerFormatting(ctx);
  registerCodeLens(ctx);
  registerFoldingRange(ctx);
  registerSemanticTokens(ctx);
  registerInlayHint(ctx);
  registerWatchedFiles(ctx);
  registerReviewChanges(ctx);
  registerConfiguration(ctx);

  documents.listen(connection);
  connection.listen();
}
