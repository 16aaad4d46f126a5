/**
 * Patterns written in a repository (dbt-project-evaluator's `exclude_paths_from_project`, dplens.yml globs,
 * selection globs, the exceptions seed's LIKE patterns) never make the check backtrack catastrophically:
 * unsafe ones are refused with a located problem, and wildcards are matched without regular expressions.
 */
import assert from 'node:assert/strict';
import { checkWorkspace } from '../../../server/src/core/check';
import { parseDplensConfig } from '../../../server/src/core/config/dplens-config';
import type { Finding } from '../../../server/src/core/findings';
import { unsafeGlobReason, unsafeRegexReason } from '../../../server/src/core/pattern-safety';
import { fnmatch } from '../../../server/src/core/selection/syntax';
import { isExcludedFromEvaluation } from '../../../server/src/core/standards/exclusions';
import { likeMatches } from '../../../server/src/core/standards/exceptions';

const RULE = 'project/unsafe-exclude-pattern';
/** A path that almost matches `(a+)+$`-like patterns: a long run of `a`, then something else. */
const LONG_MODEL = `models/legacy/${'a'.repeat(60)}_x.sql`;

function evaluatorProject(patterns: string, extra: Record<string, string> = {}): Map<string, string> {
  return new Map(
    Object.entries({
      'dbt_project.yml': `name: shop\nprofile: shop\nvars:\n  dbt_project_evaluator:\n    exclude_paths_from_project:\n${patterns}`,
      'dplens.yml': 'adapter: bigquery\n',
      [LONG_MODEL]: 'select 1 as id\n',
      'models/legacy/orders.sql': 'select 1 as order_id\n',
      'models/marts/fct_orders.sql': "select * from {{ ref('orders') }}\n",
      ...extra,
    }),
  );
}

function timed<T>(run: () => T): { value: T; millis: number } {
  const started = performance.now();
  const value = run();
  return { value, millis: performance.now() - started };
}

function lineOf(text: string, fragment: string): number {
  return text.slice(0, text.indexOf(fragment)).split('\n').length - 1;
}

