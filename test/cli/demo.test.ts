/**
 * The demo project in examples/demo: `dplens check --format json` must report exactly the findings
 * listed in its expected-findings.json (every rule, the standards rules included), at the same
 * one-based line and column (see EXPECTED.md, which says what each one is and why it is there).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCommandLine, type CheckArgs } from '../../server/src/cli/args';
import { runCheck } from '../../server/src/cli/check-command';

const DEMO = path.resolve(__dirname, '..', '..', 'examples', 'demo');

interface Row {
  file: string;
  line: number;
  column: number;
  rule: string;
}

describe('examples/demo', () => {
  it('reports exactly the expected findings, at their documented positions', async () => {
    const expected: Row[] = JSON.parse(fs.readFileSync(path.join(DEMO, 'expected-findings.json'), 'utf8'));
    // The same path as `dplens check . --format json` run in the demo folder, without the cost of a process.
    const run = await runCheck(parseCommandLine(['check', '.', '--format', 'json']) as CheckArgs, DEMO);
    const report = JSON.parse(run.output);
    const actual: Row[] = report.diagnostics.map(({ file, line, column, rule }: Row) => ({ file, line, column, rule }));
    const key = (row: Row) => `${row.file}:${row.line}:${row.column} ${row.rule}`;
    assert.deepEqual(actual.map(key).sort(), expected.map(key).sort());
    assert.equal(run.exitCode, 1);
  });

  it('shows every family of rules at least once', () => {
    const expected: Row[] = JSON.parse(fs.readFileSync(path.join(DEMO, 'expected-findings.json'), 'utf8'));
    const families = new Set(expected.map((row) => row.rule.split('/')[0]));
    for (const family of ['dag', 'naming', 'layout', 'docs', 'testing', 'governance', 'yaml', 'pipeline']) assert.ok(families.has(family), `no ${family}/ finding in the demo`);
  });
});
