/**
 * The client pieces of column lineage, Review Changes and restricted mode, without VS Code: the webview's column
 * mode (state, layout, SVG through the fake DOM), the review's summary message, and the status bar text of an
 * untrusted workspace.
 */
import assert from 'node:assert/strict';
import { documentColumns, type LineageDocument } from '../../client/src/lineage/protocol';
import { isReviewResult, reviewMessage, type ReviewChangesResult } from '../../client/src/review';
import { statusText } from '../../client/src/status-text';
import { applyHostMessage, EMPTY_STATE, restoreState } from '../../client/src/webview/graph-state';
import { layoutScene } from '../../client/src/webview/layout';
import { renderScene } from '../../client/src/webview/render';
import { fakeDocument, serialize, type FakeElement } from './fake-dom';
import { FCT_ORDERS, HOSTILE_NAME, STG_ORDERS_AROUND } from './fixtures';

/** fct_orders one hop each way with columns, as `dplens/lineage` returns it with `columns: true`. */
const WITH_COLUMNS: LineageDocument = {
  version: 1,
  root: 'stg_orders',
  nodes: [
    { id: 'source:raw.orders', kind: 'source' },
    { id: 'stg_orders', kind: 'model', file: 'models/staging/stg_orders.sql', materialized: 'view' },
    { id: 'fct_orders', kind: 'model', file: 'models/marts/fct_orders.sql', materialized: 'table' },
  ],
  edges: [
    { from: 'source:raw.orders', to: 'stg_orders' },
    { from: 'stg_orders', to: 'fct_orders' },
  ],
  columns: [
    { node: 'stg_orders', column: 'order_id', from: [{ node: 'source:raw.orders', column: 'id', transform: 'rename' }] },
    { node: 'stg_orders', column: 'amount', from: [{ node: 'source:raw.orders', column: 'amount_cents', transform: 'transformation' }] },
    { node: 'fct_orders', column: 'order_id', from: [{ node: 'stg_orders', column: 'order_id', transform: 'pass-through' }] },
    { node: 'fct_orders', column: 'discount', from: [], unresolved: 'computed by a Jinja expression (a macro call) that static rendering cannot see into' },
  ],
  workspaceUri: 'file:///work/shop',
};

const shown = () => applyHostMessage(EMPTY_STATE, { type: 'show', graph: WITH_COLUMNS });

