/**
 * The CLI and the language server never write to the workspace: only edits the user applies may change it. Two
 * projects are copied to a temporary folder (examples/demo, with contracts and dag-factory pipelines, as a git
 * repository so that `contract diff` and `--base` have a base; and test/fixtures/cost, with a `target/catalog.json`)
 * and the SHA-256 of every file, `.git` included, is recorded. Then every read-only command runs in every format,
 * and the bundled server runs a whole editing session over stdio (open, change, hover, completion, code actions,
 * formatting, lineage, watched-file changes, shutdown) with a storage folder outside the workspace. Afterwards the
 * workspace must hold exactly the same files with the same hashes; the server's own files may only appear in the
 * storage folder.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeAction, CompletionList, Diagnostic, Hover, TextEdit } from 'vscode-languageserver-protocol';
import { DEMO, LspClient } from '../lsp/client';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const COST_FIXTURE = path.join(ROOT, 'test', 'fixtures', 'cost');
/** Git without user or system configuration, so the test behaves alike on every machine. */
const GIT_ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull, GIT_TERMINAL_PROMPT: '0' };

/** Every file below `root`, workspace-relative with forward slashes, mapped to the SHA-256 of its bytes. */
function snapshot(root: string): Map<string, string> {
  const hashes = new Map<string, string>();
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else hashes.set(path.relative(root, full).split(path.sep).join('/'), createHash('sha256').update(fs.readFileSync(full)).digest('hex'));
    }
  };
  walk(root);
  return hashes;
}

/** What changed between two snapshots, as readable lines; empty when nothing did. */
function changes(before: Map<string, string>, after: Map<string, string>): string[] {
  const lines: string[] = [];
  for (const [file, hash] of after) {
    if (!before.has(file)) lines.push(`added ${file}`);
    else if (before.get(file) !== hash) lines.push(`changed ${file}`);
  }
  for (const file of before.keys()) if (!after.has(file)) lines.push(`removed ${file}`);
  return lines.sort();
}

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=Data Platform Lens', '-c', 'user.email=tests@dplens.invalid', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd, stdio: 'ignore', env: GIT_ENV });
}

/** Runs the built CLI as a user would; the exit code is checked to be one the CLI documents (0, 1 or 2 for usage). */
function dplens(cwd: string, args: string[], home: string): { code: number; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...GIT_ENV, HOME: home, NO_COLOR: '1', DPLENS_DEBUG: '' }, timeout: 60_000 });
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

/** The read-only commands, each with the arguments that make sense for the project. */
const COMMANDS: { project: 'demo' | 'cost'; args: string[] }[] = [
  ...['text', 'json', 'sarif'].map((format) => ({ project: 'demo' as const, args: ['check', '.', '--format', format] })),
  { project: 'demo', args: ['check', '.', '--full-parse'] },
  { project: 'demo', args: ['check', '.', '--base', 'HEAD', '--changed', '--format', 'json'] },
  { project: 'demo', args: ['check', '--base', 'HEAD'] },
  ...['text', 'json'].map((format) => ({ project: 'demo' as const, args: ['cost', '.', '--format', format] })),
  ...['text', 'json', 'mermaid', 'dot'].map((format) => ({ project: 'demo' as const, args: ['lineage', 'fct_orders', '.', '--columns', '--format', format] })),
  ...['text', 'json'].map((format) => ({ project: 'demo' as const, args: ['pipelines', '.', '--format', format] })),
  ...['text', 'json'].map((format) => ({ project: 'demo' as const, args: ['contract', 'diff', 'contracts/orders.odcs.yaml', '--base', 'HEAD', '--format', format] })),
  { project: 'demo', args: ['contract', 'diff', 'models/marts/core/_core__models.yml', '--base', 'HEAD'] },
  ...['text', 'json', 'sarif'].map((format) => ({ project: 'cost' as const, args: ['check', '.', '--format', format] })),
  ...['text', 'json'].map((format) => ({ project: 'cost' as const, args: ['cost', '.', '--format', format] })),
  { project: 'cost', args: ['lineage', 'fct_orders', '.', '--format', 'json'] },
];

