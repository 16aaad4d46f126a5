/**
 * textDocument/formatting: a SQL model laid out by the core's Jinja-preserving formatter, in its project's
 * dialect and the `dplens.format` settings, returned as one edit of the whole document, and only when the text changes. A file the formatter
 * leaves alone gets no edits; why is logged at debug level, since formatting on save would otherwise be noisy.
 */
import type { FormattingOptions, TextEdit } from 'vscode-languageserver/node';
import { formatDocument, type DocumentFormatOptions } from '../../core/navigation';
import { documentAt, requestCancelled, type ServerContext } from '../context';
import type { ServerSettings } from '../settings';

export function registerFormatting(ctx: ServerContext): void {
  ctx.connection.onDocumentFormatting(async (params, token) => {
    const settings = await ctx.settings.get(params.textDocument.uri);
    // Settings may take a request to the client the first time; a format on save the user typed through is cancelled.
    if (token.isCancellationRequested) return requestCancelled('formatting');
    return ctx.guard(
      'formatting',
      (): TextEdit[] => {
        const doc = documentAt(ctx, params.textDocument.uri);
        if (!doc) return [];
        const result = formatDocument(doc.session.index, doc.file, toFormatOptions(params.options, settings));
        if (result.skipped !== undefined) ctx.connection.console.debug(`Data Platform Lens did not format ${doc.file}: ${result.skipped}`);
        if (!result.changed) return [];
        return [{ range: doc.lines.rangeOf({ start: 0, end: doc.text.length }), newText: result.text }];
      },
      [],
    );
  });
}

/**
 * `dplens.format.indent` wins over the editor's tab size when set. The formatter indents with spaces only, so
 * `insertSpaces: false` still gets `tabSize` spaces per level. Keywords are upper-case by default, as dbt's
 * own style guide writes them.
 */
function toFormatOptions(options: FormattingOptions, settings: ServerSettings): DocumentFormatOptions {
  const editorIndent = Number.isInteger(options.tabSize) && options.tabSize > 0 ? options.tabSize : 4;
  return { indent: settings.format.indent > 0 ? settings.format.indent : editorIndent, keywordCase: settings.format.keywordCase };
}
