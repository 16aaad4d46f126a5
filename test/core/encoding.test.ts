/**
 * Encodings and line endings: a project saved as UTF-8 with a byte order mark, with CRLF line endings, or with
 * both kinds of line ending mixed must produce the same findings, at the same positions, as the same project saved
 * as plain LF UTF-8. Positions are counted as the editor counts them: lines split at `\r\n`, `\n` or `\r`, and
 * characters in UTF-16 code units. The editor strips a byte order mark before it sends a document, and the
 * workspace reader strips it when it reads a file, so the mark is never a character of line 0.
 *
 * The project is examples/demo (models, properties YAML, a dag-factory file and an ODCS contract, with findings of
 * every family) plus a few files with non-ASCII text before a finding on the same line. Each variant is written to
 * a temporary folder and checked through `dplens check --format json`, which reads it with the workspace reader.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseCommandLine, type CheckArgs } from '../../server/src/cli/args';
import { runCheck } from '../../server/src/cli/check-command';
import { checkWorkspace } from '../../server/src/core/check';
import type { Finding } from '../../server/src/core/findings';
import { readWorkspace } from '../../server/src/io/workspace-reader';

const DEMO = path.resolve(__dirname, '..', '..', 'examples', 'demo');

/**
 * Non-ASCII text before a finding on the same line: an accented identifier and emoji (two UTF-16 code units
 * each, four UTF-8 bytes) in a model, a properties description, a dag-factory task and a contract. Each
 * `marker` is the text the finding must start at on its line.
 */
const NON_ASCII: { file: string; text: string; rule: string; marker: string }[] = [
  {
    file: 'models/staging/shop/stg_shop__café.sql',
    text: "-- Café 🎉 orders, spelled the French way 🇫🇷.\nselect 'café 🎉' as café, o.* from raw_shop.orders as o\n",
    rule: 'dag/hard-coded-reference',
    marker: 'raw_shop.orders',
  },
  {
    file: 'models/staging/shop/_shop__café.yml',
    text: 'version: 2\nmodels:\n  - name: stg_shop__café\n    description: "Orders, the French way ☕ 🎉"\n    columns:\n      - {name: café, description: "Le café ☕ 🎉", data_tyype: text}\n',
    rule: 'yaml/unknown-key',
    marker: 'data_tyype',
  },
  {
    file: 'pipelines/café.yml',
    text: 'café_daily:\n  description: "Les cafés ☕ 🎉"\n  default_args: {owner: "équipe ☕", start_date: "2025-01-01", retries: 1}\n  schedule: "0 4 * * *"\n  tasks:\n    - task_id: build\n      operator: airflow.providers.standard.operators.bash.BashOperator\n      bash_command: "echo \'☕ café 🎉\' && dbt build --select café_missing_model"\n',
    rule: 'pipeline/unknown-dbt-selection',
    marker: 'café_missing_model',
  },
  {
    file: 'contracts/café.odcs.yaml',
    text: 'apiVersion: v3.1.0\nkind: DataContract\nid: cafe\nversion: 1.0.0\nstatus: active\ndescription: {purpose: "Le café ☕ 🎉"}\nschema:\n  - name: stg_shop__café\n    properties:\n      - name: café\n        logicalType: string\n        logicalTypeOptions: {format: "☕ café 🎉", pattern: \'^ORD-[0-9+$\'}\n',
    rule: 'datacontract/invalid-pattern',
    marker: "'^ORD-[0-9+$'",
  },
];

interface Row {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  rule: string;
  message: string;
}

type Variant = { name: string; encode: (text: string) => string };

const BOM = '\ufeff';
const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');
/** Every other line ends in CRLF, the rest in LF: what a file edited on two systems looks like. */
const mixed = (text: string) => {
  let index = 0;
  return text.replace(/\r?\n/g, () => (index++ % 2 === 0 ? '\r\n' : '\n'));
};

const VARIANTS: Variant[] = [
  { name: 'UTF-8 with BOM', encode: (text) => BOM + text },
  { name: 'CRLF', encode: crlf },
  { name: 'mixed line endings', encode: mixed },
  { name: 'BOM and CRLF', encode: (text) => BOM + crlf(text) },
  { name: 'BOM and mixed line endings', encode: (text) => BOM + mixed(text) },
];

