/**
 * Contract checks while typing, over stdio, in a git repository the test creates: the server reads the base
 * (the default branch) after the first diagnostics, reports a column removed from an enforced contract in the
 * unsaved text of the properties file, drops the finding when the column is typed back, and follows
 * `dplens.contracts.baseRef` when it changes. An untrusted workspace never runs git.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ConfigurationParams, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { RULES } from '../../server/src/core/rules/registry';
import { LspClient } from './client';
import { git, write } from '../helpers/git-workspace';

/** Only the contract rules (dbt and data contracts): what is under test is the base and when it is compared, not the other families. */
const DPLENS_YML = ['adapter: bigquery', 'rules:', ...RULES.filter((rule) => !rule.id.startsWith('contract/') && !rule.id.startsWith('datacontract/')).map((rule) => `  ${rule.id}: off`), ''].join('\n');

const PROPERTIES = `version: 2
models:
  - name: fct_orders
    config:
      contract:
        enforced: true
    columns:
      - name: order_id
        data_type: int64
      - name: status
        data_type: string
`;

/** The properties file without the `status` column, as the user is about to save it. */
const WITHOUT_STATUS = PROPERTIES.replace('      - name: status\n        data_type: string\n', '');

const ODCS = `apiVersion: v3.1.0
kind: DataContract
id: orders
version: 1.0.0
status: active
schema:
  - name: orders
    properties:
      - name: order_id
        logicalType: integer
      - name: status
        logicalType: string
`;

const contractCodes = (params: PublishDiagnosticsParams) => params.diagnostics.map((diagnostic) => String(diagnostic.code)).filter((code) => code.startsWith('contract/'));

describe('contract checks against the git base in the language server', function () {
  this.timeout(30000);
  let root: string;

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'dplens-contract-base-'));
    write(root, 'dbt_project.yml', "name: shop\nversion: '1.0.0'\nprofile: shop\nmodels:\n  shop:\n    +materialized: table\n");
    write(root, 'dplens.yml', DPLENS_YML);
    write(root, 'models/fct_orders.sql', "select 1 as order_id, 'open' as status\n");
    write(root, 'models/_models.yml', PROPERTIES);
    write(root, 'contracts/orders.odcs.yaml', ODCS);
    git(root, 'init', '--quiet', '--initial-branch=main');
    git(root, 'add', '.');
    git(root, 'commit', '--quiet', '-m', 'base');
    git(root, 'checkout', '--quiet', '-b', 'feature');
    // The SQL no longer produces the column either: the contract at head is consistent, only the change breaks.
    write(root, 'models/fct_orders.sql', 'select 1 as order_id\n');
    // A data contract that drops a property on the branch, saved but not opened.
    write(root, 'contracts/orders.odcs.yaml', ODCS.replace('      - name: status\n        logicalType: string\n', ''));
  });

  after(() => fs.rmSync(root, { recursive: true, force: true }));

  describe('in a trusted workspace', () => {
    let client: LspClient;
    let settings: Record<string, unknown> = {};

    before(async () => {
      client = await LspClient.start(root, { workspace: { configuration: true } }, { trusted: true }, {
        'workspace/configuration': (params) => (params as ConfigurationParams).items.map(() => settings),
      });
    });

    after(() => client?.stop());

    it('reports a column removed in the unsaved text, at once after the pause, and drops it when the column comes back', async () => {
      client.open('models/_models.yml', PROPERTIES);
      await client.diagnostics('models/_models.yml', (params) => !contractCodes(params).includes('contract/column-removed'));
      client.change('models/_models.yml', WITHOUT_STATUS);
      const removed = await client.diagnostics('models/_models.yml', (params) => contractCodes(params).includes('contract/column-removed'));
      const diagnostic = removed.diagnostics.find((candidate) => candidate.code === 'contract/column-removed')!;
      assert.match(String(diagnostic.message), /status/);
      assert.match(String(diagnostic.message), /main/, 'the message names the base it compared with');
      client.change('models/_models.yml', PROPERTIES);
      await client.diagnostics('models/_models.yml', (params) => !contractCodes(params).includes('contract/column-removed'));
    });

    it('reports a property removed from a data contract on disk once the base is read, with the version verdict', async () => {
      const published = await client.diagnostics('contracts/orders.odcs.yaml', (params) => params.diagnostics.some((diagnostic) => diagnostic.code === 'datacontract/field-removed'));
      const codes = published.diagnostics.map((diagnostic) => String(diagnostic.code)).sort();
      assert.deepEqual(codes, ['datacontract/field-removed', 'datacontract/version-not-bumped']);
    });

    it('compares with the ref that dplens.contracts.baseRef names, and says when it cannot be resolved', async () => {
      settings = { contracts: { baseRef: 'no-such-branch' } };
      client.notify('workspace/didChangeConfiguration', { settings: null });
      const unavailable = await client.diagnostics('dbt_project.yml', (params) => contractCodes(params).includes('contract/base-unavailable'));
      const diagnostic = unavailable.diagnostics.find((candidate) => candidate.code === 'contract/base-unavailable')!;
      assert.equal(diagnostic.severity, 2, 'an unresolvable base is a warning');
      assert.match(String(diagnostic.message), /no-such-branch/);
      settings = { contracts: { baseRef: 'main' } };
      client.notify('workspace/didChangeConfiguration', { settings: null });
      await client.diagnostics('dbt_project.yml', (params) => !contractCodes(params).includes('contract/base-unavailable'));
    });
  });

  it('runs no git in an untrusted workspace: no contract change is reported', async () => {
    const client = await LspClient.start(root, {}, { trusted: false });
    try {
      client.open('models/_models.yml', WITHOUT_STATUS);
      await client.diagnostics('models/_models.yml');
      // Past the project pass's pause: a contract finding would have been published by now.
      await new Promise((resolve) => setTimeout(resolve, 600));
      assert.deepEqual(contractCodes(await client.diagnostics('models/_models.yml')), []);
    } finally {
      client.stop();
    }
  });
});
