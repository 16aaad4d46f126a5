/**
 * Per-file summaries persisted in the extension's storage between sessions, keyed by content: reopening a
 * workspace summarises only the files that changed since (decision record 0007).
 *
 * One JSON file per workspace folder holds `{ build, entries: { path: [hash, summary] } }`. `build` is the
 * server bundle's hash: any new build of the analyser invalidates every entry, since summaries are its output.
 * The hash of an entry covers the text, the file kind and the dialect. The store is an optimisation only: a
 * missing, foreign or corrupt file means summarising as usual, and a failed write costs the next start time.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileKind } from '../core/project/layout';
import type { FileSummary } from '../core/project/summary';
import type { SummaryStore } from '../core/project/summary-store';
import type { Dialect } from '../core/sql';

interface StoredFile {
  build: string;
  entries: Record<string, [string, FileSummary]>;
}

export interface SummaryStoreStats {
  /** Entries read from disk. */
  loaded: number;
  hits: number;
  misses: number;
}

export class PersistedSummaryStore implements SummaryStore {
  private entries = new Map<string, [string, FileSummary]>();
  /** Paths asked for or stored in this session; only those are written back, so deleted files drop out. */
  private readonly live = new Set<string>();
  private dirty = false;
  readonly stats: SummaryStoreStats = { loaded: 0, hits: 0, misses: 0 };

  private constructor(
    private readonly file: string,
    private readonly build: string,
  ) {}

  /** The store of a workspace folder under `storageDir`, with what an earlier session of the same build left. */
  static open(storageDir: string, workspaceRoot: string, build: string): PersistedSummaryStore {
    const name = createHash('sha1').update(path.resolve(workspaceRoot)).digest('hex').slice(0, 16);
    const store = new PersistedSummaryStore(path.join(storageDir, 'summaries', `${name}.json`), build);
    try {
      const stored = JSON.parse(fs.readFileSync(store.file, 'utf8')) as StoredFile;
      if (stored.build === build && stored.entries && typeof stored.entries === 'object') {
        store.entries = new Map(Object.entries(stored.entries));
        store.stats.loaded = store.entries.size;
      }
    } catch {
      // No store yet, or one this build cannot read: summarise everything.
    }
    return store;
  }

  get(file: string, text: string, kind: FileKind, dialect: Dialect): FileSummary | undefined {
    this.live.add(file);
    const entry = this.entries.get(file);
    if (entry && entry[0] === this.hashOf(text, kind, dialect)) {
      this.stats.hits++;
      return entry[1];
    }
    this.stats.misses++;
    return undefined;
  }

  set(file: string, text: string, kind: FileKind, dialect: Dialect, summary: FileSummary): void {
    this.live.add(file);
    this.entries.set(file, [this.hashOf(text, kind, dialect), summary]);
    this.dirty = true;
  }

  /**
   * The index asks `get` and, on a miss, `set` with the same text: the last hash is kept so a file (a keystroke's
   * edit, or each file of a first build) is hashed once, not twice.
   */
  private last: { text: string; kind: FileKind; dialect: Dialect; hash: string } | undefined;

  private hashOf(text: string, kind: FileKind, dialect: Dialect): string {
    const last = this.last;
    if (last && last.text === text && last.kind === kind && last.dialect === dialect) return last.hash;
    const hash = contentHash(text, kind, dialect);
    this.last = { text, kind, dialect, hash };
    return hash;
  }

  /** Writes the store when it changed (atomically: two windows on one folder must not tear it). */
  save(): void {
    const stale = [...this.entries.keys()].some((file) => !this.live.has(file));
    if (!this.dirty && !stale) return;
    const entries: StoredFile['entries'] = {};
    for (const file of this.live) {
      const entry = this.entries.get(file);
      if (entry) entries[file] = entry;
    }
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      const temporary = `${this.file}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, JSON.stringify({ build: this.build, entries } satisfies StoredFile));
      fs.renameSync(temporary, this.file);
      this.dirty = false;
    } catch {
      // A read-only or full disk: the next session summarises again.
    }
  }
}

/**
 * The store for a workspace folder in the language server: only when the client gave a storage folder
 * (`DPLENS_STORAGE_DIR`) and the loader knows the bundle's hash (`DPLENS_BUNDLE_HASH`, set by lsp/start.ts).
 */
export function openServerSummaryStore(workspaceRoot: string, env: NodeJS.ProcessEnv = process.env): PersistedSummaryStore | undefined {
  const storage = env.DPLENS_STORAGE_DIR;
  const build = env.DPLENS_BUNDLE_HASH;
  if (!storage || !build) return undefined;
  return PersistedSummaryStore.open(storage, workspaceRoot, build);
}

function contentHash(text: string, kind: FileKind, dialect: Dialect): string {
  return createHash('sha1').update(kind).update('\0').update(dialect).update('\0').update(text).digest('base64');
}