const TEXT_FILE = /\.(sql|ya?ml|md|json|csv)$/;

/** Copies the demo and the non-ASCII files to `target`, passing every text file through `encode`. */
function writeProject(target: string, encode: (text: string) => string): void {
  fs.cpSync(DEMO, target, { recursive: true });
  for (const { file, text } of NON_ASCII) {
    fs.mkdirSync(path.dirname(path.join(target, file)), { recursive: true });
    fs.writeFileSync(path.join(target, file), text);
  }
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (TEXT_FILE.test(entry.name)) fs.writeFileSync(full, encode(fs.readFileSync(full, 'utf8')), 'utf8');
    }
  };
  walk(target);
}

async function check(folder: string): Promise<Row[]> {
  const run = await runCheck(parseCommandLine(['check', '.', '--format', 'json']) as CheckArgs, folder);
  const rows: Row[] = JSON.parse(run.output).diagnostics.map(({ file, line, column, endLine, endColumn, rule, message }: Row) => ({ file, line, column, endLine, endColumn, rule, message }));
  return rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** The core's findings for the folder, read as the language server reads files it has not opened. */
function coreFindings(folder: string): Finding[] {
  return checkWorkspace(readWorkspace(folder).files).findings;
}

describe('encodings and line endings', function () {
  this.timeout(60_000);
  let temp: string;
  let baseline: Row[];

  before(async () => {
    temp = fs.mkdtempSync(path.join(os.tmpdir(), 'dplens-encoding-'));
    writeProject(path.join(temp, 'lf'), (text) => text);
    baseline = await check(path.join(temp, 'lf'));
  });

  after(() => fs.rmSync(temp, { recursive: true, force: true }));

  it('the LF baseline has findings in models, properties YAML, dag-factory files and contracts', () => {
    const has = (pattern: RegExp) => baseline.some((row) => pattern.test(row.file));
    assert.ok(has(/\.sql$/) && has(/models\/.*\.yml$/) && has(/^pipelines\//) && has(/^contracts\//), JSON.stringify([...new Set(baseline.map((row) => row.file))]));
    for (const { file, rule } of NON_ASCII) assert.ok(baseline.some((row) => row.file === file && row.rule === rule), `${rule} in ${file}`);
  });

  it('reports non-ASCII text before a finding in UTF-16 code units, as the editor counts', () => {
    for (const { file, text, rule, marker } of NON_ASCII) {
      const lines = text.split('\n');
      const line = lines.findIndex((candidate) => candidate.includes(marker));
      const row = baseline.find((candidate) => candidate.file === file && candidate.rule === rule)!;
      assert.deepEqual([row.line - 1, row.column - 1], [line, lines[line].indexOf(marker)], `${rule} in ${file}`);
    }
  });

  for (const variant of VARIANTS) {
    it(`gives the same findings at the same positions for ${variant.name}`, async () => {
      const folder = path.join(temp, variant.name.replace(/\W+/g, '-'));
      writeProject(folder, variant.encode);
      assert.deepEqual(await check(folder), baseline);
    });
  }

  it('strips the byte order mark when reading a file, and keeps the line endings as they are', () => {
    const folder = path.join(temp, 'BOM-and-CRLF');
    const files = readWorkspace(folder).files;
    const model = files.get('models/marts/core/fct_orders.sql')!;
    assert.notEqual(model.charCodeAt(0), 0xfeff);
    assert.ok(model.includes('\r\n'), 'the text is the file as the editor holds it, CRLF included');
    const findings = coreFindings(folder).filter((finding) => finding.range.start.line === 0);
    assert.ok(findings.length > 0, 'some finding is on line 0');
    const lf = new Map(coreFindings(path.join(temp, 'lf')).filter((finding) => finding.range.start.line === 0).map((finding) => [`${finding.file} ${finding.rule}`, finding.range]));
    for (const finding of findings) assert.deepEqual(finding.range, lf.get(`${finding.file} ${finding.rule}`), `${finding.rule} in ${finding.file}`);
  });
});