describe('lineage webview: column mode', () => {
  it('keeps the columns of a shown graph, and none in model mode', () => {
    assert.equal(shown().columns?.length, 4);
    assert.equal(applyHostMessage(EMPTY_STATE, { type: 'show', graph: FCT_ORDERS }).columns, undefined);
    assert.equal(applyHostMessage(shown(), { type: 'show', graph: FCT_ORDERS }).columns, undefined, 'a model-mode graph replaces the column view');
  });

  it('adds the columns of new nodes on expansion, keeps those shown, and restores them from saved state', () => {
    const expansion: LineageDocument = {
      ...STG_ORDERS_AROUND,
      columns: [
        { node: 'orders_snapshot', column: 'order_id', from: [{ node: 'stg_orders', column: 'order_id', transform: 'pass-through' }] },
        { node: 'stg_orders', column: 'other', from: [] },
      ],
    };
    const merged = applyHostMessage(shown(), { type: 'merge', expanded: 'stg_orders', graph: expansion });
    assert.deepEqual(merged.columns?.map((entry) => `${entry.node}.${entry.column}`), ['stg_orders.order_id', 'stg_orders.amount', 'fct_orders.order_id', 'fct_orders.discount', 'orders_snapshot.order_id']);
    assert.deepEqual(restoreState(JSON.parse(JSON.stringify(merged))).columns, merged.columns);
  });

  it('drops malformed column entries instead of rendering them', () => {
    const columns = documentColumns({ columns: [null, { node: 'a' }, { node: 'a', column: 'x', from: [{ node: 1 }, { node: 'b', column: 'y', transform: 'rename', extra: '<script>' }] }] });
    assert.deepEqual(columns, [{ node: 'a', column: 'x', from: [{ node: 'b', column: 'y', transform: 'rename' }] }]);
    assert.equal(documentColumns({ nodes: [] }), undefined);
  });

  it("lists each node's columns as rows, and a source's columns that children read", () => {
    const scene = layoutScene(shown());
    const rows = (id: string) => scene.nodes.find((node) => node.id === id)!.rows.map((row) => row.label);
    assert.deepEqual(rows('source:raw.orders'), ['amount_cents', 'id']);
    assert.deepEqual(rows('stg_orders'), ['order_id', 'amount']);
    assert.deepEqual(rows('fct_orders'), ['order_id', 'discount']);
    const fct = scene.nodes.find((node) => node.id === 'fct_orders')!;
    assert.deepEqual(fct.rows.map((row) => [row.title, row.classes]), [
      ['order_id ← stg_orders.order_id (pass-through)', ['column']],
      ['discount: not traced, computed by a Jinja expression (a macro call) that static rendering cannot see into', ['column', 'unresolved']],
    ]);
    assert.ok(fct.height > 40 + 2 * 18 - 1, 'the box grows with its rows');
    for (const node of scene.nodes) assert.ok(node.y + node.height <= scene.height, `${node.id} fits the scene`);
  });

  it('draws one curve per column read, from the parent row to the child row', () => {
    const scene = layoutScene(shown());
    assert.deepEqual(
      scene.columnEdges.map((edge) => [edge.from, edge.to, edge.transform]),
      [
        ['source:raw.orders.id', 'stg_orders.order_id', 'rename'],
        ['source:raw.orders.amount_cents', 'stg_orders.amount', 'transformation'],
        ['stg_orders.order_id', 'fct_orders.order_id', 'pass-through'],
      ],
    );
    const source = scene.nodes.find((node) => node.id === 'source:raw.orders')!;
    const start = /^M([\d.]+),([\d.]+) C/.exec(scene.columnEdges[0].path)!;
    assert.equal(Number(start[1]), Math.round((source.x + source.width) * 10) / 10, 'starts at the right edge of the parent');
    assert.equal(layoutScene(applyHostMessage(EMPTY_STATE, { type: 'show', graph: FCT_ORDERS })).columnEdges.length, 0);
  });

  it('renders rows and curves as text and attributes only, with a class per transform', () => {
    const hostile: LineageDocument = { ...WITH_COLUMNS, columns: [{ node: 'stg_orders', column: HOSTILE_NAME, from: [{ node: 'source:raw.orders', column: HOSTILE_NAME, transform: 'rename"><x' }] }] };
    const svg = renderScene(layoutScene(applyHostMessage(EMPTY_STATE, { type: 'show', graph: hostile })), fakeDocument, { expand: () => undefined, open: () => undefined }) as FakeElement;
    const elements = svg.all();
    assert.ok(elements.some((element) => element.attributes.get('class') === 'column' && element.textContent === HOSTILE_NAME));
    assert.ok(elements.some((element) => element.attributes.get('class') === 'column-edge transform-renamex'));
    assert.doesNotMatch(serialize(svg), /<img|<x/);
    const plain = renderScene(layoutScene(shown()), fakeDocument, { expand: () => undefined, open: () => undefined }) as FakeElement;
    assert.equal(plain.all().filter((element) => (element.attributes.get('class') ?? '').startsWith('column-edge ')).length, 3);
  });
});

describe('Review Changes Against Base: the summary', () => {
  const result = (counts: number[]): ReviewChangesResult => ({
    base: '0123456789abcdef',
    files: counts.map((findings, i) => ({ file: `models/m${i}.sql`, uri: `file:///w/models/m${i}.sql`, findings })),
    folders: [{ uri: 'file:///w', ref: '', base: '0123456789abcdef' }],
  });

  it('counts findings and files against the short base commit', () => {
    assert.equal(reviewMessage(result([2, 0, 1])), 'Data Platform Lens: 3 findings in 2 of the 3 changed files since 0123456; they are listed in the Problems panel.');
    assert.equal(reviewMessage(result([1])), 'Data Platform Lens: 1 finding in 1 of the 1 changed file since 0123456; they are listed in the Problems panel.');
    assert.equal(reviewMessage(result([0, 0])), 'Data Platform Lens: no findings in the 2 changed files since 0123456.');
    assert.equal(reviewMessage(result([])), 'Data Platform Lens: no file that Data Platform Lens checks has changed since 0123456.');
  });

  it('accepts only an answer of the expected shape', () => {
    assert.ok(isReviewResult(result([1])));
    for (const bad of [null, 'x', { base: 1, files: [] }, { base: 'a', files: [{ file: 'x' }] }]) assert.ok(!isReviewResult(bad), JSON.stringify(bad));
  });
});

describe('status bar in an untrusted workspace', () => {
  it('says restricted while the server runs, and explains what is not done', () => {
    const running = statusText('running', false);
    assert.equal(running.text, '$(shield) Data Platform Lens: restricted');
    assert.match(running.tooltip, /not trusted.*[Gg]it commands.*not run.*outside the workspace.*not read/s);
    assert.equal(running.warning, false);
    assert.equal(statusText('starting', false).text, '$(sync~spin) Data Platform Lens: restricted');
    assert.deepEqual(statusText('failed', false), statusText('failed'), 'a failed server is the more urgent news');
    assert.deepEqual(statusText('running', true), statusText('running'));
  });
});
