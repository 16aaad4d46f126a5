/**
 * Definitions and references of columns named in properties YAML, and of tasks and task groups in dag-factory
 * files (both the mapping and the list form, names scoped to their DAG).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { definitionsAt, referencesAt } from '../../../server/src/core/navigation';
import { dagTaskIndex, pipelineDefinitionsAt, pipelineReferencesAt } from '../../../server/src/core/pipelines/task-navigation';
import { cursorFixture, shop } from './cursor-fixture';
import { describeWithShared, sharedPath } from '../../helpers/shared';

const modelsYaml = (cursorAt: string) =>
  [
    'version: 2',
    'models:',
    '  - name: stg_orders',
    '    columns:',
    `      - name: ${cursorAt === 'id' ? 'i|d' : 'id'}`,
    `      - name: ${cursorAt === 'amount' ? 'amo|unt' : 'amount'}`,
    '      - name: missing_col',
  ].join('\n');

describe('navigation: columns named in YAML', () => {
  it('goes from a column entry to the select-list item that produces it', () => {
    const fixture = cursorFixture(shop({ 'models/staging/_models.yml': modelsYaml('amount') }));
    const [definition, ...rest] = definitionsAt(fixture.index, fixture.file, fixture.offset);
    assert.equal(rest.length, 0);
    assert.equal(definition.file, 'models/staging/stg_orders.sql');
    assert.equal(fixture.textAt(definition.file, definition.span), 'amount');
  });

  it('lists the producing item, the YAML entry and the children that read the column', () => {
    const fixture = cursorFixture(shop({ 'models/staging/_models.yml': modelsYaml('id') }));
    const references = referencesAt(fixture.index, fixture.file, fixture.offset, true).map((location) => `${location.file}:${fixture.textAt(location.file, location.span)}`);
    assert.deepEqual(references, ['models/staging/stg_orders.sql:id', 'models/staging/_models.yml:id', 'models/marts/fct_orders.sql:orders.id']);
  });

  it('follows dbt style `select * from final` to the final CTE, alias first', () => {
    const fixture = cursorFixture(
      shop({
        'models/staging/_models.yml': modelsYaml('none').replace('- name: amount', '- name: net_am|ount'),
        'models/staging/stg_orders.sql': 'with src as (select id, amount from {{ source(\'raw\', \'orders\') }}),\nfinal as (\n  select id, amount - 1 as net_amount from src\n)\nselect * from final',
      }),
    );
    const [definition] = definitionsAt(fixture.index, fixture.file, fixture.offset);
    assert.equal(fixture.textAt(definition.file, definition.span), 'net_amount');
    assert.equal(fixture.index.text(definition.file)!.slice(0, definition.span.start).split('\n').length, 3);
  });

  it('finds no definition for a documented column the SQL does not produce', () => {
    const fixture = cursorFixture(shop({ 'models/staging/_models.yml': modelsYaml('none').replace('missing_col', 'missing|_col') }));
    assert.deepEqual(definitionsAt(fixture.index, fixture.file, fixture.offset), []);
  });
});

describe('navigation: dag-factory tasks', () => {
  const listForm = [
    'dbt_daily:',
    '  task_groups:',
    '    - group_name: marts',
    '      dependencies: [dbt_deps]',
    '  tasks:',
    '    - task_id: dbt_deps',
    '      operator: airflow.providers.standard.operators.bash.BashOperator',
    '    - task_id: "dbt_seed"',
    '      dependencies: [dbt_deps]',
    '    - task_id: dbt_run',
    '      task_group_name: marts',
    '      dependencies: [dbt_seed]',
    'other_dag:',
    '  tasks:',
    '    dbt_deps:',
    '      operator: x',
    '    dbt_run:',
    '      dependencies: [dbt_deps]',
  ].join('\n');
  const at = (needle: string, occurrence = 0) => {
    let offset = -1;
    for (let i = 0; i <= occurrence; i++) offset = listForm.indexOf(needle, offset + 1);
    return offset + 1;
  };
  const lines = (spans: { start: number }[]) => spans.map((span) => listForm.slice(0, span.start).split('\n').length);

  it('goes from a dependency to the task of the same DAG, quoted or not', () => {
    assert.deepEqual(lines(pipelineDefinitionsAt(listForm, at('[dbt_deps]'))), [6]);
    assert.deepEqual(lines(pipelineDefinitionsAt(listForm, at('[dbt_seed]'))), [8]);
    const [quoted] = pipelineDefinitionsAt(listForm, at('[dbt_seed]'));
    assert.equal(listForm.slice(quoted.start, quoted.end), 'dbt_seed');
  });

  it('goes from task_group_name to the group, and keeps DAGs apart', () => {
    assert.deepEqual(lines(pipelineDefinitionsAt(listForm, at('task_group_name: marts') + 'task_group_name: '.length)), [3]);
    // The mapping form: the second DAG's dependency names its own dbt_deps key.
    assert.deepEqual(lines(pipelineDefinitionsAt(listForm, at('[dbt_deps]', 2))), [15]);
  });

  it('lists every use of a task, with its declaration when asked', () => {
    assert.deepEqual(lines(pipelineReferencesAt(listForm, at('task_id: dbt_deps') + 'task_id: '.length, true)), [6, 4, 9]);
    assert.deepEqual(lines(pipelineReferencesAt(listForm, at('task_id: dbt_deps') + 'task_id: '.length, false)), [4, 9]);
  });

  it('finds nothing in YAML that is not a DAG file, or outside names', () => {
    assert.deepEqual(pipelineDefinitionsAt('models:\n  - name: a\n', 12), []);
    assert.deepEqual(pipelineDefinitionsAt(listForm, 2), []);
    assert.deepEqual(pipelineDefinitionsAt('tasks: [', 3), []);
  });

});

describeWithShared('navigation: dag-factory tasks of the official examples', () => {
  it('indexes every task of the official dag-factory examples', () => {
    const folder = sharedPath('dag-factory', 'dev', 'dags');
    const files = fs.readdirSync(folder, { recursive: true }).map(String).filter((file) => /\.ya?ml$/.test(file) && !file.includes('invalid'));
    assert.ok(files.length > 20);
    let tasks = 0;
    for (const file of files) {
      const text = fs.readFileSync(path.join(folder, file), 'utf8');
      const index = dagTaskIndex(text);
      tasks += index.declarations.length;
      // Every use inside a DAG names a declared task or group of that DAG.
      for (const use of index.uses) {
        assert.ok(index.declarations.some((entry) => entry.dag === use.dag && entry.name === use.name), `${file}: ${use.dag}.${use.name} is declared`);
      }
    }
    assert.ok(tasks > 50, `${tasks} tasks`);
  });
});
