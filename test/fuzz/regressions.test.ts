/**
 * Inputs the fuzzer found crashing, hanging or misplacing a finding, kept as they were found (or reduced) and run
 * on every `npm test` through the same checks as the fuzz suite. A file's name is `<what>@<workspace path>`, with
 * `__` for each `/` of the path, so the input is checked where it was found.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { withProductStackTraceLimit } from './cases';
import { runCase } from './harness';
import { Prng } from './prng';
import { BASE_WORKSPACE } from './seeds';

const DIR = path.join(__dirname, 'regressions');
/**
 * A hang detector, not a benchmark: before their fixes these inputs took 8–60 s, and the slowest (the alias bomb)
 * takes about 0.6 s now, even on a loaded 2-core machine, so a shared CI machine keeps a wide margin.
 */
const MAX_MS = 10_000;

describe('fuzz regressions: inputs that once failed', () => {
  const names = fs.readdirSync(DIR).filter((name) => name.includes('@')).sort();
  // The bound is about the product, which runs with Node's default stack trace limit (see cases.ts).
  withProductStackTraceLimit();

  it('has the inputs found so far', () => {
    assert.ok(names.length >= 7, `expected the regression inputs in ${DIR}, found ${names.length}`);
  });

  for (const name of names) {
    it(name, function () {
      this.timeout(30_000);
      const workspacePath = name.slice(name.indexOf('@') + 1).replace(/\+/g, '/');
      const text = fs.readFileSync(path.join(DIR, name), 'utf8');
      // Twice: the first run also loads parsers, which the time bound must not count.
      runCase(BASE_WORKSPACE, workspacePath, text, new Prng(1, 0), true);
      const result = runCase(BASE_WORKSPACE, workspacePath, text, new Prng(1, 0), true);
      assert.deepEqual(result.failures, []);
      assert.ok(result.ms < MAX_MS, `took ${Math.round(result.ms)} ms, over ${MAX_MS} ms`);
    });
  }
});
