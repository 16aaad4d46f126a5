/**
 * The lineage webview's pure parts, without a browser: graph state, dagre layout into a scene, and the SVG built
 * from it through a fake DOM. Workspace names must always end up as text, never as markup.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyHostMessage, EMPTY_STATE, restoreState, startExpand, type GraphState } from '../../client/src/webview/graph-state';
import { layoutScene } from '../../client/src/webview/layout';
import { renderScene, SVG_NS } from '../../client/src/webview/render';
import { fakeDocument, serialize, type FakeElement } from './fake-dom';
import { FCT_ORDERS, HOSTILE, HOSTILE_NAME, STG_ORDERS_AROUND } from './fixtures';

const shown = (): GraphState => applyHostMessage(EMPTY_STATE, { type: 'show', graph: FCT_ORDERS });

describe('lineage webview: graph state', () => {
  it('shows a graph with only its root expanded', () => {
    const state = shown();
    assert.equal(state.root, 'fct_orders');
    assert.equal(state.nodes.length, 5);
    assert.equal(state.edges.length, 4);
    assert.deepEqual(state.expanded, ['fct_orders']);
  });

  it('merges an expanded node\'s neighbours without duplicating nodes or edges', () => {
    const pending = startExpand(shown(), 'stg_orders')!;
    assert.deepEqual(pending.pending, ['stg_orders']);
    assert.equal(startExpand(pending, 'stg_orders'), undefined, 'a second click while waiting asks nothing');
    assert.equal(startExpand(pending, 'fct_orders'), undefined, 'the root is already expanded');
    assert.equal(startExpand(pending, 'nowhere'), undefined, 'an unknown node is never asked for');
    const merged = applyHostMessage(pending, { type: 'merge', expanded: 'stg_orders', graph: STG_ORDERS_AROUND });
    assert.deepEqual(merged.nodes.map((node) => node.id).sort(), ['fct_orders', 'orders_snapshot', 'source:raw.customers', 'source:raw.orders', 'stg_customers', 'stg_orders']);
    assert.equal(merged.edges.length, 5);
    assert.deepEqual(merged.expanded, ['fct_orders', 'stg_orders']);
    assert.deepEqual(merged.pending, []);
  });

  it('keeps the graph on an error and clears the node\'s busy mark', () => {
    const failed = applyHostMessage(startExpand(shown(), 'stg_orders')!, { type: 'error', id: 'stg_orders', message: 'No model `stg_orders`.' });
    assert.equal(failed.nodes.length, 5);
    assert.deepEqual(failed.pending, []);
    assert.equal(failed.error, 'No model `stg_orders`.');
  });

  it('ignores malformed messages and restores only well-formed saved state', () => {
    const state = shown();
    for (const message of [null, 'show', { type: 'show' }, { type: 'show', graph: { root: 1 } }, { type: 'merge', graph: FCT_ORDERS }, { type: 'eval', code: '1' }]) {
      assert.equal(applyHostMessage(state, message), state, JSON.stringify(message));
    }
    assert.deepEqual(restoreState({ ...state, pending: ['x'] }).pending, []);
    assert.equal(restoreState({ root: 3 }), EMPTY_STATE);
    assert.equal(restoreState(undefined), EMPTY_STATE);
  });
});

describe('lineage webview: layout', () => {
  it('lays the graph out left to right, from sources to the root', () => {
    const scene = layoutScene(shown());
    const x = (id: string) => scene.nodes.find((node) => node.id === id)!.x;
    assert.ok(x('source:raw.orders') < x('stg_orders') && x('stg_orders') < x('fct_orders'));
    assert.ok(scene.width > 0 && scene.height > 0);
    for (const node of scene.nodes) {
      assert.ok(node.x >= 0 && node.y >= 0 && node.x + node.width <= scene.width && node.y + node.height <= scene.height, `${node.id} lies inside the scene`);
    }
    assert.equal(scene.edges.length, 4);
    for (const edge of scene.edges) assert.match(edge.path, /^M[\d.]+,[\d.]+( L[\d.]+,[\d.]+)+$/);
  });

  it('marks the root, expanded, pending and openable nodes and their kind with classes', () => {
    const scene = layoutScene(startExpand(shown(), 'stg_orders')!);
    const classes = (id: string) => scene.nodes.find((node) => node.id === id)!.classes;
    assert.deepEqual(classes('fct_orders'), ['node', 'kind-model', 'root', 'expanded', 'openable']);
    assert.deepEqual(classes('stg_orders'), ['node', 'kind-model', 'pending', 'openable']);
    assert.deepEqual(classes('source:raw.orders'), ['node', 'kind-source']);
    assert.equal(scene.nodes.find((node) => node.id === 'stg_orders')!.detail, 'model · view');
  });

  it('shortens a very long name in the box and keeps it whole in the tooltip', () => {
    const long = 'm'.repeat(200);
    const scene = layoutScene(applyHostMessage(EMPTY_STATE, { type: 'show', graph: { ...FCT_ORDERS, root: long, nodes: [{ id: long, kind: 'model' }], edges: [] } }));
    assert.ok(scene.nodes[0].label.length < 60 && scene.nodes[0].label.endsWith('…'));
    assert.match(scene.nodes[0].title, new RegExp(`^${long}\\n`));
  });
});

describe('lineage webview: SVG', () => {
  const render = (state: GraphState, actions = { expand: (_id: string) => undefined, open: (_id: string) => undefined }) =>
    renderScene(layoutScene(state), fakeDocument, actions) as FakeElement;

  it('draws one group per node and one path per edge, in the SVG namespace', () => {
    const svg = render(shown());
    const all = svg.all();
    assert.equal(svg.name, 'svg');
    assert.ok(all.every((element) => element.namespace === SVG_NS));
    assert.equal(all.filter((element) => element.attributes.get('class')?.startsWith('node ')).length, 5);
    assert.equal(all.filter((element) => element.attributes.get('class') === 'edge').length, 4);
    assert.deepEqual(all.filter((element) => element.attributes.get('class') === 'label').map((element) => element.textContent).sort(), FCT_ORDERS.nodes.map((node) => node.id).sort());
  });

  it('renders a model named like markup as text', () => {
    const svg = render(applyHostMessage(EMPTY_STATE, { type: 'show', graph: HOSTILE }));
    const all = svg.all();
    const labels = all.filter((element) => element.attributes.get('class') === 'label').map((element) => element.textContent);
    assert.ok(labels.includes(HOSTILE_NAME));
    assert.ok(!all.some((element) => ['img', 'script', 'b', 'foreignObject'].includes(element.name)), 'no element comes from the data');
    const markup = serialize(svg);
    assert.ok(markup.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(!markup.includes('<img') && !markup.includes('<script') && !markup.includes('<b>'));
    // Node ids never become attributes, where a quote could end the value in a careless serializer.
    for (const element of all) for (const [name, value] of element.attributes) if (name !== 'aria-label') assert.ok(!value.includes('<'), `${name}=${value}`);
  });

  it('expands on click and Enter, and opens on double-click and o', () => {
    const calls: string[] = [];
    const svg = render(shown(), { expand: (id) => void calls.push(`expand ${id}`), open: (id) => void calls.push(`open ${id}`) });
    const node = svg.all().find((element) => element.children.some((child) => child.textContent === 'stg_orders'))!;
    node.dispatch('click');
    node.dispatch('keydown', { key: 'Enter' });
    node.dispatch('dblclick');
    node.dispatch('keydown', { key: 'o' });
    node.dispatch('keydown', { key: 'x' });
    assert.deepEqual(calls, ['expand stg_orders', 'expand stg_orders', 'open stg_orders', 'open stg_orders']);
  });

  it('never writes markup: the webview sources hold no HTML sinks', () => {
    const folder = path.join(__dirname, '..', '..', 'client', 'src', 'webview');
    for (const file of fs.readdirSync(folder).filter((name) => name.endsWith('.ts'))) {
      const source = fs.readFileSync(path.join(folder, file), 'utf8');
      assert.doesNotMatch(source, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function/, file);
    }
  });
});
