/**
 * `dplens lineage MODEL [PATH]`: read the workspace as `dplens check` does, then print the lineage graph
 * around one node, optionally with column lineage.
 */
import * as path from 'node:path';
import { computeLineage, lineageDot, lineageJson, lineageMermaid, lineageText, loadColumnTracer, type LineageGraph } from '../core/lineage';
import { toWorkspacePath } from '../io/workspace-reader';
import type { LineageArgs } from './args';
import { CliError } from './check-command';
import { indexForCommand } from './command-index';

export async function runLineage(args: LineageArgs, cwd: string): Promise<string> {
  const { index, scope } = indexForCommand(args, cwd);
  // The WebAssembly tracer is loaded only when columns are asked for: model lineage needs the graph alone.
  const tracer = args.columns ? await loadColumnTracer() : undefined;
  const answer = computeLineage(index, { root: args.model, upstream: args.upstream, downstream: args.downstream, tracer });
  if (!answer.graph) {
    const hint = answer.suggestion ? `; did you mean \`${answer.suggestion}\`?` : '; name a model, or source:<source>.<table>, seed:<name> or snapshot:<name>';
    throw new CliError(`no model, source, seed or snapshot \`${args.model}\` in ${args.path}${hint}`);
  }
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

/** Index paths are relative to the indexed root; output is relative to the folder the user named. */
function relocate(graph: LineageGraph, root: string, reportBase: string): LineageGraph {
  if (root === reportBase) return graph;
  return { ...graph, nodes: graph.nodes.map((node) => (node.file ? { ...node, file: toWorkspacePath(reportBase, path.join(root, node.file)) } : node)) };
}

