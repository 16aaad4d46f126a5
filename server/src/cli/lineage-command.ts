/**
 * `dplens lineage MODEL [PATH]`: read the workspace as `dplens check` does, then print the lineage graph
 * around one node, optionally with column lineage.
 */
import * as path from 'node:path';
import { ColumnLineageBuilder, computeLineage, lineageDot, lineageJson, lineageMermaid, lineageText, loadColumnTracer, type LineageGraph } from '../core/lineage';
import { openLineageEvents, openLineageNdjson } from '../core/lineage/openlineage';
import type { GraphNode } from '../core/project/index-types';
import type { WorkspaceIndex } from '../core/project/workspace-index';
import { toWorkspacePath } from '../io/workspace-reader';
import { ALL_MODELS, type LineageArgs } from './args';
import { CliError } from './check-command';
import { indexForCommand } from './command-index';

export async function runLineage(args: LineageArgs, cwd: string): Promise<string> {
  const { index, scope } = indexForCommand(args, cwd);
  if (args.format === 'openlineage') return exportOpenLineage(index, args);
  // The WebAssembly tracer is loaded only when columns are asked for: model lineage needs the graph alone.
  const tracer = args.columns ? await loadColumnTracer() : undefined;
  const answer = computeLineage(index, { root: args.model, upstream: args.upstream, downstream: args.downstream, tracer });
  if (!answer.graph) throw unknownNode(args, answer.suggestion);
  const graph = relocate(answer.graph, scope.root, scope.reportBase);
  switch (args.format) {
    case 'json':
      return lineageJson(graph);
    case 'mermaid':
      return lineageMermaid(graph);
    case 'dot':
      return lineageDot(graph);
    default:
      return lineageText(graph);
  }
}

/**
 * The OpenLineage export: one JobEvent a line for every node dbt builds in the graph around MODEL, or in the whole
 * index for `*`. Column lineage is always included, since the export is for tools that cannot trace SQL themselves.
 */
async function exportOpenLineage(index: WorkspaceIndex, args: LineageArgs): Promise<string> {
  let nodes: Iterable<GraphNode> = index.nodes();
  if (args.model !== ALL_MODELS) {
    const answer = computeLineage(index, { root: args.model, upstream: args.upstream, downstream: args.downstream });
    if (!answer.graph) throw unknownNode(args, answer.suggestion);
    nodes = answer.graph.nodes.map((node) => index.node(node.uniqueId)).filter((node): node is GraphNode => node !== undefined);
  }
  const columns = new ColumnLineageBuilder(index, await loadColumnTracer());
  const events = openLineageEvents(index, nodes, {
    eventTime: new Date().toISOString(),
    columns,
    datasetNamespace: args.namespace,
    jobNamespace: args.jobNamespace,
  });
  return openLineageNdjson(events);
}

function unknownNode(args: LineageArgs, suggestion: string | undefined): CliError {
  const hint = suggestion ? `; did you mean \`${suggestion}\`?` : '; name a model, or source:<source>.<table>, seed:<name> or snapshot:<name>';
  return new CliError(`no model, source, seed or snapshot \`${args.model}\` in ${args.path}${hint}`);
}

/** Index paths are relative to the indexed root; output is relative to the folder the user named. */
function relocate(graph: LineageGraph, root: string, reportBase: string): LineageGraph {
  if (root === reportBase) return graph;
  return { ...graph, nodes: graph.nodes.map((node) => (node.file ? { ...node, file: toWorkspacePath(reportBase, path.join(root, node.file)) } : node)) };
}

