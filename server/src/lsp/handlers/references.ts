/**
 * textDocument/references: every ref() or source() that resolves to the model or source under the cursor,
 * every call of a macro, the uses of a column named in YAML, and the uses of a dag-factory task, across the
 * workspace.
 */
import type { Location } from 'vscode-languageserver/node';
import { referencesAt } from '../../core/navigation';
import { pipelineReferencesAt } from '../../core/pipelines/task-navigation';
import { cancelledMeanwhile, documentAt, requestCancelled, type ServerContext } from '../context';
import { inPipelineFile, toLocations } from './definition';

export function registerReferences(ctx: ServerContext): void {
  ctx.connection.onReferences(async (params, token) => {
    // The document's pending edit is analysed first, which takes a while for a large file: a request cancelled
    // meanwhile stops there, before the search across the workspace.
    ctx.guard('references', () => ctx.analysis.flush(params.textDocument.uri), undefined);
    if (await cancelledMeanwhile(token)) return requestCancelled('references');
    return ctx.guard(
      'references',
      (): Location[] => {
        const doc = documentAt(ctx, params.textDocument.uri, params.position);
        const includeDeclaration = params.context.includeDeclaration;
        const found = doc ? toLocations(ctx, doc, referencesAt(doc.session.index, doc.file, doc.offset, includeDeclaration)) : [];
        return found.length > 0 ? found : inPipelineFile(ctx, params.textDocument.uri, params.position, (text, offset) => pipelineReferencesAt(text, offset, includeDeclaration));
      },
      [],
    );
  });
}
