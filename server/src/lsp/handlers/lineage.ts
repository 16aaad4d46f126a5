/**
 * dplens/lineage: the lineage graph around a model, as the CLI's JSON document (`lineageJson`), for the
 * editor's lineage view and tree. The node is named by a lineage id, or by the document that defines it.
 * Column lineage is computed only when asked for, because it loads the WebAssembly tracer.
 */
import { ErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node';
import { pathToFileURL } from 'node:url';
import { computeLineage, lineageId, lineageJson, loadColumnTracer } from '../../core/lineage';
import { cancelledMeanwhile, requestCancelled, type ServerContext } from '../context';
import type { WorkspaceSession } from '../workspace-session';
import { LINEAGE_METHOD, type LineageParams } from '../protocol';

export { LINEAGE_METHOD, type LineageParams };

/** The `lineageJson` document, plus the session's root so that the client can open the nodes' files. */
export type LineageResult = Record<string, unknown> & { workspaceUri: string };

export function registerLineage(ctx: ServerContext): void {
  ctx.connection.onRequest(LINEAGE_METHOD, async (params: LineageParams, token: CancellationToken): Promise<LineageResult> => {
    try {
      return await lineage(ctx, params ?? {}, token);
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      // An unexpected failure is logged with its stack, and the client gets a short error instead of a hang.
      ctx.connection.console.error(`Data Platform Lens: lineage failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      throw new ResponseError(ErrorCodes.InternalError, `Data Platform Lens could not compute the lineage: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}

async function lineage(ctx: ServerContext, params: LineageParams, token: CancellationToken): Promise<LineageResult> {
  validate(params);
  // The tracer is loaded before the graph is computed, so the graph comes from the index as it is after the wait.
  const tracer = params.columns ? await loadColumnTracer() : undefined;
  if (token.isCancellationRequested) throw requestCancelled('dplens/lineage');
  const { session, root } = resolveRoot(ctx, params);
  // Resolving the root analyses the document's pending edit; a graph of many hops is worth not computing for nobody.
  if (await cancelledMeanwhile(token)) throw requestCancelled('dplens/lineage');
  const answer = computeLineage(session.index, { root, upstream: params.upstream, downstream: params.downstream, tracer });
  if (!answer.graph) throw unknownNode(root, answer.suggestion);
  const document = JSON.parse(lineageJson(answer.graph)) as Record<string, unknown>;
  return { ...document, workspaceUri: pathToFileURL(session.root).toString() };
}

function validate(params: LineageParams): void {
  if (params.uri === undefined && params.model === undefined) {
    throw new ResponseError(ErrorCodes.InvalidParams, 'dplens/lineage needs `uri` (a model file) or `model` (a lineage id such as `fct_orders` or `source:shop.orders`).');
  }
  for (const key of ['upstream', 'downstream'] as const) {
    const value = params[key];
    if (value !== undefined && !(Number.isInteger(value) && value >= 0)) {
      throw new ResponseError(ErrorCodes.InvalidParams, `dplens/lineage: \`${key}\` must be a whole number of hops, 0 or more; got ${JSON.stringify(value)}.`);
    }
  }
}

/** The session and the lineage id of the root, from the document, the id, or both. */
function resolveRoot(ctx: ServerContext, params: LineageParams): { session: WorkspaceSession; root: string } {
  if (params.uri !== undefined) {
    ctx.analysis.flush(params.uri);
    const resolved = ctx.workspaces.resolve(params.uri);
    if (!resolved) throw new ResponseError(ErrorCodes.InvalidParams, `${params.uri} is in no indexed workspace folder${indexing(ctx)}.`);
    if (params.model !== undefined) return { session: resolved.session, root: params.model };
    const node = definedBy(resolved.session, resolved.file);
    if (!node) {
      throw new ResponseError(ErrorCodes.InvalidParams, `${resolved.file} defines no model, seed or snapshot, so it has no lineage; open a model's SQL file, or name a model.`);
    }
    return { session: resolved.session, root: node };
  }
  const model = params.model!;
  const sessions = ctx.workspaces.all();
  // With several workspace folders, the first folder that knows the id answers.
  const session = sessions.find((candidate) => computeLineage(candidate.index, { root: model, upstream: 0, downstream: 0 }).graph) ?? sessions[0];
  if (!session) throw new ResponseError(ErrorCodes.InvalidParams, `No workspace folder is indexed yet${indexing(ctx)}.`);
  return { session, root: model };
}

/** The lineage id of the node a file defines; the workspace's own project wins over an installed package. */
function definedBy(session: WorkspaceSession, file: string): string | undefined {
  const nodes = [...session.index.nodes()].filter(
    (node) => node.file === file && node.enabled && (node.resourceType === 'model' || node.resourceType === 'seed' || node.resourceType === 'snapshot'),
  );
  nodes.sort((a, b) => Number(a.isPackage) - Number(b.isPackage) || a.uniqueId.localeCompare(b.uniqueId));
  return nodes[0] && lineageId(nodes[0]);
}

function unknownNode(root: string, suggestion: string | undefined): ResponseError<void> {
  const hint = suggestion ? ` Did you mean \`${suggestion}\`?` : ' Name a model, or source:<source>.<table>, seed:<name> or snapshot:<name>.';
  return new ResponseError(ErrorCodes.InvalidParams, `No model, source, seed or snapshot \`${root}\` in this workspace.${hint}`);
}

/** Requests can arrive while the folders are still being indexed; say so rather than blame the file. */
function indexing(ctx: ServerContext): string {
  return ctx.workspaces.all().length < ctx.folders.length ? ' (indexing is still under way; try again in a moment)' : '';
}
