/**
 * The plain data that lineage returns, shared by the CLI and the editor.
 *
 * Ids are the names a user writes: a model's name, `source:<source>.<table>`, `seed:<name>` and
 * `snapshot:<name>`, so that JSON output reads like the project and survives re-indexing.
 */
import type { ResourceType } from '../project/index-types';

export interface LineageNode {
  id: string;
  /** The index's unique id, for shells that need to open files or locate the node. */
  uniqueId: string;
  kind: ResourceType;
  /** The file that defines the node, workspace-relative; sources have none. */
  file?: string;
  materialized?: string;
  /** Hops from the root: negative upstream, positive downstream, zero for the root itself. */
  depth: number;
}

export interface LineageEdge {
  from: string;
  to: string;
}

/** How an output column relates to a parent column it reads. */
export type ColumnTransform = 'pass-through' | 'rename' | 'transformation';

export interface ColumnOrigin {
  node: string;
  column: string;
  transform: ColumnTransform;
}

/** One output column of a node and the columns of its direct parents that it reads (one hop). */
export interface ColumnLineage {
  node: string;
  column: string;
  from: ColumnOrigin[];
  /** Set when the column could not be traced; `from` is then empty rather than a guess. */
  unresolved?: string;
}

export interface LineageGraph {
  root: string;
  nodes: LineageNode[];
  edges: LineageEdge[];
  /** Present only when column lineage was asked for. */
  columns?: ColumnLineage[];
}

export interface LineageOptions {
  /** Hops upstream; undefined means all. */
  upstream?: number;
  /** Hops downstream; undefined means all. */
  downstream?: number;
}
