/**
 * Builds and runs numbered fuzz cases. Case `n` is rebuilt from the seed and `n` alone, so any case replays on its
 * own, in any thread, with the same input and the same editor offsets.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCase } from './harness';
import { mutate } from './mutators';
import { Prng } from './prng';
import { BASE_WORKSPACE, INPUT_KINDS, loadSeeds, type InputKind, type Seed } from './seeds';

/** Where failing inputs are written, so they can be read, minimised and kept as regression fixtures. */
export const FAILURES_DIR = path.join(os.tmpdir(), 'dplens-fuzz-failures');

export interface CaseSettings {
  seed: number;
  /** The most one input may take, whole check and editor features together. */
  maxMs: number;
  /** The longer mode also asks the editor features at more offsets of each input. */
  thorough: boolean;
  /** Prints each case and its time as it runs. */
  trace: boolean;
}

export interface KindFigures {
  inputs: number;
  exceptions: number;
  failures: number;
  slowest: { ms: number; caseNumber: number; path: string; mutations: string[] };
  /** One paragraph per failing input: what went wrong and where the input was saved. */
  failed: string[];
}

export function emptyFigures(): KindFigures {
  return { inputs: 0, exceptions: 0, failures: 0, slowest: { ms: 0, caseNumber: -1, path: '', mutations: [] }, failed: [] };
}

/** The kind case `n` checks: `n mod kinds`, so every kind gets its share whatever the iteration count. */
export function kindOfCase(caseNumber: number): InputKind {
  return INPUT_KINDS[caseNumber % INPUT_KINDS.length];
}

export function seedsByKind(): Map<InputKind, Seed[]> {
  const seeds = new Map<InputKind, Seed[]>(INPUT_KINDS.map((kind) => [kind, []]));
  for (const seed of loadSeeds()) seeds.get(seed.kind)!.push(seed);
  return seeds;
}

function buildCase(seeds: ReadonlyMap<InputKind, Seed[]>, seedNumber: number, caseNumber: number): { seed: Seed; text: string; mutations: string[]; rng: Prng } {
  const rng = new Prng(seedNumber, caseNumber);
  const seed = rng.pick(seeds.get(kindOfCase(caseNumber))!);
  const { text, mutations } = mutate(seed.text, rng);
  return { seed, text, mutations, rng };
}

/**
 * Checks every unmutated seed once. This is also the warm-up: the first run of each kind loads parsers and
 * grammars, which the time bound must not count. Returns the seeds that did not check cleanly.
 */
export function warmUp(seeds: ReadonlyMap<InputKind, Seed[]>, seedNumber: number): string[] {
  const problems: string[] = [];
  for (const seed of [...seeds.values()].flat()) {
    const result = runCase(BASE_WORKSPACE, seed.path, seed.text, new Prng(seedNumber, -1));
    if (result.failures.length > 0) problems.push(`seed ${seed.path} of kind ${seed.kind}: ${result.failures.join('; ')}`);
  }
  return problems;
}

/** Runs the given cases and returns the figures of each kind, saving every failing input to FAILURES_DIR. */
export function runCases(seeds: ReadonlyMap<InputKind, Seed[]>, caseNumbers: readonly number[], settings: CaseSettings): Map<InputKind, KindFigures> {
  const figures = new Map<InputKind, KindFigures>(INPUT_KINDS.map((kind) => [kind, emptyFigures()]));
  for (const caseNumber of caseNumbers) {
    const own = figures.get(kindOfCase(caseNumber))!;
    const { seed, text, mutations, rng } = buildCase(seeds, settings.seed, caseNumber);
    if (settings.trace) console.log(`    case ${caseNumber} ${seed.path} ${mutations.join(' + ')} (${text.length} chars)`);
    const result = runCase(BASE_WORKSPACE, seed.path, text, rng, settings.thorough, seed.text);
    if (settings.trace) console.log(`      ${Math.round(result.ms)} ms`);
    own.inputs++;
    own.exceptions += result.exceptions;
    if (result.ms > own.slowest.ms) own.slowest = { ms: result.ms, caseNumber, path: seed.path, mutations };
    const problems = [...result.failures];
    if (result.ms > settings.maxMs) problems.push(`took ${Math.round(result.ms)} ms, over the bound of ${settings.maxMs} ms`);
    if (problems.length === 0) continue;
    own.failures++;
    fs.mkdirSync(FAILURES_DIR, { recursive: true });
    const saved = path.join(FAILURES_DIR, `${settings.seed}-${caseNumber}-${path.basename(seed.path)}`);
    fs.writeFileSync(saved, text);
    own.failed.push(`case ${caseNumber} (${seed.path}, ${mutations.join(' + ')}; input in ${saved}):\n      ${problems.join('\n      ')}`);
  }
  return figures;
}

/**
 * Mocha raises Error.stackTraceLimit to Infinity for its own reports. The product runs with Node's default of 10,
 * and at Infinity every error a parser records deep inside a nested input captures thousands of frames: an input
 * with a thousand unclosed `{` took 3.3 s under mocha against 0.1 s in the product. The bounds are about the
 * product, so the cases run with the product's limit.
 */
export const PRODUCT_STACK_TRACE_LIMIT = 10;

/** Inside the calling `describe`: runs its tests with the product's stack trace limit, and gives mocha its own back. */
export function withProductStackTraceLimit(): void {
  let mochaStackTraceLimit = Error.stackTraceLimit;
  before(() => {
    mochaStackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = PRODUCT_STACK_TRACE_LIMIT;
  });
  after(() => {
    Error.stackTraceLimit = mochaStackTraceLimit;
  });
}
