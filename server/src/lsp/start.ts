/**
 * The language server's entry point (`node dist/server.js --stdio`): a loader that runs the server bundle,
 * dist/server-main.js, with V8's code cache when the client gives it a storage folder.
 *
 * VS Code's client passes its global storage folder in `DPLENS_STORAGE_DIR`; other editors may set it too.
 * Without it, the bundle is required as usual. The cache is written on exit, or a few seconds after start
 * when indexing has compiled the functions the next start needs, whichever comes first.
 */
import * as path from 'node:path';
import { compileWithCodeCache, type CompiledBundle } from '../io/code-cache';

declare const __DPLENS_VERSION__: string;

/** Long enough for the first index of a large workspace, whose functions the cache should hold. */
const SAVE_CACHE_AFTER_MS = 8000;

const bundle = path.join(__dirname, 'server-main.js');
const storage = process.env.DPLENS_STORAGE_DIR;

const compiled = storage ? compileOrWarn() : undefined;
if (compiled) {
  // The persisted summaries (io/summary-store.ts) belong to this build of the analyser and no other.
  process.env.DPLENS_BUNDLE_HASH = compiled.hash;
  compiled.run(module);
  if (!compiled.cacheUsed) {
    // On exit the cache holds every function this session compiled; the timer covers a server killed by a signal.
    setTimeout(() => compiled.save(), SAVE_CACHE_AFTER_MS).unref();
    process.once('exit', () => compiled.save());
  }
} else {
  require(bundle);
}

function compileOrWarn(): CompiledBundle | undefined {
  try {
    return compileWithCodeCache(bundle, path.join(storage!, 'code-cache'), __DPLENS_VERSION__);
  } catch (error) {
    // A loader problem must not cost the user their server: start without the cache.
    process.stderr.write(`Data Platform Lens: code cache unavailable (${(error as Error).message}); starting without it.\n`);
    return undefined;
  }
}
