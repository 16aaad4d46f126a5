/**
 * textDocument/definition: the model file and properties entry of a ref(), the YAML entry of a source(),
 * the definition of a macro, the SQL file of a model named in YAML, the select-list item of a column named in
 * YAML, and the declaration of a task or task group named in a dag-factory file.
 */
import type { Location } from 'vscode-languageserver/node';
import { definitionsAt, type NavLocation } from '../../core/navigation';
import { pipelineDefinitionsAt } from '../../core/pipelines/task-navigation';
import { LineIndex, type Span } from '../../core/text';
import { documentAt, type DocumentAt, type ServerContext } from '../context';

export function registerDefinition(ctx: ServerContext): void {
  ctx.connection.onDefinition((params) =>
    ctx.guard(
      'definition',
      (): Location[] => {
        const doc = documentAt(ctx, params.textDocument.uri, params.position);
        const found = doc ? toLocations(ctx, doc, definitionsAt(doc.session.index, doc.file, doc.offset)) : [];
        return found.length > 0 ? found : inPipelineFile(ctx, params.textDocument.uri, params.position, (text, offset) => pipelineDefinitionsAt(text, offset));
      },
      [],
    ),
  );
}

/** Converts spans to LSP locations, indexing the lines of each file once: references list thousands in a few hundred files. */
export function toLocations(ctx: ServerContext, doc: DocumentAt, locations: NavLocation[]): Location[] {
  const lineIndexes = new Map<string, LineIndex | undefined>([[doc.file, doc.lines]]);
  const converted: Location[] = [];
  for (const location of locations) {
    let lines = lineIndexes.get(location.file);
    if (!lineIndexes.has(location.file)) {
      const text = doc.session.index.text(location.file);
      lineIndexes.set(location.file, (lines = text === undefined ? undefined : new LineIndex(text)));
    }
    if (lines) converted.push({ uri: ctx.workspaces.uriOf(doc.session, location.file), range: lines.rangeOf(location.span) });
  }
  return converted;
}

/**
 * Runs a lookup over the open document's own text when it is YAML. dag-factory files usually live outside dbt
 * projects, so the index does not hold them; their tasks only name each other within the file.
 */
export function inPipelineFile(ctx: ServerContext, uri: string, position: { line: number; character: number }, find: (text: string, offset: number) => Span[]): Location[] {
  if (!/\.ya?ml$/i.test(uri)) return [];
  const document = ctx.documents.get(uri);
  if (!document) return [];
  const text = document.getText();
  const lines = new LineIndex(text);
  return find(text, lines.offsetAt(position)).map((span) => ({ uri, range: lines.rangeOf(span) }));
}
