/**
 * The bounded fuzz suite: mutated real-shaped inputs of every kind through the whole check and the editor
 * features. No exception may escape, no internal-error finding may appear, every finding must lie inside its
 * document, and every input must finish within a time bound.
 *
 * `npm test` runs 10,000 inputs from a fixed seed, shared between worker threads (two by default: one per core of
 * the CI machine); `npm run fuzz` runs many more from a fresh seed. Every case is rebuilt from the seed and its
 * number alone, so a failure replays with `FUZZ_SEED=<seed> FUZZ_CASE=<n>`, in this thread.
 */
import assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { emptyFigures, kindOfCase, runCases, seedsByKind, warmUp, withProductStackTraceLimit, type CaseSettings, type KindFigures } from './cases';
import { INPUT_KINDS, type InputKind } from './seeds';

const SETTINGS: CaseSettings = {
  seed: process.env.FUZZ_SEED === 'random' ? (Math.random() * 0x100000000) >>> 0 : Number(process.env.FUZZ_SEED ?? 20261130) >>> 0,
  maxMs: Number(process.env.FUZZ_MAX_MS ?? 2000),
  thorough: process.env.FUZZ_THOROUGH === '1',
  trace: Boolean(process.env.FUZZ_TRACE),
};
const ITERATIONS = Number(process.env.FUZZ_ITERATIONS ?? 10_000);
/** One case only, to replay a failure. */
const ONLY_CASE = process.env.FUZZ_CASE === undefined ? undefined : Number(process.env.FUZZ_CASE);
/** More threads than cores would only make each case slower against its time bound. */
const WORKERS = ONLY_CASE !== undefined ? 0 : Math.max(0, Math.min(Number(process.env.FUZZ_WORKERS ?? 2), os.availableParallelism()));

interface WorkerOutput {
  warmUpProblems: string[];
  figures: [InputKind, KindFigures][];
}

/** Starts a worker thread on `caseNumbers`; the bootstrap registers tsx so the worker can load the TypeScript suite. */
function runInWorker(caseNumbers: number[]): Promise<WorkerOutput> {
  const bootstrap = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(path.join(__dirname, 'worker.ts'))});`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(bootstrap, { eval: true, workerData: { caseNumbers, settings: SETTINGS } });
    worker.once('message', (output: WorkerOutput) => resolve(output));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the fuzz worker exited with code ${code} before reporting`)));
  });
}

function merge(into: KindFigures, from: KindFigures): void {
  into.inputs += from.inputs;
  into.exceptions += from.exceptions;
  into.failures += from.failures;
  into.failed.push(...from.failed);
  if (from.slowest.ms > into.slowest.ms) into.slowest = from.slowest;
}

describe('fuzz: mutated inputs through the whole check and the editor features', function () {
  const seeds = seedsByKind();
  const figures = new Map<InputKind, KindFigures>(INPUT_KINDS.map((kind) => [kind, emptyFigures()]));
  const warmUpProblems: string[] = [];
  withProductStackTraceLimit();

  before(async function () {
    this.timeout(0);
    const caseNumbers = ONLY_CASE !== undefined ? [ONLY_CASE] : Array.from({ length: ITERATIONS }, (_, n) => n);
    console.log(`\n  fuzz: seed ${SETTINGS.seed}${SETTINGS.thorough ? ' (thorough)' : ''}, ${ONLY_CASE === undefined ? `${ITERATIONS} inputs` : `case ${ONLY_CASE} only`}, ${WORKERS === 0 ? 'in this thread' : `${WORKERS} worker threads`} (replay with FUZZ_SEED=${SETTINGS.seed} FUZZ_CASE=<n>)`);
    if (WORKERS === 0) {
      warmUpProblems.push(...warmUp(seeds, SETTINGS.seed));
      for (const [kind, own] of runCases(seeds, caseNumbers, SETTINGS)) merge(figures.get(kind)!, own);
      return;
    }
    // Round-robin shares: every worker gets every kind, so no thread waits on a share of slow kinds.
    const shares = Array.from({ length: WORKERS }, (_, worker) => caseNumbers.filter((_, position) => position % WORKERS === worker));
    for (const output of await Promise.all(shares.map(runInWorker))) {
      warmUpProblems.push(...output.warmUpProblems);
      for (const [kind, own] of output.figures) merge(figures.get(kind)!, own);
    }
  });

  it('has seeds of every input kind, and the unmutated seeds check cleanly', () => {
    for (const kind of INPUT_KINDS) assert.ok(seeds.get(kind)!.length > 0, `no seed of kind ${kind}`);
    assert.deepEqual(warmUpProblems, []);
  });

  for (const kind of INPUT_KINDS) {
    it(`survives mutated ${kind} inputs`, () => {
      const own = figures.get(kind)!;
      const expected = ONLY_CASE !== undefined ? Number(kindOfCase(ONLY_CASE) === kind) : Math.ceil((ITERATIONS - INPUT_KINDS.indexOf(kind)) / INPUT_KINDS.length);
      assert.equal(own.inputs, expected, `${kind}: ran ${own.inputs} inputs, expected ${expected}`);
      assert.equal(own.failed.length, 0, `${own.failed.length} of ${own.inputs} ${kind} inputs failed (FUZZ_SEED=${SETTINGS.seed}):\n${own.failed.slice(0, 10).join('\n')}`);
    });
  }

  after(() => {
    const rows = [...figures].filter(([, own]) => own.inputs > 0);
    const total = rows.reduce((sum, [, own]) => sum + own.inputs, 0);
    const exceptions = rows.reduce((sum, [, own]) => sum + own.exceptions, 0);
    const failures = rows.reduce((sum, [, own]) => sum + own.failures, 0);
    const slowest = rows.map(([, own]) => own.slowest).sort((a, b) => b.ms - a.ms)[0];
    console.log(`\n  fuzz figures (seed ${SETTINGS.seed}):`);
    for (const [kind, own] of rows) console.log(`    ${kind.padEnd(16)} ${String(own.inputs).padStart(7)} inputs, ${own.exceptions} escaped exceptions, ${own.failures} failing, slowest ${Math.round(own.slowest.ms)} ms`);
    console.log(`    ${'total'.padEnd(16)} ${String(total).padStart(7)} inputs, ${exceptions} escaped exceptions, ${failures} failing inputs`);
    if (slowest) console.log(`    slowest input: ${Math.round(slowest.ms)} ms (case ${slowest.caseNumber}, ${slowest.path}, ${slowest.mutations.join(' + ')})`);
  });
});
