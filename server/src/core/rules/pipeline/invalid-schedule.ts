import { readSchedule } from '../../pipelines/schedule';
import { pipelineSummaryOf, writtenDagKeys } from '../../pipelines/schedule-keys';
import { defineRule, type FileRuleContext } from '../rule';

/** What Airflow does with a schedule it cannot read, appended to every message so its cost is clear. */
const CONSEQUENCE = 'Airflow would refuse to import the DAG (a broken-DAG error in the UI), so none of its tasks would run.';

export default defineRule({
  id: 'pipeline/invalid-schedule',
  severity: 'error',
  scope: 'file',
  description: 'A dag-factory `schedule` that Airflow cannot read: a cron expression with a wrong field or that never fires, an unknown preset, a zero timedelta, a schedule mapping without datasets.',
  docs: {
    why: [
      'dag-factory passes `schedule` to Airflow as written, and Airflow validates it only when it parses the DAG file: a cron field out of range (`0 24 * * *`), a misspelt preset (`@dayly`) or a timedelta of zero makes the DAG fail to import, and every task in it silently stops running.',
      'Cron expressions are read as Airflow reads them (five fields, names, `L`, `5L`, `mon#2`; no `W`), and an expression that can never fire (`0 0 30 2 *`) is reported too.',
      'Presets (`@daily`, `@hourly`...), `None`, timedeltas, dataset and asset schedules and timetables are all understood; hover a schedule to see when it fires.',
    ].join(' '),
    fix: 'Correct the expression as the message says, or use a preset such as `@daily`.',
    references: [
      'https://airflow.apache.org/docs/apache-airflow/stable/authoring-and-scheduling/cron.html',
      'https://astronomer.github.io/dag-factory/latest/configuration/scheduling/',
    ],
  },
  examples: {
    invalid: [
      `
      # @file dags/etl.yml
      etl_daily:
        default_args:
          owner: data
          start_date: 2024-01-01
          retries: 2
        schedule: "0 24 * * *"  # expect: pipeline/invalid-schedule
        tasks:
          extract:
            operator: airflow.providers.standard.operators.empty.EmptyOperator
      `,
      `
      # @file dags/etl.yml
      etl_daily:
        default_args:
          owner: data
          start_date: 2024-01-01
          retries: 2
        schedule: "@dayly"  # expect: pipeline/invalid-schedule
        tasks:
          extract:
            operator: airflow.providers.standard.operators.empty.EmptyOperator
      `,
    ],
    valid: [
      `
      # @file dags/etl.yml
      etl_daily:
        default_args:
          owner: data
          start_date: 2024-01-01
          retries: 2
        schedule: "0 4 * * *"
        tasks:
          extract:
            operator: airflow.providers.standard.operators.empty.EmptyOperator
      `,
      `
      # @file dags/etl.yml
      etl_on_data:
        default_args:
          owner: data
          start_date: 2024-01-01
          retries: 2
        schedule:
          - s3://bucket/raw/orders.json
        tasks:
          extract:
            operator: airflow.providers.standard.operators.empty.EmptyOperator
      `,
    ],
  },
  equivalents: ['airflow:AirflowTimetableInvalid'],
  fix: 'none',
  appliesTo: (file) => pipelineSummaryOf(file) !== undefined,
  check(ctx: FileRuleContext) {
    const file = pipelineSummaryOf(ctx.file);
    if (!file) return;
    for (const key of ['schedule', 'schedule_interval']) {
      for (const written of writtenDagKeys(file, key)) {
        const schedule = readSchedule(written.value);
        for (const problem of schedule.problems) {
          const at = problem.path.length === 0 ? { file: written.origin.file, span: written.origin.valueSpan } : { file: written.origin.file, yamlPath: [...written.origin.path, ...problem.path], target: 'value' as const };
          ctx.report({ ...at, message: `${problem.message} ${CONSEQUENCE}` });
        }
      }
    }
  },
});
