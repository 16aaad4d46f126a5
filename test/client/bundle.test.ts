/**
 * The built webview script (dist/lineage-webview.js) run in a bare VM context with a fake webview: no Node
 * globals, no DOM beyond the few calls it makes, only the browser globals a webview has. It shows the graph it is sent and asks for more on a click.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { FakeElement, serialize } from './fake-dom';
import { FCT_ORDERS, HOSTILE, HOSTILE_NAME } from './fixtures';

const BUNDLE = path.join(__dirname, '..', '..', 'dist', 'lineage-webview.js');

class FakeContainer extends FakeElement {
  hidden = false;
  replaceChildren(...children: FakeElement[]): void {
    this.children.splice(0, this.children.length, ...children);
  }
}

function startWebview(saved?: unknown) {
  const elements = { graph: new FakeContainer('html', 'div'), status: new FakeContainer('html', 'p'), error: new FakeContainer('html', 'p') };
  const posted: unknown[] = [];
  let state = saved;
  let onMessage: ((event: { data: unknown }) => void) | undefined;
  // structuredClone is a browser global that dagre uses; the webview (Chromium) has it.
  const context = vm.createContext({
    structuredClone,
    // Messages and state are cloned on their way out of a webview; a JSON copy does the same across VM realms.
    acquireVsCodeApi: () => ({ postMessage: (message: unknown) => posted.push(clone(message)), getState: () => state, setState: (next: unknown) => (state = clone(next)) }),
    document: { getElementById: (id: keyof typeof elements) => elements[id] ?? null, createElementNS: (namespace: string, name: string) => new FakeElement(namespace, name) },
    addEventListener: (type: string, listener: (event: { data: unknown }) => void) => type === 'message' && (onMessage = listener),
  });
  vm.runInContext(fs.readFileSync(BUNDLE, 'utf8'), context, { filename: BUNDLE });
  return { elements, posted, state: () => state, send: (data: unknown) => onMessage!({ data }) };
}

function clone(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

describe('lineage webview bundle', () => {
  before(function () {
    if (!fs.existsSync(BUNDLE)) throw new Error('dist/lineage-webview.js is missing: run `npm run build` (npm test does)');
  });

  it('says it is ready, renders the graph it is sent, and saves it as state', () => {
    const webview = startWebview();
    assert.deepEqual(webview.posted, [{ type: 'ready' }]);
    webview.send({ type: 'show', graph: FCT_ORDERS });
    const svg = webview.elements.graph.children[0];
    assert.equal(svg.name, 'svg');
    assert.equal(svg.all().filter((element) => element.attributes.get('class') === 'label').length, 5);
    assert.match(webview.elements.status.textContent ?? '', /^fct_orders: 5 nodes\./);
    assert.equal((webview.state() as { root: string }).root, 'fct_orders');
  });

  it('asks the extension to expand a clicked node, once', () => {
    const webview = startWebview();
    webview.send({ type: 'show', graph: FCT_ORDERS });
    const node = () => webview.elements.graph.children[0].all().find((element) => element.children.some((child) => child.textContent === 'stg_orders'))!;
    node().dispatch('click');
    node().dispatch('click');
    node().dispatch('dblclick');
    assert.deepEqual(webview.posted.slice(1), [{ type: 'expand', id: 'stg_orders' }, { type: 'open', id: 'stg_orders' }]);
  });

  it('restores its saved graph and tells the extension which one it shows', () => {
    const first = startWebview();
    first.send({ type: 'show', graph: FCT_ORDERS });
    const again = startWebview(first.state());
    assert.deepEqual(again.posted, [{ type: 'ready', root: 'fct_orders' }]);
    assert.equal(again.elements.graph.children.length, 1);
  });

  it('shows a markup-like model name and an error as text', () => {
    const webview = startWebview();
    webview.send({ type: 'show', graph: HOSTILE });
    webview.send({ type: 'error', message: '<b>boom</b>' });
    const markup = serialize(webview.elements.graph.children[0]);
    assert.ok(markup.includes('&lt;img src=x onerror=alert(1)&gt;') && !markup.includes('<img'));
    assert.match(webview.elements.status.textContent ?? '', new RegExp(`^${HOSTILE_NAME.replace(/[()]/g, '\\$&')}:`));
    assert.equal(webview.elements.error.textContent, '<b>boom</b>');
    assert.equal(webview.elements.error.hidden, false);
  });
});
