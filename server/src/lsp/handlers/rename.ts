/**
 * textDocument/prepareRename and textDocument/rename: renaming a model from a `ref()` name or a properties
 * `name:`. The edit renames the model's file, so it is only offered to clients that can rename files; a model that
 * cannot be renamed safely is refused with the reason, which the editor shows.
 */
import { LSPErrorCodes, ResponseError, type PrepareRenameParams, type Range, type RenameParams, type WorkspaceEdit } from 'vscode-languageserver/node';
import { modelRenameTargetAt, renameModel } from '../../core/navigation/refactor/rename-model';
import { cancelledMeanwhile, documentAt, requestCancelled, type ServerContext } from '../context';
import { supportsResourceOperation, toDocumentChanges } from '../workspace-changes';

const NEEDS_FILE_RENAME =
  'Renaming a model renames its file, and this editor does not declare support for renaming files in a workspace edit (workspace.workspaceEdit.documentChanges with resourceOperations including "rename"). Rename the file and its refs by hand, or use an editor that supports it, such as VS Code.';

export function registerRename(ctx: ServerContext): void {
  ctx.connection.onPrepareRename((params) =>
    ctx.guard('prepareRename', () => prepare(ctx, params), null),
  );
  ctx.connection.onRenameRequest(async (params, token) => {
    // Refs in every open document are edited, so each one's pending edit is analysed first (rename does it again,
    // for edits that arrive meanwhile); a rename cancelled during that stops before searching the workspace.
    ctx.guard('rename', () => flushOpenDocuments(ctx), undefined);
    if (await cancelledMeanwhile(token)) return requestCancelled('rename');
    return ctx.guard('rename', () => rename(ctx, params), failed('Data Platform Lens could not compute this rename; the server log has the details.'));
  });
}

function prepare(ctx: ServerContext, params: PrepareRenameParams): { range: Range; placeholder: string } | ResponseError | null {
  const doc = documentAt(ctx, params.textDocument.uri, params.position);
  if (!doc) return null;
  const found = modelRenameTargetAt(doc.session.index, doc.file, doc.offset);
  // Anything but a model name is not ours to rename: an empty answer lets the editor say so in its own words.
  if (!found) return null;
  if (!found.ok) return failed(found.message);
  if (!supportsResourceOperation(ctx, 'rename')) return failed(NEEDS_FILE_RENAME);
  return { range: doc.lines.rangeOf(found.target.span), placeholder: found.target.name };
}

function flushOpenDocuments(ctx: ServerContext): void {
  for (const document of ctx.documents.all()) ctx.analysis.flush(document.uri);
}

function rename(ctx: ServerContext, params: RenameParams): WorkspaceEdit | ResponseError | null {
  // Refs in every open document are edited, so each one's pending edit is analysed first: offsets must match its text.
  flushOpenDocuments(ctx);
  const doc = documentAt(ctx, params.textDocument.uri, params.position);
  if (!doc) return null;
  const found = modelRenameTargetAt(doc.session.index, doc.file, doc.offset);
  if (!found) return failed('Only models can be renamed here: place the cursor on a model name in ref() or on the `name:` of a model in properties YAML.');
  if (!found.ok) return failed(found.message);
  if (!supportsResourceOperation(ctx, 'rename')) return failed(NEEDS_FILE_RENAME);
  const result = renameModel(doc.session.index, found.target.nodeId, params.newName.trim());
  if (!result.ok) return failed(result.message);
  const converted = toDocumentChanges(ctx, doc.session, result.plan);
  if ('stale' in converted) return failed(`\`${converted.stale}\` changed while the rename was computed; try the rename again.`);
  return converted.edit;
}

function failed(message: string): ResponseError {
  return new ResponseError(LSPErrorCodes.RequestFailed, message);
}
