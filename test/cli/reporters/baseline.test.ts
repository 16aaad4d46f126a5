import assert from 'node:assert/strict';
import { applyBaseline, writeBaseline } from '../../../server/src/cli/baseline';
import { environment, finding, sampleReport } from './fixture';

const FILE = 'models/a.sql';

/** A report of `count` identical findings on identical lines, the case multiset semantics exists for. */
function duplicates(count: number) {
  const files = { [FILE]: 'select *\n'.repeat(count) };
  const findings = Array.from({ length: count }, (_, line) => finding('sql/select-star', 'warning', FILE, [line, 0, line, 8], 'Avoid `select *`.'));
  return { report: sampleReport({ findings }), env: environment(files) };
}

describe('baseline', () => {
  it('writes a stable, sorted file that hides every finding it was written from', () => {
    const report = sampleReport();
    const text = writeBaseline(report, environment());
    assert.equal(writeBaseline(sampleReport({ findings: [...report.findings].reverse() }), environment()), text);
    assert.ok(text.endsWith('}\n'));
    const parsed = JSON.parse(text);
    assert.equal(parsed.version, 1);
    assert.equal(parsed.tool, 'dplens');
    assert.deepEqual(
      parsed.findings.map((entry: { file: string; rule: string }) => `${entry.file} ${entry.rule}`),
      ['models/marts/fct_orders.sql dag/unknown-ref', 'models/marts/fct_orders.sql sql/leading-comment', 'models/staging/stg_orders.sql sql/select-star'],
    );
    assert.deepEqual(Object.keys(parsed.findings[0]), ['file', 'rule', 'fingerprint', 'message']);

    const result = applyBaseline(report, text, environment());
    assert.deepEqual(result.report.findings, []);
    assert.equal(result.hidden, 3);
    assert.equal(result.stale, 0);
    assert.deepEqual(result.problems, []);
  });

  it('still hides findings that moved, and shows new ones', () => {
    const report = sampleReport();
    const text = writeBaseline(report, environment());
    const newcomer = finding('dag/unknown-ref', 'error', 'models/marts/fct_orders.sql', [4, 0, 4, 4], 'A new problem.');
    const result = applyBaseline(sampleReport({ findings: [newcomer, ...report.findings] }), text, environment());
    assert.deepEqual(result.report.findings, [newcomer]);
    assert.equal(result.hidden, 3);
  });

  it('hides a fingerprint only as many times as it is recorded', () => {
    const two = duplicates(2);
    const text = writeBaseline(two.report, two.env);
    const three = duplicates(3);
    const result = applyBaseline(three.report, text, three.env);
    assert.equal(result.hidden, 2);
    assert.equal(result.report.findings.length, 1);

    // The same fingerprint recorded twice by hand still hides at most two.
    const fingerprint = JSON.parse(text).findings[0].fingerprint;
    const doubled = JSON.stringify({ version: 1, tool: 'dplens', findings: [{ fingerprint }, { fingerprint }, { fingerprint }] });
    const one = duplicates(1);
    const fewer = applyBaseline(one.report, doubled, one.env);
    assert.equal(fewer.hidden, 1);
    assert.equal(fewer.stale, 2);
  });

  it('counts entries that no longer match anything as stale', () => {
    const text = writeBaseline(sampleReport(), environment());
    const result = applyBaseline(sampleReport({ findings: [] }), text, environment());
    assert.equal(result.hidden, 0);
    assert.equal(result.stale, 3);
  });

  describe('a malformed baseline hides nothing and says why, without throwing', () => {
    const cases: [string, string, RegExp][] = [
      ['invalid JSON', '{"version": 1,', /not valid JSON/],
      ['an array', '[]', /must be a JSON object/],
      ['another tool', '{"version":1,"tool":"eslint","findings":[]}', /"eslint", not "dplens"/],
      ['a future version', '{"version":2,"tool":"dplens","findings":[]}', /version 2, but this dplens reads version 1/],
      ['findings not a list', '{"version":1,"tool":"dplens","findings":{}}', /"findings" must be an array/],
    ];
    for (const [name, text, problem] of cases) {
      it(name, () => {
        const report = sampleReport();
        const result = applyBaseline(report, text, environment());
        assert.equal(result.report, report);
        assert.equal(result.hidden, 0);
        assert.equal(result.problems.length, 1);
        assert.match(result.problems[0], problem);
        assert.match(result.problems[0], /regenerate the baseline/);
      });
    }

    it('skips a bad entry but applies the others', () => {
      const report = sampleReport();
      const good = JSON.parse(writeBaseline(report, environment()));
      good.findings.push({ file: 'x' }, 'nonsense');
      const result = applyBaseline(report, JSON.stringify(good), environment());
      assert.equal(result.hidden, 3);
      assert.deepEqual(result.problems, [
        'Baseline entry 4 has no "fingerprint" string and was ignored; regenerate the baseline to fix this.',
        'Baseline entry 5 has no "fingerprint" string and was ignored; regenerate the baseline to fix this.',
      ]);
    });
  });
});
