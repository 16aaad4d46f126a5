/**
 * textDocument/completion: model names inside ref('…'), source and table names inside source('…', '…').
 */
import { MarkupKind, type CompletionItem } from 'vscode-languageserver/node';
import { completionsAt } from '../../core/navigation';
import { documentAt, type ServerContext } from '../context';
import { COMPLETION_KIND } from '../convert';

export function registerCompletion(ctx: ServerContext): void {
  ctx.connection.onCompletion((params) =>
    ctx.guard(
      'completion',
      (): CompletionItem[] => {
        const doc = documentAt(ctx, params.textDocument.uri, params.position);
        if (!doc) return [];
        return completionsAt(doc.session.index, doc.file, doc.offset).map((item) => ({
          label: item.label,
          kind: COMPLETION_KIND[item.kind],
          detail: item.detail,
          documentation: item.documentation ? { kind: MarkupKind.Markdown, value: item.documentation } : undefined,
          textEdit: { range: doc.lines.rangeOf(item.replace), newText: item.label },
        }));
      },
      [],
    ),
  );
}