describe('limits: patterns from configuration', () => {
  describe('the safety check', () => {
    const cases: [string, 'safe' | RegExp][] = [
      ['(a+)+$', /already repeats/],
      ['([a-z]+)*$', /already repeats/],
      ['((a+)b)+', /already repeats/],
      ['(a|aa)+$', /group of alternatives/],
      ['(x|y)*z', /group of alternatives/],
      ['.*a.*a.*b', /more than 2 variable quantifiers/],
      ['(a.*){3}', /more than 2 variable quantifiers/],
      ['^models/legacy/', 'safe'],
      ['\\/models\\/legacy\\/', 'safe'],
      ['^models/(staging|marts)/legacy/.*', 'safe'],
      ['.*/tmp_.*', 'safe'],
      ['(?P<name>a+)b', 'safe'],
      ['[a-z+*(]+_v[0-9]{1,3}$', 'safe'],
      ['\\(+x', 'safe'],
    ];
    for (const [pattern, verdict] of cases) {
      it(`${verdict === 'safe' ? 'accepts' : 'refuses'} /${pattern}/`, () => {
        const reason = unsafeRegexReason(pattern);
        if (verdict === 'safe') assert.equal(reason, undefined);
        else assert.match(reason ?? '(accepted)', verdict);
      });
    }

    const globs: [string, 'safe' | RegExp][] = [
      ['models/**/*.sql', 'safe'],
      ['**/*_tmp_*.sql', 'safe'],
      ['models/legacy/**', 'safe'],
      ['**/a/**/a/**/b', 'safe'],
      ['*a*a*b', /holds 3 `\*` wildcards/],
      ['**/a/**/a/**/a/**/b', /holds 4 wildcards/],
    ];
    for (const [glob, verdict] of globs) {
      it(`${verdict === 'safe' ? 'accepts' : 'refuses'} the glob ${glob}`, () => {
        const reason = unsafeGlobReason(glob);
        if (verdict === 'safe') assert.equal(reason, undefined);
        else assert.match(reason ?? '(accepted)', verdict);
      });
    }
  });

  describe('exclude_paths_from_project in dbt_project.yml', () => {
    it('refuses `(a+)+$` with a finding at the pattern, and checks a long path in well under 100 ms', () => {
      const files = evaluatorProject('      - "(a+)+$"\n');
      const outcome = checkWorkspace(files);
      const { value: excluded, millis } = timed(() => isExcludedFromEvaluation(outcome.index, LONG_MODEL));
      assert.equal(excluded, false);
      assert.ok(millis < 100, `matched in ${millis.toFixed(1)} ms`);
      const reported = outcome.findings.filter((finding) => finding.rule === RULE);
      assert.equal(reported.length, 1);
      const [finding] = reported;
      assert.equal(finding.file, 'dbt_project.yml');
      assert.equal(finding.range.start.line, lineOf(files.get('dbt_project.yml')!, '"(a+)+$"'));
      assert.match(finding.message, /The pattern `\(a\+\)\+\$` of `exclude_paths_from_project` is not used: a quantifier applies to something that already repeats/);
      assert.match(finding.message, /Rewrite it without nested or overlapping repetition/);
    });

    it('locates a pattern given as one string at top-level vars, and keeps the safe patterns beside an unsafe one', () => {
      const files = new Map(evaluatorProject(''));
      files.set('dbt_project.yml', 'name: shop\nprofile: shop\nvars:\n  exclude_paths_from_project: "(a|aa)+$"\n');
      const single = checkWorkspace(files).findings.filter((finding) => finding.rule === RULE);
      assert.deepEqual(single.map((finding) => finding.range.start.line), [3]);
      const mixed = checkWorkspace(evaluatorProject('      - "^models/legacy/"\n      - ".*a.*a.*a.*b"\n'));
      assert.deepEqual(mixed.findings.filter((finding) => finding.rule === RULE).map((finding) => finding.range.start.line), [6]);
      assert.equal(isExcludedFromEvaluation(mixed.index, 'models/legacy/orders.sql'), true);
    });

    it('still applies a safe pattern: evaluator findings in excluded files are dropped', () => {
      const evaluatorFindingsIn = (findings: Finding[], file: string) => findings.filter((finding) => finding.file === file && finding.rule !== RULE);
      const without = checkWorkspace(evaluatorProject('      - "^models/nothing/"\n'));
      const excluded = checkWorkspace(evaluatorProject('      - "^models/legacy/"\n'));
      assert.ok(evaluatorFindingsIn(without.findings, 'models/legacy/orders.sql').length > evaluatorFindingsIn(excluded.findings, 'models/legacy/orders.sql').length);
      assert.equal(isExcludedFromEvaluation(excluded.index, 'models/legacy/orders.sql'), true);
      assert.equal(isExcludedFromEvaluation(excluded.index, 'models/marts/fct_orders.sql'), false);
      assert.deepEqual(excluded.findings.filter((finding) => finding.rule === RULE), []);
    });
  });

  describe('globs in dplens.yml', () => {
    it('refuses a glob with too many wildcards as a located config problem, and the check stays fast on long paths', () => {
      const text = "adapter: bigquery\nexclude:\n  - 'models/legacy/**'\n  - '*a*a*a*a*a*a*b'\n";
      const parsed = parseDplensConfig(text);
      assert.deepEqual(parsed.config.exclude, ['models/legacy/**']);
      assert.equal(parsed.problems.length, 1);
      assert.match(parsed.problems[0].message, /The glob `\*a\*a\*a\*a\*a\*a\*b` in `exclude` is not used: one of its path segments holds 7 `\*` wildcards/);
      assert.equal(text.slice(parsed.problems[0].span.start, parsed.problems[0].span.end), "'*a*a*a*a*a*a*b'");
      const files = evaluatorProject('      - "^models/nothing/"\n', { 'dplens.yml': text, [`models/${'a'.repeat(250)}.sql`]: 'select 1 as id\n' });
      const { value: outcome, millis } = timed(() => checkWorkspace(files));
      assert.equal(outcome.configProblems.length, 1);
      assert.ok(millis < 5000, `checked in ${millis.toFixed(0)} ms`);
      // The safe glob beside it still applies.
      assert.deepEqual(outcome.findings.filter((finding) => finding.file.startsWith('models/legacy/')), []);
    });
  });

  describe('wildcards matched without regular expressions', () => {
    const longName = 'a'.repeat(5000);

    it('matches fnmatch globs with many stars on a long name in linear time', () => {
      const { value, millis } = timed(() => fnmatch(longName, '*a*a*a*a*a*a*a*a*a*a*b'));
      assert.equal(value, false);
      assert.ok(millis < 100, `matched in ${millis.toFixed(1)} ms`);
      assert.equal(fnmatch(`${longName}b`, '*a*a*a*a*a*a*a*a*a*a*b'), true);
    });

    it('keeps fnmatch semantics: `*` crosses dots and slashes, `?` one character, sets and negated sets', () => {
      const cases: [string, string, boolean][] = [
        ['staging.stg_orders', 'staging.*', true],
        ['models/staging/stg_orders.sql', 'models/*.sql', true],
        ['stg_orders', 'stg_?rders', true],
        ['stg_orders', 'stg_[op]rders', true],
        ['stg_orders', 'stg_[!o]rders', false],
        ['stg_1', 'stg_[0-9]', true],
        ['stg_[x', 'stg_[x', true],
        ['stg_orders', 'stg_', false],
        ['', '*', true],
      ];
      for (const [name, pattern, expected] of cases) assert.equal(fnmatch(name, pattern), expected, `${name} ~ ${pattern}`);
    });

    it('matches LIKE patterns of the exceptions seed with many `%` in linear time, with SQL semantics', () => {
      const { value, millis } = timed(() => likeMatches('%a%a%a%a%a%a%a%a%a%a%b', longName));
      assert.equal(value, false);
      assert.ok(millis < 100, `matched in ${millis.toFixed(1)} ms`);
      assert.equal(likeMatches('stg_%', 'stg_orders'), true);
      assert.equal(likeMatches('stg\\_%', 'stgxorders'), false);
      assert.equal(likeMatches('fct_order_', 'fct_orders'), true);
      assert.equal(likeMatches('FCT_%', 'fct_orders'), false);
      assert.equal(likeMatches('%.orders', 'models/x.orders'), true);
    });
  });
});
