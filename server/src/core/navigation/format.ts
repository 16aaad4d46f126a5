/**
 * Formatting of a workspace file for the editor: which files are formatted, and in which dialect. The layout
 * itself is `formatModelSql`'s; this only decides that a file is model SQL and takes the dialect of its project.
 */
import { formatModelSql, type FormatModelOptions, type FormatModelResult } from '../format';
import type { ProjectIndex } from '../project/index-types';

/** What the editor chooses; the dialect comes from the file's project, never from the request. */
export type DocumentFormatOptions = Omit<FormatModelOptions, 'dialect'>;

/**
 * Formats a SQL model. Any other file (YAML, macros, snapshots, Python models, tests) is returned unchanged with
 * the reason in `skipped`: their Jinja is not a query, so sql-formatter's layout would not be a layout of it.
 */
export function formatDocument(index: ProjectIndex, file: string, options: DocumentFormatOptions): FormatModelResult {
  const summary = index.file(file);
  const text = index.text(file);
  if (text === undefined || !summary) return { text: text ?? '', changed: false, skipped: `${file} is not in the index` };
  if (summary.kind !== 'model' || !('jinja' in summary)) return { text, changed: false, skipped: `${file} is not a SQL model` };
  // A model outside every project still reads as SQL; the generic dialect accepts the common core.
  const dialect = index.projectOf(file)?.dialect ?? 'generic';
  return formatModelSql(text, { ...options, dialect });
}