describe('no writes to the workspace', function () {
  this.timeout(180_000);
  let temp: string;
  let projects: Record<'demo' | 'cost', string>;
  let home: string;

  before(() => {
    temp = fs.mkdtempSync(path.join(os.tmpdir(), 'dplens-no-write-'));
    projects = { demo: path.join(temp, 'demo'), cost: path.join(temp, 'cost') };
    fs.cpSync(DEMO, projects.demo, { recursive: true });
    fs.cpSync(COST_FIXTURE, projects.cost, { recursive: true });
    git(projects.demo, 'init', '-q');
    git(projects.demo, 'add', '-A');
    git(projects.demo, 'commit', '-q', '-m', 'base');
    // An uncommitted edit gives `--changed` and `contract diff` something to compare.
    fs.appendFileSync(path.join(projects.demo, 'contracts', 'orders.odcs.yaml'), '\n');
    home = path.join(temp, 'home');
    fs.mkdirSync(home);
  });

  after(() => fs.rmSync(temp, { recursive: true, force: true }));

  it('the CLI: check in every format, cost, lineage, pipelines and contract diff change no file', () => {
    const before = { demo: snapshot(projects.demo), cost: snapshot(projects.cost) };
    assert.ok(before.demo.size > 40 && [...before.demo.keys()].some((file) => file.startsWith('.git/')), 'the demo copy is a git repository');
    assert.ok(before.cost.has('target/catalog.json'));
    for (const { project, args } of COMMANDS) {
      const run = dplens(projects[project], args, home);
      assert.ok(run.code === 0 || run.code === 1, `dplens ${args.join(' ')} in ${project} exited ${run.code}: ${run.stderr}`);
      assert.ok(run.stdout.length > 0, `dplens ${args.join(' ')} printed its report`);
      assert.deepEqual(changes(before[project], snapshot(projects[project])), [], `dplens ${args.join(' ')} in ${project}`);
    }
  });

  it('the language server: a whole editing session changes no file and writes only to its storage folder', async () => {
    const storage = path.join(temp, 'storage');
    const before = snapshot(projects.demo);
    const previous = process.env.DPLENS_STORAGE_DIR;
    process.env.DPLENS_STORAGE_DIR = storage;
    let client: LspClient;
    try {
      client = await LspClient.start(projects.demo, { workspace: { didChangeWatchedFiles: { dynamicRegistration: false } }, textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'source'] } } } } });
    } finally {
      if (previous === undefined) delete process.env.DPLENS_STORAGE_DIR;
      else process.env.DPLENS_STORAGE_DIR = previous;
    }
    try {
      const sql = 'models/marts/core/fct_orders.sql';
      const yaml = 'models/marts/core/_core__models.yml';
      const contract = 'contracts/orders.odcs.yaml';
      const pipeline = 'pipelines/lens_outfitters_dbt.yml';
      for (const file of [sql, yaml, contract, pipeline]) client.open(file);
      await client.diagnostics(sql);
      const edited = `${client.text(sql)}\n-- an edit that is never saved\n`;
      client.change(sql, edited);
      await client.diagnostics(sql);

      const ref = edited.indexOf("ref('") + 5;
      const position = (text: string, offset: number) => {
        const lines = text.slice(0, offset).split('\n');
        return { line: lines.length - 1, character: lines[lines.length - 1].length };
      };
      const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: client.uri(sql) }, position: position(edited, ref) });
      assert.ok(hover, 'a hover on a ref answers');
      const completion = await client.request<CompletionList | unknown[] | null>('textDocument/completion', { textDocument: { uri: client.uri(sql) }, position: position(edited, ref) });
      assert.ok(completion, 'a completion in a ref answers');
      let actions = 0;
      for (const file of [sql, yaml, contract, pipeline]) {
        const diagnostics: Diagnostic[] = (await client.diagnostics(file)).diagnostics;
        const end = client.text(file).split('\n').length;
        const answer = await client.request<CodeAction[] | null>('textDocument/codeAction', { textDocument: { uri: client.uri(file) }, range: { start: { line: 0, character: 0 }, end: { line: end, character: 0 } }, context: { diagnostics } });
        actions += answer?.length ?? 0;
        for (const method of ['textDocument/formatting', 'textDocument/rangeFormatting']) {
          await client.request<TextEdit[] | null>(method, { textDocument: { uri: client.uri(file) }, options: { tabSize: 2, insertSpaces: true }, range: { start: { line: 0, character: 0 }, end: { line: end, character: 0 } } }).catch(() => null);
        }
        for (const method of ['textDocument/documentSymbol', 'textDocument/codeLens', 'textDocument/foldingRange']) await client.request(method, { textDocument: { uri: client.uri(file) } }).catch(() => null);
      }
      assert.ok(actions > 0, 'the demo offers code actions, whose edits are never applied');
      await client.request('dplens/lineage', { uri: client.uri(sql), model: 'fct_orders', upstream: 2, downstream: 2 }).catch(() => null);
      client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(yaml), type: 2 }] });
      client.notify('textDocument/didSave', { textDocument: { uri: client.uri(sql) } });
      client.notify('textDocument/didClose', { textDocument: { uri: client.uri(sql) } });
      await client.request('shutdown', {});
      client.notify('exit', null);
      // The server writes its summaries and code cache on exit: wait for them, so a late write is seen too.
      const deadline = Date.now() + 10_000;
      while (!fs.existsSync(path.join(storage, 'summaries')) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      client.stop();
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual(changes(before, snapshot(projects.demo)), []);
    assert.ok(fs.existsSync(path.join(storage, 'summaries')), 'the server wrote its summaries, to the storage folder');
    assert.deepEqual(changes(new Map(), snapshot(temp)).filter((line) => !/^added (demo|cost|storage|home)\//.test(line)), [], 'nothing appeared beside the workspace');
  });
});
