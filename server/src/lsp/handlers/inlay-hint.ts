/**
 * textDocument/inlayHint: the types of a model's output columns and the size of each relation it reads, as the
 * `dplens.inlayHints` settings allow. Hints show facts from other files (properties YAML, catalog.json), so
 * after an edit that changed the graph, and after the first index of a workspace, the client is asked to refresh
 * them, when it supports that.
 */
import { InlayHintKind, InlayHintRefreshRequest, type InlayHint } from 'vscode-languageserver/node';
import { inlayHints } from '../../core/navigation';
import { documentAt, requestCancelled, type ServerContext } from '../context';
import type { WorkspaceSession } from '../workspace-session';

export function registerInlayHint(ctx: ServerContext): void {
  // The graph revision each session's hints were last computed at, and whether a request came before any index.
  const shown = new Map<WorkspaceSession, number>();
  let askedBeforeIndex = false;
  ctx.connection.languages.inlayHint.on(async (params, token) => {
    const settings = await ctx.settings.get(params.textDocument.uri);
    // Settings may take a request to the client the first time; an editor that scrolled on meanwhile cancelled this.
    if (token.isCancellationRequested) return requestCancelled('inlayHint');
    return ctx.guard(
      'inlayHint',
      (): InlayHint[] => {
        const { columnTypes, bytesRead } = settings.inlayHints;
        if (!columnTypes && !bytesRead) return [];
        const doc = documentAt(ctx, params.textDocument.uri);
        if (!doc) {
          askedBeforeIndex = true;
          return [];
        }
        shown.set(doc.session, doc.session.graphRevision);
        const within = { start: doc.lines.offsetAt(params.range.start), end: doc.lines.offsetAt(params.range.end) };
        return inlayHints(doc.session.index, doc.file, { columnTypes, bytesRead, within }).map((hint) => ({
          position: doc.lines.positionAt(hint.offset),
          label: hint.label,
          kind: hint.kind === 'type' ? InlayHintKind.Type : undefined,
          tooltip: hint.tooltip,
          paddingLeft: hint.paddingLeft,
        }));
      },
      [],
    );
  });
  ctx.afterAnalysis.push((session) => {
    const revision = shown.get(session);
    const stale = askedBeforeIndex || (revision !== undefined && revision !== session.graphRevision);
    if (!stale || ctx.capabilities.workspace?.inlayHint?.refreshSupport !== true) return;
    askedBeforeIndex = false;
    shown.set(session, session.graphRevision);
    // A client that fails the refresh keeps its hints until it asks again, which it does on the next edit.
    void ctx.connection.sendRequest(InlayHintRefreshRequest.type).catch(() => undefined);
  });
}
