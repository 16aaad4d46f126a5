/**
 * textDocument/completion: model names inside ref('…'), source and table names inside source('…', '…'),
 * config() keys and values, columns after `alias.`, dbt selection in commands, and the keys and values of
 * dbt's YAML files. Snippets go to clients that support them; others get their plain text.
 */
import { InsertTextFormat, MarkupKind, type CompletionItem, type CompletionList } from 'vscode-languageserver/node';
import { completionListAt, snippetToPlainText, type NavCompletion } from '../../core/navigation';
import { documentAt, type ServerContext } from '../context';
import { COMPLETION_KIND } from '../convert';
import type { LineIndex } from '../../core/text';

/** VS Code's command that opens the suggestion list again, after a key whose value can be completed. */
const TRIGGER_SUGGEST = { title: 'Suggest values', command: 'editor.action.triggerSuggest' };

export function registerCompletion(ctx: ServerContext): void {
  ctx.connection.onCompletion((params) =>
    ctx.guard(
      'completion',
      (): CompletionList => {
        const doc = documentAt(ctx, params.textDocument.uri, params.position);
        if (!doc) return { isIncomplete: false, items: [] };
        const list = completionListAt(doc.session.index, doc.file, doc.offset);
        const snippets = ctx.capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
        return { isIncomplete: list.incomplete, items: list.items.map((item) => toCompletionItem(item, doc.lines, snippets)) };
      },
      { isIncomplete: false, items: [] },
    ),
  );
}

function toCompletionItem(item: NavCompletion, lines: LineIndex, snippets: boolean): CompletionItem {
  const snippet = item.snippet !== undefined && snippets && /\$/.test(item.snippet);
  const newText = item.snippet === undefined ? item.label : snippet ? item.snippet : snippetToPlainText(item.snippet);
  return {
    label: item.label,
    kind: COMPLETION_KIND[item.kind],
    detail: item.detail,
    documentation: item.documentation ? { kind: MarkupKind.Markdown, value: item.documentation } : undefined,
    textEdit: { range: lines.rangeOf(item.replace), newText },
    insertTextFormat: snippet ? InsertTextFormat.Snippet : undefined,
    sortText: item.sortText,
    filterText: item.filterText,
    command: item.retrigger && snippets ? TRIGGER_SUGGEST : undefined,
  };
}
