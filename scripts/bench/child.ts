/**
 * The in-process half of the benchmark, run in a child process (bundled by esbuild like dist/, see bundle.ts)
 * so that its memory is its own: reads the workspace, builds the index, runs every rule once, then replays
 * edits the way the language server does (WorkspaceSession.update). Writes its measurements as JSON to a file.
 *
 *   node --expose-gc child.js '{"root":"/abs/dir","edits":200,"warmup":10,"seed":1,"maxEditSeconds":45,"out":"/tmp/x.json"}'
 */
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { RuleRunner } from '../../server/src/core/check';
import { readConfigScopes } from '../../server/src/core/config/config-scopes';
import { WorkspaceIndex } from '../../server/src/core/project/workspace-index';
import { RULES } from '../../server/src/core/rules/registry';
import { readWorkspace } from '../../server/src/io/workspace-reader';
import { EditSequence, type EditKind } from './edits';
import { startProfile, stopProfile } from './profile';
import { Rng } from './stats';

export interface ChildArgs {
  root: string;
  edits: number;
  warmup: number;
  seed: number;
  maxEditSeconds: number;
  out: string;
  /** When set, a CPU profile of the edit phase only is written here. */
  profileEdits?: string;
}

export interface EditSample {
  file: string;
  kind: EditKind;
  /** The keystroke path: the index update and the file rules of the affected files, as WorkspaceSession.update. */
  totalMs: number;
  /** CPU time (user + system, all threads) of the keystroke path: robust against other processes on the machine. */
  cpuMs: number;
  updateMs: number;
  fileRulesMs: number;
  /** The project-rule pass the server runs after a pause when the graph changed (WorkspaceSession.settle); 0 otherwise. */
  projectRulesMs: number;
  graphChanged: boolean;
  affected: number;
}

export interface ChildResult {
  files: number;
  readMs: number;
  buildMs: number;
  rulesMs: number;
  /** CPU time (user + system) of the same phases. */
  readCpuMs: number;
  buildCpuMs: number;
  rulesCpuMs: number;
  findings: number;
  /** After the build and one full rule run, after a forced GC. */
  heapUsedMB: number;
  rssAfterBuildMB: number;
  maxRssMB: number;
  models: number;
  warmupEdits: number;
  edits: EditSample[];
  editsCapped: boolean;
}

const gc = (globalThis as { gc?: () => void }).gc;

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2]) as ChildArgs;
  let t = performance.now();
  let c = cpuMs();
  const read = readWorkspace(args.root);
  const readMs = performance.now() - t;
  const readCpuMs = cpuMs() - c;

  const scopes = readConfigScopes(read.files);
  t = performance.now();
  c = cpuMs();
  // No external profiles: the benchmark must not depend on ~/.dbt of the machine.
  const index = WorkspaceIndex.build(read.files, { config: scopes.root, configFor: (root) => scopes.byProjectRoot.get(root), externalProfiles: [] });
  const buildMs = performance.now() - t;
  const buildCpuMs = cpuMs() - c;
  const rssAfterBuildMB = process.memoryUsage().rss / 2 ** 20;

  // What the language server does: one runner, with the configuration that applies to each file.
  const runner = new RuleRunner(index, scopes, RULES);
  t = performance.now();
  c = cpuMs();
  const findings = runner.run({});
  const rulesMs = performance.now() - t;
  const rulesCpuMs = cpuMs() - c;
  gc?.();
  const heapUsedMB = process.memoryUsage().heapUsed / 2 ** 20;

  const models = [...index.files()]
    .filter((file) => file.kind === 'model' && file.path.endsWith('.sql') && !index.projectOf(file.path)?.isPackage)
    .map((file) => file.path)
    .sort();

  const edits = new EditSequence(new Rng(args.seed), models);
  const samples: EditSample[] = [];
  let capped = false;
  const total = args.warmup + args.edits;
  const deadline = performance.now() + args.maxEditSeconds * 1000;
  for (let n = 0; n < total && models.length > 0; n++) {
    if (n === args.warmup && args.profileEdits) await startProfile();
    if (n >= args.warmup && performance.now() > deadline) {
      capped = true;
      break;
    }
    const file = edits.nextFile();
    const { text, kind } = edits.edit(file, index.text(file) ?? '', n);
    // What WorkspaceSession.update does for a model edit.
    const c0 = cpuMs();
    const t0 = performance.now();
    const result = index.updateFile(file, text);
    const t1 = performance.now();
    const affected = new Set([...result.affected, ...result.reanalysed]);
    if (affected.size > 0) runner.run({ files: affected, fileRulesOnly: true });
    const t2 = performance.now();
    const c2 = cpuMs();
    // The server runs this pass once the user pauses (analysis-scheduler.ts), off the keystroke path; the benchmark
    // runs it after every graph-changing edit, which is the most it can ever cost.
    if (result.graphChanged || result.rebuilt) runner.run({ projectRulesOnly: true });
    const t3 = performance.now();
    if (n >= args.warmup) {
      samples.push({ file, kind, totalMs: t2 - t0, cpuMs: c2 - c0, updateMs: t1 - t0, fileRulesMs: t2 - t1, projectRulesMs: t3 - t2, graphChanged: result.graphChanged, affected: affected.size });
    }
  }
  if (args.profileEdits && samples.length > 0) await stopProfile(args.profileEdits);

  const result: ChildResult = {
    files: read.files.size,
    readMs,
    buildMs,
    rulesMs,
    readCpuMs,
    buildCpuMs,
    rulesCpuMs,
    findings: findings.length,
    heapUsedMB,
    rssAfterBuildMB,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    models: models.length,
    warmupEdits: Math.min(args.warmup, total),
    edits: samples,
    editsCapped: capped,
  };
  fs.writeFileSync(args.out, JSON.stringify(result));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
