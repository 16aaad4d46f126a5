/**
 * textDocument/codeLens: `↑ N upstream · ↓ M downstream` above each model, carrying the `dplens.showLineage`
 * command with the model's name; the client implements the command. An edit that changes the graph changes the
 * counts shown in other files too, so the client is then asked to refresh every lens, when it supports that.
 */
import { CodeLensRefreshRequest, type CodeLens } from 'vscode-languageserver/node';
import { modelLenses } from '../../core/navigation';
import { cancelledMeanwhile, documentAt, requestCancelled, type ServerContext } from '../context';
import type { WorkspaceSession } from '../workspace-session';

export const SHOW_LINEAGE_COMMAND = 'dplens.showLineage';

export function registerCodeLens(ctx: ServerContext): void {
  // The graph revision each session's lenses were last computed at; kept here, where lenses are served.
  const shown = new Map<WorkspaceSession, number>();
  ctx.connection.onCodeLens(async (params, token) => {
    // Editors ask for lenses after each edit and cancel the request on the next one: the edit is analysed first,
    // and a request cancelled meanwhile stops there.
    ctx.guard('codeLens', () => ctx.analysis.flush(params.textDocument.uri), undefined);
    if (await cancelledMeanwhile(token)) return requestCancelled('codeLens');
    return ctx.guard(
      'codeLens',
      (): CodeLens[] => {
        const doc = documentAt(ctx, params.textDocument.uri);
        if (!doc) return [];
        shown.set(doc.session, doc.session.graphRevision);
        return modelLenses(doc.session.index, doc.file).map((lens) => ({
          range: doc.lines.rangeOf(lens.span),
          command: { title: lens.title, command: SHOW_LINEAGE_COMMAND, arguments: [lens.name] },
        }));
      },
      [],
    );
  });
  ctx.afterAnalysis.push((session) => {
    const revision = shown.get(session);
    // No lens shown yet, or every lens shown is current: nothing to refresh.
    if (revision === undefined || revision === session.graphRevision) return;
    if (ctx.capabilities.workspace?.codeLens?.refreshSupport !== true) return;
    shown.set(session, session.graphRevision);
    // A client that fails the refresh keeps its lenses until it asks again, which it does on the next edit.
    void ctx.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  });
}
