/**
 * Renderings of a lineage graph: the stable JSON document, an indented text tree, Mermaid and Graphviz.
 * They are pure, so the editor can show the same Mermaid the CLI prints.
 */
import type { ColumnLineage, LineageGraph, LineageNode } from './types';

/** The JSON document (version 1): shell-independent fields only, in a fixed key order. */
export function lineageJson(graph: LineageGraph): string {
  const document: Record<string, unknown> = {
    version: 1,
    root: graph.root,
    nodes: graph.nodes.map((node) => ({
      id: node.id,
      kind: node.kind,
      ...(node.file !== undefined ? { file: node.file } : {}),
      ...(node.materialized !== undefined ? { materialized: node.materialized } : {}),
    })),
    edges: graph.edges.map((edge) => ({ from: edge.from, to: edge.to })),
  };
  if (graph.columns) {
    document.columns = graph.columns.map((entry) => ({
      node: entry.node,
      column: entry.column,
      from: entry.from.map((origin) => ({ node: origin.node, column: origin.column, transform: origin.transform })),
      ...(entry.unresolved !== undefined ? { unresolved: entry.unresolved } : {}),
    }));
  }
  return JSON.stringify(document, null, 2) + '\n';
}

/**
 * An indented tree: the root, then its parents and their parents, then its children and theirs.
 * A node reached again by another path is printed once more with `(see above)`, so a diamond-shaped
 * graph does not repeat whole subtrees.
 */
export function lineageText(graph: LineageGraph): string {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const parents = adjacency(graph, 'to', 'from');
  const children = adjacency(graph, 'from', 'to');
  const lines = [label(byId.get(graph.root)!)];
  const branch = (title: string, next: Map<string, string[]>, keep: (node: LineageNode) => boolean) => {
    const first = (next.get(graph.root) ?? []).filter((id) => keep(byId.get(id)!));
    if (first.length === 0) return;
    lines.push(`${title}:`);
    const printed = new Set<string>();
    const visit = (id: string, indent: string, last: boolean) => {
      const node = byId.get(id)!;
      const again = printed.has(id);
      lines.push(`${indent}${last ? '└─ ' : '├─ '}${label(node)}${again ? ' (see above)' : ''}`);
      if (again) return;
      printed.add(id);
      const following = (next.get(id) ?? []).filter((other) => keep(byId.get(other)!));
      following.forEach((other, i) => visit(other, indent + (last ? '   ' : '│  '), i === following.length - 1));
    };
    first.forEach((id, i) => visit(id, '  ', i === first.length - 1));
  };
  branch('upstream', parents, (node) => node.depth < 0);
  branch('downstream', children, (node) => node.depth > 0);
  if (graph.columns) {
    lines.push('columns:');
    for (const entry of graph.columns) lines.push(`  ${entry.node}.${entry.column} ${columnText(entry)}`);
  }
  return lines.join('\n') + '\n';
}

function label(node: LineageNode): string {
  const details = [node.kind, node.materialized].filter((part) => part !== undefined).join(', ');
  return `${node.id} (${details})${node.file ? ` ${node.file}` : ''}`;
}

function columnText(entry: ColumnLineage): string {
  if (entry.unresolved !== undefined) return `? unresolved: ${entry.unresolved}`;
  if (entry.from.length === 0) return '← (no input column: a constant or computed value)';
  return '← ' + entry.from.map((origin) => `${origin.node}.${origin.column} (${origin.transform})`).join(', ');
}

function adjacency(graph: LineageGraph, key: 'from' | 'to', value: 'from' | 'to'): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const edge of graph.edges) {
    let list = map.get(edge[key]);
    if (!list) map.set(edge[key], (list = []));
    list.push(edge[value]);
  }
  return map;
}

/** Mermaid `graph LR`: node keys are generated (`n0`, `n1`), so ids with `:` or `.` need no escaping there. */
export function lineageMermaid(graph: LineageGraph): string {
  const keys = new Map(graph.nodes.map((node, i) => [node.id, `n${i}`]));
  const lines = ['graph LR'];
  for (const node of graph.nodes) {
    const shape = node.kind === 'source' || node.kind === 'seed' ? ['[(', ')]'] : node.kind === 'exposure' ? ['>', ']'] : ['[', ']'];
    lines.push(`  ${keys.get(node.id)}${shape[0]}"${mermaidEscape(node.id)}"${shape[1]}`);
  }
  for (const edge of graph.edges) lines.push(`  ${keys.get(edge.from)} --> ${keys.get(edge.to)}`);
  lines.push(`  style ${keys.get(graph.root)} stroke-width:3px`);
  return lines.join('\n') + '\n';
}

/** Mermaid labels are quoted; quotes and angle brackets inside them are written as entity codes. */
function mermaidEscape(text: string): string {
  return text.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}

/** Graphviz `digraph` with every id quoted, so `source:shop.orders` is one node id. */
export function lineageDot(graph: LineageGraph): string {
  const lines = ['digraph lineage {', '  rankdir=LR;', '  node [shape=box];'];
  for (const node of graph.nodes) {
    const attributes = [`label=${dotQuote(node.id)}`];
    if (node.kind === 'source' || node.kind === 'seed') attributes.push('shape=cylinder');
    if (node.id === graph.root) attributes.push('penwidth=3');
    lines.push(`  ${dotQuote(node.id)} [${attributes.join(', ')}];`);
  }
  for (const edge of graph.edges) lines.push(`  ${dotQuote(edge.from)} -> ${dotQuote(edge.to)};`);
  lines.push('}');
  return lines.join('\n') + '\n';
}

function dotQuote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
