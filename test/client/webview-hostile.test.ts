/**
 * The lineage webview against a hostile project: model names, descriptions, columns, materializations and
 * transforms that look like markup must reach the page only as text, and the page itself must run nothing but the
 * extension's nonced script. The graph goes through the same path as in the editor: a host message, the graph
 * state, the layout and the SVG built through the fake DOM (whose `innerHTML` setter throws).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { contentSecurityPolicy, lineageHtml } from '../../client/src/lineage/html';
import type { LineageDocument } from '../../client/src/lineage/protocol';
import { applyHostMessage, EMPTY_STATE, type GraphState } from '../../client/src/webview/graph-state';
import { layoutScene } from '../../client/src/webview/layout';
import { renderScene } from '../../client/src/webview/render';
import { fakeDocument, serialize, type FakeElement } from './fake-dom';

const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT_NAME = 'orders<script>alert(2)</script>';
const COLUMN = '"><svg onload=alert(3)>';
const TRANSFORM = 'rename" onmouseover="alert(4)';

/**
 * A graph as a malicious repository could make the server return it. The description is not part of the lineage
 * protocol; it is sent anyway to show that an unexpected field is never rendered as markup either.
 */
const HOSTILE_GRAPH = {
  version: 1,
  root: SCRIPT_NAME,
  nodes: [
    { id: 'source:raw.<b>orders</b>', kind: 'source', description: IMG },
    { id: SCRIPT_NAME, kind: 'model', file: 'models/evil.sql', materialized: IMG, description: IMG },
  ],
  edges: [{ from: 'source:raw.<b>orders</b>', to: SCRIPT_NAME }],
  columns: [
    { node: SCRIPT_NAME, column: COLUMN, from: [{ node: 'source:raw.<b>orders</b>', column: IMG, transform: TRANSFORM }] },
    { node: SCRIPT_NAME, column: IMG, from: [], unresolved: `because ${IMG}` },
  ],
  workspaceUri: 'file:///work/evil',
} as unknown as LineageDocument;

function render(state: GraphState): FakeElement {
  return renderScene(layoutScene(state), fakeDocument, { expand: () => undefined, open: () => undefined }) as FakeElement;
}

describe('lineage webview: hostile names, descriptions and columns are text', () => {
  const cases: { name: string; state: GraphState; texts: string[] }[] = [
    { name: 'model mode', state: applyHostMessage(EMPTY_STATE, { type: 'show', graph: { ...HOSTILE_GRAPH, columns: undefined } }), texts: [SCRIPT_NAME] },
    { name: 'column mode', state: applyHostMessage(EMPTY_STATE, { type: 'show', graph: HOSTILE_GRAPH }), texts: [SCRIPT_NAME, COLUMN, IMG] },
  ];

  for (const { name, state, texts } of cases) {
    it(`renders markup-like data as text only (${name})`, () => {
      assert.ok(state.nodes.length === 2, 'the hostile graph is accepted, not dropped');
      const svg = render(state);
      const all = svg.all();
      const allowed = new Set(['svg', 'defs', 'marker', 'path', 'g', 'title', 'rect', 'text']);
      assert.deepEqual(all.filter((element) => !allowed.has(element.name)).map((element) => element.name), [], 'every element is one the renderer creates');
      const shownTexts = all.map((element) => element.textContent).filter((text): text is string => text !== null);
      for (const text of texts) assert.ok(shownTexts.some((shown) => shown.includes(text)), `${text} is shown as text`);
      for (const element of all) {
        for (const attribute of element.attributes.keys()) assert.doesNotMatch(attribute, /^on|^style$|^href$/i, `no handler, style or link attribute on <${element.name}>`);
        const classes = element.attributes.get('class') ?? '';
        assert.match(classes, /^[a-z0-9 -]*$/, `class "${classes}" holds only safe tokens`);
      }
      const markup = serialize(svg);
      assert.doesNotMatch(markup, /<(img|script|b|foreignObject)\b/i);
      assert.ok(markup.includes('&lt;script&gt;alert(2)&lt;/script&gt;'), 'the <script> in the name is escaped');
    });
  }

  it('never shows a description, whatever it holds: the webview does not render fields it does not know', () => {
    const state = applyHostMessage(EMPTY_STATE, { type: 'show', graph: { ...HOSTILE_GRAPH, columns: undefined } });
    const markup = serialize(render(state));
    assert.ok(!markup.includes('onerror=alert(1)') || markup.includes('&lt;img src=x onerror=alert(1)&gt;'), 'the description appears only escaped, if at all');
    assert.doesNotMatch(markup, /<img/);
  });

  it('keeps an error message from the host as text in the state', () => {
    const state = applyHostMessage(EMPTY_STATE, { type: 'error', message: IMG });
    assert.equal(state.error, IMG);
  });
});

