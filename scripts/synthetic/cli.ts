/**
 * Writes a synthetic dbt project to disk.
 *
 *   npx tsx scripts/synthetic/cli.ts --models 5000 --out /tmp/p5k [--seed 1] [--adapter bigquery|snowflake]
 *
 * The output folder is created if needed; files already in it with the same paths are
 * overwritten, others are left alone (use a fresh folder for benchmarks).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Adapter, generateProject, layerCounts } from './generate';

interface Args {
  models: number;
  out: string;
  seed: number;
  adapter: Adapter;
}

const USAGE = 'usage: cli.ts --models N --out DIR [--seed N] [--adapter bigquery|snowflake]';

function parseArgs(argv: string[]): Args {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') {
      console.log(USAGE);
      process.exit(0);
    }
    const m = /^--([a-z]+)(?:=(.*))?$/.exec(a);
    if (!m) throw new Error(`unexpected argument ${a}\n${USAGE}`);
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new Error(`--${m[1]} needs a value\n${USAGE}`);
    values.set(m[1], value);
  }
  for (const k of values.keys()) {
    if (!['models', 'out', 'seed', 'adapter'].includes(k)) throw new Error(`unknown option --${k}\n${USAGE}`);
  }
  const models = Number(values.get('models'));
  if (!Number.isInteger(models) || models < 0) throw new Error(`--models must be a non-negative integer\n${USAGE}`);
  const out = values.get('out');
  if (!out) throw new Error(`--out is required\n${USAGE}`);
  const seed = Number(values.get('seed') ?? '1');
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer\n${USAGE}`);
  const adapter = (values.get('adapter') ?? 'bigquery') as Adapter;
  if (adapter !== 'bigquery' && adapter !== 'snowflake') throw new Error(`--adapter must be bigquery or snowflake\n${USAGE}`);
  return { models, out, seed, adapter };
}

function main(): void {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  const t0 = process.hrtime.bigint();
  const files = generateProject({ models: args.models, seed: args.seed, adapter: args.adapter });
  const t1 = process.hrtime.bigint();

  let bytes = 0;
  let sqlBytes = 0;
  let sqlModels = 0;
  let yamlFiles = 0;
  const dirs = new Set<string>();
  for (const [rel, content] of files) {
    const full = path.join(args.out, ...rel.split('/'));
    const dir = path.dirname(full);
    if (!dirs.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      dirs.add(dir);
    }
    fs.writeFileSync(full, content);
    const size = Buffer.byteLength(content);
    bytes += size;
    if (rel.startsWith('models/') && rel.endsWith('.sql')) {
      sqlModels++;
      sqlBytes += size;
    } else if (rel.endsWith('.yml')) {
      yamlFiles++;
    }
  }
  const t2 = process.hrtime.bigint();

  const counts = layerCounts(args.models);
  const ms = (a: bigint, b: bigint) => (Number(b - a) / 1e6).toFixed(0);
  console.log(`wrote ${files.size} files to ${args.out} (seed ${args.seed}, ${args.adapter})`);
  console.log(`  models: ${sqlModels} (staging ${counts.staging}, intermediate ${counts.intermediate}, marts ${counts.marts})`);
  console.log(`  yaml files: ${yamlFiles}`);
  console.log(`  total bytes: ${bytes} (models ${sqlBytes}, average model ${sqlModels ? Math.round(sqlBytes / sqlModels) : 0} B)`);
  console.log(`  generated in ${ms(t0, t1)} ms, written in ${ms(t1, t2)} ms`);
}

main();
