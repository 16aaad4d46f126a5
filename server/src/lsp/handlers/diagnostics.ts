/**
 * Push diagnostics: the findings of a file, converted at the edge, published per URI.
 */
import { toDiagnostic } from '../convert';
import type { WorkspaceSession } from '../workspace-session';
import type { Workspaces } from '../workspaces';
import type { Connection } from 'vscode-languageserver/node';

export function publishDiagnostics(connection: Connection, workspaces: Workspaces, session: WorkspaceSession, files: string[]): void {
  for (const file of new Set(files)) {
    void connection.sendDiagnostics({ uri: workspaces.uriOf(session, file), diagnostics: session.findingsFor(file).map(toDiagnostic) });
  }
}
