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
  /** Column mode: one row per column under the name, top to bottom; empty in model mode. */
  rows: SceneRow[];
}

export interface SceneRow {
  /** The column name, shortened like node names. */
  label: string;
  /** Where the column comes from, one hop up, for the tooltip. */
  title: string;
  /** The row's top, relative to its node's box. */
  y: number;
  /** `column`, plus `unresolved` when the column could not be traced. */
  classes: string[];
}

/** A column edge, from a parent's column row to the row of the child column that reads it. */
export interface SceneColumnEdge {
  from: string;
  to: string;
  /** `pass-through`, `rename` or `transformation`, which the edge's class shows. */
  transform: string;
  path: string;
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
  /** Column mode only: one edge per column read, between rows. */
  columnEdges: SceneColumnEdge[];
}

/** Labels are measured by length: the webview's font is not known here, and a monospace estimate is close enough. */
const CHAR_WIDTH = 7.2;
const NODE_HEIGHT = 40;
/** The height of one column row in column mode, and the space under the last one. */
export const ROW_HEIGHT = 18;
const ROWS_PADDING = 6;
const MIN_WIDTH = 96;
const MAX_WIDTH = 360;
const MARGIN = 16;

export function layoutScene(state: GraphState): Scene {
  const graph = new graphlib.Graph({ multigraph: false });
  graph.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 56, marginx: MARGIN, marginy: MARGIN });
  graph.setDefaultEdgeLabel(() => ({}));
  const details = new Map<string, string>();
  const rows = columnRows(state);
  for (const node of state.nodes) {
    const detail = [node.kind, node.materialized].filter(Boolean).join(' · ');
    details.set(node.id, detail);
    const own = rows.get(node.id) ?? [];
    const longest = Math.max(node.id.length, detail.length, ...own.map((row) => row.name.length));
    const height = own.length > 0 ? NODE_HEIGHT + own.length * ROW_HEIGHT + ROWS_PADDING : NODE_HEIGHT;
    graph.setNode(node.id, { width: clamp(Math.ceil(longest * CHAR_WIDTH) + 24, MIN_WIDTH, MAX_WIDTH), height });
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
    const sceneRows = (rows.get(node.id) ?? []).map((row, i): SceneRow => ({ label: shorten(row.name), title: row.title, y: NODE_HEIGHT + i * ROW_HEIGHT, classes: row.unresolved ? ['column', 'unresolved'] : ['column'] }));
    return { id: node.id, label: shorten(node.id), title, detail: details.get(node.id) ?? '', x: box.x - box.width / 2, y: box.y - box.height / 2, width: box.width, height: box.height, classes, rows: sceneRows };
  });
  const edges = state.edges.map((edge): SceneEdge => {
    const points = (graph.edge(edge.from, edge.to) as { points?: { x: number; y: number }[] } | undefined)?.points ?? [];
    return { from: edge.from, to: edge.to, path: pathThrough(points) };
  });
  const label = graph.graph() as { width?: number; height?: number };
  return { width: Math.ceil(label.width ?? 0), height: Math.ceil(label.height ?? 0), nodes, edges, columnEdges: columnEdges(state, nodes, rows) };
}

interface ColumnRow {
  name: string;
  title: string;
  unresolved: boolean;
}

/**
 * The column rows of each node in column mode: a node's own output columns in order, then the columns that
 * children read from it but that it does not list (a source's columns, which have no lineage of their own).
 */
function columnRows(state: GraphState): Map<string, ColumnRow[]> {
  const rows = new Map<string, ColumnRow[]>();
  if (!state.columns) return rows;
  const shown = new Set(state.nodes.map((node) => node.id));
  const add = (node: string, row: ColumnRow) => {
    const list = rows.get(node) ?? [];
    if (!list.some((existing) => existing.name.toLowerCase() === row.name.toLowerCase())) list.push(row);
    rows.set(node, list);
  };
  for (const entry of state.columns) {
    if (!shown.has(entry.node)) continue;
    const origins = entry.from.map((origin) => `${origin.node}.${origin.column} (${origin.transform})`);
    const title = entry.unresolved !== undefined ? `${entry.column}: not traced, ${entry.unresolved}` : origins.length > 0 ? `${entry.column} ← ${origins.join(', ')}` : `${entry.column}: computed, reads no parent column`;
    add(entry.node, { name: entry.column, title, unresolved: entry.unresolved !== undefined });
  }
  const read = new Map<string, Set<string>>();
  for (const entry of state.columns) {
    for (const origin of entry.from) {
      if (!shown.has(origin.node) || rows.get(origin.node)?.some((row) => row.name.toLowerCase() === origin.column.toLowerCase())) continue;
      read.set(origin.node, (read.get(origin.node) ?? new Set()).add(origin.column));
    }
  }
  for (const [node, names] of read) for (const name of [...names].sort()) add(node, { name, title: `${node}.${name}`, unresolved: false });
  return rows;
}

/** Curves from each parent column's row to the row of the column that reads it, between boxes already placed. */
function columnEdges(state: GraphState, nodes: SceneNode[], rows: Map<string, ColumnRow[]>): SceneColumnEdge[] {
  if (!state.columns) return [];
  const boxes = new Map(nodes.map((node) => [node.id, node]));
  const rowMiddle = (node: string, column: string): number | undefined => {
    const index = rows.get(node)?.findIndex((row) => row.name.toLowerCase() === column.toLowerCase()) ?? -1;
    return index < 0 ? undefined : NODE_HEIGHT + index * ROW_HEIGHT + ROW_HEIGHT / 2;
  };
  const edges: SceneColumnEdge[] = [];
  for (const entry of state.columns) {
    const child = boxes.get(entry.node);
    const childY = rowMiddle(entry.node, entry.column);
    if (!child || childY === undefined) continue;
    for (const origin of entry.from) {
      const parent = boxes.get(origin.node);
      const parentY = rowMiddle(origin.node, origin.column);
      if (!parent || parentY === undefined) continue;
      const x1 = parent.x + parent.width;
      const y1 = parent.y + parentY;
      const x2 = child.x;
      const y2 = child.y + childY;
      const bend = Math.max(20, Math.abs(x2 - x1) / 2);
      edges.push({
        from: `${origin.node}.${origin.column}`,
        to: `${entry.node}.${entry.column}`,
        transform: origin.transform,
        path: `M${round(x1)},${round(y1)} C${round(x1 + bend)},${round(y1)} ${round(x2 - bend)},${round(y2)} ${round(x2)},${round(y2)}`,
      });
    }
  }
  return edges;
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
