/**
 * The plain data a refactoring returns: text edits as offsets into the index's text of each file, files to
 * rename and files to create. The language server turns them into one `WorkspaceEdit`; nothing here is applied
 * to a file until the user accepts the edit in the editor.
 */
import type { Span } from '../../text';

/** Replaces `span` of `file` (as the index holds it) with `newText`. */
export interface SpanEdit {
  file: string;
  span: Span;
  newText: string;
}

/** Workspace-relative POSIX paths; the file at `to` must not exist yet. */
export interface FileRename {
  from: string;
  to: string;
}

/** A new file with its whole text; a file at that path must not exist yet. */
export interface FileCreate {
  file: string;
  text: string;
}

/**
 * The changes of one refactoring. Text edits are written against the files as they are before any rename, so
 * a shell applies creations first, then the text edits, then the renames.
 */
export interface WorkspaceChanges {
  creates: FileCreate[];
  edits: SpanEdit[];
  renames: FileRename[];
}

/** Why a refactoring cannot be done here, in a sentence the editor shows as it is. */
export interface Refusal {
  ok: false;
  message: string;
}

/** Names a dbt model can take: they become a file name, a `ref()` argument and a table name unchanged. */
export const MODEL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
