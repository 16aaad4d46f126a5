/**
 * The dag-factory loader (server/src/core/pipelines/load.ts) and recognition (detect.ts): environment expansion as
 * `os.path.expandvars` does it, `__type__` casting, dataset conditions, tasks and groups as mappings or lists,
 * dynamic task mapping, located errors, and which files are pipelines.
 */
import assert from 'node:assert/strict';
import { detectPipelineFile } from '../../../server/src/core/pipelines/detect';
import { expandEnvironment, loadPipelineFile } from '../../../server/src/core/pipelines/load';

const load = (text: string, environment?: Record<string, string>) => loadPipelineFile('dags/etl.yml', text, 'dags', { environment }).model;
const at = (text: string, span: { start: number; end: number }) => text.slice(span.start, span.end);

describe('dag-factory loader', () => {
  describe('environment expansion (os.path.expandvars)', () => {
    const cases: [string, Record<string, string>, string][] = [
      ['$HOME/x', { HOME: '/home/a' }, '/home/a/x'],
      ['${HOME}/x', { HOME: '/home/a' }, '/home/a/x'],
      ['$UNSET/x and ${UNSET}', {}, '$UNSET/x and ${UNSET}'],
      ['cost: 5$', { X: 'y' }, 'cost: 5$'],
      ['$A$B', { A: '1', B: '22' }, '122'],
    ];
    for (const [text, environment, expected] of cases) {
      it(`${JSON.stringify(text)} → ${JSON.stringify(expected)}`, () => assert.equal(expandEnvironment(text, environment).text, expected));
    }

    it('keeps spans in the text as written', () => {
      const text = 'etl:\n  description: $DESC\n  tasks:\n    - task_id: $TASK\n      operator: x.Y\n';
      const model = load(text, { DESC: 'a much longer description', TASK: 'extract' });
      assert.equal(model.dags[0].keys.description.value, 'a much longer description');
      assert.equal(model.dags[0].tasks[0].id, 'extract');
      assert.equal(at(text, model.dags[0].tasks[0].idSpan), '$TASK');
      assert.equal(at(text, model.dags[0].tasks[0].operator!.origin.valueSpan), 'x.Y');
    });
  });

  it('casts __type__ values, keeps YAML 1.1 dates typed, and reads conditions', () => {
    const text = [
      'etl:',
      '  start_date: 2024-01-01',
      '  dagrun_timeout: {__type__: datetime.timedelta, hours: 2}',
      '  tags: {__type__: builtins.list, items: [a, b]}',
      '  schedule:',
      '    __or__:',
      '      - __and__: ["s3://a", "s3://b"]',
      '      - {__type__: airflow.sdk.Asset, __args__: ["s3://c"]}',
      '  catchup: no',
      '  tasks: {}',
    ].join('\n');
    const keys = load(text).dags[0].keys;
    assert.deepEqual(keys.start_date.value, { $kind: 'typed', type: 'datetime.date', args: [], fields: {}, text: '2024-01-01' });
    assert.deepEqual(keys.dagrun_timeout.value, { $kind: 'typed', type: 'datetime.timedelta', args: [], fields: { hours: 2 } });
    assert.deepEqual(keys.tags.value, ['a', 'b']);
    assert.deepEqual(keys.schedule.value, {
      $kind: 'condition',
      operator: 'or',
      operands: [
        { $kind: 'condition', operator: 'and', operands: ['s3://a', 's3://b'] },
        { $kind: 'typed', type: 'airflow.sdk.Asset', args: ['s3://c'], fields: {} },
      ],
    });
    assert.equal(keys.catchup.value, false);
  });

  it('reads tasks and groups written as mappings and as lists, with dependencies, groups and dynamic mapping', () => {
    const asMapping = 'etl:\n  task_groups:\n    g:\n      parent_group_name: top\n    top: {}\n  tasks:\n    a:\n      operator: x.A\n      task_group_name: g\n    b:\n      decorator: airflow.sdk.task\n      dependencies: [a, g]\n      expand: {x: a.output}\n      partial: {y: 1}\n';
    const asList = 'etl:\n  task_groups:\n    - group_name: g\n      parent_group_name: top\n    - group_name: top\n  tasks:\n    - task_id: a\n      operator: x.A\n      task_group_name: g\n    - task_id: b\n      decorator: airflow.sdk.task\n      dependencies: [a, g]\n      expand: {x: a.output}\n      partial: {y: 1}\n';
    for (const [style, text] of [['mapping', asMapping], ['list', asList]] as const) {
      const dag = load(text).dags[0];
      assert.equal(dag.tasksStyle, style);
      assert.deepEqual(dag.tasks.map((task) => [task.id, task.operator?.value, task.decorator?.value, task.group?.name, task.dependencies.map((d) => d.name)]), [
        ['a', 'x.A', undefined, 'g', []],
        ['b', undefined, 'airflow.sdk.task', undefined, ['a', 'g']],
      ]);
      assert.deepEqual(dag.tasks[1].expand?.value, { x: 'a.output' });
      assert.deepEqual(dag.tasks[1].partial?.value, { y: 1 });
      assert.deepEqual(dag.taskGroups.map((group) => [group.name, group.parent?.name]), [['g', 'top'], ['top', undefined]]);
      assert.equal(at(text, dag.tasks[1].dependencies[1].span), 'g');
    }
  });

  it('reads the file default block, its tasks and default_args', () => {
    const model = load('default:\n  default_args: {owner: me}\n  catchup: false\n  tasks:\n    - task_id: a\n      operator: x.A\netl:\n  tasks:\n    - task_id: a\n');
    assert.deepEqual(Object.keys(model.defaults), ['default_args', 'catchup', 'tasks']);
    assert.equal(model.defaultArgs.owner.value, 'me');
    assert.deepEqual(model.defaultTasks.map((task) => task.operator?.value), ['x.A']);
    assert.deepEqual(model.dags.map((dag) => dag.id), ['etl']);
  });

  const errorCases: [string, string, RegExp][] = [
    ['a list task without task_id', 'etl:\n  tasks:\n    - operator: x.A\n', /task_id/],
    ['a bad __type__', 'etl:\n  dagrun_timeout: {__type__: 5}\n  tasks: {}\n', /__type__/],
    ['__args__ that is no list', 'etl:\n  x: {__type__: a.B, __args__: 1}\n  tasks: {}\n', /__args__/],
    ['a YAML syntax error', 'etl:\n  tasks:\n    a\n      operator: x\n', /./],
    ['a top level that is no mapping', '- a\n- b\n', /mapping/],
  ];
  for (const [what, text, message] of errorCases) {
    it(`reports ${what} as a located error, without throwing`, () => {
      const errors = load(text).errors;
      assert.ok(errors.length > 0);
      assert.match(errors[0].message, message);
      assert.ok(errors[0].span.end <= text.length && errors[0].span.start >= 0);
    });
  }
});

describe('dag-factory recognition', () => {
  const cases: [string, string, string | undefined][] = [
    ['dags/etl.yml', 'etl:\n  schedule: "@daily"\n  tasks:\n    - task_id: a\n', 'dags'],
    ['dags/etl.yaml', '# comment\n"etl":\n    tasks: {}\n', 'dags'],
    ['dags/etl.yml', 'etl: {tasks: [], schedule: null}\n', 'dags'],
    ['dags/defaults.yml', 'default_args:\n  owner: me\n', 'defaults'],
    ['dags/defaults.yml', 'catchup: false\n', 'defaults'],
    ['chart/defaults.yml', 'replicas: 3\n', undefined],
    ['dags/etl.yml', 'etl:\n  steps:\n    tasks: []\n', undefined],
    ['models/_models.yml', 'version: 2\nmodels:\n  - name: orders\n', undefined],
    ['dags/etl.sql', 'etl:\n  tasks: {}\n', undefined],
  ];
  for (const [path, text, role] of cases) {
    it(`${path} ${JSON.stringify(text.slice(0, 30))} is ${role ?? 'no pipeline file'}`, () => assert.equal(detectPipelineFile(path, text), role));
  }
});
