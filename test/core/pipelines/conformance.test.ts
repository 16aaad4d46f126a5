/**
 * Conformance with dag-factory's own examples and fixtures (../shared/reference/dag-factory, v1.1.0 era): every YAML
 * file dag-factory accepts gets no error from any `pipeline/` rule, and each negative example gets a located error.
 * See ../shared/README.md, section dag-factory.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkWorkspace } from '../../../server/src/core/check';
import type { Finding } from '../../../server/src/core/findings';
import { describeWithShared, sharedPath } from '../../helpers/shared';

/** The examples dag-factory rejects, and why (../shared/README.md). */
const NEGATIVE: Record<string, string> = {
  'dev/dags/invalid.yaml': 'a YAML syntax error',
  'tests/fixtures/invalid_yaml.yml': 'a YAML syntax error',
  'tests/fixtures_without_default_yaml/invalid_dag_factory.yml': 'an unreadable start_date',
};

/**
 * Findings on files the README counts as accepted, where dag-factory v1.1.0 itself fails to build the DAG: the error is
 * right, and listed here so any other error still fails the test.
 */
const UPSTREAM_BROKEN: { file: string; line: number; rule: string; why: string }[] = [
  {
    file: 'dev/dags/datasets/example_dag_datasets_outlet_inlet.yml',
    line: 14,
    rule: 'pipeline/missing-operator',
    why: "task_2 has neither operator nor decorator: dagbuilder.py raises \"Tasks must define either 'operator' or 'decorator'\"",
  },
];

function readTree(root: string, folder = ''): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of fs.readdirSync(path.join(root, folder), { withFileTypes: true })) {
    const relative = folder === '' ? entry.name : `${folder}/${entry.name}`;
    if (entry.isDirectory()) for (const [file, text] of readTree(root, relative)) files.set(file, text);
    else if (/\.ya?ml$/.test(entry.name)) files.set(relative, fs.readFileSync(path.join(root, relative), 'utf8'));
  }
  return files;
}

describeWithShared('dag-factory conformance', () => {
  let files: Map<string, string>;
  let errors: Finding[];
  let kinds: Map<string, string | undefined>;

  before(() => {
    files = readTree(sharedPath('dag-factory'));
    // dag-factory expands environment variables; the examples name `$CONFIG_ROOT_DIR` for their callables.
    const outcome = checkWorkspace(files, { environment: { CONFIG_ROOT_DIR: '/usr/local/airflow/dags' } });
    errors = outcome.findings.filter((finding) => finding.rule.startsWith('pipeline/') && finding.severity === 'error');
    kinds = new Map([...files.keys()].map((file) => [file, outcome.index.fileKind(file)]));
  });

  it('reads the reference folder', () => {
    assert.ok(files.size > 60, `only ${files.size} YAML files found`);
  });

  it('recognises every DAG file and defaults.yml as a pipeline file, and no schedule fragment', () => {
    const notPipelines = [...kinds].filter(([file, kind]) => kind !== 'pipeline' && !file.startsWith('tests/schedule/')).map(([file]) => file);
    assert.deepEqual(notPipelines, []);
    const fragments = [...kinds].filter(([file, kind]) => kind === 'pipeline' && file.startsWith('tests/schedule/')).map(([file]) => file);
    assert.deepEqual(fragments, []);
  });

  it('reports no error on any file dag-factory accepts', () => {
    const known = (finding: Finding) => UPSTREAM_BROKEN.some((broken) => broken.file === finding.file && broken.line === finding.range.start.line + 1 && broken.rule === finding.rule);
    const wrong = errors.filter((finding) => !(finding.file in NEGATIVE) && !known(finding));
    assert.deepEqual(
      wrong.map((finding) => `${finding.file}:${finding.range.start.line + 1} ${finding.rule}: ${finding.message}`),
      [],
    );
  });

  for (const [file, why] of Object.entries(NEGATIVE)) {
    it(`reports a located error on ${file} (${why})`, () => {
      const found = errors.filter((finding) => finding.file === file);
      assert.ok(found.length > 0, `no error on ${file}`);
      // Located: on a line of the file, not on the whole file.
      const lines = files.get(file)!.split('\n').length;
      for (const finding of found) assert.ok(finding.range.start.line < lines, `${file}: the finding lies outside the file`);
    });
  }

  for (const broken of UPSTREAM_BROKEN) {
    it(`reports ${broken.rule} on ${broken.file}:${broken.line}, which dag-factory cannot build either (${broken.why})`, () => {
      assert.ok(errors.some((finding) => finding.file === broken.file && finding.range.start.line + 1 === broken.line && finding.rule === broken.rule));
    });
  }

  it('locates the unreadable start_date on its key', () => {
    const found = errors.filter((finding) => finding.file === 'tests/fixtures_without_default_yaml/invalid_dag_factory.yml');
    const line = files.get('tests/fixtures_without_default_yaml/invalid_dag_factory.yml')!.split('\n').findIndex((text) => text.includes('205-01-01-01'));
    assert.deepEqual(found.map((finding) => [finding.rule, finding.range.start.line]), [['pipeline/schema', line]]);
  });
});
