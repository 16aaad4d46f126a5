/**
 * Editor latency against the real bundled language server (`node dist/server.js --stdio`), driven over stdio
 * by a small JSON-RPC client, as an editor would:
 *  1. first diagnostics: from spawning the server (before `initialize`) to the first
 *     `textDocument/publishDiagnostics` of a mart model (with a ref) opened right after `initialized`; once
 *     cold (an empty storage folder, as after installing) and then --runs times with the V8 code cache the
 *     first start left in the storage folder (every later start in VS Code), whose median is the figure;
 *  2. hover on a `ref('…')` name and completion right after `ref('` in random models (each opened first and
 *     its open-time diagnostics awaited), request to response;
 *  3. didChange → publishDiagnostics of the edited file, for realistic edits (edits.ts), minus the server's
 *     debounce for the file's new length (`debounceDelay` of server/src/lsp/analysis-scheduler.ts): the server
 *     offers no way to turn the debounce off, and its diagnostics carry no version, so edits are sent one at a
 *     time and the first publication for the URI after the didChange is the one for that version.
 * With a profile directory, the last session runs under `--cpu-prof` and exits through shutdown/exit.
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
import { debounceDelay } from '../../server/src/lsp/analysis-scheduler';
import { EditSequence } from './edits';
import { median, percentile, Rng, round } from './stats';

export interface LspOptions {
  root: string;
  serverPath: string;
  /** Prefixes the server's command line (taskset). */
  pinned: (argv: string[]) => string[];
  seed: number;
  /** Server starts for the first-diagnostics figure; the last one also serves the interactive measurements. */
  runs: number;
  /** Hovers, completions and edits measured (each). */
  samples: number;
  warmup: number;
  /** When set, the last session runs under --cpu-prof and its profile is written here (a folder). */
  profileDir?: string;
  log: (line: string) => void;
}

export interface LatencyStats {
  count: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  meanMs: number;
}

export interface LspResult {
  /** The opened file, workspace-relative. */
  openedFile: string;
  firstDiagnostics: {
    /** The first start with an empty storage folder, as right after installing the extension. */
    coldMs: number;
    /** The starts after it, with the code cache the first one left: every later start in VS Code. */
    runsMs: number[];
    medianMs: number;
    /** Spawn to the `initialize` response, median: process start and loading the bundle. */
    initializeMedianMs: number;
    /** Diagnostics the first publication held for the opened file (last run). */
    diagnostics: number;
  };
  hover: LatencyStats & { empty: number };
  completion: LatencyStats & { medianItems: number; /** Size of the response's JSON, median. */ medianKB: number };
  change: LatencyStats & {
    /** With the debounce left in. */
    rawP50Ms: number;
    rawP95Ms: number;
    debounceMinMs: number;
    debounceMaxMs: number;
    kinds: Record<string, number>;
  };
  /** Peak RSS of the server process (VmHWM) at the end of the last session, when /proc tells. */
  serverPeakRssMB?: number;
  profile?: string;
}

interface Published {
  at: number;
  count: number;
}

const TIMEOUT_MS = 60_000;

class Session {
  private readonly waiters = new Map<string, ((p: Published) => void)[]>();
  private lastNotification = performance.now();
  readonly spawnedAt: number;
  readonly child: ChildProcess;
  readonly connection: MessageConnection;
  private readonly texts = new Map<string, { text: string; version: number }>();
  private exited = false;

  constructor(
    private readonly root: string,
    argv: string[],
    storageDir: string,
  ) {
    this.spawnedAt = performance.now();
    // The storage folder VS Code's client gives the server: its V8 code cache lives there.
    const env = { ...process.env, DPLENS_STORAGE_DIR: storageDir };
    this.child = spawn(argv[0], argv.slice(1), { stdio: ['pipe', 'pipe', 'pipe'], cwd: root, env });
    this.child.stderr!.on('data', () => undefined);
    this.child.on('exit', () => (this.exited = true));
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification((method, params) => {
      const now = performance.now();
      this.lastNotification = now;
      if (method !== 'textDocument/publishDiagnostics') return;
      const { uri, diagnostics } = params as { uri: string; diagnostics: unknown[] };
      const waiting = this.waiters.get(uri);
      if (!waiting) return;
      this.waiters.delete(uri);
      for (const wake of waiting) wake({ at: now, count: diagnostics.length });
    });
    this.connection.onRequest(() => null);
    this.connection.listen();
  }

  uri(file: string): string {
    return pathToFileURL(path.join(this.root, file)).toString();
  }

