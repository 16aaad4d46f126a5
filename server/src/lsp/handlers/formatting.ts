/**
 * textDocument/formatting: a SQL model laid out by the core's Jinja-preserving formatter, in its project's
 * dialect, returned as one edit of the whole document, and only when the text changes. A file the formatter
 * leaves alone gets no edits; why is logged at debug level, since formatting on save would otherwise be noisy.
 */
import type { FormattingOptions, TextEdit } from 'vscode-languageserver/node';
import { formatDocument, type DocumentFormatOptions } from '../../core/navigation';
import { documentAt, type ServerContext } from '../context';

/** Upper-case keywords, as dbt's own style guide writes them, until a setting says otherwise. */
const KEYWORD_CASE: DocumentFormatOptions['keywordCase'] = 'upper';

export function registerFormatting(ctx: ServerContext): void {
  ctx.connection.onDocumentFormatting((params) =>
    ctx.guard(
      'formatting',
      (): TextEdit[] => {
        const doc = documentAt(ctx, params.textDocument.uri);
        if (!doc) return [];
        const result = formatDocument(doc.session.index, doc.file, toFormatOptions(params.options));
        if (result.skipped !== undefined) ctx.connection.console.debug(`Data Platform Lens did not format ${doc.file}: ${result.skipped}`);
        if (!result.changed) return [];
        return [{ range: doc.lines.rangeOf({ start: 0, end: doc.text.length }), newText: result.text }];
      },
      [],
    ),
  );
}

/** The formatter indents with spaces only, so `insertSpaces: false` still gets `tabSize` spaces per level. */
function toFormatOptions(options: FormattingOptions): DocumentFormatOptions {
  const indent = Number.isInteger(options.tabSize) && options.tabSize > 0 ? options.tabSize : 4;
  return { indent, keywordCase: KEYWORD_CASE };
}
