/**
 * Bundles the benchmark child with esbuild the way scripts/build.mjs bundles dist/ (same aliases,
 * WebAssembly files beside the code), so the child measures the same code the CLI and server run.
 */
import { build } from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Bundle {
  child: string;
  /** A CommonJS preload that writes process.resourceUsage().maxRSS (KB) to $DPLENS_BENCH_RSS_FILE on exit. */
  rssPreload: string;
}

export async function bundleChild(repo: string, outDir: string): Promise<Bundle> {
  fs.mkdirSync(outDir, { recursive: true });
  const child = path.join(outDir, 'child.js');
  await build({
    entryPoints: [path.join(repo, 'scripts/bench/child.ts')],
    outfile: child,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'linked',
    logLevel: 'warning',
    define: { __DPLENS_VERSION__: JSON.stringify('bench') },
    alias: {
      '@polyglot-sql/sdk': path.join(repo, 'node_modules/@polyglot-sql/sdk/dist/index.cjs'),
      // jsonc-parser's default (UMD) build requires its parts at run time, which a bundle cannot: as in build.mjs.
      'jsonc-parser': path.join(repo, 'node_modules/jsonc-parser/lib/esm/main.js'),
    },
  });
  fs.copyFileSync(path.join(repo, 'node_modules/minijinja-js/dist/node/minijinja_js_bg.wasm'), path.join(outDir, 'minijinja_js_bg.wasm'));
  fs.copyFileSync(path.join(repo, 'node_modules/@polyglot-sql/sdk/dist/polyglot_sql.wasm'), path.join(outDir, 'polyglot_sql.wasm'));
  const rssPreload = path.join(outDir, 'rss-preload.cjs');
  fs.writeFileSync(
    rssPreload,
    "process.on('exit', () => { const f = process.env.DPLENS_BENCH_RSS_FILE; if (f) require('node:fs').writeFileSync(f, String(process.resourceUsage().maxRSS)); });\n",
  );
  return { child, rssPreload };
}
