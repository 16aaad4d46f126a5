/**
 * Whether the language server's memory stays flat while a user edits: the real bundled server
 * (`node dist/server.js --stdio`) on a workspace, driven over stdio through thousands of edit cycles
 * (memory-cycles.ts), with its resident set size read after the first cycles and after the last.
 *
 * Each cycle is what the editor sends while a user types: a `didChange` of an open model, then a hover and the
 * code actions at the edit (the lightbulb), which makes the server analyse that version at once (no debounce
 * wait) and run the project rules the edit made due. A fence request then ensures that every publication of
 * the cycle has arrived, and the diagnostics last published for the file are those of the version sent:
 * a misspelt ref added shows up in them, and is gone once removed. Every cycle waits for its diagnostics.
 *
 * The server runs with `--expose-gc` and memory-probe.cjs preloaded: before each sample it collects garbage
 * twice (so the figures are what the server holds, not what it has yet to collect), then the bench reads
 * VmRSS from /proc/<pid>/status (Linux only) for two seconds while the server is idle, and takes the lowest
 * reading, once V8 has returned the freed pages to the system. The verdict compares the RSS after the last cycle with the RSS
 * after the baseline cycle (100 by default): more than `tolerance` above it (10%) fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { incrementalChange } from './incremental-change';
import { canCycle, MemoryCycles, type CycleKind } from './memory-cycles';
import { percentile, round } from './stats';

export interface MemoryOptions {
  root: string;
  /** dist/server.js. */
  serverPath: string;
  /** Edit cycles in all (10,000 in the bench). */
  cycles: number;
  /** The cycle after which the baseline is sampled (100). */
  baselineCycle: number;
  /** Further samples every this many cycles, for the trend; the verdict reads only the baseline and the last. */
  sampleEvery: number;
  /** How many models are open and edited in turn. */
  openModels: number;
  /** The share by which the last RSS may exceed the baseline (0.1). */
  tolerance: number;
  /** Prefixes the server's command line (taskset). */
  pinned?: (argv: string[]) => string[];
  /** When set, a heap snapshot is written there at each sample (large and slow: for finding a leak). */
  heapSnapshotDir?: string;
  log?: (line: string) => void;
}

export interface MemorySample {
  /** Cycles done when sampled. */
  cycle: number;
  /** VmRSS after two full garbage collections: the lowest reading of the two seconds after them. */
  rssMB: number;
  heapUsedMB: number;
  heapTotalMB: number;
  externalMB: number;
  arrayBuffersMB: number;
}

export interface MemoryResult {
  root: string;
  /** The model SQL files of the workspace. */
  models: number;
  openFiles: string[];
  cycles: number;
  samples: MemorySample[];
  baseline: MemorySample;
  final: MemorySample;
  /** final.rssMB / baseline.rssMB. */
  rssRatio: number;
  heapRatio: number;
  tolerance: number;
  /** The RSS stayed within the tolerance and every cycle's diagnostics were those of its version. */
  ok: boolean;
  /** Cycles whose diagnostics did not reflect the version sent (a misspelt ref missing or left over). */
  staleCycles: number;
  /** Peak RSS of the server over the session (VmHWM). */
  peakRssMB?: number;
  /** didChange to the fence's answer, per cycle. */
  cycleMs: { p50: number; p95: number; max: number };
  kinds: Partial<Record<CycleKind, number>>;
  /** From spawning the server to the end of its first full index. */
  indexSeconds: number;
  seconds: number;
}

const PROBE = path.join(__dirname, 'memory-probe.cjs');
const INDEX_TIMEOUT_MS = 180_000;
const CYCLE_TIMEOUT_MS = 60_000;
const PROBE_TIMEOUT_MS = 60_000;
/**
 * How long the RSS is watched after the probe's collections, and how often. V8 hands the pages a collection freed
 * back to the system on background threads, a few hundred milliseconds later: read at once, the RSS of one
 * session was seen 40 to 60 MB above what it settled at. The lowest reading of the window is the sample.
 */
const SETTLE_MS = 2000;
const SETTLE_EVERY_MS = 100;

