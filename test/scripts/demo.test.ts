/**
 * Self-checks of the demo project in examples/demo: its YAML files have the shapes
 * dbt and ODCS expect, its refs and sources resolve except for the deliberate
 * findings, and EXPECTED.md / expected-findings.json point at the right characters.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import YAML from 'yaml';
import Ajv from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import { describeWithShared, sharedPath } from '../helpers/shared';
import { loadParser, makeRenderer } from './render-helper';

const DEMO = path.resolve(__dirname, '..', '..', 'examples', 'demo');

function read(rel: string): string {
  return fs.readFileSync(path.join(DEMO, rel), 'utf8');
}

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

/** Relative, forward-slash paths of the demo's files under `sub` ending with one of `exts`. */
function demoFiles(sub: string, ...exts: string[]): string[] {
  return walk(path.join(DEMO, sub))
    .filter((f) => exts.some((e) => f.endsWith(e)))
    .map((f) => path.relative(DEMO, f).split(path.sep).join('/'))
    .sort();
}

function parseYaml(rel: string): any {
  // dbt reads YAML 1.1 with merge keys (`<<: *anchor`).
  return YAML.parse(read(rel), { merge: true });
}

const REF_RE = /\bref\(\s*['"]([^'"]+)['"]\s*\)/g;
const SOURCE_RE = /\bsource\(\s*['"]([^'"]+)['"]\s*,\s*['"]([^'"]+)['"]\s*\)/g;

interface ExpectedFinding {
  file: string;
  line: number;
  column: number;
  rule: string;
}

