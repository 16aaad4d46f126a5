/**
 * textDocument/hover: Markdown from the core's navigation for what is under the cursor.
 *
 * A column in model SQL is traced with the polyglot column tracer, which loads on first use; the handler
 * loads it only when the cursor is on a column, and reads the index again after the wait, so the answer
 * matches the document as it is then. Without the tracer the hover still shows the column's documentation.
 */
import { MarkupKind, type CancellationToken, type Hover, type HoverParams, type ResponseError } from 'vscode-languageserver/node';
import { loadColumnTracer, warmColumnLineage, type ColumnTracer } from '../../core/lineage';
import type { ProjectIndex } from '../../core/project/index-types';
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
  const found = doc && hoverAt(doc.session.index, doc.file, doc.offset, { tracer, now: new Date(), traceBudgetMs: HOVER_TRACE_BUDGET_MS, base: doc.session.baseState });
  if (!doc || !found) return null;
  if (found.lineagePending && tracer) warmInBackground(ctx, doc.session.index, found.lineagePending, tracer);
  return { contents: { kind: MarkupKind.Markdown, value: found.markdown }, range: doc.lines.rangeOf(found.span) };
}

/**
 * How long a hover traces models it has not traced before. The polyglot tracer takes 10–500 ms a model, and the
 * first hover on a mart may need the whole chain above it (39 models, 5 s on the 1k synthetic project, which
 * blocked every other request meanwhile); the rest is traced between requests, and kept traces make every later
 * hover take milliseconds (12 ms for the same mart).
 */
const HOVER_TRACE_BUDGET_MS = 250;

/** Models whose column lineage is being traced between requests, so one hover starts one warm-up. */
const warming = new Set<string>();

/**
 * Finishes a column lineage the hover could not, in slices of about 100 ms with the event loop free between
 * them, so requests and edits are answered meanwhile. It stops when the trace is done, or when the session's
 * index was replaced (dplens.yml changed) or the model is gone: the next hover starts again from what is kept.
 */
function warmInBackground(ctx: ServerContext, index: ProjectIndex, uniqueId: string, tracer: ColumnTracer): void {
  if (warming.has(uniqueId)) return;
  warming.add(uniqueId);
  const slice = () => {
    const node = index.node(uniqueId);
    const current = ctx.workspaces.all().some((session) => session.index === index);
    const done = !node || !current || ctx.guard('hover lineage', () => warmColumnLineage(index, node, tracer, 100), true);
    if (done) warming.delete(uniqueId);
    else setTimeout(slice, 0);
  };
  setTimeout(slice, 0);
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
