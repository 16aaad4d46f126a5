/**
 * Converts a refactoring's changes (core/navigation/refactor) to a `WorkspaceEdit` with `documentChanges`:
 * files created first, then text edits, versioned for open documents, then file renames. Creating and renaming
 * files needs a client that declares `workspace.workspaceEdit.documentChanges` and the resource operation, so
 * callers ask `supportsResourceOperation` first; a plain `changes` edit could not carry the file operations.
 */
import type { CreateFile, RenameFile, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import type { WorkspaceChanges } from '../core/navigation/refactor/types';
import { LineIndex } from '../core/text';
import type { ServerContext } from './context';
import type { WorkspaceSession } from './workspace-session';

export function supportsResourceOperation(ctx: ServerContext, operation: 'create' | 'rename'): boolean {
  const edit = ctx.capabilities.workspace?.workspaceEdit;
  return edit?.documentChanges === true && (edit.resourceOperations ?? []).includes(operation);
}

/**
 * The edit, or the file whose open document no longer matches the text the changes were computed on: offsets into
 * an older text would land in the wrong place, so such an edit is not sent at all.
 */
export function toDocumentChanges(ctx: ServerContext, session: WorkspaceSession, changes: WorkspaceChanges): { edit: WorkspaceEdit } | { stale: string } {
  const uriOf = (file: string) => ctx.workspaces.uriOf(session, file);
  const documentChanges: (TextDocumentEdit | CreateFile | RenameFile)[] = [];
  const start = { line: 0, character: 0 };
  for (const create of changes.creates) {
    const uri = uriOf(create.file);
    // Never overwrite: if the file appeared meanwhile, the client fails the whole edit instead.
    documentChanges.push({ kind: 'create', uri, options: { overwrite: false, ignoreIfExists: false } });
    documentChanges.push({ textDocument: { uri, version: null }, edits: [{ range: { start, end: start }, newText: create.text }] });
  }
  const byFile = new Map<string, WorkspaceChanges['edits']>();
  for (const edit of changes.edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  for (const [file, edits] of byFile) {
    const text = session.index.text(file);
    const uri = uriOf(file);
    const open = ctx.documents.get(uri);
    if (text === undefined || (open && open.getText() !== text)) return { stale: file };
    const lines = new LineIndex(text);
    // An open document's version lets the client refuse the edit if the user typed since; a closed file has none.
    documentChanges.push({ textDocument: { uri, version: open ? open.version : null }, edits: edits.map((edit) => ({ range: lines.rangeOf(edit.span), newText: edit.newText })) });
  }
  for (const rename of changes.renames) {
    documentChanges.push({ kind: 'rename', oldUri: uriOf(rename.from), newUri: uriOf(rename.to), options: { overwrite: false, ignoreIfExists: false } });
  }
  return { edit: { documentChanges } };
}
