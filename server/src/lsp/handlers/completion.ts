/**
 * textDocument/completion: model names inside ref('…'), source and table names inside source('…', '…').
 */
import { MarkupKind, type CompletionList } from 'vscode-languageserver/node';
import { completionListAt } from '../../core/navigation';
import { documentAt, type ServerContext } from '../context';
import { COMPLETION_KIND } from '../convert';

export function registerCompletion(ctx: ServerContext): void {
  ctx.connection.onCompletion((params) =>
    ctx.guard(
      'completion',
      (): CompletionList => {
        const doc = documentAt(ctx, params.textDocument.uri, params.position);
        if (!doc) return { isIncomplete: false, items: [] };
        const list = completionListAt(doc.session.index, doc.file, doc.offset);
        return {
          isIncomplete: list.incomplete,
          items: list.items.map((item) => ({
            label: item.label,
            kind: COMPLETION_KIND[item.kind],
            detail: item.detail,
            documentation: item.documentation ? { kind: MarkupKind.Markdown, value: item.documentation } : undefined,
            textEdit: { range: doc.lines.rangeOf(item.replace), newText: item.label },
          })),
        };
      },
      { isIncomplete: false, items: [] },
    ),
  );
}
