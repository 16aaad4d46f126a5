/**
 * The structural rules of dag-factory files, on multi-file fixtures with inline expectations: pipeline/schema,
 * pipeline/unknown-dependency, pipeline/dependency-cycle, pipeline/duplicate-task, pipeline/missing-operator,
 * pipeline/python-callable-missing and pipeline/legacy-key (whose severity follows the Airflow version).
 */
import assert from 'node:assert/strict';
import { assertFixture, checkFixture } from '../../helpers/rule-fixture';

const STRUCTURE_RULES = [
  'pipeline/schema',
  'pipeline/unknown-dependency',
  'pipeline/dependency-cycle',
  'pipeline/duplicate-task',
  'pipeline/missing-operator',
  'pipeline/python-callable-missing',
  'pipeline/legacy-key',
];

const BASH = 'airflow.providers.standard.operators.bash.BashOperator';

const cases: [string, string][] = [
  [
    'a dependency on a task group and a nested group are known names',
    `
    # @file dags/etl.yml
    etl:
      task_groups:
        - group_name: outer
        - group_name: inner
          parent_group_name: outer
      tasks:
        - task_id: a
          operator: ${BASH}
          task_group_name: inner
        - task_id: b
          operator: ${BASH}
          dependencies: [outer]
    `,
  ],
  [
    'unknown names in dependencies, task_group_name and parent_group_name',
    `
    # @file dags/etl.yml
    etl:
      task_groups:
        g:
          parent_group_name: missing_parent  # expect: pipeline/unknown-dependency
      tasks:
        a:
          operator: ${BASH}
          task_group_name: gg  # expect: pipeline/unknown-dependency
        b:
          operator: ${BASH}
          dependencies:
            - a
            - c  # expect: pipeline/unknown-dependency
    `,
  ],
  [
    'names are scoped to their DAG',
    `
    # @file dags/etl.yml
    first:
      tasks:
        a:
          operator: ${BASH}
    second:
      tasks:
        b:
          operator: ${BASH}
          dependencies: [a]  # expect: pipeline/unknown-dependency
    `,
  ],
  [
    'a task only the default block declares is a known name, and lends its operator',
    `
    # @file dags/etl.yml
    default:
      tasks:
        - task_id: extract
          operator: ${BASH}
        - task_id: load
          operator: ${BASH}
    etl:
      tasks:
        - task_id: load
          dependencies: [extract]
    `,
  ],
  [
    'a three-task cycle is reported once',
    `
    # @file dags/etl.yml
    etl:
      tasks:
        a:
          operator: ${BASH}
          dependencies: [c]  # expect: pipeline/dependency-cycle
        b:
          operator: ${BASH}
          dependencies: [a]
        c:
          operator: ${BASH}
          dependencies: [b]
    `,
  ],
  [
    'a task that depends on its own group is a cycle',
    `
    # @file dags/etl.yml
    etl:
      task_groups:
        g: {}
      tasks:
        a:
          operator: ${BASH}
          task_group_name: g  # expect: pipeline/dependency-cycle
          dependencies: [g]
    `,
  ],
  [
    'task groups nested in a circle are a cycle',
    `
    # @file dags/etl.yml
    etl:
      task_groups:
        - group_name: g1
          parent_group_name: g2  # expect: pipeline/dependency-cycle
        - group_name: g2
          parent_group_name: g1
      tasks:
        - task_id: a
          operator: ${BASH}
    `,
  ],
  [
    'a task depending on itself is a cycle',
    `
    # @file dags/etl.yml
    etl:
      tasks:
        - task_id: a
          operator: ${BASH}
          dependencies: [a]  # expect: pipeline/dependency-cycle
    `,
  ],
  [
    'duplicate keys in a task mapping and duplicate group names',
    `
    # @file dags/etl.yml
    etl:
      task_groups:
        - group_name: g
        - group_name: g  # expect: pipeline/duplicate-task
      tasks:
        a:
          operator: ${BASH}
        a:  # expect: pipeline/duplicate-task
          operator: ${BASH}
    `,
  ],
  [
    'python callables: the key decides, not whether the file exists here',
    `
    # @file dags/etl.yml
    etl:
      tasks:
        - task_id: named
          operator: airflow.operators.python.PythonOperator
          python_callable: my_module.run
        - task_id: from_file
          operator: airflow.providers.standard.operators.python.BranchPythonOperator
          python_callable_name: choose
          python_callable_file: /nowhere/on/this/machine.py
        - task_id: file_only  # expect: pipeline/python-callable-missing
          operator: airflow.providers.standard.sensors.python.PythonSensor
          python_callable_file: /x.py
        - task_id: decorated  # expect: pipeline/python-callable-missing
          decorator: airflow.sdk.task
        - task_id: decorated_ok
          decorator: airflow.sdk.task
          python_callable: my_module.run
        - task_id: bash
          operator: ${BASH}
          bash_command: echo
    `,
  ],
  [
    'schema: wrong types, a bad date, a dependency that is no list',
    `
    # @file dags/etl.yml
    etl:
      max_active_runs: many  # expect: pipeline/schema
      start_date: "yesterday"  # expect: pipeline/schema
      tags: [a, b]
      default_args:
        retries: "2"  # expect: pipeline/schema
        start_date: 2 days
      tasks:
        - task_id: a
          operator: ${BASH}
          dependencies: "a"  # expect: pipeline/schema
    `,
  ],
  [
    'schema: YAML syntax errors are reported',
    `
    # @file dags/etl.yml
    etl:
      tasks:
        - task_id: a
          operator: a: b  # expect: pipeline/schema
    `,
  ],
  [
    'schema: a defaults.yml is checked too',
    `
    # @file dags/defaults.yml
    default_args:
      retries: lots  # expect: pipeline/schema
    # @file dags/etl.yml
    etl:
      tasks:
        - task_id: a
          operator: ${BASH}
    `,
  ],
];

