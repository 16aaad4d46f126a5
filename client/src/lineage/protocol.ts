/**
 * The lineage data the client receives and the messages between the extension and the lineage webview.
 * This file imports nothing from `vscode`, so the webview bundle and the tests can use it.
 */

import { LINEAGE_METHOD, type LineageParams } from '../../../server/src/lsp/protocol';

/** The `dplens/lineage` request; the server owns its meaning (see server/src/lsp/protocol.ts). */
export const LINEAGE_REQUEST = LINEAGE_METHOD;
export type { LineageParams };

export interface LineageDocumentNode {
  id: string;
  kind: string;
  file?: string;
  materialized?: string;
}

/** One output column of a node and the parent columns it reads, one hop up, as `columns: true` returns them. */
export interface LineageDocumentColumn {
  node: string;
  column: string;
  from: { node: string; column: string; transform: string }[];
  /** Why the column could not be traced; `from` is then empty. */
  unresolved?: string;
}

/** The CLI's `lineage --format json` document, plus the session root that the nodes' files are relative to. */
export interface LineageDocument {
  version: number;
  root: string;
  nodes: LineageDocumentNode[];
  edges: { from: string; to: string }[];
  /** Present when column lineage was asked for. */
  columns?: LineageDocumentColumn[];
  workspaceUri: string;
}

/** The well-formed column entries of a document; anything malformed is dropped rather than rendered. */
export function documentColumns(value: unknown): LineageDocumentColumn[] | undefined {
  if (!isRecord(value) || !Array.isArray(value.columns)) return undefined;
  const columns: LineageDocumentColumn[] = [];
  for (const entry of value.columns) {
    if (!isRecord(entry) || typeof entry.node !== 'string' || typeof entry.column !== 'string' || !Array.isArray(entry.from)) continue;
    const from = entry.from.filter((origin): origin is LineageDocumentColumn['from'][number] => isRecord(origin) && typeof origin.node === 'string' && typeof origin.column === 'string' && typeof origin.transform === 'string');
    columns.push({ node: entry.node, column: entry.column, from: from.map(({ node, column, transform }) => ({ node, column, transform })), ...(typeof entry.unresolved === 'string' ? { unresolved: entry.unresolved } : {}) });
  }
  return columns;
}

/** Messages from the webview. The webview renders workspace data, so the extension checks every field. */
export type WebviewMessage = { type: 'ready'; root?: string } | { type: 'expand'; id: string } | { type: 'open'; id: string };

/** Messages to the webview: a new graph replaces the view, a merge adds the neighbours of an expanded node. */
export type HostMessage =
  | { type: 'show'; graph: LineageDocument }
  | { type: 'merge'; expanded: string; graph: LineageDocument }
  | { type: 'error'; id?: string; message: string };

export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (!isRecord(value)) return undefined;
  if (value.type === 'ready') return typeof value.root === 'string' && value.root.length > 0 ? { type: 'ready', root: value.root } : { type: 'ready' };
  if ((value.type === 'expand' || value.type === 'open') && typeof value.id === 'string' && value.id.length > 0) return { type: value.type, id: value.id };
  return undefined;
}

export function parseHostMessage(value: unknown): HostMessage | undefined {
  if (!isRecord(value)) return undefined;
  if (value.type === 'show' && isLineageDocument(value.graph)) return { type: 'show', graph: value.graph };
  if (value.type === 'merge' && typeof value.expanded === 'string' && isLineageDocument(value.graph)) return { type: 'merge', expanded: value.expanded, graph: value.graph };
  if (value.type === 'error' && typeof value.message === 'string') return { type: 'error', message: value.message, ...(typeof value.id === 'string' ? { id: value.id } : {}) };
  return undefined;
}

export function isLineageDocument(value: unknown): value is LineageDocument {
  if (!isRecord(value) || typeof value.root !== 'string' || !Array.isArray(value.nodes) || !Array.isArray(value.edges)) return false;
  const nodesOk = value.nodes.every((node) => isRecord(node) && typeof node.id === 'string' && typeof node.kind === 'string');
  const edgesOk = value.edges.every((edge) => isRecord(edge) && typeof edge.from === 'string' && typeof edge.to === 'string');
  return nodesOk && edgesOk;
}

/** What the extension side of the webview needs; the panel supplies it, the tests fake it. */
export interface LineageHost {
  /** The graph the panel shows first, or undefined when it has none yet. */
  initial(): LineageDocument | undefined;
  request(params: LineageParams): Promise<LineageDocument>;
  open(node: LineageDocumentNode, graph: LineageDocument): void | Promise<void>;
  post(message: HostMessage): void;
}

/** Hops asked for when a node is expanded in the webview: its direct parents and children. */
export const EXPAND_HOPS = 1;

/**
 * Answers one webview message. Expanding asks the server for the node's neighbours and posts them to be merged;
 * a failure is posted as an error for that node, never thrown, so one bad node does not break the view.
 */
export async function handleWebviewMessage(raw: unknown, host: LineageHost, known: Map<string, { node: LineageDocumentNode; graph: LineageDocument }>): Promise<void> {
  const message = parseWebviewMessage(raw);
  if (!message) return;
  if (message.type === 'ready') {
    const graph = host.initial();
    // A webview reloaded after being hidden restores what it showed, expansions included; it is sent the
    // graph again only when another model was asked for meanwhile.
    if (graph && graph.root !== message.root) {
      remember(known, graph);
      host.post({ type: 'show', graph });
    }
    return;
  }
  if (message.type === 'open') {
    const entry = known.get(message.id);
    if (entry) await host.open(entry.node, entry.graph);
    return;
  }
  try {
    const graph = await host.request({ model: message.id, upstream: EXPAND_HOPS, downstream: EXPAND_HOPS });
    remember(known, graph);
    host.post({ type: 'merge', expanded: message.id, graph });
  } catch (error) {
    host.post({ type: 'error', id: message.id, message: error instanceof Error ? error.message : String(error) });
  }
}

/** Only nodes the server returned can be opened, so a message cannot name an arbitrary file. */
export function remember(known: Map<string, { node: LineageDocumentNode; graph: LineageDocument }>, graph: LineageDocument): void {
  for (const node of graph.nodes) known.set(node.id, { node, graph });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The URI of a node's file: the server gives files relative to the session root, as the CLI prints them. */
export function nodeFileUri(graph: LineageDocument, node: LineageDocumentNode): string | undefined {
  if (!node.file) return undefined;
  return `${graph.workspaceUri.replace(/\/+$/, '')}/${node.file.split('/').map(encodeURIComponent).join('/')}`;
}
