/**
 * textDocument/didOpen, didChange and didClose: edits are handed to the scheduler; nothing is analysed here.
 */
import type { ServerContext } from '../context';

export function registerTextDocumentSync(ctx: ServerContext): void {
  // TextDocuments reports an opened document as a content change too, so one listener covers open and edit.
  ctx.documents.onDidChangeContent((event) => ctx.analysis.schedule(event.document.uri));
  // The index keeps the last text it was given; a closed file's text on disk is re-read only on a rebuild.
  ctx.documents.onDidClose((event) => ctx.analysis.cancel(event.document.uri));
}
