/**
 * workspace/didChangeWatchedFiles: files created, changed or deleted outside the editor (a git checkout,
 * `dbt deps`, a generator) update the index like an edit. Open documents are skipped: the editor's text,
 * not the disk, is what the user sees, and their edits arrive through didChange.
 */
import { FileChangeType } from 'vscode-languageserver/node';
import { readWorkspaceFile } from '../../io/workspace-reader';
import type { ServerContext } from '../context';
import type { WorkspaceSession } from '../workspace-session';
import { publishDiagnostics } from './diagnostics';

export function registerWatchedFiles(ctx: ServerContext): void {
  ctx.connection.onDidChangeWatchedFiles((params) =>
    ctx.guard(
      'workspace/didChangeWatchedFiles',
      () => {
        const changed = new Map<WorkspaceSession, Set<string>>();
        for (const change of params.changes) {
          if (ctx.documents.get(change.uri)) continue;
          const target = ctx.workspaces.resolve(change.uri);
          if (!target) continue;
          let files: string[];
          if (change.type === FileChangeType.Deleted) files = target.session.remove(target.file);
          else {
            const text = readWorkspaceFile(target.session.root, target.file);
            files = text === undefined ? target.session.remove(target.file) : target.session.update(target.file, text);
          }
          const set = changed.get(target.session) ?? new Set<string>();
          for (const file of files) set.add(file);
          changed.set(target.session, set);
        }
        for (const [session, files] of changed) {
          publishDiagnostics(ctx, session, [...files]);
          for (const listener of ctx.afterAnalysis) listener(session);
          ctx.analysis.scheduleProjectPass(session);
        }
      },
      undefined,
    ),
  );
}
