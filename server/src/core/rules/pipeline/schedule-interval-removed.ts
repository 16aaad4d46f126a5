import { airflowVersionOf } from '../../pipelines/airflow-version';
import { pipelineSummaryOf, writtenDagKeys } from '../../pipelines/schedule-keys';
import { defineRule, type FileRuleContext } from '../rule';

export default defineRule({
  id: 'pipeline/schedule-interval-removed',
  severity: 'error',
  scope: 'file',
  description: 'A dag-factory DAG sets `schedule_interval`, which Airflow 3 removed and Airflow 2 deprecates: an error under Airflow 3, a warning under Airflow 2.',
  docs: {
    why: [
      'Airflow 2.4 replaced `schedule_interval` (and `timetable`) with one `schedule` argument; Airflow 3 removed the old one, so a DAG that still sets it fails to import and none of its tasks run.',
      'Under Airflow 2 the key still works but logs a deprecation warning, so the finding is a warning there.',
      'The Airflow version comes from `airflow:` in dplens.yml, else from the operator import paths of the file itself, then of all pipeline files (`airflow.providers.standard.*` and `airflow.sdk.*` mean 3, `airflow.operators.*` alone means 2), else 3.',
      'When the pipeline files disagree (some written for Airflow 2, some for 3), the finding is a warning until dplens.yml says which version runs them.',
    ].join(' '),
    fix: 'Rename the key to `schedule`; the value stays the same.',
    references: [
      'https://airflow.apache.org/docs/apache-airflow/stable/installation/upgrading_to_airflow3.html',
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
        schedule_interval: "0 4 * * *"  # expect: pipeline/schedule-interval-removed
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
    ],
  },
  equivalents: ['ruff:AIR302', 'airflow:RemovedInAirflow3Warning'],
  fix: 'safe',
  appliesTo: (file) => pipelineSummaryOf(file) !== undefined,
  check(ctx: FileRuleContext) {
    const file = pipelineSummaryOf(ctx.file);
    if (!file) return;
    const written = writtenDagKeys(file, 'schedule_interval');
    if (written.length === 0) return;
    const airflow = airflowVersionOf(ctx.index, file.path);
    const withSchedule = new Set(writtenDagKeys(file, 'schedule').map((entry) => entry.origin.path.slice(0, -1).join('\u0000')));
    for (const entry of written) {
      const keySpan = entry.origin.keySpan;
      if (!keySpan) continue;
      // Renaming would write a second `schedule` beside an existing one, which YAML rejects: offer no fix then.
      const alsoHasSchedule = withSchedule.has(entry.origin.path.slice(0, -1).join('\u0000'));
      // Files that disagree on the version (a workspace mid-upgrade) make the Airflow 3 verdict a guess: warn then.
      const removed = airflow.version === 3 && airflow.source !== 'mixed-imports';
      const message =
        airflow.version === 3
          ? `\`schedule_interval\` was removed in Airflow 3: the DAG fails to import and none of its tasks run. ${alsoHasSchedule ? 'Remove it and keep `schedule`' : 'Rename it to `schedule`'}. (Version: ${airflow.reason}.)`
          : `\`schedule_interval\` is deprecated since Airflow 2.4 and removed in Airflow 3, where the DAG would fail to import. ${alsoHasSchedule ? 'Remove it and keep `schedule`' : 'Rename it to `schedule`'}. (Version: ${airflow.reason}.)`;
      ctx.report({
        file: entry.origin.file,
        span: keySpan,
        message,
        severity: removed ? 'error' : 'warning',
        fixes: alsoHasSchedule ? undefined : [{ title: 'Rename `schedule_interval` to `schedule`', kind: 'safe', edits: [{ file: entry.origin.file, range: ctx.locate(entry.origin.file, keySpan), newText: 'schedule' }] }],
      });
    }
  },
});
