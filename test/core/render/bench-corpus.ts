/**
 * Measures the sandbox on a real dbt project checkout (not part of the test suite).
 *
 * Usage: npx tsx test/core/render/bench-corpus.ts <project-dir> [adapter] [project-name]
 * It loads `macros/**` and `dbt_packages/<pkg>/macros/**`, renders every model twice (the
 * first pass warms up the engine), and prints creation time, per-model times and failures.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import { MacroSandbox, MacroSource, macrosProducingRefs } from '../../../server/src/core/render';

function sqlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sqlFiles(full));
    else if (entry.name.endsWith('.sql')) out.push(full);
  }
  return out;
}

function main(): void {
  const [root, adapter = 'snowflake', projectName = path.basename(root)] = process.argv.slice(2);
  const macros: MacroSource[] = sqlFiles(path.join(root, 'macros')).map((file) => ({ path: file, text: fs.readFileSync(file, 'utf8'), packageName: projectName }));
  const packagesDir = path.join(root, 'dbt_packages');
  if (fs.existsSync(packagesDir)) {
    for (const pkg of fs.readdirSync(packagesDir)) {
      for (const file of sqlFiles(path.join(packagesDir, pkg, 'macros'))) macros.push({ path: file, text: fs.readFileSync(file, 'utf8'), packageName: pkg });
    }
  }
  const models = sqlFiles(path.join(root, 'models')).map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));

  let started = performance.now();
  const producing = macrosProducingRefs(macros);
  const closureMillis = performance.now() - started;
  started = performance.now();
  const sandbox = MacroSandbox.create(macros, { projectName, adapter, fuel: 100_000 });
  const createMillis = performance.now() - started;

  const errors = new Map<string, number>();
  let ok = 0;
  let refs = 0;
  let fuel = 0;
  const times: number[] = [];
  for (let pass = 0; pass < 2; pass++) {
    for (const model of models) {
      const result = sandbox.render(model.text, { name: path.basename(model.file, '.sql'), packageName: projectName, incremental: /incremental/.test(model.text) });
      if (pass === 0) continue;
      times.push(result.millis);
      refs += result.refs.length + result.sources.length;
      if (result.ok) ok++;
      else {
        if (result.fuelExhausted) fuel++;
        const key = (result.error?.message ?? '').replace(/\(in .*$/, '').replace(/[`'"][^`'"]*[`'"]/g, '…').slice(0, 90);
        errors.set(key, (errors.get(key) ?? 0) + 1);
      }
    }
  }
  times.sort((a, b) => a - b);
  const total = times.reduce((sum, t) => sum + t, 0);
  console.log(`macro files: ${macros.length}, macros loaded: ${sandbox.creationMillis.toFixed(1)} ms create (${createMillis.toFixed(1)} ms wall), skipped: ${sandbox.skipped.length}`);
  console.log(`macrosProducingRefs: ${producing.size / 2} macros in ${closureMillis.toFixed(1)} ms`);
  console.log(`models: ${models.length}, rendered ok: ${ok}, fuel exhausted: ${fuel}, refs+sources recorded: ${refs}`);
  console.log(`per model after warm-up: mean ${(total / times.length).toFixed(3)} ms, median ${times[Math.floor(times.length / 2)].toFixed(3)} ms, p95 ${times[Math.floor(times.length * 0.95)].toFixed(3)} ms, max ${times[times.length - 1].toFixed(2)} ms`);
  for (const [message, count] of [...errors].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${count} × ${message}`);
  for (const skipped of sandbox.skipped.slice(0, 8)) console.log(`  skipped ${skipped.name ?? ''} in ${skipped.path}: ${skipped.message.slice(0, 120)}`);
  sandbox.dispose();
}

main();
