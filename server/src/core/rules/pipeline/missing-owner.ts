import { mergedDagsOf } from '../../pipelines/merged';
import { pipelineSummaryOf } from '../../pipelines/schedule-keys';
import { defineRule, type FileRuleContext } from '../rule';

export default defineRule({
  id: 'pipeline/missing-owner',
  severity: 'warning',
  scope: 'file',
  description: 'A dag-factory DAG names no owner (or only a placeholder such as `airflow`) in its merged `default_args` or on its tasks.',
  docs: {
    why: [
      'The owner is who Airflow shows next to a failing DAG, and who is paged or asked when it breaks.',
      'Without `owner`, Airflow fills in `airflow`, which names nobody.',
      'dag-factory merges `default_args` from the `defaults.yml` files above the DAG file and its `default:` block, so an owner set there counts; so does one set on every task.',
      'The placeholder names are the `placeholderOwners` option.',
    ].join(' '),
    fix: 'Add `owner: <team or person>` under the DAG\'s `default_args`, or in a `defaults.yml` shared by a team\'s folder.',
    references: ['https://astronomer.github.io/dag-factory/latest/configuration/defaults/', 'https://airflow.apache.org/docs/apache-airflow/stable/best-practices.html'],
  },
  examples: {
    invalid: [
      `
      # @file dags/etl.yml
      etl_daily:  # expect: pipeline/missing-owner
        default_args:
          start_date: 2024-01-01
          retries: 2
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
          owner: data-platform
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
    placeholderOwners: { type: 'string[]', default: ['airflow'], description: 'Owner names that name nobody and count as missing.' },
  },
  fix: 'none',
  appliesTo: (file) => pipelineSummaryOf(file)?.role === 'dags',
  check(ctx: FileRuleContext) {
    const placeholders = (ctx.options.placeholderOwners as string[]).map((name) => name.toLowerCase());
    const names = (value: unknown): boolean => typeof value === 'string' && value.trim() !== '' && !placeholders.includes(value.trim().toLowerCase());
    for (const merged of mergedDagsOf(ctx.index, ctx.file.path)) {
      const owner = merged.defaultArgs.owner;
      if (owner && names(owner.value)) continue;
      const tasks = merged.dag.tasks;
      if (tasks.length > 0 && tasks.every((task) => names(task.keys.owner?.value))) continue;
      const placeholder = owner && typeof owner.value === 'string' && owner.value.trim() !== '' ? ` (\`${owner.value}\` is a placeholder)` : '';
      ctx.report({
        file: merged.file,
        span: merged.dag.idSpan,
        message: `DAG \`${merged.dag.id}\` names no owner${placeholder}: when it fails, Airflow shows nobody to ask. Add \`owner: <team>\` under its \`default_args\`, or in a defaults.yml beside it.`,
      });
    }
  },
});
