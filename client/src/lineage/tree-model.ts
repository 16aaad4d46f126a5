/**
 * The lineage tree's data: the parents or children of a node in a lineage document, each with whether it has
 * further neighbours in the same direction. Free of `vscode`, so it is tested without the editor.
 */
import type { LineageDocument, LineageDocumentNode } from './protocol';

export type Direction = 'upstream' | 'downstream';

export interface TreeEntry {
  node: LineageDocumentNode;
  direction: Direction;
  /** Whether the document shows neighbours beyond this node, so the tree can offer to expand it. */
  hasMore: boolean;
}

/**
 * Hops asked for each time: one to list a node's neighbours and one more to know which of them can be expanded.
 * Model-level lineage is computed from the index instantly, so asking again on each expansion costs nothing.
 */
export const TREE_HOPS = 2;

export function neighbours(graph: LineageDocument, id: string, direction: Direction): TreeEntry[] {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const next = (from: string) => graph.edges.filter((edge) => (direction === 'upstream' ? edge.to === from : edge.from === from)).map((edge) => (direction === 'upstream' ? edge.from : edge.to));
  return [...new Set(next(id))]
    .filter((other) => other !== id && byId.has(other))
    .sort((a, b) => a.localeCompare(b))
    .map((other) => ({ node: byId.get(other)!, direction, hasMore: next(other).some((beyond) => beyond !== other) }));
}

/** The tree item's description: the kind, and the materialization when there is one. */
export function describe(node: LineageDocumentNode): string {
  return [node.kind, node.materialized].filter(Boolean).join(' · ');
}
