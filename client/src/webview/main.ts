/**
 * The lineage webview's script: keeps the graph state, lays it out, renders it as SVG, and asks the extension
 * for more of the graph when a node is expanded. It runs in the webview under a strict Content Security Policy
 * and never parses workspace data as markup.
 *
 * The project compiles without the DOM library, so the few browser APIs used here are declared below; keeping
 * them this narrow also shows at a glance that nothing here writes HTML.
 */
import { applyHostMessage, restoreState, startExpand, type GraphState } from './graph-state';
import { layoutScene } from './layout';
import { renderScene, type SvgDocument, type SvgElement } from './render';
import type { WebviewMessage } from '../lineage/protocol';

interface HtmlElement extends SvgElement {
  replaceChildren(...children: SvgElement[]): void;
  hidden: boolean;
}

interface WebviewGlobals {
  document: SvgDocument & { getElementById(id: string): HtmlElement | null };
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  acquireVsCodeApi(): { postMessage(message: WebviewMessage): void; getState(): unknown; setState(state: GraphState): void };
}

const browser = globalThis as unknown as WebviewGlobals;
const vscode = browser.acquireVsCodeApi();
const graphElement = browser.document.getElementById('graph');
const statusElement = browser.document.getElementById('status');
const errorElement = browser.document.getElementById('error');
let state = restoreState(vscode.getState());

function update(next: GraphState): void {
  state = next;
  vscode.setState(state);
  draw();
}

function draw(): void {
  if (!graphElement || !statusElement || !errorElement) return;
  statusElement.textContent =
    state.nodes.length === 0
      ? 'Loading the lineage…'
      : state.columns
        ? `${state.root}: ${state.nodes.length} nodes, columns one hop up (dashed: renamed, orange: transformed). Hover a column for its origins; click a node to show its parents and children; double-click to open its file.`
        : `${state.root}: ${state.nodes.length} nodes. Click a node to show its parents and children; double-click to open its file.`;
  errorElement.textContent = state.error ?? '';
  errorElement.hidden = state.error === undefined;
  if (state.nodes.length === 0) {
    graphElement.replaceChildren();
    return;
  }
  const svg = renderScene(layoutScene(state), browser.document, {
    expand(id) {
      const next = startExpand(state, id);
      if (!next) return;
      update(next);
      vscode.postMessage({ type: 'expand', id });
    },
    open(id) {
      vscode.postMessage({ type: 'open', id });
    },
  });
  graphElement.replaceChildren(svg);
}

browser.addEventListener('message', (event) => update(applyHostMessage(state, event.data)));
draw();
// The extension answers `ready` with the graph to show; a restored state is shown meanwhile.
vscode.postMessage(state.root ? { type: 'ready', root: state.root } : { type: 'ready' });
