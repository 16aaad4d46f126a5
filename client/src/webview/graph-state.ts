/**
 * What the lineage webview shows: the nodes and edges received so far, which nodes were expanded, and the last
 * error. It is plain data changed only by `applyHostMessage`, so it can be saved with the webview's state and tested
 * without a browser.
 */
import { documentColumns, parseHostMessage, type LineageDocument, type LineageDocumentColumn, type LineageDocumentNode } from '../lineage/protocol';

export interface GraphState {
  root: string;
  nodes: LineageDocumentNode[];
  edges: { from: string; to: string }[];
  /** Nodes whose parents and children are all shown; the root starts expanded. */
  expanded: string[];
  /** Nodes with a request in flight, shown as busy so a second click does not ask again. */
  pending: string[];
  error?: string;
  /** Column mode: each node's output columns and the parent columns they read; absent in model mode. */
  columns?: LineageDocumentColumn[];
}

export const EMPTY_STATE: GraphState = { root: '', nodes: [], edges: [], expanded: [], pending: [] };

/** Applies a message from the extension; anything malformed leaves the state as it was. */
export function applyHostMessage(state: GraphState, raw: unknown): GraphState {
  const message = parseHostMessage(raw);
  if (!message) return state;
  switch (message.type) {
    case 'show': {
      const columns = documentColumns(message.graph);
      return { ...merge(EMPTY_STATE, message.graph), root: message.graph.root, expanded: [message.graph.root], pending: [], ...(columns ? { columns } : {}) };
    }
    case 'merge': {
      const merged = merge(state, message.graph);
      return { ...merged, expanded: unique([...state.expanded, message.expanded]), pending: state.pending.filter((id) => id !== message.expanded), error: undefined };
    }
    case 'error':
      return { ...state, pending: state.pending.filter((id) => id !== message.id), error: message.message };
  }
}

/** Marks a node as being expanded; returns undefined when there is nothing to ask for. */
export function startExpand(state: GraphState, id: string): GraphState | undefined {
  if (state.expanded.includes(id) || state.pending.includes(id) || !state.nodes.some((node) => node.id === id)) return undefined;
  return { ...state, pending: [...state.pending, id] };
}

function merge(state: GraphState, graph: LineageDocument): GraphState {
  const nodes = new Map(state.nodes.map((node) => [node.id, node]));
  for (const node of graph.nodes) nodes.set(node.id, { id: node.id, kind: node.kind, ...(node.file ? { file: node.file } : {}), ...(node.materialized ? { materialized: node.materialized } : {}) });
  const edges = new Map(state.edges.map((edge) => [edgeKey(edge), edge]));
  for (const edge of graph.edges) if (nodes.has(edge.from) && nodes.has(edge.to)) edges.set(edgeKey(edge), { from: edge.from, to: edge.to });
  return { ...state, nodes: [...nodes.values()], edges: [...edges.values()], ...mergeColumns(state.columns, documentColumns(graph)) };
}

/** In column mode, an expansion adds the columns of nodes not shown before; the shown ones keep theirs. */
function mergeColumns(known: LineageDocumentColumn[] | undefined, added: LineageDocumentColumn[] | undefined): { columns?: LineageDocumentColumn[] } {
  if (!known) return {};
  const traced = new Set(known.map((entry) => entry.node));
  return { columns: [...known, ...(added ?? []).filter((entry) => !traced.has(entry.node))] };
}

/** Restores a saved state, or the empty one when what was saved does not have the expected shape. */
export function restoreState(saved: unknown): GraphState {
  if (typeof saved !== 'object' || saved === null) return EMPTY_STATE;
  const candidate = saved as Partial<GraphState>;
  if (typeof candidate.root !== 'string' || !Array.isArray(candidate.nodes) || !Array.isArray(candidate.edges) || !Array.isArray(candidate.expanded)) return EMPTY_STATE;
  // Requests in flight when the webview was hidden were lost with it.
  const columns = documentColumns(candidate);
  return { root: candidate.root, nodes: candidate.nodes, edges: candidate.edges, expanded: candidate.expanded, pending: [], ...(columns ? { columns } : {}) };
}

function edgeKey(edge: { from: string; to: string }): string {
  return `${edge.from}\u0000${edge.to}`;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
