/**
 * The schedule and convention rules of dag-factory files: pipeline/invalid-schedule, pipeline/schedule-interval-removed
 * (under Airflow 2 and 3, from dplens.yml or inferred from imports), pipeline/missing-start-date, pipeline/missing-owner
 * and pipeline/missing-retries, with defaults inherited from defaults.yml and the file's `default:` block.
 */
import assert from 'node:assert/strict';
import { checkFixture, assertFixture } from '../../helpers/rule-fixture';
import type { Finding } from '../../../server/src/core/findings';

const SCHEDULE_RULES = ['pipeline/invalid-schedule', 'pipeline/schedule-interval-removed', 'pipeline/missing-start-date', 'pipeline/missing-owner', 'pipeline/missing-retries'];

function findingsOf(fixture: string, rule: string): Finding[] {
  return checkFixture(fixture).findings.filter((finding) => finding.rule === rule);
}

/** A DAG with every convention met, whose `schedule` line is replaced by the test. */
function dagWith(scheduleLines: string, operator = 'airflow.providers.standard.operators.empty.EmptyOperator'): string {
  return `
    # @file dags/etl.yml
    etl_daily:
      default_args:
        owner: data
        start_date: 2024-01-01
        retries: 2
${scheduleLines}
      tasks:
        extract:
          operator: ${operator}
  `;
}

describe('pipeline/invalid-schedule', () => {
  const CASES: Array<{ schedule: string; message?: RegExp }> = [
    { schedule: '      schedule: "0 24 * * *"  # expect: pipeline/invalid-schedule', message: /the hour field is 24, but hours run from 0 to 23\. Airflow would refuse to import the DAG/ },
    { schedule: '      schedule: "*/5 * * *"  # expect: pipeline/invalid-schedule', message: /has 4 fields, but an Airflow cron schedule has 5/ },
    { schedule: '      schedule: "0 0 30 2 *"  # expect: pipeline/invalid-schedule', message: /never fires/ },
    { schedule: '      schedule: "@hourlly"  # expect: pipeline/invalid-schedule', message: /Did you mean `@hourly`\?/ },
    { schedule: '      schedule_interval: "0 0 32 * *"  # expect: pipeline/invalid-schedule, pipeline/schedule-interval-removed', message: /day-of-month field is 32/ },
    { schedule: '      schedule:\n        __type__: datetime.timedelta  # expect: pipeline/invalid-schedule\n        hours: 0', message: /zero or negative/ },
    { schedule: '      schedule:\n        __type__: datetime.timedelta\n        hour: 1  # expect: pipeline/invalid-schedule', message: /no argument `hour`; did you mean `hours`/ },
    { schedule: '      schedule:\n        __type__: airflow.timetables.trigger.CronTriggerTimetable\n        cron: "61 * * * *"  # expect: pipeline/invalid-schedule\n        timezone: UTC', message: /minute field is 61/ },
    { schedule: '      schedule: "@daily"' },
    { schedule: '      schedule: 0 3 * * *' },
    { schedule: '      schedule: None' },
    { schedule: '      schedule: "@once"' },
    { schedule: '      schedule: "@continuous"' },
    { schedule: '      schedule:\n        __type__: datetime.timedelta\n        minutes: 30' },
    { schedule: '      schedule:\n        __type__: airflow.timetables.trigger.CronTriggerTimetable\n        __args__:\n          - 0 1 * * 3' },
    { schedule: '      schedule:\n        datasets: "((a & b) | c)"\n        timetable:\n          __type__: airflow.timetables.trigger.CronTriggerTimetable\n          cron: "* * * * *"\n          timezone: UTC' },
    { schedule: '      schedule:\n        __or__:\n          - __type__: airflow.sdk.Asset\n            uri: s3://a\n          - __type__: airflow.sdk.Asset\n            uri: s3://b' },
  ];
  for (const { schedule, message } of CASES) {
    it(`${message ? 'flags' : 'accepts'} ${schedule.trim().split('\n').join(' ')}`, () => {
      const fixture = dagWith(schedule);
      const findings = assertFixture(fixture, { onlyRules: SCHEDULE_RULES }).filter((finding) => finding.rule === 'pipeline/invalid-schedule');
      if (message) assert.match(findings[0].message, message);
    });
  }

  it('flags a schedule written in a defaults.yml once, there, not in each DAG that inherits it', () => {
    const fixture = `
      # @file dags/defaults.yml
      schedule: "0 25 * * *"  # expect: pipeline/invalid-schedule
      default_args:
        owner: data
        start_date: 2024-01-01
        retries: 2
      # @file dags/a.yml
      dag_a:
        tasks:
          t:
            operator: airflow.providers.standard.operators.empty.EmptyOperator
      # @file dags/b.yml
      dag_b:
        tasks:
          t:
            operator: airflow.providers.standard.operators.empty.EmptyOperator
    `;
    assertFixture(fixture, { onlyRules: SCHEDULE_RULES });
  });
});

