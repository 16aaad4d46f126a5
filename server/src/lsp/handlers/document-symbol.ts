/**
 * textDocument/documentSymbol: CTEs and the final select of a model; models, sources, tables and columns of
 * a properties file; macros of a macro file.
 */
import type { DocumentSymbol } from 'vscode-languageserver/node';
import { documentSymbols, type NavSymbol } from '../../core/navigation';
import type { LineIndex } from '../../core/text';
import { documentAt, type ServerContext } from '../context';
import { SYMBOL_KIND } from '../convert';

export function registerDocumentSymbol(ctx: ServerContext): void {
  ctx.connection.onDocumentSymbol((params) =>
    ctx.guard(
      'documentSymbol',
      (): DocumentSymbol[] => {
        const doc = documentAt(ctx, params.textDocument.uri);
        return doc ? documentSymbols(doc.session.index, doc.file).map((symbol) => toSymbol(symbol, doc.lines)) : [];
      },
      [],
    ),
  );
}

function toSymbol(symbol: NavSymbol, lines: LineIndex): DocumentSymbol {
  return {
    name: symbol.name,
    detail: symbol.detail,
    kind: SYMBOL_KIND[symbol.kind],
    range: lines.rangeOf(symbol.span),
    selectionRange: lines.rangeOf(symbol.selectionSpan),
    children: symbol.children.map((child) => toSymbol(child, lines)),
  };
}
