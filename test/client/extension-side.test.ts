/**
 * The extension side of the lineage views and commands, without VS Code: webview message handling, the webview
 * page and its Content Security Policy, the tree's data, the rule list and the status bar text.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { contentSecurityPolicy, lineageHtml } from '../../client/src/lineage/html';
import { handleWebviewMessage, nodeFileUri, parseWebviewMessage, type HostMessage, type LineageDocument, type LineageDocumentNode, type LineageParams } from '../../client/src/lineage/protocol';
import { describe as describeNode, neighbours } from '../../client/src/lineage/tree-model';
import { isRuleId, parseRulesTable, ruleDocs } from '../../client/src/rules';
import { statusText } from '../../client/src/status-text';
import { RULES } from '../../server/src/core/rules/registry';
import { FCT_ORDERS, STG_ORDERS_AROUND, WORKSPACE } from './fixtures';

const ROOT = path.join(__dirname, '..', '..');

function fakeHost(initial: LineageDocument | undefined, answer: (params: LineageParams) => Promise<LineageDocument>) {
  const posted: HostMessage[] = [];
  const requested: LineageParams[] = [];
  const opened: string[] = [];
  const known = new Map<string, { node: LineageDocumentNode; graph: LineageDocument }>();
  const host = {
    initial: () => initial,
    request: (params: LineageParams) => (requested.push(params), answer(params)),
    open: (node: LineageDocumentNode) => void opened.push(node.id),
    post: (message: HostMessage) => void posted.push(message),
  };
  return { host, posted, requested, opened, known, handle: (message: unknown) => handleWebviewMessage(message, host, known) };
}

describe('lineage webview messages (extension side)', () => {
  it('answers ready with the graph, unless the webview restored that same graph', async () => {
    const fake = fakeHost(FCT_ORDERS, () => Promise.reject(new Error('unused')));
    await fake.handle({ type: 'ready' });
    assert.deepEqual(fake.posted, [{ type: 'show', graph: FCT_ORDERS }]);
    await fake.handle({ type: 'ready', root: 'fct_orders' });
    assert.equal(fake.posted.length, 1);
  });

  it('expands a node by asking the server one hop each way and posting a merge', async () => {
    const fake = fakeHost(FCT_ORDERS, async () => STG_ORDERS_AROUND);
    await fake.handle({ type: 'expand', id: 'stg_orders' });
    assert.deepEqual(fake.requested, [{ model: 'stg_orders', upstream: 1, downstream: 1 }]);
    assert.deepEqual(fake.posted, [{ type: 'merge', expanded: 'stg_orders', graph: STG_ORDERS_AROUND }]);
  });

  it('posts a failed expansion as an error for that node', async () => {
    const fake = fakeHost(FCT_ORDERS, () => Promise.reject(new Error('No model, source, seed or snapshot `gone` in this workspace.')));
    await fake.handle({ type: 'expand', id: 'gone' });
    assert.deepEqual(fake.posted, [{ type: 'error', id: 'gone', message: 'No model, source, seed or snapshot `gone` in this workspace.' }]);
  });

  it('opens only nodes the server returned, and ignores malformed messages', async () => {
    const fake = fakeHost(FCT_ORDERS, () => Promise.reject(new Error('unused')));
    await fake.handle({ type: 'open', id: 'stg_orders' });
    assert.deepEqual(fake.opened, [], 'nothing is known before the graph was shown');
    await fake.handle({ type: 'ready' });
    await fake.handle({ type: 'open', id: 'stg_orders' });
    await fake.handle({ type: 'open', id: '../../etc/passwd' });
    for (const message of [undefined, 42, { type: 'expand' }, { type: 'expand', id: '' }, { type: 'open', id: 7 }, { type: 'run', command: 'rm' }]) await fake.handle(message);
    assert.deepEqual(fake.opened, ['stg_orders']);
    assert.equal(fake.requested.length, 0);
    assert.equal(parseWebviewMessage({ type: 'ready', root: 1 })?.type, 'ready');
  });

  it('turns a node\'s workspace-relative file into a URI under the session root', () => {
    const node = { id: 'weird', kind: 'model', file: 'models/a b#c.sql' };
    assert.equal(nodeFileUri({ ...FCT_ORDERS, workspaceUri: `${WORKSPACE}/` }, node), `${WORKSPACE}/models/a%20b%23c.sql`);
    assert.equal(nodeFileUri(FCT_ORDERS, { id: 'source:raw.orders', kind: 'source' }), undefined);
  });
});

describe('lineage webview page', () => {
  const html = lineageHtml({ cspSource: 'https://file+.vscode-resource.vscode-cdn.net', scriptUri: 'https://x/dist/lineage-webview.js', styleUri: 'https://x/dist/lineage-webview.css?a=1&b="2"', nonce: 'abc123' });

  it('allows nothing but the extension\'s stylesheet and the nonced script', () => {
    const csp = contentSecurityPolicy('vscode-resource:', 'n0nce');
    assert.match(csp, /^default-src 'none'; /);
    assert.match(csp, /style-src vscode-resource:(;|$)/);
    assert.match(csp, /script-src 'nonce-n0nce'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; [^"]*script-src 'nonce-abc123'">/);
  });

  it('loads one script, with the nonce, and no inline code or remote resources', () => {
    assert.deepEqual(html.match(/<script[^>]*>/g), ['<script nonce="abc123" src="https://x/dist/lineage-webview.js">']);
    assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/i);
    assert.ok(html.includes('href="https://x/dist/lineage-webview.css?a=1&amp;b=&quot;2&quot;"'));
  });

  it('is bundled into dist/ beside its stylesheet', () => {
    assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'lineage-webview.js')), 'dist/lineage-webview.js is missing: run `npm run build`');
    assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'lineage-webview.css')));
    assert.doesNotMatch(fs.readFileSync(path.join(ROOT, 'dist', 'lineage-webview.js'), 'utf8'), /require\("vscode"\)|innerHTML/);
  });

  it('creates a different nonce for every page', () => {
    const nonce = (page: string) => /nonce="([^"]+)"/.exec(page)![1];
    const options = { cspSource: 'x', scriptUri: 's', styleUri: 't' };
    assert.notEqual(nonce(lineageHtml(options)), nonce(lineageHtml(options)));
    assert.match(nonce(lineageHtml(options)), /^[A-Za-z0-9_-]{24}$/);
  });
});

describe('lineage tree data', () => {
  it('lists parents or children, sorted, with whether each can be expanded further', () => {
    assert.deepEqual(
      neighbours(FCT_ORDERS, 'fct_orders', 'upstream').map((entry) => [entry.node.id, entry.hasMore]),
      [['stg_customers', true], ['stg_orders', true]],
    );
    assert.deepEqual(neighbours(FCT_ORDERS, 'fct_orders', 'downstream'), []);
    assert.deepEqual(
      neighbours(STG_ORDERS_AROUND, 'stg_orders', 'downstream').map((entry) => [entry.node.id, entry.hasMore]),
      [['fct_orders', false], ['orders_snapshot', false]],
    );
    assert.equal(describeNode(FCT_ORDERS.nodes[4]), 'model · table');
    assert.equal(describeNode(FCT_ORDERS.nodes[0]), 'source');
  });
});

describe('rule documentation for Explain Rule', () => {
  it('reads every registered rule from the generated rules table', () => {
    const rules = parseRulesTable(fs.readFileSync(path.join(ROOT, 'docs', 'rules', 'README.md'), 'utf8'));
    assert.deepEqual(rules.map((rule) => rule.id), RULES.map((rule) => rule.id));
    const unknownRef = rules.find((rule) => rule.id === 'dag/unknown-ref')!;
    assert.equal(unknownRef.severity, 'error');
    assert.equal(unknownRef.description, 'A ref() names no model, seed or snapshot that the project can reach.');
  });

  it('finds the generated page and the published page of a rule, and accepts only rule ids', () => {
    const docs = ruleDocs('dag/unknown-ref');
    assert.equal(docs.path, 'docs/rules/dag/unknown-ref.md');
    assert.ok(fs.existsSync(path.join(ROOT, docs.path)));
    assert.match(docs.url, /^https:\/\/.+\/docs\/rules\/dag\/unknown-ref\.md$/);
    assert.ok(isRuleId('dag/unknown-ref'));
    for (const bad of ['../../secrets', 'dag/../x', 'dag', '/etc/passwd', 42, undefined]) assert.ok(!isRuleId(bad), String(bad));
  });
});

describe('status bar text', () => {
  it('names the product and the server state, and warns when the server is not running', () => {
    assert.deepEqual(
      (['starting', 'running', 'stopped', 'failed'] as const).map((state) => [statusText(state).text, statusText(state).warning]),
      [
        ['$(sync~spin) Data Platform Lens', false],
        ['$(check) Data Platform Lens', false],
        ['$(circle-slash) Data Platform Lens', true],
        ['$(error) Data Platform Lens', true],
      ],
    );
    assert.match(statusText('stopped').tooltip, /Restart Server/);
  });
});
