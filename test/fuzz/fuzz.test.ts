/**
 * The bounded fuzz suite: mutated real-shaped inputs of every kind through the whole check and the editor
 * features. No exception may escape, no internal-error finding may appear, every finding must lie inside its
 * document, and every input must finish within a time bound.
 *
 * `npm test` runs 10,000 inputs from a fixed seed; `npm run fuzz` runs many more from a fresh seed. Every case is
 * rebuilt from the seed and its number alone, so a failure replays with `FUZZ_SEED=<seed> FUZZ_CASE=<n>`.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCase } from './harness';
import { mutate } from './mutators';
import { Prng } from './prng';
import { BASE_WORKSPACE, INPUT_KINDS, loadSeeds, type InputKind, type Seed } from './seeds';

const SEED = process.env.FUZZ_SEED === 'random' ? (Math.random() * 0x100000000) >>> 0 : Number(process.env.FUZZ_SEED ?? 20261130) >>> 0;
const ITERATIONS = Number(process.env.FUZZ_ITERATIONS ?? 10_000);
/** One case only, to replay a failure. */
const ONLY_CASE = process.env.FUZZ_CASE === undefined ? undefined : Number(process.env.FUZZ_CASE);
/** The most one input may take, whole check and editor features together. */
const MAX_MS = Number(process.env.FUZZ_MAX_MS ?? 2000);
/** The longer mode also asks the editor features at more offsets of each input. */
const THOROUGH = process.env.FUZZ_THOROUGH === '1';
/** Where failing inputs are written, so they can be read, minimised and kept as regression fixtures. */
const FAILURES_DIR = path.join(os.tmpdir(), 'dplens-fuzz-failures');

interface KindFigures {
  inputs: number;
  exceptions: number;
  failures: number;
  slowest: { ms: number; caseNumber: number; path: string; mutations: string[] };
}

/** Case `n` checks an input of kind `n mod kinds`, so every kind gets its share whatever the iteration count. */
function buildCase(seeds: ReadonlyMap<InputKind, Seed[]>, caseNumber: number): { seed: Seed; text: string; mutations: string[]; rng: Prng } {
  const rng = new Prng(SEED, caseNumber);
  const kind = INPUT_KINDS[caseNumber % INPUT_KINDS.length];
  const seed = rng.pick(seeds.get(kind)!);
  const { text, mutations } = mutate(seed.text, rng);
  return { seed, text, mutations, rng };
}

describe('fuzz: mutated inputs through the whole check and the editor features', function () {
  const seeds = new Map<InputKind, Seed[]>(INPUT_KINDS.map((kind) => [kind, []]));
  for (const seed of loadSeeds()) seeds.get(seed.kind)!.push(seed);
  const figures = new Map<InputKind, KindFigures>(INPUT_KINDS.map((kind) => [kind, { inputs: 0, exceptions: 0, failures: 0, slowest: { ms: 0, caseNumber: -1, path: '', mutations: [] } }]));

  before(() => {
    console.log(`\n  fuzz: seed ${SEED}${THOROUGH ? ' (thorough)' : ''}, ${ONLY_CASE === undefined ? `${ITERATIONS} inputs` : `case ${ONLY_CASE} only`} (replay with FUZZ_SEED=${SEED} FUZZ_CASE=<n>)`);
  });

  it('has seeds of every input kind, and the unmutated seeds check cleanly', function () {
    this.timeout(60_000);
    for (const kind of INPUT_KINDS) assert.ok(seeds.get(kind)!.length > 0, `no seed of kind ${kind}`);
    // Also the warm-up: the first run of each kind loads parsers and grammars, which the time bound must not count.
    for (const seed of [...seeds.values()].flat()) {
      const result = runCase(BASE_WORKSPACE, seed.path, seed.text, new Prng(SEED, -1));
      assert.deepEqual(result.failures, [], `seed ${seed.path} of kind ${seed.kind}`);
    }
  });

  for (const kind of INPUT_KINDS) {
    it(`survives mutated ${kind} inputs`, function () {
      this.timeout(0);
      const own = figures.get(kind)!;
      const failed: string[] = [];
      const kindIndex = INPUT_KINDS.indexOf(kind);
      const caseNumbers = ONLY_CASE !== undefined ? (ONLY_CASE % INPUT_KINDS.length === kindIndex ? [ONLY_CASE] : []) : [];
      if (ONLY_CASE === undefined) for (let n = kindIndex; n < ITERATIONS; n += INPUT_KINDS.length) caseNumbers.push(n);
      for (const caseNumber of caseNumbers) {
        const { seed, text, mutations, rng } = buildCase(seeds, caseNumber);
        if (process.env.FUZZ_TRACE) console.log(`    case ${caseNumber} ${seed.path} ${mutations.join(' + ')} (${text.length} chars)`);
        const result = runCase(BASE_WORKSPACE, seed.path, text, rng, THOROUGH);
        if (process.env.FUZZ_TRACE) console.log(`      ${Math.round(result.ms)} ms`);
        own.inputs++;
        own.exceptions += result.exceptions;
        if (result.ms > own.slowest.ms) own.slowest = { ms: result.ms, caseNumber, path: seed.path, mutations };
        const problems = [...result.failures];
        if (result.ms > MAX_MS) problems.push(`took ${Math.round(result.ms)} ms, over the bound of ${MAX_MS} ms`);
        if (problems.length === 0) continue;
        own.failures++;
        fs.mkdirSync(FAILURES_DIR, { recursive: true });
        const saved = path.join(FAILURES_DIR, `${SEED}-${caseNumber}-${path.basename(seed.path)}`);
        fs.writeFileSync(saved, text);
        failed.push(`case ${caseNumber} (${seed.path}, ${mutations.join(' + ')}; input in ${saved}):\n      ${problems.join('\n      ')}`);
      }
      assert.equal(failed.length, 0, `${failed.length} of ${caseNumbers.length} ${kind} inputs failed (FUZZ_SEED=${SEED}):\n${failed.slice(0, 10).join('\n')}`);
    });
  }

  after(() => {
    const rows = [...figures].filter(([, own]) => own.inputs > 0);
    const total = rows.reduce((sum, [, own]) => sum + own.inputs, 0);
    const exceptions = rows.reduce((sum, [, own]) => sum + own.exceptions, 0);
    const failures = rows.reduce((sum, [, own]) => sum + own.failures, 0);
    const slowest = rows.map(([, own]) => own.slowest).sort((a, b) => b.ms - a.ms)[0];
    console.log(`\n  fuzz figures (seed ${SEED}):`);
    for (const [kind, own] of rows) console.log(`    ${kind.padEnd(16)} ${String(own.inputs).padStart(7)} inputs, ${own.exceptions} escaped exceptions, ${own.failures} failing, slowest ${Math.round(own.slowest.ms)} ms`);
    console.log(`    ${'total'.padEnd(16)} ${String(total).padStart(7)} inputs, ${exceptions} escaped exceptions, ${failures} failing inputs`);
    if (slowest) console.log(`    slowest input: ${Math.round(slowest.ms)} ms (case ${slowest.caseNumber}, ${slowest.path}, ${slowest.mutations.join(' + ')})`);
  });
});