/** Whether the last RSS is within `tolerance` of the baseline; the ratios are rounded for the report. */
export function memoryVerdict(baseline: MemorySample, final: MemorySample, tolerance: number): { rssRatio: number; heapRatio: number; ok: boolean } {
  const rssRatio = final.rssMB / baseline.rssMB;
  return { rssRatio: round(rssRatio, 3), heapRatio: round(final.heapUsedMB / baseline.heapUsedMB, 3), ok: rssRatio <= 1 + tolerance };
}

/** Workspace-relative model SQL files, sorted. */
function modelFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'dbt_packages' || entry.name === 'target' || entry.name === 'node_modules') continue;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.sql')) out.push(path.relative(root, full).split(path.sep).join('/'));
    }
  };
  walk(root);
  return out.filter((file) => file.startsWith('models/') || file.includes('/models/')).sort();
}

/**
 * The models to edit, marts first (they read the others, so a ref added to a staging model cannot close a
 * cycle), and the staging models their added refs read.
 */
function chooseModels(root: string, count: number): { edited: { file: string; text: string }[]; refTargets: string[]; models: number } {
  const files = modelFiles(root);
  const isStaging = (file: string) => /(^|\/)staging\//.test(file);
  const isMart = (file: string) => /(^|\/)marts?\//.test(file);
  const edited = files
    .filter(isMart)
    .map((file) => ({ file, text: fs.readFileSync(path.join(root, file), 'utf8') }))
    .filter((model) => canCycle(model.text))
    .slice(0, count);
  const refTargets = files
    .filter(isStaging)
    .slice(0, 5)
    .map((file) => path.basename(file, '.sql'));
  if (edited.length === 0) throw new Error(`no mart model under ${root} has a \`with\` line and a select list to edit`);
  if (refTargets.length === 0) throw new Error(`no staging model under ${root} for the added refs to read`);
  return { edited, refTargets, models: files.length };
}

interface Publication {
  seq: number;
  messages: string[];
}

/** The language server under test and the little of LSP the cycles need. */
class ServerUnderTest {
  readonly child: ChildProcess;
  readonly connection: MessageConnection;
  private readonly latest = new Map<string, Publication>();
  private seq = 0;
  private readonly versions = new Map<string, { text: string; version: number }>();
  private exit: string | undefined;
  readonly indexed: Promise<void>;

  constructor(
    private readonly root: string,
    argv: string[],
    env: NodeJS.ProcessEnv,
  ) {
    this.child = spawn(argv[0], argv.slice(1), { stdio: ['pipe', 'pipe', 'pipe'], cwd: root, env });
    let stderr = '';
    this.child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    this.child.on('exit', (code, signal) => (this.exit = `the language server exited (${signal ?? code}): ${stderr.trim().slice(-2000)}`));
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: { message: string }[] }) => {
      this.latest.set(params.uri, { seq: ++this.seq, messages: params.diagnostics.map((diagnostic) => diagnostic.message) });
    });
    // The indexing progress ends when the first full index is built and published.
    this.indexed = new Promise((resolve) => {
      this.connection.onUnhandledProgress((params: { value?: { kind?: string } }) => {
        if (params.value?.kind === 'end') resolve();
      });
    });
    // Progress tokens and anything else the server asks for: no answer is needed beyond an acknowledgement.
    this.connection.onRequest(() => null);
    this.connection.listen();
  }

  get pid(): number {
    return this.child.pid!;
  }

  failure(): string | undefined {
    return this.exit;
  }

  uri(file: string): string {
    return pathToFileURL(path.join(this.root, file)).toString();
  }

  async initialize(): Promise<void> {
    const uri = pathToFileURL(this.root).toString();
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: path.basename(this.root) }],
      capabilities: { window: { workDoneProgress: true }, textDocument: { publishDiagnostics: {}, hover: { contentFormat: ['markdown'] }, codeAction: {} } },
      initializationOptions: { trusted: false },
    });
    void this.connection.sendNotification('initialized', {});
  }

  open(file: string, text: string): void {
    this.versions.set(file, { text, version: 1 });
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: this.uri(file), languageId: 'jinja-sql', version: 1, text } });
  }

  /** Sends the change as one incremental edit of the differing middle, as an editor does; returns where it starts. */
  change(file: string, text: string): number {
    const before = this.versions.get(file)!;
    const change = incrementalChange(before.text, text);
    const version = before.version + 1;
    this.versions.set(file, { text, version });
    void this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: this.uri(file), version },
      contentChanges: [{ range: change.range, text: change.text }],
    });
    return change.start;
  }

  /** A marker in the stream of publications: those after it came from what was sent after it. */
  mark(): number {
    return this.seq;
  }

  /** The diagnostics last published for `file` after `mark`, if any were. */
  publishedSince(file: string, mark: number): string[] | undefined {
    const publication = this.latest.get(this.uri(file));
    return publication && publication.seq > mark ? publication.messages : undefined;
  }

  /**
   * Answers once the server has handled everything sent before it, and so written every notification those
   * caused: an unknown method, which the server rejects at once.
   */
  async fence(): Promise<void> {
    await this.connection.sendRequest('dplens-bench/fence').catch(() => undefined);
  }

  async stop(): Promise<void> {
    if (this.exit) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 10_000))]);
      void this.connection.sendNotification('exit');
    } catch {
      // The server is gone already.
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}

