import { strict as assert } from 'node:assert';
import { checkWorkspace } from '../../../server/src/core/check';
import { parseDplensConfig } from '../../../server/src/core/config/dplens-config';
import { airflowVersionOf } from '../../../server/src/core/pipelines/airflow-version';
import { parseFixture } from '../../../server/src/core/rules/fixture';

function dagFile(...operators: string[]): string {
  const tasks = operators.map((operator, i) => `    t${i}:\n      ${operator.startsWith('decorator:') ? operator : `operator: ${operator}`}`).join('\n');
  return `etl:\n  tasks:\n${tasks}\n`;
}

function verdictFor(files: Record<string, string>, file = 'dags/a.yml') {
  const outcome = checkWorkspace(new Map(Object.entries(files)), {});
  return airflowVersionOf(outcome.index, file);
}

describe('airflowVersionOf', () => {
  const CASES: Array<{ title: string; files: Record<string, string>; version: 2 | 3; source: string; reason: RegExp }> = [
    { title: 'dplens.yml says 2, whatever the imports', files: { 'dplens.yml': 'airflow: 2\n', 'dags/a.yml': dagFile('airflow.providers.standard.operators.bash.BashOperator') }, version: 2, source: 'dplens.yml', reason: /set by `airflow: 2` in dplens\.yml/ },
    { title: 'dplens.yml says 3, whatever the imports', files: { 'dplens.yml': 'airflow: 3\n', 'dags/a.yml': dagFile('airflow.operators.bash.BashOperator') }, version: 3, source: 'dplens.yml', reason: /set by `airflow: 3`/ },
    { title: 'airflow.providers.standard means 3', files: { 'dags/a.yml': dagFile('airflow.providers.standard.operators.bash.BashOperator') }, version: 3, source: 'file-imports', reason: /inferred from `airflow\.providers\.standard\.operators\.bash\.BashOperator` in dags\/a\.yml/ },
    { title: 'an airflow.sdk decorator means 3', files: { 'dags/a.yml': dagFile('decorator: airflow.sdk.definitions.decorators.task') }, version: 3, source: 'file-imports', reason: /airflow\.sdk\.definitions\.decorators\.task/ },
    { title: 'airflow.operators alone means 2', files: { 'dags/a.yml': dagFile('airflow.operators.bash.BashOperator', 'airflow.operators.empty.EmptyOperator') }, version: 2, source: 'file-imports', reason: /Airflow 2 \(inferred from `airflow\.operators\.bash\.BashOperator` in dags\/a\.yml/ },
    { title: 'the file\'s own airflow.operators imports outweigh Airflow 3 paths elsewhere', files: { 'dags/a.yml': dagFile('airflow.operators.bash.BashOperator'), 'dags/b.yml': dagFile('airflow.providers.standard.operators.empty.EmptyOperator') }, version: 2, source: 'file-imports', reason: /Airflow 2 \(inferred from `airflow\.operators\.bash\.BashOperator` in dags\/a\.yml/ },
    { title: 'a file without imports follows the workspace', files: { 'dags/a.yml': dagFile('my_company.operators.Custom'), 'dags/b.yml': dagFile('airflow.providers.standard.operators.empty.EmptyOperator') }, version: 3, source: 'workspace-imports', reason: /Airflow 3 \(inferred from `airflow\.providers\.standard\.operators\.empty\.EmptyOperator` in dags\/b\.yml/ },
    { title: 'a file without imports in a workspace whose files disagree gets a guess', files: { 'dags/a.yml': dagFile('my_company.operators.Custom'), 'dags/b.yml': dagFile('airflow.providers.standard.operators.empty.EmptyOperator'), 'dags/c.yml': dagFile('airflow.operators.bash.BashOperator') }, version: 3, source: 'mixed-imports', reason: /^probably Airflow 3 \(the pipeline files import both Airflow 3 paths, `airflow\.providers\.standard\.operators\.empty\.EmptyOperator` in dags\/b\.yml, and Airflow 2 ones, `airflow\.operators\.bash\.BashOperator` in dags\/c\.yml/ },
    { title: 'provider operators only fall back to 3', files: { 'dags/a.yml': dagFile('airflow.providers.google.cloud.operators.bigquery.BigQueryInsertJobOperator') }, version: 3, source: 'default', reason: /the default/ },
    { title: 'no pipeline imports at all fall back to 3', files: { 'dags/a.yml': dagFile('my_company.operators.Custom') }, version: 3, source: 'default', reason: /the default/ },
  ];
  for (const { title, files, version, source, reason } of CASES) {
    it(title, () => {
      const verdict = verdictFor(files);
      assert.equal(verdict.version, version);
      assert.equal(verdict.source, source);
      assert.match(verdict.reason, reason);
    });
  }

  it('is computed again after an edit changes the imports', () => {
    const files = parseFixture(`
      # @file dags/a.yml
      etl:
        tasks:
          t: { operator: airflow.operators.bash.BashOperator }
    `).files;
    const outcome = checkWorkspace(files, {});
    assert.equal(airflowVersionOf(outcome.index, 'dags/a.yml').version, 2);
    const edited = checkWorkspace(new Map([...files, ['dags/a.yml', dagFile('airflow.providers.standard.operators.bash.BashOperator')]]), {});
    assert.equal(airflowVersionOf(edited.index, 'dags/a.yml').version, 3);
  });
});

describe('dplens.yml `airflow`', () => {
  const CASES: Array<{ text: string; airflow?: number; problem?: string }> = [
    { text: 'airflow: 2\n', airflow: 2 },
    { text: 'airflow: 3\n', airflow: 3 },
    { text: 'airflow: 4\n', problem: '`airflow` is the major version of Airflow that runs the pipelines: 2 or 3, not `4`.' },
    { text: 'airflow: "3"\n', problem: '`airflow` is the major version of Airflow that runs the pipelines: 2 or 3, not `"3"`.' },
    { text: 'airflow: 2.9\n', problem: '`airflow` is the major version of Airflow that runs the pipelines: 2 or 3, not `2.9`.' },
  ];
  for (const { text, airflow, problem } of CASES) {
    it(`reads ${text.trim()}`, () => {
      const { config, problems } = parseDplensConfig(text);
      assert.equal(config.airflow, airflow);
      assert.deepEqual(problems.map((p) => p.message), problem ? [problem] : []);
    });
  }
});
