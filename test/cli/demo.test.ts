/**
 * The demo project in examples/demo: `dplens check --format json` must report exactly the
 * `dag/unknown-ref` and `dag/unknown-source` findings listed in its expected-findings.json,
 * at the same one-based line and column (the start of the `ref`/`source` call, per EXPECTED.md).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCommandLine, type CheckArgs } from '../../server/src/cli/args';
import { runCheck } from '../../server/src/cli/check-command';

const DEMO = path.resolve(__dirname, '..', '..', 'examples', 'demo');
const RULES_LISTED = ['dag/unknown-ref', 'dag/unknown-source'];

interface Row {
  file: string;
  line: number;
  column: number;
  rule: string;
}

describe('examples/demo', () => {
  it('reports exactly the expected unknown refs and sources, at their documented positions', async () => {
    const expected: Row[] = JSON.parse(fs.readFileSync(path.join(DEMO, 'expected-findings.json'), 'utf8'));
    // The same path as `dplens check . --format json` run in the demo folder, without the cost of a process.
    const run = await runCheck(parseCommandLine(['check', '.', '--format', 'json']) as CheckArgs, DEMO);
    const report = JSON.parse(run.output);
    const actual: Row[] = report.diagnostics
      .filter((diagnostic: Row) => RULES_LISTED.includes(diagnostic.rule))
      .map(({ file, line, column, rule }: Row) => ({ file, line, column, rule }));
    const key = (row: Row) => `${row.file}:${row.line}:${row.column} ${row.rule}`;
    assert.deepEqual(actual.map(key).sort(), expected.map(key).sort());
    assert.equal(run.exitCode, 1);
  });
});
