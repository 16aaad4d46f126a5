/**
 * What every handler receives: the connection, the open documents, the workspaces, the analysis scheduler and
 * the client's capabilities, plus `guard`, which keeps one failing handler from taking the server down.
 */
import { LSPErrorCodes, ResponseError, type CancellationToken, type ClientCapabilities, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Rule } from '../core/rules/rule';
import { LineIndex } from '../core/text';
import type { AnalysisScheduler } from './analysis-scheduler';
import type { RuleFailureReporter } from './rule-failures';
import type { SettingsCache } from './settings';
import type { WorkspaceSession } from './workspace-session';
import type { ResolvedDocument, Workspaces } from './workspaces';

export interface ServerContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly workspaces: Workspaces;
  readonly analysis: AnalysisScheduler;
  /** The editor's `dplens.*` settings per document, pulled and cached (settings.ts). */
  readonly settings: SettingsCache;
  /** The rules every workspace is checked with. */
  readonly rules: readonly Rule[];
  /** Logs and shows rules that threw, once each; diagnostics publishing hands it each pass's failures. */
  readonly ruleFailures: RuleFailureReporter;
  capabilities: ClientCapabilities;
  trusted: boolean;
  folders: string[];
  /** Called after each analysis has published its diagnostics, for features that refresh what the client shows. */
  readonly afterAnalysis: ((session: WorkspaceSession) => void)[];
  /** Runs `run`; an exception is logged (once per handler and message) and `fallback` is returned instead. */
  guard<T>(handler: string, run: () => T, fallback: T): T;
}

/** Logs each distinct failure once, so a handler that fails on every keystroke does not flood the output. */
export function createGuard(log: (message: string) => void): ServerContext['guard'] {
  const reported = new Set<string>();
  return (handler, run, fallback) => {
    try {
      return run();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const key = `${handler}\u0000${message}`;
      if (!reported.has(key)) {
        reported.add(key);
        log(`Data Platform Lens: ${handler} failed: ${error instanceof Error ? error.stack ?? message : message}`);
      }
      return fallback;
    }
  };
}

/** The answer LSP asks for to a request the client cancelled. */
export function requestCancelled(request: string): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, `${request} was cancelled.`);
}

/**
 * Lets the connection read what arrived meanwhile, and says whether it cancelled this request. The server runs on
 * one thread, so a request's token can only change between turns of the event loop: handlers of requests that can
 * take long on a large workspace call this between the parts of their work, and answer `requestCancelled` when
 * it says so. A request cancelled while still queued never runs (see `cancelUndispatched` in language-server.ts).
 */
export async function cancelledMeanwhile(token: CancellationToken): Promise<boolean> {
  for (let turn = 0; turn < TURNS_TO_READ_CANCELLATION && !token.isCancellationRequested; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
  return token.isCancellationRequested;
}

/**
 * The turns of the event loop `cancelledMeanwhile` waits. The connection reads its input in the poll phase but
 * decodes each message in an immediate of its own, one message after the other (vscode-jsonrpc's read semaphore),
 * so a `$/cancelRequest` read right behind another message reaches its token two or three turns later.
 */
const TURNS_TO_READ_CANCELLATION = 3;

/** A document resolved to its session with the index's current text of it, for position conversion. */
export interface DocumentAt extends ResolvedDocument {
  text: string;
  lines: LineIndex;
  offset: number;
}

/**
 * Brings the index up to date with the document (a pending debounced edit is analysed now) and converts the
 * position to an offset into the index's text, which is then the same text the editor shows.
 */
export function documentAt(ctx: ServerContext, uri: string, position?: { line: number; character: number }): DocumentAt | undefined {
  ctx.analysis.flush(uri);
  const resolved = ctx.workspaces.resolve(uri);
  if (!resolved) return undefined;
  const text = resolved.session.index.text(resolved.file);
  if (text === undefined) return undefined;
  const lines = new LineIndex(text);
  return { ...resolved, text, lines, offset: position ? lines.offsetAt(position) : 0 };
}