describe('lineage webview page: Content Security Policy', () => {
  const html = lineageHtml({ cspSource: 'https://file+.vscode-resource.vscode-cdn.net', scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/lineage-webview.js', styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/lineage-webview.css' });
  const nonce = /<script nonce="([^"]+)"/.exec(html)?.[1] ?? '';
  const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
  const directives = new Map(policy.split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));

  it('has a CSP meta with a fresh nonce that the only script carries', () => {
    assert.match(nonce, /^[A-Za-z0-9_-]{24}$/);
    assert.deepEqual(directives.get('script-src'), [`'nonce-${nonce}'`]);
    assert.deepEqual(directives.get('default-src'), [`'none'`]);
    const scripts = html.match(/<script\b[^>]*>[\s\S]*?<\/script>/g) ?? [];
    assert.equal(scripts.length, 1);
    assert.match(scripts[0], new RegExp(`^<script nonce="${nonce}" src="[^"]+"></script>$`), 'the script is the extension file, with no inline body');
  });

  it('loads nothing remote and allows no inline code, handlers or styles', () => {
    for (const [name, values] of directives) {
      if (name === 'default-src' || name === 'base-uri' || name === 'form-action') {
        assert.deepEqual(values, [`'none'`], name);
        continue;
      }
      for (const value of values) assert.ok(value === 'https://file+.vscode-resource.vscode-cdn.net' || value === `'nonce-${nonce}'`, `${name} allows ${value}`);
    }
    assert.deepEqual(directives.get('base-uri'), [`'none'`], 'a <base> cannot redirect the page\'s relative URLs');
    assert.doesNotMatch(html, /\son[a-z]+\s*=|<style|\sstyle=|javascript:/i);
    for (const url of html.match(/(?:src|href)="([^"]+)"/g) ?? []) assert.match(url, /"https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ext\/dist\//, url);
    assert.doesNotMatch(contentSecurityPolicy('x', 'n'), /unsafe-inline|unsafe-eval|unsafe-hashes|data:|https?:|\*/);
  });

  it('uses a stylesheet with no remote imports or URLs', () => {
    const css = fs.readFileSync(path.join(__dirname, '..', '..', 'client', 'src', 'webview', 'lineage.css'), 'utf8');
    assert.doesNotMatch(css, /@import|url\(|expression\(/i);
  });

  it('creates the panel with scripts limited to the extension\'s dist folder and the generated page', () => {
    const panel = fs.readFileSync(path.join(__dirname, '..', '..', 'client', 'src', 'lineage', 'panel.ts'), 'utf8');
    assert.match(panel, /localResourceRoots: \[dist\]/);
    assert.match(panel, /webview\.html = lineageHtml\(\{\s*cspSource: webview\.cspSource,/);
    assert.doesNotMatch(panel, /nonce:/, 'the panel leaves the nonce to lineageHtml, which makes a fresh one per page');
    assert.match(panel, /asWebviewUri\(vscode\.Uri\.joinPath\(dist, 'lineage-webview\.js'\)\)/);
  });
});
