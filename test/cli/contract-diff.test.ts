/**
 * `dplens contract diff` on a real git repository built in a temporary folder: a base commit on `main` with an ODCS
 * contract and a contracted dbt model, and a branch that changes both. The command runs as a child process, so the
 * tests read its standard output, standard error and exit code as a user or CI would; argument parsing is tested
 * in-process.
 */
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseCommandLine, UsageError } from '../../server/src/cli/args';

const MAIN = path.resolve(__dirname, '..', '..', 'server', 'src', 'cli', 'main.ts');
const TSX = pathToFileURL(require.resolve('tsx')).href;
/** Git without user or system configuration, so the test behaves alike on every machine. */
const GIT_ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull, GIT_TERMINAL_PROMPT: '0' };

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function dplens(args: string[], cwd: string): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', TSX, MAIN, ...args], { cwd, env: { ...GIT_ENV, NO_COLOR: '1', DPLENS_DEBUG: '' } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=Data Platform Lens', '-c', 'user.email=tests@dplens.invalid', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd, stdio: 'ignore', env: GIT_ENV });
}

function write(root: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
}

const CONTRACT_BASE = `apiVersion: v3.1.0
kind: DataContract
id: orders
version: 1.0.0
status: active
schema:
  - name: orders
    properties:
      - name: order_id
        logicalType: string
        required: true
      - name: order_total
        logicalType: number
      - name: status
        logicalType: string
`;

/** Head: `order_total` removed, `order_id` retyped, a pattern added to `status`, and only a minor version bump. */
const CONTRACT_HEAD = `apiVersion: v3.1.0
kind: DataContract
id: orders
version: 1.1.0
status: active
schema:
  - name: orders
    properties:
      - name: order_id
        logicalType: integer
        required: true
      - name: status
        logicalType: string
        logicalTypeOptions:
          pattern: "^[a-z]+$"
`;

const properties = (columns: string) => `models:\n  - name: fct_orders\n    config:\n      contract:\n        enforced: true\n    columns:\n${columns}`;

const BASE: Record<string, string> = {
  'dbt_project.yml': "name: shop\nversion: '1.0.0'\nprofile: shop\n",
  'dplens.yml': 'adapter: postgres\n',
  'models/fct_orders.sql': "{{ config(materialized='table') }}\nselect 1 as order_id, 10.5 as amount\n",
  'models/_models.yml': properties('      - name: order_id\n        data_type: integer\n      - name: amount\n        data_type: numeric\n'),
  'contracts/orders.odcs.yaml': CONTRACT_BASE,
  'contracts/customers.odcs.yaml': CONTRACT_BASE.replace('id: orders', 'id: customers'),
};

const HEAD: Record<string, string> = {
  'models/fct_orders.sql': "{{ config(materialized='table') }}\nselect 1 as order_id\n",
  'models/_models.yml': properties('      - name: order_id\n        data_type: integer\n'),
  'contracts/orders.odcs.yaml': CONTRACT_HEAD,
  // A compatible change: a property added and a description written, under a minor version.
  'contracts/customers.odcs.yaml': CONTRACT_BASE.replace('id: orders', 'id: customers').replace('version: 1.0.0', 'version: 1.1.0') + '      - name: note\n        logicalType: string\n        description: Free text.\n',
  // Acknowledged: the same breaking changes as orders, with a major version bump.
  'contracts/payments.odcs.yaml': CONTRACT_HEAD.replace('id: orders', 'id: payments').replace('version: 1.1.0', 'version: 2.0.0'),
  'contracts/new.odcs.yaml': CONTRACT_BASE.replace('id: orders', 'id: fresh'),
};