  /** The next publication for `file` from now on. Register before sending what causes it. */
  nextDiagnostics(file: string, what: string): Promise<Published> {
    const uri = this.uri(file);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${file} within ${TIMEOUT_MS / 1000} s (${what})`)), TIMEOUT_MS);
      const list = this.waiters.get(uri) ?? [];
      list.push((p) => {
        clearTimeout(timer);
        resolve(p);
      });
      this.waiters.set(uri, list);
    });
  }

  async initialize(): Promise<number> {
    const uri = pathToFileURL(this.root).toString();
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uri,
      workspaceFolders: [{ uri, name: path.basename(this.root) }],
      capabilities: { textDocument: { publishDiagnostics: {}, hover: { contentFormat: ['markdown'] }, completion: {} } },
      initializationOptions: { trusted: false },
    });
    const at = performance.now();
    void this.connection.sendNotification('initialized', {});
    return at;
  }

  text(file: string): string {
    return this.texts.get(file)?.text ?? fs.readFileSync(path.join(this.root, file), 'utf8');
  }

  isOpen(file: string): boolean {
    return this.texts.has(file);
  }

  open(file: string): void {
    const text = this.text(file);
    this.texts.set(file, { text, version: 1 });
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: this.uri(file), languageId: 'jinja-sql', version: 1, text } });
  }

  /** Sends the change as one incremental edit (the differing middle), as an editor does. */
  change(file: string, text: string): void {
    const before = this.texts.get(file)!;
    const change = incrementalChange(before.text, text);
    const version = before.version + 1;
    this.texts.set(file, { text, version });
    void this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: this.uri(file), version },
      contentChanges: [{ range: change.range, text: change.text }],
    });
  }

  close(file: string): void {
    this.texts.delete(file);
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri: this.uri(file) } });
  }

  async timed<T>(method: string, params: object): Promise<{ ms: number; result: T }> {
    const t0 = performance.now();
    const result = (await this.connection.sendRequest(method, params)) as T;
    return { ms: performance.now() - t0, result };
  }

  /** Waits until the server has sent nothing for `quietMs` (the initial flood of diagnostics is over). */
  async settle(quietMs = 300, maxMs = 30_000): Promise<void> {
    const until = performance.now() + maxMs;
    while (performance.now() - this.lastNotification < quietMs && performance.now() < until) await new Promise((r) => setTimeout(r, 50));
  }

  peakRssMB(): number | undefined {
    try {
      const m = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${this.child.pid}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  /** shutdown + exit, so that --cpu-prof writes its profile; killed after 10 s. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 10_000))]);
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

function stats(values: number[]): LatencyStats {
  return {
    count: values.length,
    p50Ms: round(percentile(values, 50), 2),
    p95Ms: round(percentile(values, 95), 2),
    maxMs: round(Math.max(...values), 2),
    meanMs: round(values.reduce((a, b) => a + b, 0) / Math.max(1, values.length), 2),
  };
}

/** Workspace-relative .sql files under models/, sorted. */
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

const REF = /ref\(\s*(['"])([^'"]+)\1\s*\)/g;

function refsOf(text: string): { nameAt: number; name: string }[] {
  return [...text.matchAll(REF)].map((m) => ({ nameAt: m.index! + m[0].indexOf(m[1]) + 1, name: m[2] }));
}

function positionAt(text: string, offset: number) {
  return TextDocument.create('', '', 0, text).positionAt(offset);
}

export async function measureLsp(options: LspOptions): Promise<LspResult> {
  const models = modelFiles(options.root);
  const withRefs = models.filter((file) => refsOf(fs.readFileSync(path.join(options.root, file), 'utf8')).length > 0);
  if (withRefs.length === 0) throw new Error(`no model with a ref() under ${options.root}`);
  const opened = withRefs.find((file) => /(^|\/)marts?\//.test(file)) ?? withRefs[0];
  const others = withRefs.length > 1 ? withRefs.filter((file) => file !== opened) : withRefs;
  const nodeArgs = (profile: boolean) => {
    const args = [process.execPath];
    if (profile && options.profileDir) args.push('--cpu-prof', '--cpu-prof-dir', options.profileDir, '--cpu-prof-name', 'server.cpuprofile');
    return options.pinned([...args, options.serverPath, '--stdio']);
  };

  // 1. First diagnostics: one cold start, then `runs` warm ones; the last session stays up for the rest.
  const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dplens-bench-storage-'));
  const firstMs: number[] = [];
  const initializeMs: number[] = [];
  let session!: Session;
  let firstCount = 0;
  for (let run = 0; run <= options.runs; run++) {
    const last = run === options.runs;
    session = new Session(options.root, nodeArgs(last), storageDir);
    const first = session.nextDiagnostics(opened, 'first diagnostics');
    await session.initialize();
    initializeMs.push(performance.now() - session.spawnedAt);
    session.open(opened);
    const published = await first;
    firstMs.push(published.at - session.spawnedAt);
    firstCount = published.count;
    options.log(`  LSP start ${run + 1}${run === 0 ? ' (cold: no code cache)' : ''}: first diagnostics of ${opened} after ${firstMs[run].toFixed(0)} ms (initialize answered after ${initializeMs[run].toFixed(0)} ms)`);
    if (!last) await session.stop();
  }
  await session.settle();

  // 2. Hover and completion, in random models with refs: open, await the open-time diagnostics, ask, close.
  const rng = new Rng(options.seed + 7);
  const hoverMs: number[] = [];
  const completionMs: number[] = [];
  const items: number[] = [];
  const sizes: number[] = [];
  let emptyHovers = 0;
  for (let n = 0; n < options.warmup + options.samples; n++) {
    const file = rng.pick(others);
    const text = session.text(file);
    const refs = refsOf(text);
    const openPublished = session.nextDiagnostics(file, 'open');
    session.open(file);
    await openPublished;
    const hoverRef = rng.pick(refs);
    const hover = await session.timed<{ contents?: unknown } | null>('textDocument/hover', {
      textDocument: { uri: session.uri(file) },
      position: positionAt(text, hoverRef.nameAt + Math.floor(hoverRef.name.length / 2)),
    });
    const completeRef = rng.pick(refs);
    const completion = await session.timed<unknown[] | { items: unknown[] } | null>('textDocument/completion', {
      textDocument: { uri: session.uri(file) },
      position: positionAt(text, completeRef.nameAt),
      context: { triggerKind: 2, triggerCharacter: "'" },
    });
    session.close(file);
    if (n < options.warmup) continue;
    hoverMs.push(hover.ms);
    if (!hover.result) emptyHovers++;
    completionMs.push(completion.ms);
    const list = completion.result;
    items.push(Array.isArray(list) ? list.length : list?.items.length ?? 0);
    sizes.push(Buffer.byteLength(JSON.stringify(list)) / 1024);
  }

  // 3. didChange → diagnostics, edits accumulating in open documents; a broken ref is put back by the next edit.
  const changeNetMs: number[] = [];
  const changeRawMs: number[] = [];
  const debounces: number[] = [];
  const kinds: Record<string, number> = {};
  const edits = new EditSequence(rng, models);
  for (let n = 0; n < options.warmup + options.samples; n++) {
    const file = edits.nextFile();
    if (!session.isOpen(file)) {
      const openPublished = session.nextDiagnostics(file, 'open');
      session.open(file);
      await openPublished;
    }
    const { text, kind } = edits.edit(file, session.text(file), n);
    const published = session.nextDiagnostics(file, `edit ${n} (${kind})`);
    const t0 = performance.now();
    session.change(file, text);
    const { at } = await published;
    if (n < options.warmup) continue;
    const debounce = debounceDelay(text.length);
    changeRawMs.push(at - t0);
    changeNetMs.push(at - t0 - debounce);
    debounces.push(debounce);
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  }

  const serverPeakRssMB = session.peakRssMB();
  await session.stop();
  const profile = options.profileDir ? path.join(options.profileDir, 'server.cpuprofile') : undefined;

  return {
    openedFile: opened,
    firstDiagnostics: {
      coldMs: round(firstMs[0], 1),
      runsMs: firstMs.slice(1).map((ms) => round(ms, 1)),
      medianMs: round(median(firstMs.slice(1)), 1),
      initializeMedianMs: round(median(initializeMs.slice(1)), 1),
      diagnostics: firstCount,
    },
    hover: { ...stats(hoverMs), empty: emptyHovers },
    completion: { ...stats(completionMs), medianItems: median(items), medianKB: round(median(sizes), 0) },
    change: {
      ...stats(changeNetMs),
      rawP50Ms: round(percentile(changeRawMs, 50), 2),
      rawP95Ms: round(percentile(changeRawMs, 95), 2),
      debounceMinMs: Math.min(...debounces),
      debounceMaxMs: Math.max(...debounces),
      kinds,
    },
    serverPeakRssMB: serverPeakRssMB === undefined ? undefined : round(serverPeakRssMB, 1),
    profile: profile && fs.existsSync(profile) ? profile : undefined,
  };
}
