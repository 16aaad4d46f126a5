/**
 * `dplens check` when a rule throws: the other rules' findings are still printed, each distinct failure is printed
 * once on standard error with where to report it, and the run exits with its own code (3).
 *
 * The product's `dplens` cannot be given a rule, so the CLI runs from test/cli/throwing-rule-cli.ts, which calls
 * the same `main` with two throwing rules added to the registry's: one that throws on every model and one that
 * throws in the project pass.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { EXIT_RULE_FAILED, ruleFailureNotes } from '../../server/src/cli/check-command';
import type { RuleFailure } from '../../server/src/core/check';
import { ISSUES_URL } from '../../server/src/core/rules/rule-failure';
import { FILE_RULE_FAILURE, PROJECT_RULE_FAILURE } from '../helpers/throwing-rules';

const ENTRY = path.resolve(__dirname, 'throwing-rule-cli.ts');
const FIXTURE = path.resolve(__dirname, '..', 'fixtures', 'cli-shop');
const TSX = pathToFileURL(require.resolve('tsx')).href;

/** The fixture's one finding: its misspelt ref. */
const TYPO_LINE = /^models\/marts\/fct_orders\.sql:3:9 error dag\/unknown-ref /;

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function dplens(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', TSX, ENTRY, ...args], { cwd: FIXTURE, env: { ...process.env, NO_COLOR: '1', DPLENS_DEBUG: '', ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

describe('dplens check with a rule that throws', function () {
  // Each run starts tsx, about a second; they run at once.
  this.timeout(60000);
  const runs: Record<'text' | 'json' | 'debug', CliRun> = {} as never;

  before(async () => {
    [runs.text, runs.json, runs.debug] = await Promise.all([dplens(['check', '.']), dplens(['check', '.', '--format', 'json']), dplens(['check', '.'], { DPLENS_DEBUG: '1' })]);
  });

  it(`exits ${EXIT_RULE_FAILED}, over the 1 the findings alone would give`, () => {
    for (const run of Object.values(runs)) assert.equal(run.code, EXIT_RULE_FAILED, run.stderr);
  });

  it('still prints the other rules’ findings, in text and JSON', () => {
    assert.match(runs.text.stdout.split('\n')[0], TYPO_LINE);
    const report = JSON.parse(runs.json.stdout) as { diagnostics: { rule: string; file: string }[] };
    assert.deepEqual(
      report.diagnostics.map((diagnostic) => `${diagnostic.file} ${diagnostic.rule}`),
      ['models/marts/fct_orders.sql dag/unknown-ref'],
      'the failures are not findings',
    );
  });

  it('prints each distinct failure once on standard error, naming the rule, where it failed and where to report it', () => {
    const lines = runs.text.stderr.trim().split('\n');
    const fileRule = lines.filter((line) => line.includes('test/throws-on-models'));
    const projectRule = lines.filter((line) => line.includes('test/throws-in-project-pass'));
    assert.equal(fileRule.length, 1, runs.text.stderr);
    assert.equal(projectRule.length, 1, runs.text.stderr);
    // The fixture has three models; the rule failed on each, and the note counts the others.
    assert.match(fileRule[0], /^dplens: internal error: the rule test\/throws-on-models failed on models\/\S+\.sql and 2 other files \(the test rule broke on a model\) and was skipped there;/);
    assert.ok(fileRule[0].endsWith(ISSUES_URL));
    assert.match(projectRule[0], new RegExp(`failed while checking the whole project \\(${PROJECT_RULE_FAILURE}\\)`));
    assert.ok(!/\n\s+at /.test(runs.text.stderr), 'no stack trace without DPLENS_DEBUG');
    assert.equal(runs.json.stderr, runs.text.stderr, 'the same notes whatever the format');
  });

  it('adds the stack with DPLENS_DEBUG', () => {
    assert.match(runs.debug.stderr, new RegExp(`TypeError: ${FILE_RULE_FAILURE}\\n\\s+at `));
  });
});

describe('rule failure notes', () => {
  const failure = (rule: string, file: string | undefined, message: string): RuleFailure => ({ rule, file, phase: 'check', message, stack: `Error: ${message}\n    at check (rule.ts:1:1)` });
  const cases: { name: string; failures: RuleFailure[]; notes: string[] }[] = [
    {
      name: 'one file',
      failures: [failure('a/rule', 'models/x.sql', 'boom')],
      notes: [`dplens: internal error: the rule a/rule failed on sub/models/x.sql (boom) and was skipped there; the other rules still ran, and their findings are reported. Please report it with the command you ran: ${ISSUES_URL}`],
    },
    {
      name: 'the same failure on two files, and another message',
      failures: [failure('a/rule', 'models/x.sql', 'boom'), failure('a/rule', 'models/y.sql', 'boom'), failure('a/rule', 'models/y.sql', 'bang')],
      notes: [
        `dplens: internal error: the rule a/rule failed on sub/models/x.sql and 1 other file (boom) and was skipped there; the other rules still ran, and their findings are reported. Please report it with the command you ran: ${ISSUES_URL}`,
        `dplens: internal error: the rule a/rule failed on sub/models/y.sql (bang) and was skipped there; the other rules still ran, and their findings are reported. Please report it with the command you ran: ${ISSUES_URL}`,
      ],
    },
    {
      name: 'a project rule',
      failures: [failure('b/rule', undefined, 'boom')],
      notes: [`dplens: internal error: the rule b/rule failed while checking the whole project (boom) and was skipped there; the other rules still ran, and their findings are reported. Please report it with the command you ran: ${ISSUES_URL}`],
    },
  ];
  for (const { name, failures, notes } of cases) {
    it(`says where the rule failed: ${name}`, () => {
      assert.deepEqual(
        ruleFailureNotes(failures, (file) => `sub/${file}`, false),
        notes,
      );
    });
  }

  it('appends the stack when asked', () => {
    const [note] = ruleFailureNotes([failure('a/rule', 'models/x.sql', 'boom')], (file) => file, true);
    assert.ok(note.endsWith('\nError: boom\n    at check (rule.ts:1:1)'));
  });
});
