import * as assert from 'node:assert/strict';
import YAML from 'yaml';
import { generateProject, layerCounts } from '../../scripts/synthetic/generate';
import * as fs from 'node:fs';
import Ajv from 'ajv';
import { describeWithShared, sharedPath } from '../helpers/shared';
import { loadParser, makeRenderer } from './render-helper';

const REF_RE = /\bref\(\s*'([^']+)'\s*\)/g;
const SOURCE_RE = /\bsource\(\s*'([^']+)'\s*,\s*'([^']+)'\s*\)/g;
/** The tuples passed to the ref-making macro: `('cte_name', 'model_name')`. */
const SIMPLE_CTE_RE = /\{\{\s*simple_cte\(\[([\s\S]*?)\]\)\s*\}\}/g;
const TUPLE_RE = /\(\s*'[^']+'\s*,\s*'([^']+)'\s*\)/g;

interface Parsed {
  models: Map<string, { path: string; sql: string; refs: string[]; sources: Array<[string, string]> }>;
  order: string[];
}

function modelName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1, -'.sql'.length);
}

function parse(files: Map<string, string>): Parsed {
  const models: Parsed['models'] = new Map();
  const order: string[] = [];
  for (const [path, sql] of files) {
    if (!path.startsWith('models/') || !path.endsWith('.sql')) continue;
    const refs = [...sql.matchAll(REF_RE)].map((m) => m[1]);
    for (const m of sql.matchAll(SIMPLE_CTE_RE)) for (const t of m[1].matchAll(TUPLE_RE)) refs.push(t[1]);
    const sources = [...sql.matchAll(SOURCE_RE)].map((m) => [m[1], m[2]] as [string, string]);
    const name = modelName(path);
    assert.ok(!models.has(name), `duplicate model name ${name}`);
    models.set(name, { path, sql, refs, sources });
    order.push(name);
  }
  return { models, order };
}

function declaredSources(files: Map<string, string>): Set<string> {
  const out = new Set<string>();
  for (const [path, text] of files) {
    if (!path.endsWith('.yml') || !path.startsWith('models/')) continue;
    for (const src of YAML.parse(text).sources ?? []) for (const t of src.tables ?? []) out.add(`${src.name}.${t.name}`);
  }
  return out;
}

function layerOf(path: string): string {
  return path.split('/')[1];
}