describe('pipeline/schedule-interval-removed', () => {
  const LEGACY = dagWith('      schedule_interval: "@daily"  # expect: pipeline/schedule-interval-removed');
  const CASES: Array<{ title: string; extra: string; operator?: string; severity: string; message: RegExp }> = [
    { title: 'Airflow 3 from dplens.yml', extra: '# @file dplens.yml\nairflow: 3\n', operator: 'airflow.operators.empty.EmptyOperator', severity: 'error', message: /removed in Airflow 3.*set by `airflow: 3` in dplens\.yml/ },
    { title: 'Airflow 2 from dplens.yml', extra: '# @file dplens.yml\nairflow: 2\n', severity: 'warning', message: /deprecated since Airflow 2\.4.*set by `airflow: 2` in dplens\.yml/ },
    { title: 'Airflow 3 inferred from airflow.providers.standard imports', extra: '', severity: 'error', message: /inferred from `airflow\.providers\.standard\.operators\.empty\.EmptyOperator` in dags\/etl\.yml/ },
    { title: 'Airflow 2 inferred from airflow.operators imports', extra: '', operator: 'airflow.operators.bash.BashOperator', severity: 'warning', message: /Airflow 2 \(inferred from `airflow\.operators\.bash\.BashOperator`/ },
    { title: 'Airflow 3 by default', extra: '', operator: 'my_company.operators.Custom', severity: 'error', message: /Airflow 3 \(the default/ },
    {
      title: 'a guess of Airflow 3, when the workspace\'s files disagree',
      extra: '# @file dags/new.yml\nnew_dag:\n  tasks:\n    t: { operator: airflow.sdk.definitions.decorators.task }\n# @file dags/old.yml\nold_dag:\n  tasks:\n    t: { operator: airflow.operators.bash.BashOperator }\n',
      operator: 'my_company.operators.Custom',
      severity: 'warning',
      message: /removed in Airflow 3.*probably Airflow 3 \(the pipeline files import both/,
    },
  ];
  for (const { title, extra, operator, severity, message } of CASES) {
    it(`is ${severity === 'error' ? 'an error' : 'a warning'} under ${title}`, () => {
      const fixture = `${extra.split('\n').map((line) => `    ${line}`).join('\n')}\n${operator ? LEGACY.replace('airflow.providers.standard.operators.empty.EmptyOperator', operator) : LEGACY}`;
      const [finding, ...rest] = findingsOf(fixture, 'pipeline/schedule-interval-removed');
      assert.equal(rest.length, 0);
      assert.equal(finding.severity, severity);
      assert.match(finding.message, message);
    });
  }

  it('offers a safe fix that renames the key to `schedule`', () => {
    const [finding] = findingsOf(LEGACY, 'pipeline/schedule-interval-removed');
    assert.equal(finding.fixes?.length, 1);
    const fix = finding.fixes![0];
    assert.equal(fix.kind, 'safe');
    assert.deepEqual(fix.edits.map((edit) => ({ file: edit.file, newText: edit.newText, line: edit.range.start.line, width: edit.range.end.character - edit.range.start.character })), [
      { file: 'dags/etl.yml', newText: 'schedule', line: 5, width: 'schedule_interval'.length },
    ]);
  });

  it('offers no rename when the DAG already sets `schedule`', () => {
    const fixture = dagWith('      schedule: "@daily"\n      schedule_interval: "@daily"  # expect: pipeline/schedule-interval-removed');
    const [finding] = findingsOf(fixture, 'pipeline/schedule-interval-removed');
    assert.equal(finding.fixes, undefined);
    assert.match(finding.message, /Remove it and keep `schedule`/);
  });

  it('flags the key in a defaults.yml', () => {
    assertFixture(
      `
      # @file dags/defaults.yml
      schedule_interval: "@daily"  # expect: pipeline/schedule-interval-removed
      default_args:
        owner: data
        start_date: 2024-01-01
        retries: 2
      # @file dags/a.yml
      dag_a:
        tasks:
          t:
            operator: airflow.providers.standard.operators.empty.EmptyOperator
      `,
      { onlyRules: SCHEDULE_RULES },
    );
  });
});

describe('pipeline/missing-start-date', () => {
  const CASES: Array<{ title: string; fixture: string }> = [
    {
      title: 'a scheduled DAG without start_date anywhere',
      fixture: `
        # @file dags/etl.yml
        etl:  # expect: pipeline/missing-start-date
          default_args: { owner: data, retries: 2 }
          schedule: "0 4 * * *"
          tasks:
            t: { operator: airflow.providers.standard.operators.empty.EmptyOperator }
      `,
    },
    {
      title: 'a DAG that inherits a schedule from defaults.yml but no start_date',
      fixture: `
        # @file dags/defaults.yml
        schedule: "@hourly"
        # @file dags/etl.yml
        etl:  # expect: pipeline/missing-start-date
          default_args: { owner: data, retries: 2 }
          tasks:
            t: { operator: airflow.providers.standard.operators.empty.EmptyOperator }
      `,
    },
    {
      title: 'start_date in the file\'s default block',
      fixture: `
        # @file dags/etl.yml
        default:
          default_args: { start_date: 2024-01-01 }
        etl:
          default_args: { owner: data, retries: 2 }
          schedule: "@daily"
          tasks:
            t: { operator: airflow.providers.standard.operators.empty.EmptyOperator }
      `,
    },
    {
      title: 'start_date at the DAG level',
      fixture: `
        # @file dags/etl.yml
        etl:
          default_args: { owner: data, retries: 2 }
          start_date: 2024-01-01
          schedule: "@daily"
          tasks:
            t: { operator: airflow.providers.standard.operators.empty.EmptyOperator }
      `,
    },
    {
      title: 'start_date on every task',
      fixture: `
        # @file dags/etl.yml
        etl:
          default_args: { owner: data, retries: 2 }
          schedule: "@daily"
          tasks:
            t: { operator: airflow.providers.standard.operators.empty.EmptyOperator, start_date: 2024-01-01 }
      `,
    },
    {
      title: 'a DAG without a schedule key',
      fixture: `
        # @file dags/etl.yml
        etl:
          default_args: { owner: data, retries: 2 }
          tasks:
            t: { operator: airflow.providers.standard.operators.empty.EmptyOperator }
      `,
    },
  ];
  for (const { title, fixture } of CASES) {
    it(title, () => {
      assertFixture(fixture, { onlyRules: SCHEDULE_RULES });
    });
  }

  it('says when the DAG would run', () => {
    const [finding] = findingsOf(CASES[0].fixture, 'pipeline/missing-start-date');
    assert.equal(finding.message, 'DAG `etl` runs at 04:00 every day but has no `start_date`: Airflow rejects it when it parses the file, so it never runs. Add `start_date` under its `default_args`, or in a defaults.yml beside it.');
  });
});

describe('pipeline/missing-owner', () => {
  const CASES: Array<{ title: string; fixture: string }> = [
    {
      title: 'no owner',
      fixture: `
        # @file dags/etl.yml
        etl:  # expect: pipeline/missing-owner
          default_args: { start_date: 2024-01-01, retries: 2 }
          tasks:
            t: { operator: airflow.providers.standard.operators.empty.EmptyOperator }
      `,
    },
    {
      title: 'the placeholder owner `airflow`',
      fixture: `
        # @file dags/etl.yml
        etl:  # expect: pipeline/missing-owner
          default_args: { owner: airflow, start_date: 2024-01-01, retries: 2 }
          tasks:
            t: { operator: airflow.providers.standard.operators.empty.EmptyOperator }
      `,
    },
    {
      title: 'an owner from defaults.yml',
      fixture: `
        # @file dags/defaults.yml
        default_args: { owner: data-platform }
        # @file dags/etl.yml
        etl:
          default_args: { start_date: 2024-01-01, retries: 2 }
          tasks:
            t: { operator: airflow.providers.standard.operators.empty.EmptyOperator }
      `,
    },
    {
      title: 'an owner on every task',
      fixture: `
        # @file dags/etl.yml
        etl:
          default_args: { start_date: 2024-01-01, retries: 2 }
          tasks:
            t: { operator: airflow.providers.standard.operators.empty.EmptyOperator, owner: finance }
      `,
    },
    {
      title: 'a configured placeholder',
      fixture: `
        # @file dplens.yml
        rules:
          pipeline/missing-owner:
            options: { placeholderOwners: [airflow, tbd] }
        # @file dags/etl.yml
        etl:  # expect: pipeline/missing-owner
          default_args: { owner: TBD, start_date: 2024-01-01, retries: 2 }
          tasks:
            t: { operator: airflow.providers.standard.operators.empty.EmptyOperator }
      `,
    },
  ];
  for (const { title, fixture } of CASES) {
    it(title, () => {
      assertFixture(fixture, { onlyRules: SCHEDULE_RULES });
    });
  }
});

describe('pipeline/missing-retries', () => {
  const CASES: Array<{ title: string; fixture: string }> = [
    {
      title: 'retries below a configured minimum, at the value',
      fixture: `
        # @file dplens.yml
        rules:
          pipeline/missing-retries:
            options: { minimum: 3 }
        # @file dags/etl.yml
        etl:
          default_args:
            owner: data
            start_date: 2024-01-01
            retries: 2  # expect: pipeline/missing-retries
          tasks:
            t: { operator: airflow.providers.standard.operators.empty.EmptyOperator }
      `,
    },
    {
      title: 'a task that overrides good defaults with 0',
      fixture: `
        # @file dags/etl.yml
        etl:
          default_args: { owner: data, start_date: 2024-01-01, retries: 2 }
          tasks:
            t: { operator: airflow.providers.standard.operators.empty.EmptyOperator }
            u:
              operator: airflow.providers.standard.operators.empty.EmptyOperator
              retries: 0  # expect: pipeline/missing-retries
      `,
    },
    {
      title: 'tasks that each set enough retries',
      fixture: `
        # @file dags/etl.yml
        etl:
          default_args: { owner: data, start_date: 2024-01-01 }
          tasks:
            t: { operator: airflow.providers.standard.operators.empty.EmptyOperator, retries: 1 }
      `,
    },
    {
      title: 'retries from defaults.yml',
      fixture: `
        # @file dags/defaults.yml
        default_args: { retries: 3 }
        # @file dags/etl.yml
        etl:
          default_args: { owner: data, start_date: 2024-01-01 }
          tasks:
            t: { operator: airflow.providers.standard.operators.empty.EmptyOperator }
      `,
    },
    {
      title: 'too few retries from defaults.yml, reported at the DAG',
      fixture: `
        # @file dags/defaults.yml
        default_args: { retries: 0 }
        # @file dags/etl.yml
        etl:  # expect: pipeline/missing-retries
          default_args: { owner: data, start_date: 2024-01-01 }
          tasks:
            t: { operator: airflow.providers.standard.operators.empty.EmptyOperator }
      `,
    },
  ];
  for (const { title, fixture } of CASES) {
    it(title, () => {
      assertFixture(fixture, { onlyRules: SCHEDULE_RULES });
    });
  }
});