/**
 * The offset of the first ref()'s name, where each cycle hovers: every edited model has one (the added CTE's,
 * when there is one). A hover on a column would trace its lineage through the upstream models instead, which
 * takes seconds on a synthetic mart (see the README's performance section).
 */
function firstRefName(text: string): number {
  const match = /ref\(\s*['"]/.exec(text);
  return match ? match.index + match[0].length + 1 : 0;
}

function readStatusMB(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

async function within<T>(work: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(what())), ms)));
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Asks the probe in the server to collect garbage and report, then reads the RSS. */
async function sample(server: ServerUnderTest, reportFile: string, cycle: number): Promise<MemorySample> {
  fs.rmSync(reportFile, { force: true });
  process.kill(server.pid, 'SIGUSR2');
  const deadline = Date.now() + PROBE_TIMEOUT_MS;
  while (!fs.existsSync(reportFile)) {
    if (server.failure()) throw new Error(server.failure());
    if (Date.now() > deadline) throw new Error(`the memory probe in the language server did not answer within ${PROBE_TIMEOUT_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const usage = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as NodeJS.MemoryUsage;
  let rssMB = Infinity;
  for (let waited = 0; waited <= SETTLE_MS; waited += SETTLE_EVERY_MS) {
    if (waited > 0) await new Promise((resolve) => setTimeout(resolve, SETTLE_EVERY_MS));
    const reading = readStatusMB(server.pid, 'VmRSS');
    if (reading === undefined) throw new Error(`cannot read VmRSS from /proc/${server.pid}/status: the memory bench needs Linux`);
    rssMB = Math.min(rssMB, reading);
  }
  const mb = (bytes: number) => round(bytes / 2 ** 20, 1);
  return { cycle, rssMB: round(rssMB, 1), heapUsedMB: mb(usage.heapUsed), heapTotalMB: mb(usage.heapTotal), externalMB: mb(usage.external), arrayBuffersMB: mb(usage.arrayBuffers) };
}

export async function measureMemory(options: MemoryOptions): Promise<MemoryResult> {
  const log = options.log ?? (() => undefined);
  if (options.baselineCycle < 1 || options.baselineCycle >= options.cycles) throw new Error(`the baseline cycle (${options.baselineCycle}) must lie between 1 and the cycles (${options.cycles})`);
  const started = performance.now();
  const { edited, refTargets, models } = chooseModels(options.root, options.openModels);
  const cycles = new MemoryCycles(edited, refTargets);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dplens-memory-'));
  const reportFile = path.join(work, 'memory.json');
  const env: NodeJS.ProcessEnv = { ...process.env, DPLENS_BENCH_MEMORY_FILE: reportFile };
  // No storage folder: no code cache and no persisted summaries, whose writes would add noise to the samples.
  delete env.DPLENS_STORAGE_DIR;
  if (options.heapSnapshotDir) {
    fs.mkdirSync(options.heapSnapshotDir, { recursive: true });
    env.DPLENS_BENCH_HEAP_SNAPSHOT_DIR = options.heapSnapshotDir;
  }
  const argv = [process.execPath, '--expose-gc', '--require', PROBE, options.serverPath, '--stdio'];
  const server = new ServerUnderTest(options.root, options.pinned ? options.pinned(argv) : argv, env);
  try {
    await within(server.initialize(), INDEX_TIMEOUT_MS, () => server.failure() ?? 'the language server did not answer initialize');
    for (const model of edited) server.open(model.file, model.text);
    await within(server.indexed, INDEX_TIMEOUT_MS, () => server.failure() ?? `the language server did not finish indexing ${options.root} within ${INDEX_TIMEOUT_MS / 1000} s`);
    await server.fence();
    const indexSeconds = (performance.now() - started) / 1000;
    log(`  indexed ${models} models in ${indexSeconds.toFixed(1)} s; ${edited.length} models open: ${edited.map((model) => path.basename(model.file, '.sql')).join(', ')}`);

    const samples: MemorySample[] = [];
    const cycleMs: number[] = [];
    const kinds: Partial<Record<CycleKind, number>> = {};
    let staleCycles = 0;
    const stale: string[] = [];
    for (let n = 0; n < options.cycles; n++) {
      const edit = cycles.edit(n);
      const uri = server.uri(edit.file);
      const mark = server.mark();
      const t0 = performance.now();
      const changedAt = server.change(edit.file, edit.text);
      const document = TextDocument.create('', '', 0, edit.text);
      const textDocument = { uri };
      const cursor = document.positionAt(changedAt);
      await within(
        Promise.all([
          server.connection.sendRequest('textDocument/hover', { textDocument, position: document.positionAt(firstRefName(edit.text)) }),
          server.connection.sendRequest('textDocument/codeAction', { textDocument, range: { start: cursor, end: cursor }, context: { diagnostics: [] } }),
          server.fence(),
        ]),
        CYCLE_TIMEOUT_MS,
        () => server.failure() ?? `cycle ${n + 1} (${edit.kind} in ${edit.file}) got no answer within ${CYCLE_TIMEOUT_MS / 1000} s`,
      );
      cycleMs.push(performance.now() - t0);
      kinds[edit.kind] = (kinds[edit.kind] ?? 0) + 1;
      const messages = server.publishedSince(edit.file, mark);
      const problem =
        messages === undefined
          ? 'no diagnostics were published for it'
          : edit.mentions && !messages.some((message) => message.includes(`'${edit.mentions}'`))
            ? `its diagnostics do not mention the misspelt ref('${edit.mentions}')`
            : edit.omits && messages.some((message) => message.includes(`'${edit.omits}'`))
              ? `its diagnostics still mention the removed ref('${edit.omits}')`
              : undefined;
      if (problem) {
        staleCycles++;
        if (stale.length < 5) stale.push(`cycle ${n + 1} (${edit.kind} in ${edit.file}): ${problem}`);
      }
      const done = n + 1;
      if (done === options.baselineCycle || done % options.sampleEvery === 0 || done === options.cycles) {
        const taken = await sample(server, reportFile, done);
        samples.push(taken);
        log(`  after ${done} cycles: RSS ${taken.rssMB} MB, heap used ${taken.heapUsedMB} MB, external ${taken.externalMB} MB (cycle p50 ${round(percentile(cycleMs, 50), 1)} ms)`);
      }
    }
    for (const line of stale) log(`  stale: ${line}`);
    const baseline = samples.find((taken) => taken.cycle === options.baselineCycle)!;
    const final = samples[samples.length - 1];
    const verdict = memoryVerdict(baseline, final, options.tolerance);
    const peakRssMB = readStatusMB(server.pid, 'VmHWM');
    return {
      root: options.root,
      models,
      openFiles: edited.map((model) => model.file),
      cycles: options.cycles,
      samples,
      baseline,
      final,
      rssRatio: verdict.rssRatio,
      heapRatio: verdict.heapRatio,
      tolerance: options.tolerance,
      ok: verdict.ok && staleCycles === 0,
      staleCycles,
      peakRssMB: peakRssMB === undefined ? undefined : round(peakRssMB, 1),
      cycleMs: { p50: round(percentile(cycleMs, 50), 2), p95: round(percentile(cycleMs, 95), 2), max: round(Math.max(...cycleMs), 2) },
      kinds,
      indexSeconds: round(indexSeconds, 2),
      seconds: round((performance.now() - started) / 1000, 1),
    };
  } finally {
    await server.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}
