/**
 * A place to keep per-file summaries between sessions. The index asks it before summarising a file and tells it
 * every summary it computed; what the store keeps and where is the IO layer's business (io/summary-store.ts).
 * A summary depends only on the file's path, text, kind and the project's dialect, so those are the key.
 */
import type { Dialect } from '../sql';
import type { FileKind } from './layout';
import type { FileSummary } from './summary';

export interface SummaryStore {
  /** A summary computed earlier for exactly this path, text, kind and dialect, if the store has one. */
  get(path: string, text: string, kind: FileKind, dialect: Dialect): FileSummary | undefined;
  /** Records a summary just computed. The index never changes a summary after handing it over. */
  set(path: string, text: string, kind: FileKind, dialect: Dialect, summary: FileSummary): void;
}
