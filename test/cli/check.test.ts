/**
 * The `dplens` command end to end: the real entry point runs as a child process on a temporary copy of
 * test/fixtures/cli-shop, and the tests read its standard output, standard error and exit code.
 *
 * The fixture follows the layout, naming, documentation and testing conventions, so the standards rules
 * are quiet on it and its one misspelt ref is the whole report.
 *
 * Spawning tsx costs about a second, so every run is started at once in `before` and each test only
 * reads the results; pure helpers (argument parsing, exit codes) are tested in-process.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseCommandLine, UsageError, type CheckArgs } from '../../server/src/cli/args';
import { exitCodeFor, runCheck } from '../../server/src/cli/check-command';
import type { Finding } from '../../server/src/core/findings';
import { RULES } from '../../server/src/core/rules/registry';

const MAIN = path.resolve(__dirname, '..', '..', 'server', 'src', 'cli', 'main.ts');
const FIXTURE = path.resolve(__dirname, '..', 'fixtures', 'cli-shop');
const TSX = pathToFileURL(require.resolve('tsx')).href;

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `dplens <args>` in `cwd`; never rejects, so a failed run is reported by the assertion that reads it. */
function dplens(args: string[], cwd: string): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', TSX, MAIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', DPLENS_DEBUG: '' } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** A fresh copy of the fixture, with the folders git would not keep but discovery must skip. */
function copyFixture(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dplens-cli-'));
  fs.cpSync(FIXTURE, root, { recursive: true });
  const ignored: Record<string, string> = {
    'node_modules/some-tool/models/broken.sql': "select * from {{ ref('missing') }}\n",
    'node_modules/some-tool/dbt_project.yml': 'name: some_tool\n',
    'target/compiled/shop/models/marts/fct_orders.sql': "select * from {{ ref('missing') }}\n",
    'models/node_modules/x.sql': "select * from {{ ref('missing') }}\n",
  };
  for (const [file, text] of Object.entries(ignored)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

const DIAGNOSTIC_KEYS = ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'rule', 'message'];
const TYPO = "`ref('stg_shop__ordres')` names no model, seed or snapshot in project `shop`: dbt fails to compile `fct_orders` and stops the whole run. Did you mean `stg_shop__orders`?";

describe('dplens CLI', function () {
  // Fifteen tsx start-ups run in parallel; on a slow machine they can take a while together.
  this.timeout(120_000);
  const runs: Record<string, CliRun> = {};
  const folders: string[] = [];

  before(async () => {
    const workspace = copyFixture();
    const broken = copyFixture();
    folders.push(workspace, broken);
    fs.writeFileSync(path.join(workspace, 'warnings.yml'), 'adapter: bigquery\nrules:\n  dag/unknown-ref: warning\n');
    fs.writeFileSync(path.join(broken, 'dplens.yml'), 'adapter: bigquery\nrules:\n  dag/unknown-ref: {severity: error\n');
    const baseline = async () => {
      runs.writeBaseline = await dplens(['check', '--write-baseline', 'baseline.json'], workspace);
      runs.baseline = await dplens(['check', '--baseline', 'baseline.json', '--format', 'json'], workspace);
    };
    const started: Record<string, Promise<CliRun>> = {
      json: dplens(['check', '--format', 'json'], workspace),
      text: dplens(['check'], workspace),
      sarif: dplens(['check', '.', '--format', 'sarif'], workspace),
      singleFile: dplens(['check', 'models/marts/fct_paid_orders.sql', '--format', 'json'], workspace),
      subFolder: dplens(['check', 'models/marts', '--format', 'json'], workspace),
      maxWarnings: dplens(['check', '--config', 'warnings.yml', '--max-warnings', '0'], workspace),
      unknownOption: dplens(['check', '--colour'], workspace),
      missingPath: dplens(['check', 'models/nowhere'], workspace),
      brokenConfig: dplens(['check'], broken),
      unknownRule: dplens(['check', '--rule', 'dag/unknwn-ref'], workspace),
      rules: dplens(['rules', '--format', 'json'], workspace),
      explain: dplens(['explain', 'dag/unknown-ref'], workspace),
      explainUnknown: dplens(['explain', 'dag/unknwn-ref'], workspace),
    };
    await Promise.all([baseline(), ...Object.entries(started).map(async ([key, run]) => (runs[key] = await run))]);
  });

  after(() => {
    for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
  });

  /** A run's parsed JSON output, failing with its standard error when it printed none. */
  function json(key: string): any {
    try {
      return JSON.parse(runs[key].stdout);
    } catch {
      assert.fail(`\`${key}\` printed no JSON (exit ${runs[key].code}):\n${runs[key].stderr}`);
    }
  }

  describe('check --format json', () => {
    it('writes the documented shape, with one-based positions and POSIX paths relative to the checked folder', () => {
      assert.equal(runs.json.code, 1, runs.json.stderr);
      const report = json('json');
      assert.deepEqual(Object.keys(report), ['version', 'root', 'summary', 'diagnostics']);
      assert.deepEqual(Object.keys(report.summary), ['files', 'errors', 'warnings', 'infos', 'parseCoverage']);
      assert.deepEqual(report.summary.parseCoverage, { models: 3, relations: 3, columns: 3, ast: 0, astAttempted: 0, rendered: 0 });
      assert.equal(report.version, 1);
      assert.equal(report.root, '.');
      assert.equal(report.diagnostics.length, 1);
      const [diagnostic] = report.diagnostics;
      // The only extra key a diagnostic may carry is its fixes.
      assert.deepEqual(Object.keys(diagnostic).filter((key) => key !== 'fixes'), DIAGNOSTIC_KEYS);
      assert.deepEqual(
        { ...diagnostic, fixes: undefined },
        { file: 'models/marts/fct_orders.sql', line: 3, column: 9, endLine: 3, endColumn: 32, severity: 'error', rule: 'dag/unknown-ref', message: TYPO, fixes: undefined },
      );
    });

    it('counts analysed SQL and YAML files, not seeds or files in ignored folders', () => {
      // dbt_project.yml, dplens.yml, the three properties files and the three models.
      const { files, errors, warnings, infos } = json('json').summary;
      assert.deepEqual({ files, errors, warnings, infos }, { files: 8, errors: 1, warnings: 0, infos: 0 });
    });

    it('reports only the file given as PATH', () => {
      assert.equal(runs.singleFile.code, 0, runs.singleFile.stderr);
      const report = json('singleFile');
      assert.equal(report.summary.files, 1);
      assert.deepEqual(report.diagnostics, []);
    });

    it('reports a sub-folder PATH relative to that folder, still resolving refs across the project', () => {
      assert.equal(runs.subFolder.code, 1);
      const report = json('subFolder');
      assert.equal(report.root, 'models/marts');
      assert.equal(report.summary.files, 3);
      assert.deepEqual(
        report.diagnostics.map((d: any) => [d.file, d.line, d.column, d.rule]),
        [['fct_orders.sql', 3, 9, 'dag/unknown-ref']],
      );
    });
  });

  describe('check in text and SARIF', () => {
    it('prints the finding at file:line:col with its suggestion', () => {
      assert.equal(runs.text.code, 1);
      assert.equal(runs.text.stdout.split('\n')[0], `models/marts/fct_orders.sql:3:9 error dag/unknown-ref ${TYPO}`);
    });

    it('writes a SARIF result at the same place', () => {
      assert.equal(runs.sarif.code, 1);
      const results = json('sarif').runs[0].results;
      assert.equal(results.length, 1);
      assert.equal(results[0].ruleId, 'dag/unknown-ref');
      assert.equal(results[0].message.text, TYPO);
      const location = results[0].locations[0].physicalLocation;
      assert.equal(location.artifactLocation.uri, 'models/marts/fct_orders.sql');
      assert.deepEqual([location.region.startLine, location.region.startColumn], [3, 9]);
    });
  });

  describe('exit codes', () => {
    it('fails on warnings over --max-warnings', () => {
      assert.equal(runs.maxWarnings.code, 1);
      assert.match(runs.maxWarnings.stdout, /fct_orders\.sql:3:9 warning dag\/unknown-ref/);
    });

    it('counts errors and warnings against --max-warnings', () => {
      const finding = (severity: Finding['severity']): Finding => ({ rule: 'x/y', severity, file: 'a.sql', message: '', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
      const cases: [Finding['severity'][], number | undefined, number][] = [
        [[], undefined, 0],
        [['info', 'info'], 0, 0],
        [['warning'], undefined, 0],
        [['warning'], 1, 0],
        [['warning', 'warning'], 1, 1],
        [['warning'], 0, 1],
        [['warning'], -1, 0],
        [['error'], 10, 1],
      ];
      for (const [severities, maxWarnings, code] of cases) assert.equal(exitCodeFor(severities.map(finding), maxWarnings), code, `${severities.join(',')} with --max-warnings ${maxWarnings}`);
    });

    const usageErrors: [string, string, RegExp][] = [
      ['unknownOption', 'an unknown option', /^dplens: Unknown option '--colour'$/],
      ['missingPath', 'a missing PATH', /^dplens: models\/nowhere: no such file or folder$/],
      ['brokenConfig', 'a malformed dplens.yml', /^dplens: dplens\.yml:3:\d+: Flow map .* end with a \}$/],
      ['unknownRule', 'an unknown --rule', /^dplens: --rule dag\/unknwn-ref names no rule; .*Did you mean `dag\/unknown-ref`\?$/],
    ];
    for (const [key, title, firstLine] of usageErrors) {
      it(`exits 2 on ${title}, with a one-line reason and no stack trace`, () => {
        assert.equal(runs[key].code, 2, runs[key].stderr);
        assert.equal(runs[key].stdout, '');
        assert.match(runs[key].stderr.split('\n')[0], firstLine);
        assert.doesNotMatch(runs[key].stderr, /\n\s+at /);
      });
    }

    it('rejects an unknown command and a bad --format as usage errors', () => {
      for (const argv of [['frobnicate'], ['check', '--format', 'xml'], ['rules', '--format', 'sarif'], ['check', '--max-warnings', 'some'], ['explain']]) {
        assert.throws(() => parseCommandLine(argv), UsageError, argv.join(' '));
      }
    });
  });

  describe('dplens.yml ignore', () => {
    it('skips the ignored paths while reading the workspace', async () => {
      const workspace = copyFixture();
      folders.push(workspace);
      fs.writeFileSync(path.join(workspace, 'dplens.yml'), "adapter: bigquery\nignore: ['models/marts/fct_orders.sql']\n");
      // In-process: the same code path as the command, without another process start.
      const run = await runCheck(parseCommandLine(['check', '--format', 'json']) as CheckArgs, workspace);
      const report = JSON.parse(run.output);
      assert.deepEqual([run.exitCode, report.summary.files, report.diagnostics], [0, 7, []]);
    });
  });

  describe('baselines', () => {
    it('records the findings, then hides them on the next run', () => {
      assert.equal(runs.writeBaseline.code, 1, runs.writeBaseline.stderr);
      assert.match(runs.writeBaseline.stderr, /Recorded 1 finding in baseline\.json\./);
      assert.equal(runs.baseline.code, 0, runs.baseline.stderr);
      assert.deepEqual(json('baseline').diagnostics, []);
      assert.match(runs.baseline.stderr, /1 finding hidden by the baseline baseline\.json\./);
    });
  });

  describe('rules and explain', () => {
    it('lists every rule as JSON', () => {
      assert.equal(runs.rules.code, 0);
      const listed = json('rules');
      assert.deepEqual(Object.keys(listed), ['version', 'rules']);
      assert.equal(listed.version, 1);
      assert.deepEqual(listed.rules.map((rule: any) => rule.id), RULES.map((rule) => rule.id));
      for (const rule of listed.rules) assert.deepEqual(Object.keys(rule), ['id', 'severity', 'description', 'equivalents', 'fixable', 'docs']);
      assert.deepEqual(listed.rules.find((rule: any) => rule.id === 'dag/unknown-ref').docs, 'docs/rules/dag/unknown-ref.md');
    });

    it('prints a rule’s documentation', () => {
      assert.equal(runs.explain.code, 0);
      assert.match(runs.explain.stdout, /^# dag\/unknown-ref\n/);
      assert.match(runs.explain.stdout, /## Why it matters/);
    });

    it('exits 2 on an unknown rule, suggesting the closest one', () => {
      assert.equal(runs.explainUnknown.code, 2);
      assert.equal(runs.explainUnknown.stderr, 'dplens: no rule `dag/unknwn-ref`; did you mean `dag/unknown-ref`?\n');
    });
  });
});
