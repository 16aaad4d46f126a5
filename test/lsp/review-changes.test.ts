/**
 * dplens/reviewChanges over stdio, in a git repository the test creates: one commit on top of the base, an
 * uncommitted edit and an untracked model. The changed files' findings are published (none of them is open) and
 * returned per file; `dplens.baseRef` moves the base; a bad ref and an untrusted workspace get clear errors.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ConfigurationParams, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { RULES } from '../../server/src/core/rules/registry';
import type { ReviewChangesResult } from '../../server/src/lsp/protocol';
import { FOUNDATION_RULES } from '../helpers/rule-scopes';
import { LspClient } from './client';
import { git, write } from '../helpers/git-workspace';

const REVIEW = 'dplens/reviewChanges';

/**
 * The project's dplens.yml turns off every rule but the foundation's: the review counts what the server reports,
 * and these minimal models (no layer prefixes, properties or tests) would otherwise be counted for the standards
 * rules too; what is under test is which files are reviewed and that their counts follow the settings.
 */
const DPLENS_YML = [
  'adapter: bigquery',
  'rules:',
  ...RULES.filter((rule) => !FOUNDATION_RULES.includes(rule.id)).map((rule) => `  ${rule.id}: off`),
  '',
].join('\n');

/** A repository whose `main` has two commits, plus an uncommitted edit and an untracked file; returns the commits. */
function createRepository(root: string): { first: string; second: string } {
  write(root, 'dbt_project.yml', "name: shop\nversion: '1.0.0'\nprofile: shop\n");
  write(root, 'dplens.yml', DPLENS_YML);
  write(root, 'models/stg_orders.sql', 'select 1 as order_id\n');
  write(root, 'models/orders.sql', "select order_id from {{ ref('stg_orders') }}\n");
  // Unchanged since the base and with a finding: the review must leave it out.
  write(root, 'models/legacy.sql', "select * from {{ ref('gone') }}\n");
  write(root, 'README.md', 'A shop.\n');
  git(root, 'init', '--quiet', '--initial-branch=main');
  git(root, 'add', '.');
  git(root, 'commit', '--quiet', '-m', 'base');
  const first = git(root, 'rev-parse', 'HEAD');
  write(root, 'models/stg_orders.sql', "select 1 as order_id, 'x' as status\n");
  git(root, 'commit', '--quiet', '-am', 'add status');
  const second = git(root, 'rev-parse', 'HEAD');
  // Uncommitted: a misspelt ref, a new model with a misspelt source, and a file the index does not read.
  write(root, 'models/orders.sql', "select order_id from {{ ref('stg_ordrs') }}\n");
  write(root, 'models/customers.sql', "select * from {{ source('shop', 'customers') }}\n");
  write(root, 'README.md', 'A shop, reviewed.\n');
  return { first, second };
}

describe('dplens/reviewChanges', function () {
  this.timeout(30000);
  let root: string;
  let commits: { first: string; second: string };

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'dplens-review-'));
    commits = createRepository(root);
  });

  after(() => fs.rmSync(root, { recursive: true, force: true }));

  describe('in a trusted workspace', () => {
    let client: LspClient;
    let settings: Record<string, unknown> = {};

    before(async () => {
      client = await LspClient.start(root, { workspace: { configuration: true } }, { trusted: true }, {
        'workspace/configuration': (params) => (params as ConfigurationParams).items.map(() => settings),
      });
      // The index is built once the legacy model's finding is published.
      await client.diagnostics('models/legacy.sql', (p) => p.diagnostics.length > 0);
    });

    after(() => client?.stop());

    /** Sends the request and returns its answer with the diagnostics published while it ran. */
    async function review(): Promise<{ result: ReviewChangesResult; published: PublishDiagnosticsParams[] }> {
      const seen = client.notifications.length;
      const result = await client.request<ReviewChangesResult>(REVIEW, {});
      const published = client.notifications.slice(seen).filter((n) => n.method === 'textDocument/publishDiagnostics').map((n) => n.params as PublishDiagnosticsParams);
      return { result, published };
    }

    it('publishes and counts the findings of the files changed since the default branch, none of them open', async () => {
      const { result, published } = await review();
      assert.equal(result.base, commits.second, 'on main itself, the merge-base with main is HEAD');
      assert.deepEqual(result.folders, [{ uri: pathToFileURL(root).toString(), ref: '', base: commits.second }]);
      assert.deepEqual(
        result.files.map(({ file, findings }) => [file, findings]),
        [
          ['models/customers.sql', 1],
          ['models/orders.sql', 1],
        ],
      );
      assert.equal(result.files[1].uri, client.uri('models/orders.sql'));
      const orders = published.find((p) => p.uri === client.uri('models/orders.sql'));
      assert.deepEqual(orders?.diagnostics.map((d) => d.code), ['dag/unknown-ref']);
      assert.deepEqual(published.find((p) => p.uri === client.uri('models/customers.sql'))?.diagnostics.map((d) => d.code), ['dag/unknown-source']);
      assert.ok(!published.some((p) => p.uri === client.uri('models/legacy.sql')), 'an unchanged file is not part of the review');
    });

    it('compares against dplens.baseRef, and counts what the settings show', async () => {
      settings = { baseRef: 'HEAD~1', rules: { 'dag/unknown-source': 'off' } };
      client.notify('workspace/didChangeConfiguration', { settings: null });
      const { result, published } = await review();
      assert.equal(result.base, commits.first);
      assert.deepEqual(result.folders[0].ref, 'HEAD~1');
      assert.deepEqual(
        result.files.map(({ file, findings }) => [file, findings]),
        [
          ['models/customers.sql', 0],
          ['models/orders.sql', 1],
          ['models/stg_orders.sql', 0],
        ],
      );
      assert.deepEqual(published.find((p) => p.uri === client.uri('models/stg_orders.sql'))?.diagnostics, []);
    });

    it('answers a ref that is not in the repository with an error naming the setting', async () => {
      settings = { baseRef: 'no-such-branch' };
      client.notify('workspace/didChangeConfiguration', { settings: null });
      await assert.rejects(client.request(REVIEW, {}), /could not compare .* with its base: .*`dplens\.baseRef` is `no-such-branch`/s);
    });
  });

  describe('in an untrusted workspace', () => {
    let client: LspClient;

    before(async () => {
      client = await LspClient.start(root);
      await client.diagnostics('models/legacy.sql', (p) => p.diagnostics.length > 0);
    });

    after(() => client?.stop());

    it('runs no git and says why', async () => {
      await assert.rejects(client.request(REVIEW, {}), /untrusted workspace/);
    });
  });
});
