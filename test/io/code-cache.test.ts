/**
 * The server's V8 code cache: written once, accepted on the next start, rejected (and harmless) when the
 * bundle changed, and never in the way of a start. The last test starts the real bundled server twice.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { compileWithCodeCache } from '../../server/src/io/code-cache';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'dplens-code-cache-'));
}

/** Runs a bundle as a fresh module and returns its exports. */
function run(bundle: ReturnType<typeof compileWithCodeCache>, file: string): Record<string, unknown> {
  const target = { exports: {}, id: file, filename: file, loaded: false, children: [], paths: [] } as unknown as NodeJS.Module;
  bundle.run(target);
  return target.exports as Record<string, unknown>;
}

describe('V8 code cache', () => {
  it('compiles without a cache, writes one, and is accepted on the next load', () => {
    const dir = tempDir();
    const file = path.join(dir, 'bundle.js');
    fs.writeFileSync(file, "exports.answer = () => 42; exports.dir = __dirname; exports.required = typeof require('node:path').join;");
    const first = compileWithCodeCache(file, path.join(dir, 'cache'), '1.0.0');
    assert.equal(first.cacheUsed, false);
    const exports = run(first, file);
    assert.equal((exports.answer as () => number)(), 42);
    assert.equal(exports.dir, dir);
    assert.equal(exports.required, 'function');
    first.save();
    const written = fs.readdirSync(path.join(dir, 'cache'));
    assert.equal(written.length, 1);
    assert.match(written[0], new RegExp(`^bundle-1\\.0\\.0-${process.version.replace(/\./g, '\\.')}-${process.arch}-[0-9a-f]{16}\\.v8cache$`));
    const second = compileWithCodeCache(file, path.join(dir, 'cache'), '1.0.0');
    assert.equal(second.cacheUsed, true);
    assert.equal((run(second, file).answer as () => number)(), 42);
  });

  it('never runs the old code of a rebuilt bundle of the same length, and keeps one cache file', () => {
    // V8 checks cached data against the source's length only; the hash in the file name is what catches this.
    const dir = tempDir();
    const file = path.join(dir, 'bundle.js');
    const cacheDir = path.join(dir, 'cache');
    fs.writeFileSync(file, 'exports.value = 1;');
    const old = compileWithCodeCache(file, cacheDir, '1');
    run(old, file);
    old.save();
    fs.writeFileSync(file, 'exports.value = 9;');
    const rebuilt = compileWithCodeCache(file, cacheDir, '1');
    assert.equal(rebuilt.cacheUsed, false);
    assert.equal(run(rebuilt, file).value, 9);
    rebuilt.save();
    assert.equal(fs.readdirSync(cacheDir).length, 1);
  });

  it('ignores a cache made for other code, and an unreadable or corrupt one', () => {
    const dir = tempDir();
    const file = path.join(dir, 'bundle.js');
    fs.writeFileSync(file, 'exports.value = 1;');
    const cacheDir = path.join(dir, 'cache');
    compileWithCodeCache(file, cacheDir, '1').save();
    fs.writeFileSync(file, 'exports.value = 2; exports.more = "changed";');
    const changed = compileWithCodeCache(file, cacheDir, '1');
    assert.equal(changed.cacheUsed, false);
    assert.equal(run(changed, file).value, 2);
    const cacheFile = path.join(cacheDir, fs.readdirSync(cacheDir)[0]);
    fs.writeFileSync(cacheFile, 'not a cache');
    const corrupt = compileWithCodeCache(file, cacheDir, '1');
    assert.equal(corrupt.cacheUsed, false);
    assert.equal(run(corrupt, file).value, 2);
  });

  it('starts without complaint when the cache folder cannot be written', () => {
    const dir = tempDir();
    const file = path.join(dir, 'bundle.js');
    fs.writeFileSync(file, 'exports.value = 3;');
    // A file where the cache folder should be makes every write fail.
    fs.writeFileSync(path.join(dir, 'blocked'), '');
    const bundle = compileWithCodeCache(file, path.join(dir, 'blocked', 'cache'), '1');
    assert.equal(run(bundle, file).value, 3);
    assert.doesNotThrow(() => bundle.save());
  });

  it('lets the bundled server leave a cache in DPLENS_STORAGE_DIR and start from it', async function () {
    this.timeout(30_000);
    const storage = tempDir();
    const server = path.join(__dirname, '..', '..', 'dist', 'server.js');
    for (const start of [1, 2]) {
      const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, DPLENS_STORAGE_DIR: storage } });
      const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
      connection.listen();
      const result = (await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: {} })) as { capabilities: object };
      assert.ok(result.capabilities, `start ${start} answered initialize`);
      await connection.sendRequest('shutdown');
      const exited = new Promise((resolve) => child.once('exit', resolve));
      void connection.sendNotification('exit');
      await exited;
      connection.dispose();
      const cacheFiles = fs.readdirSync(path.join(storage, 'code-cache'));
      assert.equal(cacheFiles.length, 1, `start ${start} leaves one cache file: ${cacheFiles.join(', ')}`);
      assert.match(cacheFiles[0], /^server-main-.*\.v8cache$/);
    }
  });
});
