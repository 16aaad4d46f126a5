/**
 * Model-level lineage: the nodes upstream and downstream of a root, to a depth, from the project graph.
 */
import type { GraphNode, ProjectIndex } from '../project/index-types';
import { lineageId } from './node-ids';
import type { LineageEdge, LineageGraph, LineageNode, LineageOptions } from './types';

/**
 * Walks parents and children breadth-first, so that each node gets its shortest distance from the root.
 * Data tests are left out: they read a model but produce no data, and they would crowd every graph.
 */
export function modelLineage(index: ProjectIndex, root: GraphNode, options: LineageOptions = {}): LineageGraph {
  const depths = new Map<string, number>([[root.uniqueId, 0]]);
  walk(index, root.uniqueId, options.upstream, -1, depths, (id) => index.parents(id));
  walk(index, root.uniqueId, options.downstream, 1, depths, (id) => index.children(id));
  const nodes: LineageNode[] = [];
  for (const [uniqueId, depth] of depths) {
    const node = index.node(uniqueId);
    if (node) nodes.push(toLineageNode(node, depth));
  }
  nodes.sort((a, b) => a.depth - b.depth || a.id.localeCompare(b.id));
  const idOf = new Map(nodes.map((node) => [node.uniqueId, node.id]));
  // Every graph edge between two returned nodes is kept, not only the ones the walk followed, so that a
  // node reached by two paths shows both of its parents.
  const edges: LineageEdge[] = [];
  for (const node of nodes) {
    for (const parent of index.parents(node.uniqueId)) {
      const from = idOf.get(parent);
      if (from !== undefined) edges.push({ from, to: node.id });
    }
  }
  edges.sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  return { root: lineageId(root), nodes, edges };
}

function walk(index: ProjectIndex, start: string, limit: number | undefined, step: 1 | -1, depths: Map<string, number>, next: (id: string) => string[]): void {
  let frontier = [start];
  for (let distance = 1; frontier.length > 0 && (limit === undefined || distance <= limit); distance++) {
    const following: string[] = [];
    for (const id of frontier) {
      for (const neighbour of next(id)) {
        if (depths.has(neighbour)) continue;
        const node = index.node(neighbour);
        if (!node || node.resourceType === 'test') continue;
        depths.set(neighbour, step * distance);
        following.push(neighbour);
      }
    }
    frontier = following;
  }
}

function toLineageNode(node: GraphNode, depth: number): LineageNode {
  const result: LineageNode = { id: lineageId(node), uniqueId: node.uniqueId, kind: node.resourceType, depth };
  if (node.file && node.resourceType !== 'source') result.file = node.file;
  const materialized = node.config.materialized;
  if (typeof materialized === 'string' && (node.resourceType === 'model' || node.resourceType === 'snapshot')) result.materialized = materialized;
  return result;
}
