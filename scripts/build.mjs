// Bundles the client, the language server and the CLI with esbuild into dist/,
// and copies the WebAssembly files the bundled parsers load from beside their code.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, chmodSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  define: { __DPLENS_VERSION__: JSON.stringify(pkg.version) },
  // Both WebAssembly packages load their .wasm file from __dirname, so dist/ must hold them.
  external: ['vscode'],
  // polyglot's ESM build uses top-level await, which a CommonJS bundle cannot hold; its CommonJS build is equivalent.
  // jsonc-parser's `main` is a UMD build whose `require('./impl/format')` esbuild cannot follow; its ESM build bundles.
  alias: { '@polyglot-sql/sdk': join(root, 'node_modules/@polyglot-sql/sdk/dist/index.cjs'), 'jsonc-parser': join(root, 'node_modules/jsonc-parser/lib/esm/main.js') },
};

/**
 * The compiled JSON Schema validators (1.4 MB for data contracts, 0.55 MB for dbt's YAML) are loaded on first use
 * (`require` in validate.ts), so they live in files of their own beside the bundles: the language server's bundle,
 * which every start reads and hashes for its code cache, stays 2 MB smaller.
 */
const VALIDATORS = {
  'yaml/schemas/generated/validators': 'yaml-validators.js',
  'datacontract/schemas/generated/validators': 'datacontract-validators.js',
  'pipelines/schemas/generated/validators': 'pipeline-validators.js',
  'events/json-schema/schemas/generated/validators': 'event-schema-validators.js',
};
const separateValidators = {
  name: 'separate-validators',
  setup(build) {
    build.onResolve({ filter: /schemas\/generated\/validators$/ }, (args) => {
      const resolved = join(args.resolveDir, args.path).replace(/\\/g, '/');
      const entry = Object.entries(VALIDATORS).find(([suffix]) => resolved.endsWith(suffix));
      return entry ? { path: `./${entry[1]}`, external: true } : undefined;
    });
  },
};
common.plugins = [separateValidators];

mkdirSync(join(root, 'dist'), { recursive: true });
await Promise.all([
  build({ ...common, entryPoints: [join(root, 'client/src/extension.ts')], outfile: join(root, 'dist/extension.js') }),
  // dist/server.js is a small loader that runs dist/server-main.js with V8's code cache (server/src/lsp/start.ts).
  build({ ...common, entryPoints: [join(root, 'server/src/lsp/start.ts')], outfile: join(root, 'dist/server.js'), external: ['vscode', './server-main.js'] }),
  build({ ...common, entryPoints: [join(root, 'server/src/lsp/server.ts')], outfile: join(root, 'dist/server-main.js') }),
  build({ ...common, entryPoints: [join(root, 'server/src/cli/main.ts')], outfile: join(root, 'dist/cli.js'), banner: { js: '#!/usr/bin/env node' } }),
  // The lineage webview runs in the browser sandbox of a webview, with dagre bundled in and no Node built-ins.
  build({ ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: [join(root, 'client/src/webview/main.ts')], outfile: join(root, 'dist/lineage-webview.js') }),
  build({ ...common, platform: 'browser', entryPoints: [join(root, 'client/src/webview/lineage.css')], outfile: join(root, 'dist/lineage-webview.css') }),
  ...Object.entries(VALIDATORS).map(([source, file]) =>
    build({ ...common, plugins: [], sourcemap: false, entryPoints: [join(root, 'server/src/core', `${source}.js`)], outfile: join(root, 'dist', file) }),
  ),
]);
chmodSync(join(root, 'dist/cli.js'), 0o755);
copyFileSync(join(root, 'node_modules/minijinja-js/dist/node/minijinja_js_bg.wasm'), join(root, 'dist/minijinja_js_bg.wasm'));
copyFileSync(join(root, 'node_modules/@polyglot-sql/sdk/dist/polyglot_sql.wasm'), join(root, 'dist/polyglot_sql.wasm'));
