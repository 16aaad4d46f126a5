/**
 * `dplens check --changed`: only files changed against the git base are reported, for code review;
 * a bad base is a usage error with a one-line reason, never a silent fallback.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseCommandLine, type CheckArgs } from '../../server/src/cli/args';
import { CliError, runCheck } from '../../server/src/cli/check-command';
import { git, write } from '../helpers/git-workspace';

describe('dplens check --changed', () => {
  let root: string;

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'dplens-changed-'));
    write(root, 'dbt_project.yml', 'name: shop\nprofile: shop\n');
    write(root, 'dplens.yml', 'adapter: bigquery\n');
    write(root, 'models/stg_orders.sql', 'select 1 as id\n');
    write(root, 'models/old_broken.sql', "select * from {{ ref('stg_ordrs') }}\n");
    write(root, 'models/fct_orders.sql', "select * from {{ ref('stg_orders') }}\n");
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'base');
    write(root, 'models/fct_orders.sql', "select * from {{ ref('stg_ordres') }}\n");
    write(root, 'models/new_model.sql', "select * from {{ ref('missing_one') }}\n");
  });

  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('reports findings only in files changed or added since the base', async () => {
    const run = await runCheck(parseCommandLine(['check', '--changed', '--base', 'HEAD', '--format', 'json']) as CheckArgs, root);
    const diagnostics: { file: string; rule: string }[] = JSON.parse(run.output).diagnostics;
    // The minimal project breaks the standards rules too (no properties files, no tests, no layer folders);
    // whichever rules report, only the changed and added files may be reported.
    assert.deepEqual([...new Set(diagnostics.map((diagnostic) => diagnostic.file))].sort(), ['models/fct_orders.sql', 'models/new_model.sql']);
    const unknownRefs = diagnostics.filter((diagnostic) => diagnostic.rule === 'dag/unknown-ref').map((diagnostic) => diagnostic.file).sort();
    assert.deepEqual(unknownRefs, ['models/fct_orders.sql', 'models/new_model.sql']);
    assert.equal(run.exitCode, 1);
  });

  it('without --changed, reports the old finding too', async () => {
    const run = await runCheck(parseCommandLine(['check', '--format', 'json']) as CheckArgs, root);
    const files = JSON.parse(run.output).diagnostics.map((diagnostic: { file: string }) => diagnostic.file);
    assert.ok(files.includes('models/old_broken.sql'));
  });

  it('refuses a base that could be read as an option, and one that does not exist', async () => {
    await assert.rejects(runCheck(parseCommandLine(['check', '--changed', '--base=--output=x']) as CheckArgs, root), (error: Error) => error instanceof CliError && /not a valid git ref/.test(error.message));
    await assert.rejects(runCheck(parseCommandLine(['check', '--changed', '--base', 'no-such-branch']) as CheckArgs, root), (error: Error) => error instanceof CliError && /fetch-depth: 0/.test(error.message));
  });
});

describe('dplens check on a folder without a dbt project', () => {
  it('checks what it understands there and exits cleanly', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dplens-noproject-'));
    try {
      write(root, 'notes/readme.txt', 'nothing to see');
      const run = await runCheck(parseCommandLine(['check', '--format', 'json']) as CheckArgs, root);
      const report = JSON.parse(run.output);
      assert.deepEqual([run.exitCode, report.summary.errors, report.diagnostics], [0, 0, []]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('dplens check --full-parse', () => {
  it('reports how many models the full parser reads, on the demo project', async function () {
    // Parsing all 24 models fully takes a few seconds on a loaded machine.
    this.timeout(60_000);
    const demo = path.join(__dirname, '..', '..', 'examples', 'demo');
    const run = await runCheck(parseCommandLine(['check', '--full-parse', '--format', 'json']) as CheckArgs, demo);
    const coverage = JSON.parse(run.output).summary.parseCoverage;
    assert.equal(coverage.astAttempted, coverage.models);
    assert.ok(coverage.ast >= coverage.models - 2, `full parse ${coverage.ast}/${coverage.astAttempted}`);
  });
});
