/**
 * A hostile repository cannot make Data Platform Lens run its programs through git. Its `.git/config` points
 * `core.fsmonitor`, `core.hooksPath`, `diff.external`, and the textconv and clean/smudge filter drivers its
 * `.gitattributes` names at scripts that each leave a marker file when run. A control first shows that plain git
 * commands reading the working tree do run them; then every code path of the product that calls git (the contract
 * base, `--changed`, `check --base`, `contract diff`, and in the language server the review and the contract base)
 * runs and gives the right answer, and no marker appears. Also: a ref that could be read as an option is refused
 * everywhere, and an untrusted workspace runs no git at all (a `git` first on the PATH would leave a marker).
 *
 * The dbt project sits in `analytics/` of the repository, so paths must come back relative to the workspace root,
 * and a change outside it must not count.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ConfigurationParams, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { parseCommandLine, type CheckArgs, type ContractDiffArgs } from '../../server/src/cli/args';
import { CliError, runCheck } from '../../server/src/cli/check-command';
import { runContractDiff } from '../../server/src/cli/contract-command';
import { changedFiles, contractBaseInput, GitError, resolveBase } from '../../server/src/io/git';
import type { ReviewChangesResult } from '../../server/src/lsp/protocol';
import { LspClient } from '../lsp/client';

/** Git for setting the repository up, with an identity and no user or system configuration. */
function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Data Platform Lens', '-c', 'user.email=tests@dplens.invalid', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull, GIT_TERMINAL_PROMPT: '0' },
  });
}