describe('examples/demo', () => {
  const sqlModels = demoFiles('models', '.sql');
  const modelNames = new Set(sqlModels.map((f) => path.basename(f, '.sql')));
  const seedNames = new Set(demoFiles('seeds', '.csv').map((f) => path.basename(f, '.csv')));
  const propertyFiles = [...demoFiles('models', '.yml'), ...demoFiles('seeds', '.yml'), ...demoFiles('macros', '.yml')];

  const sources = new Map<string, Set<string>>();
  for (const rel of demoFiles('models', '.yml')) {
    for (const src of parseYaml(rel).sources ?? []) {
      sources.set(src.name, new Set((src.tables ?? []).map((t: any) => t.name)));
    }
  }

  it('has 15-25 models across staging, intermediate and marts', () => {
    assert.ok(sqlModels.length >= 15 && sqlModels.length <= 25, `${sqlModels.length} models`);
    for (const layer of ['staging', 'intermediate', 'marts']) {
      assert.ok(sqlModels.some((f) => f.startsWith(`models/${layer}/`)), layer);
    }
  });

  it('documents every model in a properties file of its folder', () => {
    for (const rel of sqlModels) {
      const dir = path.posix.dirname(rel);
      const name = path.basename(rel, '.sql');
      const documented = propertyFiles
        .filter((p) => path.posix.dirname(p) === dir)
        .some((p) => (parseYaml(p).models ?? []).some((m: any) => m.name === name));
      assert.ok(documented, `${rel} has no entry in a properties file of ${dir}`);
    }
  });

  it('resolves every ref and source except the two deliberate typos', () => {
    const unknownRefs: string[] = [];
    const unknownSources: string[] = [];
    const files = [...sqlModels, ...demoFiles('snapshots', '.sql'), ...demoFiles('tests', '.sql')];
    for (const rel of files) {
      const text = read(rel);
      for (const m of text.matchAll(REF_RE)) {
        if (!modelNames.has(m[1]) && !seedNames.has(m[1])) unknownRefs.push(`${rel}:${m[1]}`);
      }
      for (const m of text.matchAll(SOURCE_RE)) {
        if (!sources.get(m[1])?.has(m[2])) unknownSources.push(`${rel}:${m[1]}.${m[2]}`);
      }
    }
    assert.deepEqual(unknownRefs, ['models/marts/finance/fct_revenue_daily.sql:stg_shop__ordrs']);
    assert.deepEqual(unknownSources, ['models/staging/shop/stg_shop__customers.sql:shop.custmers']);
    // The typos are near misses of real names, so a "did you mean" applies.
    assert.ok(modelNames.has('stg_shop__orders'));
    assert.ok(sources.get('shop')?.has('customers'));
  });

  it('refs in YAML (tests, constraints, exposures) resolve', () => {
    for (const rel of propertyFiles) {
      for (const m of read(rel).matchAll(REF_RE)) {
        assert.ok(modelNames.has(m[1]) || seedNames.has(m[1]), `${rel}: ref('${m[1]}')`);
      }
    }
  });

  it('uses a YAML anchor and a merge key', () => {
    const text = read('models/staging/shop/_shop__sources.yml');
    assert.match(text, /&shop_freshness/);
    assert.match(text, /<<: \*shop_freshness/);
    const shop = parseYaml('models/staging/shop/_shop__sources.yml').sources[0];
    const orders = shop.tables.find((t: any) => t.name === 'orders');
    assert.deepEqual(orders.freshness.warn_after, { count: 2, period: 'hour' });
    assert.deepEqual(orders.freshness.error_after, { count: 24, period: 'hour' });
  });

  it('the contracted model declares exactly the columns it selects', () => {
    const sql = read('models/marts/core/fct_orders.sql');
    const finalSelect = sql.slice(sql.indexOf('final as ('), sql.lastIndexOf('from orders'));
    const selected = finalSelect
      .split('\n')
      .map((l) => l.trim().replace(/,$/, ''))
      .filter((l) => l && !l.startsWith('final as') && l !== 'select' && l !== '(')
      .map((l) => (/ as (\w+)$/.exec(l)?.[1] ?? l));
    const model = parseYaml('models/marts/core/_core__models.yml').models.find((m: any) => m.name === 'fct_orders');
    assert.equal(model.config.contract.enforced, true);
    assert.deepEqual(model.columns.map((c: any) => c.name), selected);
    for (const c of model.columns) assert.ok(c.data_type, `${c.name} has a data_type`);

    const contract = YAML.parse(read('contracts/orders.odcs.yaml'));
    assert.deepEqual(contract.schema[0].properties.map((p: any) => p.name), selected);
  });

  it('every model renders to BigQuery SQL that parses', async function () {
    this.timeout(60000);
    const macros = demoFiles('macros', '.sql').map(read).join('\n');
    const render = makeRenderer({ macros, vars: parseYaml('dbt_project.yml').vars, dialect: 'bigquery' });
    const parseSql = await loadParser();
    const failures: string[] = [];
    for (const rel of [...sqlModels, ...demoFiles('tests', '.sql')]) {
      const error = parseSql(render(read(rel)), 'bigquery');
      if (error) failures.push(`${rel}: ${error}`);
    }
    assert.deepEqual(failures, []);
  });

  describe('expected findings', () => {
    const findings: ExpectedFinding[] = JSON.parse(read('expected-findings.json'));
    const expectedMd = read('EXPECTED.md');

    it('lists dag/unknown-ref and dag/unknown-source, pointing at the call token', () => {
      const typos = findings.filter((f) => f.rule === 'dag/unknown-ref' || f.rule === 'dag/unknown-source');
      assert.deepEqual(typos.map((f) => f.rule).sort(), ['dag/unknown-ref', 'dag/unknown-source']);
      for (const f of typos) {
        const line = read(f.file).split('\n')[f.line - 1];
        const at = line.slice(f.column - 1);
        if (f.rule === 'dag/unknown-ref') assert.ok(at.startsWith("ref('stg_shop__ordrs')"), at);
        else assert.ok(at.startsWith("source('shop', 'custmers')"), at);
      }
    });

    it('EXPECTED.md rows point at lines that show the problem, and list every finding of the JSON', () => {
      const rows = [...expectedMd.matchAll(/^\| `([^`]+)` \| (\d+) \| `([^`]+)` \|/gm)];
      // Every finding of expected-findings.json, one row each.
      assert.equal(rows.length, findings.length);
      const needles: Record<string, RegExp[]> = {
        'dag/unknown-ref': [/ref\('stg_shop__ordrs'\)/],
        'dag/unknown-source': [/source\('shop', 'custmers'\)/],
        'dag/unused-source': [/- name: customers$/],
        'dag/staging-depends-on-staging': [/ref\('stg_shop__products'\)/],
        'dag/direct-join-to-source': [/source\('shop', 'order_items'\)/, /source\('ads', 'ad_spend'\)/],
        'dag/rejoining-upstream-concepts': [/ref\('stg_shop__order_items'\)/, /ref\('fct_marketing_spend'\)/],
        'dag/marts-or-intermediate-depends-on-source': [/source\('ads', 'ad_spend'\)/],
        'partition/incremental-without-filter': [/materialized='incremental'/],
        'partition/unfiltered-partitioned-scan': [/ref\('fct_marketing_spend'\)/, /ref\('fct_web_sessions'\)/, /ref\('fct_orders'\)/, /ref\('fct_order_items'\)/],
        'dag/hard-coded-reference': [/from raw_shop\.payments/],
        'docs/undocumented-source-table': [/- name: ad_spend$/],
        'layout/model-directory': [/^with$/],
        'yaml/deprecated-key': [/^\s+tests:$/],
        'naming/column-type-suffix': [/- name: started_on$/],
        'testing/missing-primary-key-test': [/- name: fct_revenue_daily$/],
        'governance/public-model-without-contract': [/- name: dim_customers$/],
        'governance/exposure-depends-on-private-model': [/- ref\('fct_revenue_daily'\)/, /- ref\('dim_campaigns'\)/],
        'project/packages-not-installed': [/package: dbt-labs\/dbt_utils/],
        'pipeline/unknown-dbt-selection': [/dbt test --select tag:finanse /],
        'pipeline/unknown-dependency': [/dependencies: \[dbt_build_marketting\]/],
      };
      for (const [, file, line, rule] of rows) {
        assert.ok(needles[rule], `unexpected rule ${rule}`);
        const text = read(file).split('\n')[Number(line) - 1];
        assert.ok(needles[rule].some((needle) => needle.test(text)), `${file}:${line} (${rule}): ${text}`);
      }
      for (const f of findings) {
        assert.ok(rows.some((r) => r[1] === f.file && Number(r[2]) === f.line && r[3] === f.rule), `${f.rule} in EXPECTED.md`);
      }
    });

    it('has exactly one incremental model without an is_incremental() filter', () => {
      const unfiltered = sqlModels.filter((rel) => {
        const text = read(rel);
        return /materialized\s*=\s*'incremental'/.test(text) && !/is_incremental\(\)/.test(text);
      });
      assert.deepEqual(unfiltered, ['models/marts/marketing/fct_web_sessions.sql']);
    });
  });
});

