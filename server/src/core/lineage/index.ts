/**
 * Lineage in the core, shared by the editor and the CLI: model-level lineage from the project graph,
 * and column-level lineage (one hop per model) from each model's SQL.
 */
import type { ProjectIndex } from '../project/index-types';
import { ColumnLineageBuilder } from './column-lineage';
import { modelLineage } from './model-lineage';
import { findLineageNode } from './node-ids';
import type { ColumnTracer } from './polyglot-engine';
import type { LineageGraph, LineageOptions } from './types';

export type { ColumnLineage, ColumnOrigin, ColumnTransform, LineageEdge, LineageGraph, LineageNode, LineageOptions } from './types';
export { findLineageNode, lineageId, type NodeLookup } from './node-ids';
export { modelLineage } from './model-lineage';
export { ColumnLineageBuilder, lineageParent, renderForLineage, warmColumnLineage, type LineageRendering } from './column-lineage';
export { knownColumns, type KnownColumns } from './known-columns';
export { lineageDot, lineageJson, lineageMermaid, lineageText } from './format';
export { loadColumnTracer, type ColumnTracer, type TracedColumn, type TracedQuery } from './polyglot-engine';

export interface LineageRequest extends LineageOptions {
  /** A lineage id: a model name, `source:<source>.<table>`, `seed:<name>` or `snapshot:<name>`. */
  root: string;
  /** Given, column lineage is computed for every node of the returned graph. */
  tracer?: ColumnTracer;
}

export type LineageAnswer = { graph: LineageGraph } | { graph?: undefined; suggestion?: string };

/** The lineage graph around a node, with column lineage when a tracer is given. */
export function computeLineage(index: ProjectIndex, request: LineageRequest): LineageAnswer {
  const lookup = findLineageNode(index, request.root);
  if (!lookup.found) return { suggestion: lookup.suggestion };
  const graph = modelLineage(index, lookup.found, request);
  if (request.tracer) {
    const builder = new ColumnLineageBuilder(index, request.tracer);
    graph.columns = graph.nodes.flatMap((node) => {
      const graphNode = index.node(node.uniqueId);
      return graphNode ? builder.columnsOf(graphNode) : [];
    });
  }
  return { graph };
}
