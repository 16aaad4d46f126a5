/**
 * textDocument/hover: Markdown from the core's navigation for what is under the cursor.
 *
 * A column in model SQL is traced with the polyglot column tracer, which loads on first use; the handler
 * loads it only when the cursor is on a column, and reads the index again after the wait, so the answer
 * matches the document as it is then. Without the tracer the hover still shows the column's documentation.
 */
import { MarkupKind, type CancellationToken, type Hover, type HoverParams, type ResponseError } from 'vscode-languageserver/node';
import { loadColumnTracer, type ColumnTracer } from '../../core/lineage';
import { columnAt, hoverAt, targetAt } from '../../core/navigation';
import { documentAt, requestCancelled, type ServerContext } from '../context';

export function registerHover(ctx: ServerContext): void {
  ctx.connection.onHover(async (params: HoverParams, token: CancellationToken): Promise<Hover | null | ResponseError<void>> => {
    const needsTracer = ctx.guard(
      'hover',
      () => {
        const doc = documentAt(ctx, params.textDocument.uri, params.position);
        return doc !== undefined && targetAt(doc.session.index, doc.file, doc.offset) === undefined && columnAt(doc.session.index, doc.file, doc.offset) !== undefined;
      },
      false,
    );
    const tracer = needsTracer ? await tracerOrUndefined(ctx) : undefined;
    // Loading the tracer takes a while the first time; the cursor has often moved on by then.
    if (token.isCancellationRequested) return requestCancelled('hover');
    return ctx.guard('hover', () => hover(ctx, params, tracer), null);
  });
}

function hover(ctx: ServerContext, params: HoverParams, tracer: ColumnTracer | undefined): Hover | null {
  const doc = documentAt(ctx, params.textDocument.uri, params.position);
  const found = doc && hoverAt(doc.session.index, doc.file, doc.offset, { tracer, now: new Date() });
  if (!doc || !found) return null;
  return { contents: { kind: MarkupKind.Markdown, value: found.markdown }, range: doc.lines.rangeOf(found.span) };
}

/** A tracer that fails to load costs the lineage part of column hovers, logged once, never the hover itself. */
let loadFailureLogged = false;

async function tracerOrUndefined(ctx: ServerContext): Promise<ColumnTracer | undefined> {
  try {
    return await loadColumnTracer();
  } catch (error) {
    if (!loadFailureLogged) {
      loadFailureLogged = true;
      ctx.connection.console.error(`Data Platform Lens: the column tracer could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
    }
    return undefined;
  }
}