describe('dag-factory structural rules', () => {
  for (const [name, fixture] of cases) it(name, () => assertFixture(fixture, { onlyRules: STRUCTURE_RULES }));

  describe('pipeline/legacy-key', () => {
    const legacy = (airflow: 2 | 3) => `
      # @file dplens.yml
      adapter: bigquery
      airflow: ${airflow}
      # @file dags/etl.yml
      etl:
        dagrun_timeout_sec: 600  # expect: pipeline/legacy-key
        default_args:
          retry_delay_sec: 60  # expect: pipeline/legacy-key
        schedule:
          datasets: !and ["s3://a", "s3://b"]  # expect: pipeline/legacy-key
        tasks:
          - task_id: a
            operator: ${BASH}
            sla_secs: 30  # expect: pipeline/legacy-key
            bash_command: "echo '!or is text here'"
    `;
    for (const [airflow, severity] of [
      [3, 'error'],
      [2, 'warning'],
    ] as const) {
      it(`is ${severity === 'error' ? 'an error' : 'a warning'} under Airflow ${airflow}`, () => {
        const findings = assertFixture(legacy(airflow), { onlyRules: ['pipeline/legacy-key'] }).filter((finding) => finding.rule === 'pipeline/legacy-key');
        assert.deepEqual(new Set(findings.map((finding) => finding.severity)), new Set([severity]));
      });
    }
  });

  it('suggests the closest name for an unknown dependency', () => {
    const { findings } = checkFixture(`
      # @file dags/etl.yml
      etl:
        tasks:
          - task_id: dbt_build_staging
            operator: ${BASH}
          - task_id: b
            operator: ${BASH}
            dependencies: [dbt_biuld_staging]
    `);
    const finding = findings.find((entry) => entry.rule === 'pipeline/unknown-dependency');
    assert.match(finding?.message ?? '', /Did you mean `dbt_build_staging`\?/);
  });

  it('names the whole cycle in its message', () => {
    const { findings } = checkFixture(`
      # @file dags/etl.yml
      etl:
        tasks:
          a: {operator: ${BASH}, dependencies: [b]}
          b: {operator: ${BASH}, dependencies: [a]}
    `);
    assert.match(findings.find((entry) => entry.rule === 'pipeline/dependency-cycle')?.message ?? '', /`a` → `b` → `a`/);
  });

  it('finds nothing structural in the demo pipeline', () => {
    // The demo's expected findings are fixed (examples/demo/expected-findings.json); its pipeline is structurally sound.
    const { findings } = checkFixture(`
      # @file pipelines/demo.yml
      default:
        default_args: {owner: me, start_date: "2025-01-01", retries: 2}
      dbt_daily:
        schedule: "0 4 * * *"
        tasks:
          - task_id: dbt_deps
            operator: ${BASH}
            bash_command: "dbt deps"
          - task_id: dbt_build
            operator: ${BASH}
            bash_command: "dbt build"
            dependencies: [dbt_deps]
    `);
    assert.deepEqual(findings.filter((finding) => STRUCTURE_RULES.includes(finding.rule)), []);
  });
});
