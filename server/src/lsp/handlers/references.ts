/**
 * textDocument/references: every ref() or source() that resolves to the model or source under the cursor,
 * and every call of a macro, across the workspace.
 */
import type { Location } from 'vscode-languageserver/node';
import { referencesAt } from '../../core/navigation';
import { documentAt, type ServerContext } from '../context';
import { toLocations } from './definition';

export function registerReferences(ctx: ServerContext): void {
  ctx.connection.onReferences((params) =>
    ctx.guard(
      'references',
      (): Location[] => {
        const doc = documentAt(ctx, params.textDocument.uri, params.position);
        return doc ? toLocations(ctx, doc, referencesAt(doc.session.index, doc.file, doc.offset, params.context.includeDeclaration)) : [];
      },
      [],
    ),
  );
}
