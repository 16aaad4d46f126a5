/**
 * Files over `limits.maxFileBytes` are read only for what the graph needs: a generated 1.5 MB model keeps its
 * dependencies, is summarised without its SQL being parsed, and says so once with `project/file-too-large`.
 */
import assert from 'node:assert/strict';
import { checkWorkspace } from '../../../server/src/core/check';
import { DEFAULT_MAX_FILE_BYTES, bytesOverLimit } from '../../../server/src/core/config/limits';
import { parseDplensConfig } from '../../../server/src/core/config/dplens-config';
import type { Finding } from '../../../server/src/core/findings';
import type { Dialect } from '../../../server/src/core/sql';
import type { FileKind } from '../../../server/src/core/project/layout';
import { isSqlSummary, summarizeFile, type FileSummary } from '../../../server/src/core/project/summary';
import type { SummaryStore } from '../../../server/src/core/project/summary-store';
import { WorkspaceIndex } from '../../../server/src/core/project/workspace-index';

const RULE = 'project/file-too-large';
const BIG = 'models/token_prices.sql';
const UPSTREAM = Array.from({ length: 40 }, (_, i) => `stg_chain_${i}`);

/**
 * A generated model of about `bytes` bytes, shaped like those in large public projects: a union over many upstream
 * models and a source, then a long `values` list of token addresses.
 */
function generatedModel(bytes: number): string {
  const head = [
    "{{ config(materialized='table') }}",
    'with prices as (',
    UPSTREAM.map((name) => `  select block_time, token, price from {{ ref('${name}') }}`).join('\n  union all\n'),
    '),',
    "erc20 as (select * from {{ source('ethereum', 'erc20_tokens') }}),",
    'tokens as (',
    '  select * from (values',
  ].join('\n');
  const rows: string[] = [];
  let size = head.length;
  for (let i = 0; size < bytes - 200; i++) {
    const row = `    ('0x${((i * 2654435761) >>> 0).toString(16).padStart(40, '0')}', 'TOKEN_${i}', ${i % 19})`;
    rows.push(row);
    size += row.length + 2;
  }
  return `${head}\n${rows.join(',\n')}\n  ) as t(address, symbol, decimals)\n)\nselect p.block_time, t.symbol, p.price from prices p join tokens t on p.token = t.address join erc20 e on e.address = t.address\n`;
}

function project(extra: Record<string, string> = {}, bigText = generatedModel(1_500_000)): Map<string, string> {
  const files = new Map<string, string>([
    ['dbt_project.yml', "name: chains\nversion: '1.0.0'\nprofile: chains\n"],
    ['dplens.yml', 'adapter: bigquery\n'],
    ['models/sources.yml', 'version: 2\nsources:\n  - name: ethereum\n    tables:\n      - name: erc20_tokens\n'],
    [BIG, bigText],
  ]);
  for (const name of UPSTREAM) files.set(`models/staging/${name}.sql`, `select 1 as block_time, 'x' as token, 1.0 as price from {{ source('ethereum', 'erc20_tokens') }}\n`);
  for (const [path, text] of Object.entries(extra)) files.set(path, text);
  return files;
}

function findingsOf(findings: Finding[], rule: string, file?: string): Finding[] {
  return findings.filter((finding) => finding.rule === rule && (file === undefined || finding.file === file));
}

/** The ids a node's dependencies resolve to: the graph's edges into it. */
function parentsOf(index: WorkspaceIndex, file: string): string[] {
  const node = index.nodesOfFile(file)[0];
  assert.ok(node, `a node for ${file}`);
  return node.dependencies.map((dependency) => dependency.target ?? `unresolved:${dependency.name}`).sort();
}

