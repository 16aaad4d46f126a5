/**
 * What every handler receives: the connection, the open documents, the workspaces, the analysis scheduler and
 * the client's capabilities, plus `guard`, which keeps one failing handler from taking the server down.
 */
import type { ClientCapabilities, Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex, type Span } from '../core/text';
import type { AnalysisScheduler } from './analysis-scheduler';
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

/** Converts a span in a workspace file to an LSP location, reading the index's text of that file. */
export function locationOf(ctx: ServerContext, resolved: ResolvedDocument, file: string, span: Span): { uri: string; range: ReturnType<LineIndex['rangeOf']> } | undefined {
  const text = resolved.session.index.text(file);
  if (text === undefined) return undefined;
  return { uri: ctx.workspaces.uriOf(resolved.session, file), range: new LineIndex(text).rangeOf(span) };
}
