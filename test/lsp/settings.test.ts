/**
 * The editor settings over stdio, on the settings fixture (a misspelt ref in SQL, a nameless model in YAML):
 * a rule turned off disappears from the published diagnostics, a severity override changes the severity,
 * `enable.yaml: false` hides YAML diagnostics, and workspace/didChangeConfiguration republishes. Both ways a
 * client can give settings are covered: pulled with `workspace/configuration` (VS Code), and sent with
 * `initializationOptions.settings` then pushed with didChangeConfiguration (clients without the pull).
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { ConfigurationParams, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { isFoundationFinding } from '../helpers/rule-scopes';
import { FIXTURES, LspClient } from './client';

const WORKSPACE = path.join(FIXTURES, 'settings');
const SQL = 'models/orders.sql';
const YAML = 'models/_models.yml';
const ERROR = 1;
const WARNING = 2;
const INFORMATION = 3;

/**
 * The diagnostics of the foundation's rules in a publication. The fixture is a minimal project (models without
 * layer prefixes or properties), so the standards rules flag it too; these tests are about how the settings
 * show the foundation's findings (`dag/unknown-ref`, `yaml/invalid-properties`), and judge those alone.
 */
function foundation(params: PublishDiagnosticsParams): Diagnostic[] {
  return params.diagnostics.filter((diagnostic) => isFoundationFinding({ rule: String(diagnostic.code) }));
}

/** The severities of one rule's diagnostics in a publication. */
function severities(params: PublishDiagnosticsParams, rule: string): (Diagnostic['severity'])[] {
  return params.diagnostics.filter((diagnostic) => diagnostic.code === rule).map((diagnostic) => diagnostic.severity);
}

describe('editor settings (LSP)', function () {
  this.timeout(30000);

  describe('pulled with workspace/configuration', () => {
    let client: LspClient;
    /** What the test's "editor" answers for the `dplens` section; changed by the tests, then announced. */
    let settings: Record<string, unknown> = { rules: { 'dag/unknown-ref': 'warning' } };
    const asked: ConfigurationParams[] = [];

    before(async () => {
      client = await LspClient.start(WORKSPACE, { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } } }, undefined, {
        'workspace/configuration': (params) => {
          asked.push(params as ConfigurationParams);
          return (params as ConfigurationParams).items.map(() => settings);
        },
      });
    });

    after(() => client?.stop());

    /** Changes the editor's settings and tells the server, as VS Code does: the server pulls the new values itself. */
    function change(next: Record<string, unknown>): void {
      settings = next;
      client.notify('workspace/didChangeConfiguration', { settings: null });
    }

    it('asks once per workspace folder for the dplens section and applies a severity override, to files that are not open too', async () => {
      const sql = await client.diagnostics(SQL, (p) => p.diagnostics.length > 0);
      assert.deepEqual(severities(sql, 'dag/unknown-ref'), [WARNING]);
      const yaml = await client.diagnostics(YAML, (p) => p.diagnostics.length > 0);
      assert.deepEqual(severities(yaml, 'yaml/invalid-properties'), [ERROR]);
      const items = asked.flatMap((params) => params.items);
      // VS Code resolves resource settings per folder, so one request for the folder serves every file in it.
      const folderUri = client.uri(SQL).slice(0, -SQL.length - 1);
      assert.ok(items.every((item) => item.scopeUri === folderUri && item.section === 'dplens'), JSON.stringify(items));
      assert.equal(items.length, 1, JSON.stringify(items));
    });

    it('republishes when the settings change: a rule turned off disappears', async () => {
      change({ rules: { 'dag/unknown-ref': 'off' } });
      const sql = await client.diagnostics(SQL, (p) => severities(p, 'dag/unknown-ref').length === 0);
      assert.deepEqual(foundation(sql), []);
    });

    it('hides YAML diagnostics with enable.yaml false, and shows the rule at its own severity again', async () => {
      change({ enable: { yaml: false } });
      await client.diagnostics(YAML, (p) => p.diagnostics.length === 0);
      const sql = await client.diagnostics(SQL, (p) => severities(p, 'dag/unknown-ref').length > 0);
      assert.deepEqual(severities(sql, 'dag/unknown-ref'), [ERROR]);
    });

    it('applies the settings to a file opened and edited after the change', async () => {
      change({ rules: { 'dag/unknown-ref': 'info' }, enable: { yaml: true } });
      await client.diagnostics(YAML, (p) => p.diagnostics.length > 0);
      client.open(SQL);
      client.change(SQL, `${client.text(SQL)}-- edited\n`);
      const sql = await client.diagnostics(SQL, (p) => severities(p, 'dag/unknown-ref')[0] === INFORMATION);
      assert.deepEqual(severities(sql, 'dag/unknown-ref'), [INFORMATION]);
    });
  });

  describe('given with initializationOptions, then pushed', () => {
    let client: LspClient;
    let asked = 0;

    before(async () => {
      // The client does not declare `workspace.configuration`, so the server must not ask; if it did, this counts it.
      client = await LspClient.start(WORKSPACE, {}, { settings: { rules: { 'dag/unknown-ref': 'off' }, enable: { yaml: false } } }, { 'workspace/configuration': () => (asked++, [null]) });
    });

    after(() => client?.stop());

    it('applies the initial settings without asking the client', async () => {
      // The index publishes every file with findings; under these settings the SQL file shows no finding of the
      // foundation's rules (the standards rules' findings on `orders` stay), and the YAML file none at all.
      const sql = await client.diagnostics(SQL);
      const yaml = await client.diagnostics(YAML);
      assert.deepEqual(foundation(sql), []);
      assert.deepEqual(yaml.diagnostics, []);
      assert.equal(asked, 0);
    });

    it('takes settings pushed with didChangeConfiguration and republishes', async () => {
      client.notify('workspace/didChangeConfiguration', { settings: { dplens: { rules: { 'dag/unknown-ref': 'warning' } } } });
      const sql = await client.diagnostics(SQL, (p) => severities(p, 'dag/unknown-ref').length > 0);
      assert.deepEqual(severities(sql, 'dag/unknown-ref'), [WARNING]);
      const yaml = await client.diagnostics(YAML, (p) => p.diagnostics.length > 0);
      assert.deepEqual(severities(yaml, 'yaml/invalid-properties'), [ERROR]);
    });
  });
});