function write(root: string, files: Record<string, string | null>): void {
  for (const [file, text] of Object.entries(files)) {
    const absolute = path.join(root, file);
    if (text === null) fs.rmSync(absolute, { force: true });
    else {
      fs.mkdirSync(path.dirname(absolute), { recursive: true });
      fs.writeFileSync(absolute, text);
    }
  }
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

/** The workspace (`analytics/`) at the base commit on `main`. */
const BASE: Record<string, string> = {
  'dbt_project.yml': "name: shop\nversion: '1.0.0'\nprofile: shop\nmodels:\n  shop:\n    +materialized: table\n",
  'dplens.yml': 'adapter: bigquery\n',
  'models/fct_orders.sql': "select 1 as order_id, 'open' as status\n",
  'models/_models.yml': PROPERTIES,
  'models/staged.sql': 'select 1 as id\n',
  'models/stg_old.sql': 'select 2 as id\n',
  // Unchanged, with a finding: never part of `--changed` or the review, though it is rewritten on disk.
  'models/stg_same.sql': "select * from {{ ref('missing_same') }}\n",
  'contracts/orders.odcs.yaml': ODCS,
};

/** Every workspace file that differs from `main`: committed on the branch, staged, unstaged, deleted and untracked. */
const CHANGED = ['contracts/orders.odcs.yaml', 'models/_models.yml', 'models/fct_orders.sql', 'models/new_model.sql', 'models/staged.sql', 'models/stg_old.sql'];

/** Each mechanism a repository can configure, with the script text that leaves its marker and behaves well enough. */
const MECHANISMS: Record<string, (marker: string) => string> = {
  fsmonitor: (marker) => `touch '${marker}'\nexit 0\n`,
  'diff-external': (marker) => `touch '${marker}'\nexit 0\n`,
  textconv: (marker) => `touch '${marker}'\ncat "$1"\n`,
  clean: (marker) => `touch '${marker}'\ncat\n`,
  smudge: (marker) => `touch '${marker}'\ncat\n`,
  hook: (marker) => `touch '${marker}'\nexit 0\n`,
};

const HOOKS = ['pre-commit', 'post-checkout', 'post-index-change', 'reference-transaction', 'pre-auto-gc', 'post-rewrite'];

describe('git security: a hostile repository configuration runs nothing', function () {
  this.timeout(60000);
  let repository: string;
  let root: string;
  let markers: string;

  const markersLeft = () => fs.readdirSync(markers).sort();
  const assertNoMarker = () => assert.deepEqual(markersLeft(), [], 'a program configured by the repository was run');

  before(() => {
    repository = fs.mkdtempSync(path.join(os.tmpdir(), 'dplens-git-hostile-'));
    markers = fs.mkdtempSync(path.join(os.tmpdir(), 'dplens-git-markers-'));
    root = path.join(repository, 'analytics');
    write(root, BASE);
    write(repository, {
      'other/outside.sql': 'select 1\n',
      // Committed with the base, as a hostile repository would ship it; the drivers are configured afterwards.
      '.gitattributes': '* diff=hostile filter=hostile\n',
    });
    git(repository, 'init', '--quiet');
    git(repository, 'add', '.');
    git(repository, 'commit', '--quiet', '-m', 'base');
    git(repository, 'checkout', '--quiet', '-b', 'feature');
    write(root, { 'models/_models.yml': PROPERTIES.replace('      - name: status\n        data_type: string\n', ''), 'models/fct_orders.sql': 'select 1 as order_id\n' });
    git(repository, 'commit', '--quiet', '-am', 'drop status');
    write(root, { 'models/staged.sql': 'select 1 as id, 2 as other\n' });
    git(repository, 'add', 'analytics/models/staged.sql');
    write(root, {
      'contracts/orders.odcs.yaml': ODCS.replace('      - name: status\n        logicalType: string\n', ''),
      'models/new_model.sql': "select * from {{ ref('missing_one') }}\n",
      'models/stg_old.sql': null,
      'models/stg_same.sql': BASE['models/stg_same.sql'],
      // In folders the reader never enters, or outside the workspace: not changes of the workspace.
      'target/compiled.sql': 'select 1\n',
      'dbt_packages/pkg/models/x.sql': 'select 1\n',
    });
    write(repository, { 'other/outside.sql': 'select 2\n' });

    // The hostile configuration, with the scripts outside the repository.
    const scripts = fs.mkdtempSync(path.join(os.tmpdir(), 'dplens-git-scripts-'));
    const script = (name: string) => {
      const file = path.join(scripts, name);
      fs.writeFileSync(file, `#!/bin/sh\n${MECHANISMS[name](path.join(markers, name))}`, { mode: 0o755 });
      return file;
    };
    const hooks = path.join(scripts, 'hooks');
    fs.mkdirSync(hooks);
    for (const hook of HOOKS) fs.copyFileSync(script('hook'), path.join(hooks, hook));
    git(repository, 'config', 'core.fsmonitor', script('fsmonitor'));
    git(repository, 'config', 'core.hooksPath', hooks);
    git(repository, 'config', 'diff.external', script('diff-external'));
    git(repository, 'config', 'diff.hostile.textconv', script('textconv'));
    git(repository, 'config', 'filter.hostile.clean', script('clean'));
    git(repository, 'config', 'filter.hostile.smudge', script('smudge'));
    git(repository, 'config', 'filter.hostile.required', 'true');
  });

  after(() => {
    fs.rmSync(repository, { recursive: true, force: true });
    fs.rmSync(markers, { recursive: true, force: true });
  });

  it('control: git commands that read the working tree do run every configured program', () => {
    git(repository, 'status', '--porcelain');
    git(repository, 'diff', 'main');
    git(repository, 'diff', '--no-ext-diff', '--textconv', 'main');
    git(repository, 'cat-file', '--filters', 'HEAD:analytics/models/fct_orders.sql');
    git(repository, 'hook', 'run', 'pre-commit');
    assert.deepEqual(markersLeft(), Object.keys(MECHANISMS).sort());
    for (const marker of markersLeft()) fs.rmSync(path.join(markers, marker));
  });

  describe('every code path that calls git', () => {
    beforeEach(() => {
      for (const marker of markersLeft()) fs.rmSync(path.join(markers, marker));
    });

    it('resolveBase and changedFiles (`--changed` and the review) list the changed files relative to the workspace', () => {
      const base = resolveBase(root, 'main');
      assert.equal(base, git(repository, 'rev-parse', 'main').trim());
      assert.deepEqual(changedFiles(root, base).sort(), CHANGED);
      // Without a ref: the merge-base with main.
      assert.equal(resolveBase(root), base);
      assertNoMarker();
    });

    it('contractBaseInput reads the base text of each changed file, and none for an added one', () => {
      const input = contractBaseInput(root, 'main');
      assert.ok('snapshot' in input, `no snapshot: ${'problem' in input ? input.problem.reason : ''}`);
      const changed = input.snapshot.changed;
      assert.deepEqual([...changed.keys()].sort(), CHANGED);
      assert.deepEqual(
        Object.fromEntries([...changed].sort(([a], [b]) => a.localeCompare(b))),
        {
          'contracts/orders.odcs.yaml': ODCS,
          'models/_models.yml': PROPERTIES,
          'models/fct_orders.sql': BASE['models/fct_orders.sql'],
          'models/new_model.sql': undefined,
          'models/staged.sql': BASE['models/staged.sql'],
          'models/stg_old.sql': BASE['models/stg_old.sql'],
        },
      );
      assert.equal(input.snapshot.ref, 'main');
      // The default base is found alike.
      const byDefault = contractBaseInput(root);
      assert.deepEqual('snapshot' in byDefault ? [...byDefault.snapshot.changed.keys()].sort() : byDefault.problem.reason, CHANGED);
      assertNoMarker();
    });

    it('`dplens check --changed` reports only the changed files', async () => {
      const run = await runCheck(parseCommandLine(['check', '--changed', '--base', 'main', '--format', 'json']) as CheckArgs, root);
      const files = new Set<string>(JSON.parse(run.output).diagnostics.map((diagnostic: { file: string }) => diagnostic.file));
      assert.ok(files.has('models/new_model.sql'), 'the untracked model with an unknown ref is reported');
      assert.ok(!files.has('models/stg_same.sql'), 'an unchanged file is not reported');
      assert.deepEqual([...files].filter((file) => !CHANGED.includes(file)), []);
      assertNoMarker();
    });

    it('`dplens check --base` finds the contract changes', async () => {
      const run = await runCheck(parseCommandLine(['check', '--base', 'main', '--rule', 'contract/column-removed', '--rule', 'datacontract/field-removed', '--format', 'json']) as CheckArgs, root);
      const found = JSON.parse(run.output).diagnostics.map((diagnostic: { file: string; rule: string }) => `${diagnostic.file} ${diagnostic.rule}`).sort();
      assert.deepEqual(found, ['contracts/orders.odcs.yaml datacontract/field-removed', 'models/_models.yml contract/column-removed']);
      assertNoMarker();
    });

    it('`dplens contract diff` compares a data contract with its base version', () => {
      const run = runContractDiff(parseCommandLine(['contract', 'diff', 'contracts/orders.odcs.yaml', '--base', 'main', '--format', 'json']) as ContractDiffArgs, root);
      assert.equal(run.exitCode, 1, run.output);
      assert.match(run.output, /status/);
      assertNoMarker();
    });

    it('the language server: Review Changes and the contract base', async () => {
      let settings: Record<string, unknown> = { baseRef: 'main' };
      const client = await LspClient.start(root, { workspace: { configuration: true } }, { trusted: true }, {
        'workspace/configuration': (params) => (params as ConfigurationParams).items.map(() => settings),
      });
      try {
        const codes = (params: PublishDiagnosticsParams) => params.diagnostics.map((diagnostic) => String(diagnostic.code));
        await client.diagnostics('contracts/orders.odcs.yaml', (params) => codes(params).includes('datacontract/field-removed'));
        const review = await client.request<ReviewChangesResult>('dplens/reviewChanges', {});
        assert.equal(review.base, git(repository, 'rev-parse', 'main').trim());
        const reviewed = review.files.map((file) => file.file);
        assert.ok(reviewed.includes('models/new_model.sql'));
        assert.deepEqual(reviewed.filter((file) => !CHANGED.includes(file)), []);
        // A ref that could be read as an option, from the settings: refused by the review and the contract base.
        settings = { baseRef: `--output=${path.join(markers, 'written-by-git')}` };
        client.notify('workspace/didChangeConfiguration', { settings: null });
        await assert.rejects(client.request('dplens/reviewChanges', {}), /not a valid git ref/);
        await client.diagnostics('dbt_project.yml', (params) => codes(params).includes('contract/base-unavailable'));
      } finally {
        client.stop();
      }
      assertNoMarker();
    });
  });

  describe('a ref that could be read as an option', () => {
    const HOSTILE_REFS = ['-h', '--output=written-by-git', '--end-of-options', '-'];

    it('is refused by every function and command, and git writes nothing', async () => {
      for (const ref of HOSTILE_REFS) {
        assert.throws(() => resolveBase(root, ref), (error: Error) => error instanceof GitError && /not a valid git ref/.test(error.message), ref);
        assert.throws(() => changedFiles(root, ref), (error: Error) => error instanceof GitError && /not a valid git ref/.test(error.message), ref);
        const input = contractBaseInput(root, ref);
        assert.match('problem' in input ? input.problem.reason : 'a snapshot', /not a valid git ref/, ref);
        await assert.rejects(runCheck(parseCommandLine(['check', '--changed', `--base=${ref}`]) as CheckArgs, root), (error: Error) => error instanceof CliError && /not a valid git ref/.test(error.message), ref);
        const checked = await runCheck(parseCommandLine(['check', `--base=${ref}`, '--rule', 'contract/base-unavailable', '--format', 'json']) as CheckArgs, root);
        assert.deepEqual(JSON.parse(checked.output).diagnostics.map((diagnostic: { rule: string }) => diagnostic.rule), ['contract/base-unavailable'], ref);
        assert.throws(() => runContractDiff(parseCommandLine(['contract', 'diff', 'contracts/orders.odcs.yaml', `--base=${ref}`]) as ContractDiffArgs, root), (error: Error) => error instanceof CliError && /not a valid git ref/.test(error.message), ref);
      }
      assert.ok(!fs.existsSync(path.join(root, 'written-by-git')));
      assertNoMarker();
    });
  });

  describe('an untrusted workspace', () => {
    it('runs no git at all: neither the review nor the contract base', async () => {
      // A `git` first on the PATH leaves a marker whenever anything runs git; the control shows it is the one found.
      const fakeBin = fs.mkdtempSync(path.join(os.tmpdir(), 'dplens-fake-git-'));
      const marker = path.join(markers, 'git-was-run');
      fs.writeFileSync(path.join(fakeBin, 'git'), `#!/bin/sh\ntouch '${marker}'\nexit 0\n`, { mode: 0o755 });
      const pathWithFakeGit = `${fakeBin}${path.delimiter}${process.env.PATH ?? ''}`;
      execFileSync('git', ['--version'], { env: { ...process.env, PATH: pathWithFakeGit }, stdio: 'ignore' });
      assert.ok(fs.existsSync(marker), 'control: the fake git is found first');
      fs.rmSync(marker);
      const savedPath = process.env.PATH;
      let client: LspClient;
      // The server inherits the environment when it is spawned.
      process.env.PATH = pathWithFakeGit;
      try {
        client = await LspClient.start(root, {}, { trusted: false });
      } finally {
        process.env.PATH = savedPath;
      }
      try {
        await client.diagnostics('models/new_model.sql', (params) => params.diagnostics.length > 0);
        await assert.rejects(client.request('dplens/reviewChanges', {}), /untrusted workspace/);
        // Past the project pass's pause, after which a trusted server reads the contract base.
        await new Promise((resolve) => setTimeout(resolve, 800));
        const published = client.notifications.filter((notification) => notification.method === 'textDocument/publishDiagnostics').map((notification) => notification.params as PublishDiagnosticsParams);
        assert.ok(published.length > 0);
        assert.deepEqual(published.flatMap((params) => params.diagnostics.map((diagnostic) => String(diagnostic.code))).filter((code) => code.startsWith('contract/') || code.startsWith('datacontract/field')), []);
      } finally {
        client.stop();
        fs.rmSync(fakeBin, { recursive: true, force: true });
      }
      assertNoMarker();
    });
  });
});
