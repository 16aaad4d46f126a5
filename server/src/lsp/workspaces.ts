/**
 * The workspace folders the server indexes, each a `WorkspaceSession`, and the mapping between document URIs
 * and (session, workspace-relative file). Nested folders resolve to the innermost session.
 */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { WorkspaceSession } from './workspace-session';

export interface ResolvedDocument {
  session: WorkspaceSession;
  /** Workspace-relative POSIX path, as the core names files. */
  file: string;
}

export class Workspaces {
  private readonly sessions: WorkspaceSession[] = [];

  add(session: WorkspaceSession): void {
    this.sessions.push(session);
    // The longest root first, so a file in a nested folder belongs to the innermost session.
    this.sessions.sort((a, b) => b.root.length - a.root.length);
  }

  all(): readonly WorkspaceSession[] {
    return this.sessions;
  }

  resolve(uri: string): ResolvedDocument | undefined {
    if (!uri.startsWith('file:')) return undefined;
    const absolute = fileURLToPath(uri);
    for (const session of this.sessions) {
      const file = session.relative(absolute);
      if (file !== undefined) return { session, file };
    }
    return undefined;
  }

  uriOf(session: WorkspaceSession, file: string): string {
    return pathToFileURL(path.join(session.root, file)).toString();
  }
}
