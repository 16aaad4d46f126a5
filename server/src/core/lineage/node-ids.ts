/**
 * Lineage ids: the names a user writes for graph nodes, and the way back from a name to a node.
 */
import type { GraphNode, ProjectIndex } from '../project/index-types';
import { closestName } from '../rules/suggest';

/** A model's name (with `.v<N>` for a versioned model), else `<kind>:<name>` (`source:<source>.<table>`). */
export function lineageId(node: GraphNode): string {
  switch (node.resourceType) {
    case 'model':
      return node.version === undefined ? node.name : `${node.name}.v${node.version}`;
    case 'source':
      return `source:${node.sourceName ?? ''}.${node.tableName ?? node.name}`;
    default:
      return `${node.resourceType}:${node.name}`;
  }
}

export type NodeLookup = { found: GraphNode } | { found?: undefined; suggestion?: string };

/**
 * Finds the node a user named. When several projects define the name, the workspace's own project wins
 * over an installed package, because that is the node a user is most likely asking about.
 */
export function findLineageNode(index: ProjectIndex, id: string): NodeLookup {
  const matches: GraphNode[] = [];
  const ids = new Set<string>();
  for (const node of index.nodes()) {
    if (!node.enabled || node.resourceType === 'test') continue;
    const own = lineageId(node);
    ids.add(own);
    // A versioned model also answers to its bare name, for its latest version.
    const bare = node.resourceType === 'model' && node.version !== undefined && String(node.version) === String(node.latestVersion ?? node.version) ? node.name : undefined;
    if (own === id || bare === id) matches.push(node);
  }
  if (matches.length > 0) {
    matches.sort((a, b) => Number(a.isPackage) - Number(b.isPackage) || a.uniqueId.localeCompare(b.uniqueId));
    return { found: matches[0] };
  }
  return { suggestion: closestName(id, ids) };
}
