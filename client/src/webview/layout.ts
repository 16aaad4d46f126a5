/**
 * Lays out the lineage graph with dagre, left to right from sources to consumers, and returns a scene: boxes,
 * edge paths and labels as plain data. The renderer turns the scene into SVG elements; nothing here touches the DOM.
 */
import { graphlib, layout } from '@dagrejs/dagre';
import type { GraphState } from './graph-state';

export interface SceneNode {
  id: string;
  /** The id, shortened with an ellipsis when it would not fit the widest box. */
  label: string;
  /** The full id, kind and file, for the tooltip. */
  title: string;
  /** Kind and materialization, shown under the name. */
  detail: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** CSS classes: `node`, `kind-<kind>`, `root`, `expanded`, `pending`, `openable`. */
  classes: string[];
}

export interface SceneEdge {
  from: string;
  to: string;
  /** An SVG path through dagre's points. */
  path: string;
}

export interface Scene {
  width: number;
  height: number;
  nodes: SceneNode[];
  edges: SceneEdge[];
}

/** Labels are measured by length: the webview's font is not known here, and a monospace estimate is close enough. */
const CHAR_WIDTH = 7.2;
const NODE_HEIGHT = 40;
const MIN_WIDTH = 96;
const MAX_WIDTH = 360;
const MARGIN = 16;

export function layoutScene(state: GraphState): Scene {
  const graph = new graphlib.Graph({ multigraph: false });
  graph.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 56, marginx: MARGIN, marginy: MARGIN });
  graph.setDefaultEdgeLabel(() => ({}));
  const details = new Map<string, string>();
  for (const node of state.nodes) {
    const detail = [node.kind, node.materialized].filter(Boolean).join(' · ');
    details.set(node.id, detail);
    const longest = Math.max(node.id.length, detail.length);
    graph.setNode(node.id, { width: clamp(Math.ceil(longest * CHAR_WIDTH) + 24, MIN_WIDTH, MAX_WIDTH), height: NODE_HEIGHT });
  }
  for (const edge of state.edges) graph.setEdge(edge.from, edge.to);
  layout(graph);

  const expanded = new Set(state.expanded);
  const pending = new Set(state.pending);
  const nodes = state.nodes.map((node): SceneNode => {
    const box = graph.node(node.id) as { x: number; y: number; width: number; height: number };
    const classes = ['node', `kind-${cssToken(node.kind)}`];
    if (node.id === state.root) classes.push('root');
    if (expanded.has(node.id)) classes.push('expanded');
    if (pending.has(node.id)) classes.push('pending');
    if (node.file) classes.push('openable');
    // dagre gives centres; the scene gives top-left corners, as SVG rectangles want.
    const title = [node.id, details.get(node.id), node.file].filter(Boolean).join('\n');
    return { id: node.id, label: shorten(node.id), title, detail: details.get(node.id) ?? '', x: box.x - box.width / 2, y: box.y - box.height / 2, width: box.width, height: box.height, classes };
  });
  const edges = state.edges.map((edge): SceneEdge => {
    const points = (graph.edge(edge.from, edge.to) as { points?: { x: number; y: number }[] } | undefined)?.points ?? [];
    return { from: edge.from, to: edge.to, path: pathThrough(points) };
  });
  const label = graph.graph() as { width?: number; height?: number };
  return { width: Math.ceil(label.width ?? 0), height: Math.ceil(label.height ?? 0), nodes, edges };
}

function pathThrough(points: { x: number; y: number }[]): string {
  return points.map((point, i) => `${i === 0 ? 'M' : 'L'}${round(point.x)},${round(point.y)}`).join(' ');
}

/** A node kind becomes part of a class name; anything but letters, digits and dashes is dropped. */
function cssToken(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9-]/g, '') || 'other';
}

function shorten(text: string): string {
  const room = Math.floor((MAX_WIDTH - 24) / CHAR_WIDTH);
  return text.length <= room ? text : `${text.slice(0, room - 1)}…`;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