describe('scripts/synthetic generateProject', () => {
  const N = 1000;
  const files = generateProject({ models: N, seed: 7 });
  const parsed = parse(files);

  it('is deterministic for a seed, and the seed matters', () => {
    const again = generateProject({ models: N, seed: 7 });
    assert.deepEqual([...again.keys()], [...files.keys()]);
    for (const [k, v] of files) assert.equal(again.get(k), v, k);
    const other = generateProject({ models: N, seed: 8 });
    const differing = [...files.keys()].filter((k) => other.get(k) !== files.get(k));
    assert.ok(differing.length > N / 2, `only ${differing.length} files differ between seeds`);
  });

  it('makes exactly the requested models, ~45/25/30 % per layer', () => {
    assert.equal(parsed.models.size, N);
    const counts: Record<string, number> = {};
    for (const m of parsed.models.values()) counts[layerOf(m.path)] = (counts[layerOf(m.path)] ?? 0) + 1;
    assert.deepEqual(counts, layerCounts(N));
    assert.deepEqual(layerCounts(N), { staging: 450, intermediate: 250, marts: 300 });
    for (const n of [0, 1, 2, 3, 7, 10]) {
      const small = parse(generateProject({ models: n }));
      assert.equal(small.models.size, n, `models: ${n}`);
    }
  });

  it('follows the naming and folder conventions of each layer', () => {
    for (const [name, m] of parsed.models) {
      const layer = layerOf(m.path);
      if (layer === 'staging') assert.match(m.path, new RegExp(`^models/staging/([a-z0-9_]+)/stg_\\1__[a-z0-9_]+\\.sql$`), name);
      else if (layer === 'intermediate') assert.match(m.path, /^models\/intermediate\/[a-z0-9_]+\/int_[a-z0-9_]+\.sql$/, name);
      else assert.match(m.path, /^models\/marts\/[a-z0-9_]+\/(fct|dim)_[a-z0-9_]+\.sql$/, name);
    }
  });

  it('every ref points at a generated model, and staging reads exactly one declared source', () => {
    const sources = declaredSources(files);
    for (const [name, m] of parsed.models) {
      for (const r of m.refs) assert.ok(parsed.models.has(r), `${name} refs unknown ${r}`);
      for (const [s, t] of m.sources) assert.ok(sources.has(`${s}.${t}`), `${name} reads undeclared ${s}.${t}`);
      const layer = layerOf(m.path);
      if (layer === 'staging') {
        assert.equal(m.sources.length, 1, name);
        assert.equal(m.refs.length, 0, name);
      } else {
        assert.equal(m.sources.length, 0, name);
        const distinct = new Set(m.refs).size;
        const [lo, hi] = layer === 'intermediate' ? [2, 4] : [2, 6];
        assert.ok(distinct >= lo && distinct <= hi, `${name} has ${distinct} upstream models`);
      }
    }
    // ~1 source table per 3 staging models, spread over several sources.
    const staging = layerCounts(N).staging;
    assert.ok(Math.abs(sources.size - staging / 3) <= 2, `${sources.size} source tables`);
    assert.ok(new Set([...sources].map((s) => s.split('.')[0])).size >= 5);
  });

  it('the ref graph is acyclic', () => {
    const indegree = new Map<string, number>();
    const children = new Map<string, string[]>();
    for (const [name, m] of parsed.models) {
      const ups = new Set(m.refs);
      indegree.set(name, ups.size);
      for (const u of ups) children.set(u, [...(children.get(u) ?? []), name]);
    }
    const queue = [...indegree].filter(([, d]) => d === 0).map(([n]) => n);
    let seen = 0;
    while (queue.length) {
      const n = queue.pop()!;
      seen++;
      for (const c of children.get(n) ?? []) {
        const d = indegree.get(c)! - 1;
        indegree.set(c, d);
        if (d === 0) queue.push(c);
      }
    }
    assert.equal(seen, parsed.models.size, 'a cycle among the refs');
  });

  it('has the advertised mix of features', () => {
    const sqls = [...parsed.models.values()].map((m) => m.sql);
    const share = (re: RegExp) => sqls.filter((s) => re.test(s)).length / sqls.length;
    const config = share(/\{\{\s*config\(/);
    const jinjaLoops = share(/\{%-?\s*(set|for)\b/);
    const refMacro = share(/simple_cte\(/);
    const incremental = [...parsed.models.values()].filter((m) => /materialized='incremental'/.test(m.sql));
    assert.ok(config > 0.33 && config < 0.5, `config in ${config}`);
    assert.ok(jinjaLoops > 0.06 && jinjaLoops < 0.16, `set/for in ${jinjaLoops}`);
    assert.ok(refMacro > 0.005 && refMacro < 0.04, `simple_cte in ${refMacro}`);
    assert.ok(incremental.length > 20);
    for (const m of incremental) assert.match(m.sql, /\{% if is_incremental\(\) %\}/, m.path);
    assert.ok(share(/partition_by=/) > 0.05);
    assert.ok(share(/ over \(/) > 0.5, 'window functions');
    assert.ok(share(/\bcase\b/) > 0.3, 'case expressions');
    assert.ok(share(/group by/) > 0.4, 'group by');
    assert.ok(share(/\{\{ cents_to_dollars\(/) > 0.2, 'project macros');
  });

  it('averages ~2.5 KB per model', () => {
    let bytes = 0;
    for (const m of parsed.models.values()) bytes += Buffer.byteLength(m.sql);
    const avg = bytes / parsed.models.size;
    assert.ok(avg >= 2000 && avg <= 3200, `average ${avg.toFixed(0)} B`);
  });

  it('writes one properties YAML per folder of 20-50 models, documenting ~40 % of them', () => {
    const folders = new Map<string, number>();
    for (const m of parsed.models.values()) {
      const folder = m.path.slice(0, m.path.lastIndexOf('/'));
      folders.set(folder, (folders.get(folder) ?? 0) + 1);
    }
    const sizes = [...folders.values()].sort((a, b) => a - b);
    const median = sizes[Math.floor(sizes.length / 2)];
    assert.ok(median >= 20 && median <= 50, `median folder size ${median}`);

    let documented = 0;
    const columnsPerModel: number[] = [];
    let testsSpelling = 0;
    for (const [path, text] of files) {
      if (!path.endsWith('__models.yml')) continue;
      const folder = path.slice(0, path.lastIndexOf('/'));
      assert.ok(folders.has(folder), `${path} is in a folder without models`);
      const doc = YAML.parse(text);
      for (const model of doc.models) {
        const m = parsed.models.get(model.name);
        assert.ok(m, `${path} documents unknown model ${model.name}`);
        assert.equal(m.path.slice(0, m.path.lastIndexOf('/')), folder, `${model.name} documented outside its folder`);
        assert.ok(model.description);
        documented++;
        columnsPerModel.push(model.columns.length);
        for (const col of model.columns) {
          if (col.tests) testsSpelling++;
          for (const t of col.tests ?? col.data_tests ?? []) {
            const rel = t?.relationships;
            if (rel) assert.ok(parsed.models.has(/ref\('([^']+)'\)/.exec(rel.to)![1]), `${model.name}: ${rel.to}`);
          }
        }
      }
    }
    const share = documented / parsed.models.size;
    assert.ok(share > 0.32 && share < 0.48, `documented ${share}`);
    const avgCols = columnsPerModel.reduce((a, b) => a + b, 0) / columnsPerModel.length;
    assert.ok(avgCols >= 6 && avgCols <= 12, `average ${avgCols} documented columns`);
    assert.ok(testsSpelling > 0, 'some folders use the older tests: spelling');
  });

  it('writes dbt_project.yml, profiles.yml, packages.yml and the macros', () => {
    const project = YAML.parse(files.get('dbt_project.yml')!);
    assert.equal(project.profile, project.name);
    assert.equal(project.models[project.name].staging['+schema'], 'staging');
    assert.equal(YAML.parse(files.get('profiles.yml')!)[project.name].outputs.dev.type, 'bigquery');
    for (const macro of ['cents_to_dollars', 'simple_cte', 'normalize_text']) assert.ok(files.has(`macros/${macro}.sql`), macro);
    const snowflake = generateProject({ models: 20, adapter: 'snowflake' });
    assert.equal(YAML.parse(snowflake.get('profiles.yml')!).synthetic_analytics.outputs.dev.type, 'snowflake');
  });

  for (const dialect of ['bigquery', 'snowflake'] as const) {
    it(`renders to SQL that parses (${dialect})`, async function () {
      this.timeout(60000);
      const project = generateProject({ models: 300, seed: 3, adapter: dialect });
      const macros = [...project].filter(([p]) => p.startsWith('macros/')).map(([, t]) => t).join('\n');
      const vars = YAML.parse(project.get('dbt_project.yml')!).vars;
      const render = makeRenderer({ macros, vars, dialect });
      const parseSql = await loadParser();
      const failures: string[] = [];
      for (const [path, sql] of project) {
        if (!path.endsWith('.sql') || !path.startsWith('models/')) continue;
        const rendered = render(sql);
        const error = parseSql(rendered, dialect);
        if (error) failures.push(`${path}: ${error}`);
      }
      assert.deepEqual(failures.slice(0, 5), []);
    });
  }

  it('generates 5k models quickly', function () {
    this.timeout(60000);
    const started = process.cpuUsage();
    const big = generateProject({ models: 5000, seed: 1 });
    const used = process.cpuUsage(started);
    assert.equal([...big.keys()].filter((k) => k.endsWith('.sql') && k.startsWith('models/')).length, 5000);
    // ~0.4 s of CPU on a developer machine; generous for loaded CI machines.
    assert.ok((used.user + used.system) / 1e6 < 5, `${(used.user + used.system) / 1e6} s CPU`);
  });
});

describeWithShared('scripts/synthetic output against dbt-jsonschema', () => {
  it('dbt_project.yml, packages.yml and every properties/sources YAML match the schemas', () => {
    const schema = (name: string) => JSON.parse(fs.readFileSync(sharedPath('dbt-jsonschema', 'schemas', name), 'utf8'));
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const project = ajv.compile(schema('dbt_project-latest.json'));
    const packages = ajv.compile(schema('packages-latest.json'));
    const yml = ajv.compile(schema('dbt_yml_files-latest.json'));
    for (const adapter of ['bigquery', 'snowflake'] as const) {
      const files = generateProject({ models: 400, seed: 5, adapter });
      for (const [path, text] of files) {
        if (!path.endsWith('.yml') || path === 'profiles.yml') continue;
        const validate = path === 'dbt_project.yml' ? project : path === 'packages.yml' ? packages : yml;
        assert.ok(validate(YAML.parse(text)), `${adapter} ${path}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
      }
    }
  });
});
