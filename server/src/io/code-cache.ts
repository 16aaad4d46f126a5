/**
 * Loads a CommonJS bundle with V8's code cache, kept in a folder the caller owns (the extension's storage).
 *
 * Compiling the 2 MB server bundle and the functions start-up runs takes ~45 ms of the ~130 ms the server
 * needs before it can answer `initialize` (measured: 219 → 174 ms median from spawn to the answer, 15 starts,
 * docs/decisions/0006-start-up-latency.md). Node 22 has `module.enableCompileCache`; VS Code's Node 20 does
 * not, so this does what it does with `vm.Script`'s `cachedData`.
 *
 * The cache is an optimisation only: a missing, stale or unreadable cache means a normal compile. V8 rejects
 * data produced by another V8 version or flag set (`cachedDataRejected`), but it checks the source only by its
 * length: a rebuilt bundle of the same length would run the old code. The cache file is therefore named after
 * a hash of the source (3 ms for the 2 MB bundle).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Module } from 'node:module';
import * as vm from 'node:vm';

export interface CompiledBundle {
  /** Whether V8 accepted cached code for the bundle. */
  cacheUsed: boolean;
  /** A hash of the bundle's source: what identifies this build for other caches. */
  hash: string;
  /** Runs the bundle as the CommonJS module `target`: its exports, a require and __dirname of its own. */
  run(target: NodeJS.Module): void;
  /** Writes the cache now, with every function compiled so far; a no-op once written or when V8 accepted it. */
  save(): void;
}

/**
 * Compiles `file` with code cached under `cacheDir`. The cache file is named after the bundle, the product's
 * and Node's versions and the architecture, so upgrades never meet an old file; it is written atomically,
 * for two servers starting together. Throws only when the bundle cannot be read or compiled, before any of
 * it has run, so the caller can fall back to `require`.
 */
export function compileWithCodeCache(file: string, cacheDir: string, version: string): CompiledBundle {
  const source = fs.readFileSync(file, 'utf8');
  const bundleName = path.basename(file, '.js');
  const hash = createHash('sha1').update(source).digest('hex').slice(0, 16);
  const cacheFile = path.join(cacheDir, `${bundleName}-${version}-${process.version}-${process.arch}-${hash}.v8cache`);
  let cached: Buffer | undefined;
  try {
    cached = fs.readFileSync(cacheFile);
  } catch {
    // First start with this version: compile normally and write the cache later.
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData: cached });
  const cacheUsed = cached !== undefined && !script.cachedDataRejected;
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: NodeJS.Module, filename: string, dirname: string) => void;
  let saved = cacheUsed;
  return {
    cacheUsed,
    hash,
    run(target) {
      wrapper.call(target.exports, target.exports, Module.createRequire(file), target, file, path.dirname(file));
    },
    save() {
      if (saved) return;
      saved = true;
      try {
        fs.mkdirSync(cacheDir, { recursive: true });
        const temporary = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(temporary, script.createCachedData());
        fs.renameSync(temporary, cacheFile);
        // Caches of earlier builds of this bundle can never be used again.
        for (const name of fs.readdirSync(cacheDir)) {
          if (name.startsWith(`${bundleName}-`) && name.endsWith('.v8cache') && path.join(cacheDir, name) !== cacheFile) fs.rmSync(path.join(cacheDir, name), { force: true });
        }
      } catch {
        // A read-only or full disk costs the next start ~45 ms, nothing more.
      }
    },
  };
}