describe('dplens contract diff', function () {
  this.timeout(60000);
  let repo: string;
  let outside: string;

  before(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'dplens-contract-diff-'));
    write(repo, { ...BASE, 'contracts/payments.odcs.yaml': CONTRACT_BASE.replace('id: orders', 'id: payments') });
    git(repo, 'init', '-q');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'base');
    git(repo, 'checkout', '-q', '-b', 'feature');
    write(repo, HEAD);
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'change the contracts');
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'dplens-contract-diff-no-git-'));
    write(outside, { 'contracts/orders.odcs.yaml': CONTRACT_HEAD });
  });

  after(() => {
    fs.rmSync(repo, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('parses its arguments', () => {
    assert.deepEqual(parseCommandLine(['contract', 'diff', 'c.yaml']), { command: 'contract-diff', file: 'c.yaml', base: undefined, format: 'text', config: undefined, target: undefined });
    assert.deepEqual(parseCommandLine(['contract', 'diff', 'c.yaml', '--base', 'main', '--format', 'json']), { command: 'contract-diff', file: 'c.yaml', base: 'main', format: 'json', config: undefined, target: undefined });
    assert.throws(() => parseCommandLine(['contract']), UsageError);
    assert.throws(() => parseCommandLine(['contract', 'show', 'c.yaml']), UsageError);
    assert.throws(() => parseCommandLine(['contract', 'diff']), UsageError);
    assert.throws(() => parseCommandLine(['contract', 'diff', 'a.yaml', 'b.yaml']), UsageError);
    assert.throws(() => parseCommandLine(['contract', 'diff', 'c.yaml', '--format', 'sarif']), UsageError);
  });

  it('prints a data contract changelog as text, and exits 1 on breaking changes', async () => {
    const run = await dplens(['contract', 'diff', 'contracts/orders.odcs.yaml', '--base', 'main'], repo);
    assert.equal(run.code, 1, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^contracts\/orders\.odcs\.yaml against main \([0-9a-f]{7}\)$/);
    assert.equal(lines[1], 'version 1.0.0 → 1.1.0');
    const rows = lines.slice(2, -1).map((line) => line.split(/\s{2,}/).slice(0, 3));
    assert.deepEqual(rows, [
      ['error', 'version-not-bumped', 'version'],
      ['error', 'field-removed', 'orders.order_total'],
      ['error', 'field-type-changed', 'orders.order_id'],
      ['warning', 'pattern-added', 'orders.status'],
    ]);
    assert.match(lines[3], /Property `orders\.order_total` was removed: consumers reading it break\.$/);
    assert.equal(lines.at(-1), '4 changes: 3 errors, 1 warning.');
  });

  it('prints the documented JSON document', async () => {
    const run = await dplens(['contract', 'diff', 'contracts/orders.odcs.yaml', '--base', 'main', '--format', 'json'], repo);
    assert.equal(run.code, 1, run.stderr);
    const document = JSON.parse(run.stdout);
    assert.deepEqual(Object.keys(document), ['version', 'file', 'kind', 'base', 'isNew', 'contractVersion', 'changes']);
    assert.equal(document.version, 1);
    assert.equal(document.file, 'contracts/orders.odcs.yaml');
    assert.equal(document.base.ref, 'main');
    assert.match(document.base.commit, /^[0-9a-f]{7,}$/);
    assert.deepEqual(document.contractVersion, { base: '1.0.0', head: '1.1.0', majorIncreased: false });
    const removed = document.changes.find((change: { kind: string }) => change.kind === 'field-removed');
    assert.deepEqual(
      { rule: removed.rule, severity: removed.severity, subject: removed.subject, path: removed.path, line: removed.line, before: removed.before },
      { rule: 'datacontract/field-removed', severity: 'error', subject: 'orders.order_total', path: 'schema[0].properties', line: 8, before: { name: 'order_total', logicalType: 'number' } },
    );
    assert.match(removed.message, /against `main` \([0-9a-f]{7}\)\. Restore it, or bump the major version from `1\.0\.0` to `2\.0\.0`/);
    const retyped = document.changes.find((change: { kind: string }) => change.kind === 'field-type-changed');
    assert.deepEqual([retyped.path, retyped.line, retyped.before, retyped.after], ['schema[0].properties[0].logicalType', 10, 'string', 'integer']);
    const verdict = document.changes.find((change: { rule: string }) => change.rule === 'datacontract/version-not-bumped');
    assert.deepEqual([verdict.severity, verdict.path, verdict.line, verdict.before, verdict.after], ['error', 'version', 4, '1.0.0', '1.1.0']);
    assert.match(verdict.message, /^This contract has 2 breaking changes/);
  });

  it('reports an acknowledged major bump as warnings and exits 0', async () => {
    const run = await dplens(['contract', 'diff', 'contracts/payments.odcs.yaml', '--base', 'main', '--format', 'json'], repo);
    assert.equal(run.code, 0, run.stderr);
    const document = JSON.parse(run.stdout);
    assert.equal(document.contractVersion.majorIncreased, true);
    assert.deepEqual(
      document.changes.map((change: { kind: string; severity: string }) => `${change.severity} ${change.kind}`),
      ['warning field-removed', 'warning field-type-changed', 'warning pattern-added'],
    );
    assert.match(document.changes[0].message, /bumped from `1\.0\.0` to `2\.0\.0`/);
  });

  it('says so when nothing breaks, and when the file is new', async () => {
    const compatible = await dplens(['contract', 'diff', 'contracts/customers.odcs.yaml'], repo);
    assert.equal(compatible.code, 0, compatible.stderr);
    assert.match(compatible.stdout, /^contracts\/customers\.odcs\.yaml against main \([0-9a-f]{7}\)\nversion 1\.0\.0 → 1\.1\.0\nNo breaking changes against main/);
    const fresh = await dplens(['contract', 'diff', 'contracts/new.odcs.yaml', '--format', 'json'], repo);
    assert.equal(fresh.code, 0, fresh.stderr);
    assert.deepEqual([JSON.parse(fresh.stdout).isNew, JSON.parse(fresh.stdout).changes], [true, []]);
  });

  it('lists the dbt contract findings of a properties file', async () => {
    const text = await dplens(['contract', 'diff', 'models/_models.yml', '--base', 'main'], repo);
    // An unversioned model's breaking change is a warning, as in dbt, so the exit code is 0.
    assert.equal(text.code, 0, text.stderr);
    const lines = text.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^models\/_models\.yml against main \([0-9a-f]{7}\)$/);
    assert.match(lines[1], /^warning {2}column-removed {2}line 6 {2}Column `amount` was removed from the enforced contract of `fct_orders`/);
    assert.equal(lines.at(-1), '1 change: 0 errors, 1 warning.');
    const json = JSON.parse((await dplens(['contract', 'diff', 'models/_models.yml', '--base', 'main', '--format', 'json'], repo)).stdout);
    assert.equal(json.kind, 'properties');
    assert.deepEqual(
      json.changes.map((change: { rule: string; severity: string; line: number }) => [change.rule, change.severity, change.line]),
      [['contract/column-removed', 'warning', 6]],
    );
  });

  it('exits 2 with a clear message on a missing file, a file of another kind, and an unknown base', async () => {
    const cases: [string[], RegExp][] = [
      [['contract', 'diff', 'contracts/missing.odcs.yaml'], /^dplens: contracts\/missing\.odcs\.yaml: no such file\n$/],
      [['contract', 'diff', 'models/fct_orders.sql'], /^dplens: models\/fct_orders\.sql is neither a data contract .* nor a dbt properties file/],
      [['contract', 'diff', 'contracts/orders.odcs.yaml', '--base', 'no-such-branch'], /^dplens: no base to compare contracts\/orders\.odcs\.yaml with: the base `no-such-branch` cannot be resolved/],
      [['contract', 'diff', 'contracts/orders.odcs.yaml', '--base', '--output=x'], /^dplens: /],
    ];
    for (const [args, message] of cases) {
      const run = await dplens(args, repo);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stdout}`);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, message);
      assert.doesNotMatch(run.stderr, /\n\s+at /);
    }
  });

  it('exits 2 outside a git repository, saying why', async () => {
    const run = await dplens(['contract', 'diff', 'contracts/orders.odcs.yaml'], outside);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^dplens: no base to compare contracts\/orders\.odcs\.yaml with: the workspace is not in a git repository/);
  });
});
