/**
 * A worker thread of the fuzz suite: runs its share of the case numbers and posts the figures back. Started by
 * fuzz.test.ts through a small CommonJS bootstrap that registers tsx first.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PRODUCT_STACK_TRACE_LIMIT, runCases, seedsByKind, warmUp, type CaseSettings } from './cases';

interface WorkerInput {
  caseNumbers: number[];
  settings: CaseSettings;
}

Error.stackTraceLimit = PRODUCT_STACK_TRACE_LIMIT;
const { caseNumbers, settings } = workerData as WorkerInput;
const seeds = seedsByKind();
const warmUpProblems = warmUp(seeds, settings.seed);
const figures = runCases(seeds, caseNumbers, settings);
parentPort!.postMessage({ warmUpProblems, figures: [...figures] });
