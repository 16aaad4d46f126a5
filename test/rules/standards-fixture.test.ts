/**
 * The standards rules on a project modelled on dbt-project-evaluator's own situations
 * (test/fixtures/standards/evaluator-situations): they must report exactly the findings listed by hand in
 * `expected-findings.json` (explained, one by one, in `EXPECTED.md`), no more and no fewer.
 *
 * The expectations were written from the evaluator's documented behaviour before any standards rule ran
 * against the fixture. When this test fails, judge the difference against the evaluator's documentation;
 * never copy the tool's output into the expectations.
 *
 * Compared: every registered rule of the standards families (dag/, naming/, layout/, docs/, testing/,
 * governance/, and yaml/unknown-key, yaml/invalid-value, yaml/deprecated-key), the existing
 * dag/unknown-ref, dag/unknown-source and dag/cycle included, by file, line and column (one-based) and rule id.
 *
 * While the standards rules are being written, a rule id that is not yet in the registry cannot be checked:
 * each such rule gets one pending test, named after it, saying "rule X not registered yet" and how many
 * findings it is expected to report, and only the registered rules are compared.
 * Once every rule of issue 5 is registered, nothing is pending.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkWorkspace } from '../../server/src/core/check';
import { RULES } from '../../server/src/core/rules/registry';
import { readWorkspace } from '../../server/src/io/workspace-reader';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'standards', 'evaluator-situations');

interface ExpectedFinding {
  file: string;
  /** One-based. */
  line: number;
  /** One-based. */
  column: number;
  rule: string;
}

/** The rule ids issue 5 fixes, plus the DAG rules that already exist: each one is either compared or pending. */
const STANDARDS_RULES = [
  'dag/chained-views',
  'dag/cycle',
  'dag/direct-join-to-source',
  'dag/duplicate-source',
  'dag/hard-coded-reference',
  'dag/marts-or-intermediate-depends-on-source',
  'dag/model-fanout',
  'dag/multiple-sources-joined',
  'dag/rejoining-upstream-concepts',
  'dag/root-model',
  'dag/source-fanout',
  'dag/staging-depends-on-downstream',
  'dag/staging-depends-on-staging',
  'dag/too-many-joins',
  'dag/unknown-ref',
  'dag/unknown-source',
  'dag/unused-source',
  'docs/coverage',
  'docs/undocumented-column',
  'docs/undocumented-model',
  'docs/undocumented-source',
  'docs/undocumented-source-table',
  'governance/exposure-depends-on-private-model',
  'governance/public-model-without-contract',
  'governance/ref-to-deprecated-model',
  'governance/undocumented-public-model',
  'layout/model-directory',
  'layout/model-without-properties',
  'layout/source-directory',
  'layout/test-directory',
  'naming/column-type-suffix',
  'naming/model-prefix',
  'naming/snake-case',
  'naming/staging-name',
  'testing/coverage',
  'testing/missing-primary-key-test',
  'testing/source-without-freshness',
  'yaml/deprecated-key',
  'yaml/invalid-value',
  'yaml/unknown-key',
];

const YAML_STANDARDS_RULES = new Set(['yaml/unknown-key', 'yaml/invalid-value', 'yaml/deprecated-key']);

/** Whether a rule belongs to the families this fixture checks, including rules added beyond the list. */
function isStandardsRule(rule: string): boolean {
  return /^(dag|naming|layout|docs|testing|governance)\//.test(rule) || YAML_STANDARDS_RULES.has(rule);
}

const key = (finding: ExpectedFinding) => `${finding.file}:${finding.line}:${finding.column} ${finding.rule}`;

describe('standards rules on the evaluator-situations fixture', () => {
  const expected: ExpectedFinding[] = JSON.parse(fs.readFileSync(path.join(FIXTURE, 'expected-findings.json'), 'utf8'));
  const files = readWorkspace(FIXTURE).files;
  const outcome = checkWorkspace(files);
  const actual: ExpectedFinding[] = outcome.findings
    .filter((finding) => isStandardsRule(finding.rule))
    .map((finding) => ({ file: finding.file, line: finding.range.start.line + 1, column: finding.range.start.character + 1, rule: finding.rule }));
  const registered = new Set(RULES.map((rule) => rule.id));

  describe('the hand-written expectations', () => {
    it('name only rules of the issue, in files of the fixture, at positions inside those files', () => {
      for (const finding of expected) {
        assert.ok(STANDARDS_RULES.includes(finding.rule), `${key(finding)}: not a standards rule id of issue 5`);
        const text = files.get(finding.file);
        assert.ok(text !== undefined, `${key(finding)}: no such file in the fixture`);
        const line = text.split('\n')[finding.line - 1];
        assert.ok(line !== undefined && finding.column >= 1 && finding.column <= line.length + 1, `${key(finding)}: outside the file`);
      }
    });

    it('list each finding once', () => {
      const keys = expected.map(key);
      assert.deepEqual(keys, [...new Set(keys)]);
    });
  });

  it('the fixture is well-formed: its YAML and Jinja read without errors', () => {
    const broken = outcome.findings.filter((finding) => ['yaml/syntax', 'yaml/invalid-properties', 'jinja/syntax'].includes(finding.rule));
    assert.deepEqual(broken.map((finding) => `${finding.file}: ${finding.rule}: ${finding.message}`), []);
  });

  const rules = [...new Set([...STANDARDS_RULES, ...[...registered].filter(isStandardsRule)])].sort();
  for (const rule of rules) {
    const expectedHere = expected.filter((finding) => finding.rule === rule).map(key).sort();
    if (!registered.has(rule)) {
      it(`${rule}: pending, rule ${rule} not registered yet (${expectedHere.length} finding(s) expected)`, function () {
        this.skip();
      });
      continue;
    }
    it(`${rule}: exactly the ${expectedHere.length} expected finding(s)`, () => {
      const actualHere = actual.filter((finding) => finding.rule === rule).map(key).sort();
      assert.deepEqual(actualHere, expectedHere);
    });
  }
});
