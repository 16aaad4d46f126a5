/**
 * textDocument/foldingRange: Jinja blocks, multi-line Jinja comments and CTEs of dbt SQL files. Other files get
 * null rather than an empty list, so the editor keeps its own indentation folding for YAML and Python.
 */
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver/node';
import { foldingRanges } from '../../core/navigation';
import { documentAt, type ServerContext } from '../context';

export function registerFoldingRange(ctx: ServerContext): void {
  ctx.connection.onFoldingRanges((params) =>
    ctx.guard(
      'foldingRange',
      (): FoldingRange[] | null => {
        const doc = documentAt(ctx, params.textDocument.uri);
        const folds = doc && foldingRanges(doc.session.index, doc.file);
        if (!folds) return null;
        return folds.map((fold) => ({ startLine: fold.startLine, endLine: fold.endLine, kind: fold.kind === 'comment' ? FoldingRangeKind.Comment : undefined }));
      },
      null,
    ),
  );
}
