/**
 * Re-analysis per edit, debounced in proportion to the file's size and superseded by newer versions: each
 * change replaces the pending work of its document, and work whose version is no longer the document's is
 * dropped. A request about a document analyses its pending edit first, so answers always match the text.
 */
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { WorkspaceSession } from './workspace-session';
import type { Workspaces } from './workspaces';

/** 50 ms for a small file, rising to 150 ms at 100 KB: long files cost more to analyse, so wait for a pause. */
export function debounceDelay(length: number): number {
  return Math.min(150, 50 + Math.floor(length / 1000));
}

/**
 * How long the project rules wait after the last graph-changing edit. Typing a ref() changes the graph on most
 * keystrokes; one pass once the user pauses replaces a pass per keystroke, and the edited file's own
 * diagnostics have already been published.
 */
export const PROJECT_PASS_DELAY_MS = 250;

interface Pending {
  version: number;
  timer: NodeJS.Timeout;
}

export interface SchedulerHost {
  documents: TextDocuments<TextDocument>;
  workspaces: Workspaces;
  /** Publishes diagnostics of `files`, in order: the edited file comes first. */
  publish(session: WorkspaceSession, files: string[]): void;
  guard<T>(handler: string, run: () => T, fallback: T): T;
}

export class AnalysisScheduler {
  private readonly pending = new Map<string, Pending>();
  private readonly projectPasses = new Map<WorkspaceSession, NodeJS.Timeout>();

  constructor(private readonly host: SchedulerHost) {}

  /** Schedules analysis of the document's current version, cancelling any older pending one. */
  schedule(uri: string): void {
    const document = this.host.documents.get(uri);
    if (!document) return;
    this.cancel(uri);
    const version = document.version;
    const timer = setTimeout(() => this.run(uri, version), debounceDelay(document.getText().length));
    this.pending.set(uri, { version, timer });
  }

  /** Analyses the document's pending edit now, if there is one. */
  flush(uri: string): void {
    const pending = this.pending.get(uri);
    if (pending) this.run(uri, pending.version);
  }

  cancel(uri: string): void {
    const pending = this.pending.get(uri);
    if (pending) clearTimeout(pending.timer);
    this.pending.delete(uri);
  }

  /** Analyses and publishes every open document of a session (after indexing) and returns their files. */
  syncOpenDocuments(session: WorkspaceSession): string[] {
    const files: string[] = [];
    for (const document of this.host.documents.all()) {
      const resolved = this.host.workspaces.resolve(document.uri);
      if (resolved?.session !== session) continue;
      this.cancel(document.uri);
      this.analyse(session, resolved.file, document.getText());
      files.push(resolved.file);
    }
    return files;
  }

  /** Runs a session's project rules after a pause, if an edit made them due; a newer edit restarts the wait. */
  scheduleProjectPass(session: WorkspaceSession): void {
    if (!session.projectPassDue) return;
    const previous = this.projectPasses.get(session);
    if (previous) clearTimeout(previous);
    this.projectPasses.set(
      session,
      setTimeout(() => this.settle(session), PROJECT_PASS_DELAY_MS),
    );
  }

  /** Runs a session's due project rules now and publishes what changed: for requests that read findings. */
  settle(session: WorkspaceSession): void {
    const timer = this.projectPasses.get(session);
    if (timer) clearTimeout(timer);
    this.projectPasses.delete(session);
    if (!session.projectPassDue) return;
    this.host.guard(
      'project rules',
      () => {
        const changed = session.settle();
        // A project rule that threw is reported even when no file's findings changed.
        if (changed.length > 0 || session.ruleFailuresPending) this.host.publish(session, changed);
      },
      undefined,
    );
  }

  private run(uri: string, version: number): void {
    const pending = this.pending.get(uri);
    if (!pending || pending.version !== version) return;
    clearTimeout(pending.timer);
    this.pending.delete(uri);
    const document = this.host.documents.get(uri);
    // A newer version was scheduled or the document closed meanwhile: this work is stale.
    if (!document || document.version !== version) return;
    const resolved = this.host.workspaces.resolve(uri);
    if (resolved) this.analyse(resolved.session, resolved.file, document.getText());
  }

  private analyse(session: WorkspaceSession, file: string, text: string): void {
    this.host.guard(
      `analysis of ${file}`,
      () => {
        const changed = session.index.text(file) === text ? [] : session.update(file, text);
        this.host.publish(session, [file, ...changed.filter((other) => other !== file)]);
        this.scheduleProjectPass(session);
      },
      undefined,
    );
  }
}
