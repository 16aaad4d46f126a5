/**
 * textDocument/definition: the model file and properties entry of a ref(), the YAML entry of a source(),
 * the definition of a macro, the SQL file of a model named in YAML.
 */
import type { Location } from 'vscode-languageserver/node';
import { definitionsAt, type NavLocation } from '../../core/navigation';
import { documentAt, locationOf, type DocumentAt, type ServerContext } from '../context';

export function registerDefinition(ctx: ServerContext): void {
  ctx.connection.onDefinition((params) =>
    ctx.guard(
      'definition',
      (): Location[] => {
        const doc = documentAt(ctx, params.textDocument.uri, params.position);
        return doc ? toLocations(ctx, doc, definitionsAt(doc.session.index, doc.file, doc.offset)) : [];
      },
      [],
    ),
  );
}

export function toLocations(ctx: ServerContext, doc: DocumentAt, locations: NavLocation[]): Location[] {
  return locations.map((location) => locationOf(ctx, doc, location.file, location.span)).filter((location): location is Location => location !== undefined);
}
