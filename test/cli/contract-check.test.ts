/**
 * `dplens check --base REF` (the built CLI, spawned) on a git repository where a contracted column was removed:
 * the finding is reported at the model's YAML entry, against the base it names. Without git, one info finding says
 * why the comparison was skipped, and no other contract-change rule reports.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { git, write } from '../helpers/git-workspace';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');

interface Diagnostic {
  file: string;
  line: number;
  rule: string;
  severity: string;
  message: string;
}

function check(cwd: string, ...args: string[]): { diagnostics: Diagnostic[]; status: number | null } {
  assert.ok(fs.existsSync(CLI), 'dist/cli.js is missing: run `npm run build` (npm test does)');
  const run = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', ...args], { cwd, encoding: 'utf8' });
  return { diagnostics: JSON.parse(run.stdout).diagnostics, status: run.status };
}

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

/** A contracted model of a project, without a repository. */
function project(root: string): void {
  write(root, 'dbt_project.yml', "name: shop\nversion: '1.0.0'\nprofile: shop\nmodels:\n  shop:\n    +materialized: table\n");
  write(root, 'dplens.yml', 'adapter: bigquery\n');
  write(root, 'models/fct_orders.sql', "select 1 as order_id, 'open' as status\n");
  write(root, 'models/_models.yml', PROPERTIES);
}

describe('dplens check --base (contract changes)', function () {
  this.timeout(60_000);
  const roots: string[] = [];
  const temp = (name: string) => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), `dplens-${name}-`));
    roots.push(root);
    return root;
  };
  after(() => roots.forEach((root) => fs.rmSync(root, { recursive: true, force: true })));

  it('reports a column removed from an enforced contract at the model YAML, against the named base', () => {
    const root = temp('contract-base');
    project(root);
    git(root, 'init', '-q', '--initial-branch=main');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'base');
    git(root, 'checkout', '-q', '-b', 'feature');
    write(root, 'models/_models.yml', PROPERTIES.replace('      - name: status\n        data_type: string\n', ''));
    write(root, 'models/fct_orders.sql', 'select 1 as order_id\n');
    git(root, 'commit', '-q', '-am', 'drop status');
    const { diagnostics } = check(root, '--base', 'main');
    const contract = diagnostics.filter((diagnostic) => diagnostic.rule.startsWith('contract/'));
    assert.deepEqual(contract.map(({ file, line, rule, severity }) => ({ file, line, rule, severity })), [
      { file: 'models/_models.yml', line: 7, rule: 'contract/column-removed', severity: 'warning' },
    ]);
    assert.match(contract[0].message, /`status`/);
    assert.match(contract[0].message, /main/);
    // Against the feature branch itself, nothing changed.
    assert.deepEqual(check(root, '--base', 'feature').diagnostics.filter((diagnostic) => diagnostic.rule.startsWith('contract/')), []);
  });

  it('without git, reports one info finding and nothing else from the contract-change rules', () => {
    const root = temp('contract-nogit');
    project(root);
    const { diagnostics } = check(root);
    const contract = diagnostics.filter((diagnostic) => diagnostic.rule.startsWith('contract/'));
    assert.deepEqual(contract.map(({ file, line, rule, severity }) => ({ file, line, rule, severity })), [{ file: 'dbt_project.yml', line: 1, rule: 'contract/base-unavailable', severity: 'info' }]);
    assert.match(contract[0].message, /not in a git repository/);
  });
});
