/**
 * The git base that contract rules compare with, as plain data: the IO layer reads the files that differ at the
 * base (`git diff` and `git cat-file`), and the core builds an index of the workspace as it was there.
 *
 * Only the differing files are summarised again: every other file's summary is the head index's own, so the base
 * index costs a graph build, not a parse of the workspace (see docs/decisions/0012-contract-base.md).
 */
import type { ProjectIndex } from '../project/index-types';
import type { FileSummary } from '../project/summary';
import type { SummaryStore } from '../project/summary-store';
import { WorkspaceIndex, type IndexOptions } from '../project/workspace-index';

/** What the IO layer read of the base. */
export interface BaseSnapshot {
  /** The ref as the user gave it, or how it was chosen (`merge-base with origin/main`). */
  ref: string;
  /** The commit it resolved to. */
  commit: string;
  /** Each workspace file that differs at the base: its text there, or undefined when it did not exist there. */
  changed: ReadonlyMap<string, string | undefined>;
  /**
   * Earlier committed versions of changed event schema files, newest first, from the base back (`git rev-list -- path`):
   * read only for files a *_TRANSITIVE compatibility mode applies to (core/events/compare.ts).
   */
  history?: ReadonlyMap<string, readonly CommittedVersion[]>;
}

/** A file's text at one commit of its history. */
export interface CommittedVersion {
  commit: string;
  text: string;
}

/** Why there is no base: no git or no repository (info), or a base that cannot be resolved (warning). */
export interface BaseProblem {
  reason: string;
  severity: 'info' | 'warning';
}

export type BaseInput = { snapshot: BaseSnapshot } | { problem: BaseProblem };

/** What contract rules see of the base. */
export type BaseState =
  | {
      status: 'available';
      ref: string;
      commit: string;
      /** The workspace as it was at the base; the head index itself when no file differs. */
      index: ProjectIndex;
      /**
       * The files that differ, for rules that look only at what changed. In the editor it also holds files whose
       * unsaved text differs from the base (`noteEdit`), so a change is compared while it is typed.
       */
      changed: ReadonlySet<string>;
      /** Earlier committed versions of changed event schemas, newest first (BaseSnapshot.history). */
      history?: ReadonlyMap<string, readonly CommittedVersion[]>;
    }
  | { status: 'unavailable'; reason: string; severity: 'info' | 'warning' };

/** The workspace's files as they were at the base: the head's, with the differing ones replaced or removed. */
export function filesAtBase(head: ReadonlyMap<string, string>, snapshot: BaseSnapshot): Map<string, string> {
  const files = new Map(head);
  for (const [path, text] of snapshot.changed) {
    if (text === undefined) files.delete(path);
    else files.set(path, text);
  }
  return files;
}

/** A summary store that answers with the head index's summary of a file whose text is the same at the base. */
function headSummaries(head: ProjectIndex): SummaryStore {
  return {
    get(path, text, kind): FileSummary | undefined {
      const summary = head.file(path);
      return summary && summary.kind === kind && head.text(path) === text ? summary : undefined;
    },
    set() {
      // Base summaries are used for one comparison and never kept.
    },
  };
}

/**
 * The base state for the rules. `headFiles` are the texts the head index was built from, and `options` the options
 * it was built with, so that both indexes resolve configuration alike.
 */
export function buildBaseState(
  head: ProjectIndex,
  headFiles: ReadonlyMap<string, string>,
  input: BaseInput,
  options: IndexOptions,
  /**
   * Builds a base index of its own even when no file differs. The editor needs it: its head index changes with
   * every keystroke, and a base that is the head itself would follow the edits and never differ from them.
   */
  separateIndex = false,
): BaseState {
  if ('problem' in input) return { status: 'unavailable', ...input.problem };
  const { snapshot } = input;
  const changed = new Set([...snapshot.changed.keys()].filter((path) => headFiles.has(path) || snapshot.changed.get(path) !== undefined));
  const index =
    changed.size === 0 && !separateIndex ? head : WorkspaceIndex.build(filesAtBase(headFiles, snapshot), { ...options, summaryStore: headSummaries(head), yamlChecks: false });
  return { status: 'available', ref: snapshot.ref, commit: snapshot.commit, index, changed, ...(snapshot.history ? { history: snapshot.history } : {}) };
}

/**
 * Keeps `changed` true to an edit in the editor: a file whose text now differs from the base is compared, and one
 * typed back to its base text is not (unless it differs on disk, which `onDisk` says). Only for a base built with
 * `separateIndex`, whose index holds the base texts.
 */
export function noteEdit(base: BaseState | undefined, path: string, text: string | undefined, onDisk: ReadonlySet<string>): void {
  if (base?.status !== 'available') return;
  const changed = base.changed as Set<string>;
  if (text !== base.index.text(path)) changed.add(path);
  else if (!onDisk.has(path)) changed.delete(path);
}

/** The text written in a fixture's `@base` section for a file that did not exist at the base. */
export const ABSENT_AT_BASE = '(absent)';

/** The name of a fixture's `@base` section that says the base is unavailable, and why: `severity: reason`. */
export const UNAVAILABLE_BASE = '(unavailable)';

/**
 * A fixture's `@base` sections as the check's base: each names a file's text at the base, or `(absent)`; a section
 * named `(unavailable)` holds `info: reason` or `warning: reason` instead, as git would answer without a base.
 */
export function fixtureBase(baseFiles: ReadonlyMap<string, string>): BaseInput | undefined {
  const unavailable = baseFiles.get(UNAVAILABLE_BASE);
  if (unavailable !== undefined) {
    const match = /^\s*(info|warning):\s*([\s\S]*?)\s*$/.exec(unavailable);
    return { problem: { severity: match?.[1] === 'warning' ? 'warning' : 'info', reason: match?.[2] ?? unavailable.trim() } };
  }
  const snapshot = fixtureSnapshot(baseFiles);
  return snapshot && { snapshot };
}

/** A fixture's `@base` sections as a snapshot: each names a file's text at the base, or `(absent)`. */
export function fixtureSnapshot(baseFiles: ReadonlyMap<string, string>): BaseSnapshot | undefined {
  if (baseFiles.size === 0) return undefined;
  const changed = new Map<string, string | undefined>();
  for (const [path, text] of baseFiles) changed.set(path, text.trim() === ABSENT_AT_BASE ? undefined : text);
  return { ref: 'main', commit: '0000000', changed };
}