describe('limits: files over limits.maxFileBytes', () => {
  const big = generatedModel(1_500_000);

  it('generates a model of 1.5 MB, over the default limit', () => {
    assert.ok(big.length >= 1_499_000 && big.length <= 1_500_000, `generated ${big.length} bytes`);
    assert.equal(bytesOverLimit(big, DEFAULT_MAX_FILE_BYTES), big.length, 'ASCII: one byte per character');
  });

  it('keeps the DAG edges of the large model and reports it once, at its first line, naming size, limit and setting', () => {
    const outcome = checkWorkspace(project({}, big));
    const expected = [...UPSTREAM.map((name) => `model.chains.${name}`), 'source.chains.ethereum.erc20_tokens'].sort();
    assert.deepEqual(parentsOf(outcome.index, BIG), expected);
    const reported = findingsOf(outcome.findings, RULE);
    assert.equal(reported.length, 1, reported.map((finding) => finding.message).join('\n'));
    const [finding] = reported;
    assert.equal(finding.file, BIG);
    assert.equal(finding.severity, 'info');
    assert.equal(finding.range.start.line, 0);
    assert.match(finding.message, new RegExp(`This file is ${big.length.toLocaleString('en-US')} bytes, over the 1,000,000 bytes of \`limits.maxFileBytes\``));
    assert.match(finding.message, new RegExp(`limits: \\{ maxFileBytes: ${Math.ceil((big.length + 1) / 100_000) * 100_000} \\}`));
    assert.match(finding.message, /its SQL is not parsed/);
    assert.equal(outcome.configProblems.length, 0);
  });

  it('does not parse the SQL of the large model: no SQL facts, no SQL-level findings in it', () => {
    const outcome = checkWorkspace(project({}, big));
    const summary = outcome.index.file(BIG)!;
    assert.ok(isSqlSummary(summary));
    assert.equal(summary.facts, undefined);
    assert.equal(summary.incrementalFacts, undefined);
    assert.deepEqual(summary.oversize, { bytes: big.length, maxFileBytes: DEFAULT_MAX_FILE_BYTES });
    assert.equal(summary.jinja.refs.length, UPSTREAM.length);
    // The checks of its SQL (unparseable SQL, partitions, select *, hard-coded names) have nothing to read.
    const sqlLevel = outcome.findings.filter((finding) => finding.file === BIG && /^(sql|partition|performance|contract)\//.test(finding.rule));
    assert.deepEqual(sqlLevel, []);
    assert.equal(outcome.parseCoverage.models, UPSTREAM.length, 'the large model is not counted as parsed');
  });

  it('summarises the large model fast: the Jinja calls only', () => {
    const timings: number[] = [];
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      const summary = summarizeFile(BIG, big, 'model', 'bigquery', { maxFileBytes: DEFAULT_MAX_FILE_BYTES });
      timings.push(performance.now() - started);
      assert.ok(summary.oversize);
    }
    const best = Math.min(...timings);
    // Measured: about 5 ms for this file, against 50 to 100 ms for the full summary (SQL parse and span mapping).
    assert.ok(best < 500, `summarised in ${best.toFixed(1)} ms`);
  });

  it('analyses the model fully once dplens.yml raises the limit above its size', () => {
    const outcome = checkWorkspace(project({ 'dplens.yml': 'adapter: bigquery\nlimits:\n  maxFileBytes: 1600000\n' }, big));
    assert.deepEqual(findingsOf(outcome.findings, RULE), []);
    const summary = outcome.index.file(BIG)!;
    assert.ok(isSqlSummary(summary) && summary.facts, 'SQL facts');
    assert.equal(summary.oversize, undefined);
    assert.ok(summary.facts.outputColumns.some((column) => column.name === 'symbol'));
  });

  it('applies a lower limit from dplens.yml to smaller files, and a project dplens.yml over the workspace one', () => {
    const small = generatedModel(20_000);
    const lowered = checkWorkspace(project({ 'dplens.yml': 'adapter: bigquery\nlimits: { maxFileBytes: 10000 }\n' }, small));
    assert.equal(findingsOf(lowered.findings, RULE, BIG).length, 1);
    assert.match(findingsOf(lowered.findings, RULE, BIG)[0].message, /over the 10,000 bytes of `limits.maxFileBytes`/);
    // A project's own dplens.yml (beside its dbt_project.yml) merges over the workspace's.
    const files = new Map<string, string>([...project({}, small)].map(([path, text]) => [`warehouse/${path}`, text]));
    files.set('dplens.yml', 'adapter: bigquery\nlimits: { maxFileBytes: 10000 }\n');
    files.set('warehouse/dplens.yml', 'limits: { maxFileBytes: 50000 }\n');
    assert.deepEqual(findingsOf(checkWorkspace(files).findings, RULE), []);
    files.set('warehouse/dplens.yml', 'rules: {}\n');
    assert.equal(findingsOf(checkWorkspace(files).findings, RULE).length, 1);
  });

  it('reports a wrong limit as a located dplens.yml problem and keeps the default', () => {
    const cases: [string, string, RegExp][] = [
      ['limits:\n  maxFileBytes: -5\n', '-5', /`limits.maxFileBytes` must be a whole number of bytes above 0, not `-5`/],
      ['limits:\n  maxFileBytes: 1.5mb\n', '1.5mb', /not `"1.5mb"`/],
      ['limits:\n  maxBytes: 100\n', 'maxBytes', /Unknown key `maxBytes` in `limits`/],
      ['limits: 100\n', '100', /`limits` takes `maxFileBytes`/],
    ];
    for (const [text, located, message] of cases) {
      const parsed = parseDplensConfig(text);
      assert.equal(parsed.problems.length, 1, text);
      assert.match(parsed.problems[0].message, message);
      assert.equal(text.slice(parsed.problems[0].span.start, parsed.problems[0].span.end), located, text);
      assert.equal(parsed.config.limits?.maxFileBytes, undefined);
    }
    const outcome = checkWorkspace(project({ 'dplens.yml': 'adapter: bigquery\nlimits:\n  maxFileBytes: -5\n' }, big));
    assert.equal(outcome.configProblems.length, 1);
    assert.equal(findingsOf(outcome.findings, RULE).length, 1, 'the default limit still applies');
  });

  it('keeps the declarations of a large properties file but skips its schema checks', () => {
    // 3,000 tables with long descriptions: many more entries make other rules slow (see the report), not this one.
    const description = 'Raw decoded events of one contract, as loaded by the ingestion job every hour. '.repeat(4);
    const entries = Array.from({ length: 3_000 }, (_, i) => `      - name: table_${i}\n        description: "${description}"\n        descrption: "misspelt key"\n`).join('');
    const properties = `version: 2\nsources:\n  - name: ethereum\n    tables:\n      - name: erc20_tokens\n${entries}`;
    assert.ok(properties.length > DEFAULT_MAX_FILE_BYTES);
    const files = project({ 'models/sources.yml': properties }, "select * from {{ source('ethereum', 'table_2999') }}\n");
    const outcome = checkWorkspace(files);
    assert.deepEqual(parentsOf(outcome.index, BIG), ['source.chains.ethereum.table_2999']);
    const summary = outcome.index.file('models/sources.yml') as FileSummary & { yamlChecks?: unknown };
    assert.equal(summary.yamlChecks, undefined);
    assert.deepEqual(findingsOf(outcome.findings, 'yaml/unknown-key'), []);
    const reported = findingsOf(outcome.findings, RULE);
    assert.deepEqual(reported.map((finding) => [finding.file, finding.range.start.line]), [['models/sources.yml', 0]]);
    assert.match(reported[0].message, /it is not checked against dbt's schema/);
    // Under a raised limit the same file is checked, and its misspelt keys are found.
    const raised = checkWorkspace(new Map([...files, ['dplens.yml', 'adapter: bigquery\nlimits: { maxFileBytes: 5000000 }\n']]));
    assert.ok(findingsOf(raised.findings, 'yaml/unknown-key').length > 0);
    assert.deepEqual(findingsOf(raised.findings, RULE), []);
  });

  it('loads a large data contract and a large dag-factory file without checking them against their schemas', () => {
    const properties = Array.from({ length: 60 }, (_, i) => `        - name: column_${i}\n          logicalType: strnig\n`).join('');
    const contract = `apiVersion: v3.1.0\nkind: DataContract\nid: orders\nversion: 1.0.0\nstatus: active\nschema:\n  - name: orders\n    properties:\n${properties}`;
    const tasks = Array.from({ length: 60 }, (_, i) => `    - task_id: build_${i}\n      operator: airflow.providers.standard.operators.bash.BashOperator\n      bash_command: "dbt build"\n`).join('');
    const pipeline = `orders_daily:\n  catchup: "no thanks"\n  tasks:\n${tasks}`;
    const files = project({ 'contracts/orders.odcs.yaml': contract, 'pipelines/orders.yml': pipeline, 'dplens.yml': 'adapter: bigquery\nlimits: { maxFileBytes: 2000 }\n' }, 'select 1 as id\n');
    const outcome = checkWorkspace(files);
    const reported = findingsOf(outcome.findings, RULE).map((finding) => finding.file).sort();
    assert.ok(reported.includes('contracts/orders.odcs.yaml') && reported.includes('pipelines/orders.yml'), reported.join(', '));
    assert.deepEqual(findingsOf(outcome.findings, 'datacontract/schema'), []);
    assert.deepEqual(findingsOf(outcome.findings, 'pipeline/schema'), []);
    const loaded = outcome.index.file('pipelines/orders.yml');
    assert.ok(loaded?.kind === 'pipeline' && loaded.pipeline.dags.length === 1, 'the DAG is still loaded');
    // Under the default limit both files are checked, and their schema errors are found.
    const checked = checkWorkspace(new Map([...files, ['dplens.yml', 'adapter: bigquery\n']]));
    assert.ok(findingsOf(checked.findings, 'datacontract/schema').length > 0);
    assert.ok(findingsOf(checked.findings, 'pipeline/schema').length > 0);
  });

  it('does not limit macros, Python models or seeds, which have nothing to leave out', () => {
    const macro = `{% macro tokens() %}${'x'.repeat(3000)}{% endmacro %}\n`;
    const python = `def model(dbt, session):\n    df = dbt.ref('stg_chain_0')\n    # ${'x'.repeat(3000)}\n    return df\n`;
    const outcome = checkWorkspace(project({ 'macros/tokens.sql': macro, 'models/py_model.py': python, 'seeds/big.csv': `a\n${'1\n'.repeat(3000)}`, 'dplens.yml': 'adapter: bigquery\nlimits: { maxFileBytes: 2000 }\n' }, 'select 1 as id\n'));
    assert.deepEqual(findingsOf(outcome.findings, RULE), []);
  });

  it('follows edits across the limit, in both directions', () => {
    const small = generatedModel(5_000);
    const index = WorkspaceIndex.build(project({}, small));
    assert.ok(isSqlSummary(index.file(BIG)!) && (index.file(BIG) as { facts?: unknown }).facts);
    index.updateFile(BIG, big);
    assert.ok(index.file(BIG)!.oversize);
    assert.equal(parentsOf(index, BIG).filter((id) => id.startsWith('unresolved:')).length, 0);
    index.updateFile(BIG, small);
    assert.equal(index.file(BIG)!.oversize, undefined);
    assert.ok((index.file(BIG) as { facts?: unknown }).facts);
  });

  it('does not reuse a stored summary computed under another limit', () => {
    const stored = new Map<string, FileSummary>();
    const store: SummaryStore = {
      get: (path: string, text: string, kind: FileKind, dialect: Dialect) => stored.get(`${path}\0${kind}\0${dialect}\0${text.length}`),
      set: (path: string, text: string, kind: FileKind, dialect: Dialect, summary: FileSummary) => void stored.set(`${path}\0${kind}\0${dialect}\0${text.length}`, summary),
    };
    const under = checkWorkspace(project({ 'dplens.yml': 'adapter: bigquery\nlimits: { maxFileBytes: 2000000 }\n' }, big), { summaryStore: store });
    assert.equal(findingsOf(under.findings, RULE).length, 0);
    const over = checkWorkspace(project({}, big), { summaryStore: store });
    assert.equal(findingsOf(over.findings, RULE).length, 1, 'the stored full summary was not reused under the lower limit');
    const again = checkWorkspace(project({ 'dplens.yml': 'adapter: bigquery\nlimits: { maxFileBytes: 2000000 }\n' }, big), { summaryStore: store });
    assert.equal(findingsOf(again.findings, RULE).length, 0, 'nor the stored cut summary under the higher one');
  });

  it('measures multi-byte text in UTF-8 bytes', () => {
    assert.equal(bytesOverLimit('é'.repeat(600), 1000), 1200);
    assert.equal(bytesOverLimit('é'.repeat(400), 1000), undefined);
    assert.equal(bytesOverLimit('😀'.repeat(300), 1000), 1200);
    assert.equal(bytesOverLimit('€'.repeat(334), 1000), 1002);
  });
});
