/**
 * textDocument/hover: Markdown from the core's navigation for what is under the cursor.
 */
import { MarkupKind, type Hover } from 'vscode-languageserver/node';
import { hoverAt } from '../../core/navigation';
import { documentAt, type ServerContext } from '../context';

export function registerHover(ctx: ServerContext): void {
  ctx.connection.onHover((params) =>
    ctx.guard(
      'hover',
      (): Hover | null => {
        const doc = documentAt(ctx, params.textDocument.uri, params.position);
        const hover = doc && hoverAt(doc.session.index, doc.file, doc.offset);
        if (!doc || !hover) return null;
        return { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: doc.lines.rangeOf(hover.span) };
      },
      null,
    ),
  );
}