describeWithShared('examples/demo against the shared schemas', () => {
  function ajvDraft7() {
    return new Ajv({ strict: false, allErrors: true, validateFormats: false });
  }

  function check(validate: any, data: unknown, label: string): void {
    const ok = validate(data);
    assert.ok(ok, `${label}: ${JSON.stringify(validate.errors, null, 1)}`);
  }

  it('dbt_project.yml, packages.yml and the properties files match dbt-jsonschema', () => {
    const schema = (name: string) => JSON.parse(fs.readFileSync(sharedPath('dbt-jsonschema', 'schemas', name), 'utf8'));
    const ajv = ajvDraft7();
    check(ajv.compile(schema('dbt_project-latest.json')), parseYaml('dbt_project.yml'), 'dbt_project.yml');
    check(ajv.compile(schema('packages-latest.json')), parseYaml('packages.yml'), 'packages.yml');
    const ymlFiles = ajv.compile(schema('dbt_yml_files-latest.json'));
    const files = [...demoFiles('models', '.yml'), ...demoFiles('seeds', '.yml'), ...demoFiles('macros', '.yml')];
    for (const rel of files) check(ymlFiles, parseYaml(rel), rel);
  });

  it('contracts/orders.odcs.yaml matches the ODCS v3.1.0 JSON schema', () => {
    const schema = JSON.parse(fs.readFileSync(sharedPath('odcs', 'schema', 'odcs-json-schema-v3.1.0.json'), 'utf8'));
    const ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: false });
    const contract = YAML.parse(read('contracts/orders.odcs.yaml'));
    assert.equal(contract.apiVersion, 'v3.1.0');
    check(ajv.compile(schema), contract, 'orders.odcs.yaml');
  });
});
