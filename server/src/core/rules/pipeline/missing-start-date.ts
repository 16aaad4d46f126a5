import { mergedDagsOf } from '../../pipelines/merged';
import { readSchedule } from '../../pipelines/schedule';
import { pipelineSummaryOf } from '../../pipelines/schedule-keys';
import { defineRule, type FileRuleContext } from '../rule';

export default defineRule({
  id: 'pipeline/missing-start-date',
  severity: 'error',
  scope: 'file',
  description: 'A scheduled dag-factory DAG has no `start_date`: not in its keys, not in its merged `default_args`, not on every task.',
  docs: {
    why: [
      'A scheduled DAG needs a start date: the scheduler lays its first data interval from it.',
      'Without one, Airflow rejects the DAG when it parses the file ("DAG is missing the start_date parameter"), and the DAG never runs.',
      'dag-factory merges `default_args` from the `defaults.yml` files above the DAG file and from its `default:` block, so a start date set there counts; so does one set on every task.',
      'A DAG without a schedule (`None`, or no `schedule` key) runs only when triggered and is not reported.',
    ].join(' '),
    fix: 'Add `start_date` under the DAG\'s `default_args` (or in a `defaults.yml` shared by the DAGs of the folder), e.g. `start_date: 2024-01-01`.',
    references: ['https://astronomer.github.io/dag-factory/latest/configuration/defaults/', 'https://airflow.apache.org/docs/apache-airflow/stable/core-concepts/dag-run.html'],
  },
  examples: {
    invalid: [
      `
      # @file dags/etl.yml
      etl_daily:  # expect: pipeline/missing-start-date
        default_args:
          owner: data
          retries: 2
        schedule: "@daily"
        tasks:
          extract:
            operator: airflow.providers.standard.operators.empty.EmptyOperator
      `,
    ],
    valid: [
      `
      # @file dags/defaults.yml
      default_args:
        start_date: 2024-01-01
      # @file dags/etl.yml
      etl_daily:
        default_args:
          owner: data
          retries: 2
        schedule: "@daily"
        tasks:
          extract:
            operator: airflow.providers.standard.operators.empty.EmptyOperator
      `,
      `
      # @file dags/etl.yml
      etl_on_demand:
        default_args:
          owner: data
          retries: 2
        schedule: None
        tasks:
          extract:
            operator: airflow.providers.standard.operators.empty.EmptyOperator
      `,
    ],
  },
  equivalents: ['airflow:AirflowException(DAG is missing the start_date parameter)'],
  fix: 'none',
  appliesTo: (file) => pipelineSummaryOf(file)?.role === 'dags',
  check(ctx: FileRuleContext) {
    for (const merged of mergedDagsOf(ctx.index, ctx.file.path)) {
      const schedule = readSchedule(merged.schedule?.value);
      // No schedule means manual or external triggers only; an invalid one is pipeline/invalid-schedule's finding.
      if (schedule.kind === 'none' || schedule.kind === 'invalid') continue;
      if (merged.keys.start_date || merged.defaultArgs.start_date) continue;
      const tasks = merged.dag.tasks;
      if (tasks.length > 0 && tasks.every((task) => task.keys.start_date !== undefined)) continue;
      ctx.report({
        file: merged.file,
        span: merged.dag.idSpan,
        message: `DAG \`${merged.dag.id}\` runs ${schedule.description} but has no \`start_date\`: Airflow rejects it when it parses the file, so it never runs. Add \`start_date\` under its \`default_args\`, or in a defaults.yml beside it.`,
      });
    }
  },
});
