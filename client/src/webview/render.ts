/**
 * Builds the SVG for a scene. Every piece of workspace data (names, kinds, paths) goes into the DOM as
 * `textContent` or through `setAttribute`, never as markup, so a model named `<img onerror=...>` is shown as text.
 * It works against the small `SvgDocument` interface below, which the browser's `document` satisfies and the
 * tests fake.
 */
import type { Scene, SceneNode } from './layout';

export const SVG_NS = 'http://www.w3.org/2000/svg';

export interface SvgElement {
  setAttribute(name: string, value: string): void;
  appendChild<T extends SvgElement>(child: T): T;
  addEventListener(type: string, listener: (event: SvgEvent) => void): void;
  textContent: string | null;
}

export interface SvgEvent {
  key?: string;
  preventDefault(): void;
}

export interface SvgDocument {
  createElementNS(namespace: typeof SVG_NS, name: string): SvgElement;
}

export interface NodeActions {
  /** A click or Enter: show the node's parents and children. */
  expand(id: string): void;
  /** A double-click or `o`: open the file that defines the node. */
  open(id: string): void;
}

export function renderScene(scene: Scene, doc: SvgDocument, actions: NodeActions): SvgElement {
  const svg = element(doc, 'svg', {
    width: String(scene.width),
    height: String(scene.height),
    viewBox: `0 0 ${scene.width} ${scene.height}`,
    role: 'group',
    'aria-label': 'Lineage graph',
  });
  svg.appendChild(arrowMarker(doc));
  const edges = svg.appendChild(element(doc, 'g', { class: 'edges' }));
  for (const edge of scene.edges) edges.appendChild(element(doc, 'path', { class: 'edge', d: edge.path, 'marker-end': 'url(#arrow)' }));
  if (scene.columnEdges.length > 0) {
    const columnEdges = svg.appendChild(element(doc, 'g', { class: 'column-edges' }));
    for (const edge of scene.columnEdges) {
      const path = columnEdges.appendChild(element(doc, 'path', { class: `column-edge transform-${cssToken(edge.transform)}`, d: edge.path }));
      const title = path.appendChild(element(doc, 'title', {}));
      title.textContent = `${edge.from} → ${edge.to} (${edge.transform})`;
    }
  }
  const nodes = svg.appendChild(element(doc, 'g', { class: 'nodes' }));
  for (const node of scene.nodes) nodes.appendChild(renderNode(doc, node, actions));
  return svg;
}

function renderNode(doc: SvgDocument, node: SceneNode, actions: NodeActions): SvgElement {
  const group = element(doc, 'g', { class: node.classes.join(' '), transform: `translate(${node.x},${node.y})`, tabindex: '0', role: 'button' });
  group.setAttribute('aria-label', `${node.label}, ${node.detail}`);
  const title = group.appendChild(element(doc, 'title', {}));
  title.textContent = node.title;
  group.appendChild(element(doc, 'rect', { width: String(node.width), height: String(node.height), rx: '4', ry: '4' }));
  const name = group.appendChild(element(doc, 'text', { class: 'label', x: '12', y: '17' }));
  name.textContent = node.label;
  const detail = group.appendChild(element(doc, 'text', { class: 'detail', x: '12', y: '32' }));
  detail.textContent = node.detail;
  for (const row of node.rows) {
    const text = group.appendChild(element(doc, 'text', { class: row.classes.join(' '), x: '12', y: String(row.y + 13) }));
    text.textContent = row.label;
    const title = text.appendChild(element(doc, 'title', {}));
    title.textContent = row.title;
  }
  group.addEventListener('click', () => actions.expand(node.id));
  group.addEventListener('dblclick', () => actions.open(node.id));
  group.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      actions.expand(node.id);
    } else if (event.key === 'o') {
      event.preventDefault();
      actions.open(node.id);
    }
  });
  return group;
}

function arrowMarker(doc: SvgDocument): SvgElement {
  const defs = element(doc, 'defs', {});
  const marker = defs.appendChild(element(doc, 'marker', { id: 'arrow', viewBox: '0 0 10 10', refX: '10', refY: '5', markerWidth: '8', markerHeight: '8', orient: 'auto-start-reverse' }));
  marker.appendChild(element(doc, 'path', { class: 'arrow', d: 'M0,0 L10,5 L0,10 z' }));
  return defs;
}

/** A transform name becomes part of a class name; anything but letters, digits and dashes is dropped. */
function cssToken(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9-]/g, '') || 'other';
}

function element(doc: SvgDocument, name: string, attributes: Record<string, string>): SvgElement {
  const created = doc.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) created.setAttribute(key, value);
  return created;
}
