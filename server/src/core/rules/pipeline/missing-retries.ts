import type { LocatedValue, MergedDag, TaskModel } from '../../pipelines/dag-model';
import { mergedDagsOf } from '../../pipelines/merged';
import { pipelineSummaryOf } from '../../pipelines/schedule-keys';
import { defineRule, type FileRuleContext } from '../rule';

/** A task's retries: its own key, else the DAG's merged `default_args`, else Airflow's default of 0. */
function retriesOf(task: TaskModel, merged: MergedDag): { count: number; from?: LocatedValue } {
  const written = task.keys.retries ?? merged.defaultArgs.retries;
  if (!written) return { count: 0 };
  return { count: typeof written.value === 'number' ? written.value : Number.NaN, from: written };
}

export default defineRule({
  id: 'pipeline/missing-retries',
  severity: 'warning',
  scope: 'file',
  description: 'Tasks of a dag-factory DAG retry fewer times than the `minimum` option (1 by default): `retries` is absent or too low in their merged `default_args` and on the task.',
  docs: {
    why: [
      'Airflow retries a failed task 0 times unless told otherwise, so one network blip or warehouse queue time-out fails the whole DAG run and leaves the models it builds stale until someone reruns it.',
      'dag-factory merges `default_args` from the `defaults.yml` files above the DAG file and its `default:` block; a task\'s own `retries` overrides them.',
      'The `minimum` option sets how many retries are expected.',
    ].join(' '),
    fix: 'Add `retries: 2` (and a `retry_delay`) under the DAG\'s `default_args`, or in a `defaults.yml` shared by the folder.',
    references: ['https://airflow.apache.org/docs/apache-airflow/stable/core-concepts/tasks.html', 'https://astronomer.github.io/dag-factory/latest/configuration/defaults/'],
  },
  examples: {
    invalid: [
      `
      # @file dags/etl.yml
      etl_daily:  # expect: pipeline/missing-retries
        default_args:
          owner: data
          start_date: 2024-01-01
        schedule: "@daily"
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
          retries: 0  # expect: pipeline/missing-retries
        schedule: "@daily"
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
        schedule: "@daily"
        tasks:
          extract:
            operator: airflow.providers.standard.operators.empty.EmptyOperator
      `,
    ],
  },
  equivalents: [],
  options: {
    minimum: { type: 'number', default: 1, description: 'The fewest retries a task should have.' },
  },
  fix: 'none',
  appliesTo: (file) => pipelineSummaryOf(file)?.role === 'dags',
  check(ctx: FileRuleContext) {
    const minimum = ctx.options.minimum as number;
    for (const merged of mergedDagsOf(ctx.index, ctx.file.path)) {
      // One finding per place that sets too few retries (a task's key, the DAG's default_args), and one at the DAG for tasks that inherit nothing.
      const reported = new Set<LocatedValue>();
      let inheritsNothing = false;
      for (const task of merged.dag.tasks) {
        const { count, from } = retriesOf(task, merged);
        if (count >= minimum) continue;
        if (!from) {
          inheritsNothing = true;
          continue;
        }
        if (reported.has(from)) continue;
        reported.add(from);
        const own = from === task.keys.retries;
        // A value written in another file (a defaults.yml) is reported at the DAG, where this file can show it.
        const inThisFile = from.origin.file === merged.file;
        ctx.report({
          file: merged.file,
          span: inThisFile ? from.origin.valueSpan : merged.dag.idSpan,
          message: `${own ? `Task \`${task.id}\`` : `DAG \`${merged.dag.id}\``} retries ${Number.isNaN(count) ? `\`${JSON.stringify(from.value)}\` times (not a number)` : `${count} time${count === 1 ? '' : 's'}`}${inThisFile ? '' : ` (set in ${from.origin.file})`}, fewer than ${minimum}: a passing glitch fails the DAG run and leaves its models stale. Set \`retries: ${Math.max(minimum, 2)}\`.`,
        });
      }
      if (inheritsNothing) {
        ctx.report({
          file: merged.file,
          span: merged.dag.idSpan,
          message: `DAG \`${merged.dag.id}\` sets no \`retries\`, so Airflow retries its tasks 0 times: a passing glitch fails the DAG run and leaves its models stale. Add \`retries: ${Math.max(minimum, 2)}\` under its \`default_args\`.`,
        });
      }
    }
  },
});
