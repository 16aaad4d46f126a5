/**
 * Synthetic projects for the benchmark, generated once per (size, seed, generator version) under
 * os.tmpdir()/dplens-bench/<size>-<seed> and reused while the generator's source is unchanged.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateProject } from '../synthetic/generate';

const MARKER = '.bench-complete.json';

export function benchTempRoot(): string {
  return path.join(os.tmpdir(), 'dplens-bench');
}

export function ensureSynthetic(repo: string, models: number, seed: number, log: (line: string) => void): { dir: string; reused: boolean } {
  const generatorHash = createHash('sha256').update(fs.readFileSync(path.join(repo, 'scripts/synthetic/generate.ts'))).digest('hex').slice(0, 16);
  const dir = path.join(benchTempRoot(), `${models}-${seed}`);
  const wanted = { models, seed, generatorHash };
  try {
    const marker = JSON.parse(fs.readFileSync(path.join(dir, MARKER), 'utf8'));
    if (marker.models === models && marker.seed === seed && marker.generatorHash === generatorHash) return { dir, reused: true };
  } catch {
    // No marker: not generated yet, or interrupted.
  }
  const started = Date.now();
  fs.rmSync(dir, { recursive: true, force: true });
  const files = generateProject({ models, seed });
  const dirs = new Set<string>();
  for (const [relative, content] of files) {
    const full = path.join(dir, ...relative.split('/'));
    const folder = path.dirname(full);
    if (!dirs.has(folder)) {
      fs.mkdirSync(folder, { recursive: true });
      dirs.add(folder);
    }
    fs.writeFileSync(full, content);
  }
  fs.writeFileSync(path.join(dir, MARKER), JSON.stringify({ ...wanted, files: files.size }));
  log(`  generated ${files.size} files in ${dir} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return { dir, reused: false };
}
