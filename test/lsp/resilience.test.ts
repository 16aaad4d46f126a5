/**
 * The language server keeps working when part of it fails or is no longer wanted, over stdio:
 * - a rule that throws is logged once and shown to the user once, and every other diagnostic still arrives, edit
 *   after edit (the server runs from test/lsp/throwing-rule-server.ts, which adds two throwing rules);
 * - a cancelled request is answered with LSP's RequestCancelled error, whether the cancellation arrived while it
 *   waited behind other work or while it ran, and the server answers the next request in full (a generated
 *   1,000-model workspace).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import { FileChangeType, LSPErrorCodes, MessageType, type Diagnostic, type Location, type LogMessageParams, type ShowMessageParams } from 'vscode-languageserver-protocol';
import { checkWorkspace } from '../../server/src/core/check';
import { ISSUES_URL } from '../../server/src/core/rules/rule-failure';
import { readWorkspace } from '../../server/src/io/workspace-reader';
import { FILE_RULE_FAILURE, THROWS_IN_PROJECT_PASS, THROWS_ON_MODELS } from '../helpers/throwing-rules';
import { FIXTURES, LspClient } from './client';

const THROWING_SERVER = ['--import', pathToFileURL(require.resolve('tsx')).href, path.join(__dirname, 'throwing-rule-server.ts')];

describe('language server resilience', function () {
  // The throwing server runs from sources through tsx, and the cancellation workspace has 1,000 models.
  this.timeout(60000);

  describe('a rule that throws', () => {
    const shop = path.join(FIXTURES, 'shop');
    const fct = 'models/marts/fct_orders.sql';
    let client: LspClient;

    before(async () => {
      client = await LspClient.start(shop, {}, undefined, {}, THROWING_SERVER);
      client.open(fct);
      await client.diagnostics(fct);
    });

    after(() => client?.stop());

    const logs = (rule: string) =>
      client.notifications.filter((n) => n.method === 'window/logMessage' && (n.params as LogMessageParams).message.includes(`the rule ${rule} failed`)).map((n) => n.params as LogMessageParams);
    const shown = () => client.notifications.filter((n) => n.method === 'window/showMessage').map((n) => n.params as ShowMessageParams);

    /** What the core finds in the file with the registry's rules alone: the diagnostics the editor must still get. */
    function expectedDiagnostics(text: string): string[] {
      const files = readWorkspace(shop).files;
      files.set(fct, text);
      return checkWorkspace(files)
        .findings.filter((finding) => finding.file === fct)
        .map((finding) => `${finding.range.start.line}:${finding.range.start.character} ${finding.rule}`)
        .sort();
    }
    const described = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${String(d.code)}`).sort();

    it('still publishes every other diagnostic, across three edits', async () => {
      const original = client.text(fct);
      for (const typo of ['stg_ordrs', 'stg_ordres', 'stg_order']) {
        const text = original.replace("ref('stg_orders')", `ref('${typo}')`);
        assert.notEqual(text, original);
        const expected = expectedDiagnostics(text);
        assert.ok(expected.some((finding) => finding.endsWith(' dag/unknown-ref')), 'the typo is a finding');
        client.change(fct, text);
        // The project rules run after a pause: their findings may arrive in a second publication.
        await client.diagnostics(fct, (params) => JSON.stringify(described(params.diagnostics)) === JSON.stringify(expected));
      }
      // Each edit changed the graph, so the project rules ran after each pause too: the last pass is awaited.
      await new Promise((resolve) => setTimeout(resolve, 600));
    });

    it('logs each failure once, with its stack', () => {
      const fileRule = logs(THROWS_ON_MODELS.id);
      assert.equal(fileRule.length, 1, JSON.stringify(fileRule));
      assert.equal(fileRule[0].type, MessageType.Error);
      assert.match(fileRule[0].message, new RegExp(`TypeError: ${FILE_RULE_FAILURE}\\n\\s+at `));
      assert.equal(logs(THROWS_IN_PROJECT_PASS.id).length, 1);
    });

    it('shows one warning per rule that failed, saying where to report it', () => {
      const messages = shown();
      assert.deepEqual(
        messages.map((message) => message.message.match(/the rule (\S+) failed/)?.[1]).sort(),
        [THROWS_IN_PROJECT_PASS.id, THROWS_ON_MODELS.id].sort(),
        JSON.stringify(messages),
      );
      for (const message of messages) {
        assert.equal(message.type, MessageType.Warning);
        assert.match(message.message, /and was skipped; the other rules still ran\. Please report it: /);
        assert.ok(message.message.endsWith(ISSUES_URL));
      }
    });

    it('reports no failure as a diagnostic', () => {
      const published = client.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics');
      const codes = published.flatMap((n) => (n.params as { diagnostics: Diagnostic[] }).diagnostics.map((d) => String(d.code)));
      assert.ok(codes.length > 0);
      assert.ok(!codes.some((code) => code.startsWith('test/')), codes.join(', '));
    });
  });

  describe('cancellation', () => {
    const MODELS = 1000;
    const big = 'models/marts/fct_big.sql';
    let workspace: string;
    let client: LspClient;
    /** The references to stg_orders: one ref() in each model and in the big one. */
    const referencesAt = () => ({ ...client.at(big, "ref('stg_or|ders')"), context: { includeDeclaration: false } });

    before(async () => {
      workspace = bigWorkspace(MODELS);
      client = await LspClient.start(workspace);
      client.open(big);
      await client.diagnostics(big);
      // Indexing is over when the first request about the file is answered.
      assert.equal((await client.request<Location[]>('textDocument/references', referencesAt())).length, MODELS + 1);
    });

    after(() => {
      client?.stop();
      if (workspace) fs.rmSync(workspace, { recursive: true, force: true });
    });

    async function cancelled(request: Promise<unknown>): Promise<ResponseError<unknown>> {
      const error = await request.then(
        () => assert.fail('the cancelled request was answered as if it had not been'),
        (rejection: unknown) => rejection,
      );
      assert.ok(error instanceof ResponseError, String(error));
      assert.equal(error.code, LSPErrorCodes.RequestCancelled, error.message);
      return error;
    }

    it('answers a request cancelled while the server is busy with other work, then answers the next', async () => {
      // Every model changes on disk, as after a checkout: the server re-reads and re-checks them in one go, and the
      // request and its cancellation arrive meanwhile.
      for (let i = 0; i < MODELS; i++) fs.appendFileSync(path.join(workspace, modelPath(i)), '-- checked out\n');
      client.notify('workspace/didChangeWatchedFiles', { changes: Array.from({ length: MODELS }, (_, i) => ({ uri: client.uri(modelPath(i)), type: FileChangeType.Changed })) });
      const source = new CancellationTokenSource();
      const request = client.request<Location[]>('textDocument/references', referencesAt(), source.token);
      source.cancel();
      await cancelled(request);
      assert.equal((await client.request<Location[]>('textDocument/references', referencesAt())).length, MODELS + 1);
    });

    it('stops a running request that is cancelled, then answers the next', async () => {
      // An edit of dbt_project.yml is pending when the request about it arrives: the handler analyses it first,
      // which re-indexes and re-checks all 1,000 models (most of a second), and the cancellation arrives meanwhile.
      // Only the handler's own check can see it: the request is no longer queued.
      client.open('dbt_project.yml');
      client.change('dbt_project.yml', `${client.text('dbt_project.yml')}# edited\n`);
      const source = new CancellationTokenSource();
      const request = client.request<Location[]>('textDocument/references', { ...client.at('dbt_project.yml', 'na|me: big'), context: { includeDeclaration: false } }, source.token);
      setTimeout(() => source.cancel(), 50);
      const error = await cancelled(request);
      assert.match(error.message, /^references was cancelled/, 'answered by the handler, which was running');
      assert.equal((await client.request<Location[]>('textDocument/references', referencesAt())).length, MODELS + 1);
      const hover = await client.request<{ contents: unknown } | null>('textDocument/hover', client.at(big, "ref('stg_or|ders')"));
      assert.ok(hover, 'the server still answers hovers');
    });
  });
});

function modelPath(i: number): string {
  return `models/marts/fct_model_${String(i).padStart(4, '0')}.sql`;
}

/**
 * A project with `count` models that all read stg_orders, and one large model (about 1 MB of SQL) whose edits
 * take a while to analyse.
 */
function bigWorkspace(count: number): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dplens-cancel-'));
  const files: Record<string, string> = {
    'dbt_project.yml': "name: big\nversion: '1.0.0'\nprofile: big\n",
    'dplens.yml': 'adapter: bigquery\n',
    'models/staging/stg_orders.sql': 'select 1 as order_id, 2 as amount\n',
  };
  for (let i = 0; i < count; i++) files[modelPath(i)] = `select order_id, amount * ${i} as amount_${i}\nfrom {{ ref('stg_orders') }}\n`;
  const columns = Array.from({ length: 12000 }, (_, i) => `  case when amount > ${i} then order_id + ${i} else null end as bucket_${i}`);
  files['models/marts/fct_big.sql'] = `select\n${columns.join(',\n')}\nfrom {{ ref('stg_orders') }}\n`;
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}
