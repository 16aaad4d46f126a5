import type { DagModel } from '../../pipelines/dag-model';
import type { Span } from '../../text';
import { defineRule, type FileRuleContext } from '../rule';

export default defineRule({
  id: 'pipeline/duplicate-task',
  severity: 'error',
  scope: 'file',
  description: 'A dag-factory DAG declares two tasks (or two task groups) with the same name.',
  docs: {
    why: 'In a list of tasks, dag-factory rejects a repeated `task_id` and the DAG disappears from Airflow. In a mapping, YAML keeps only the last task of a repeated key, so the first silently never runs and dependencies on it point at the other one.',
    fix: 'Rename one of the tasks (and the dependencies that meant it), or delete the copy.',
    references: ['https://astronomer.github.io/dag-factory/latest/configuration/defining_and_configuring_tasks/'],
  },
  examples: {
    invalid: [
      `
      # @file pipelines/orders.yml
      orders_daily:
        tasks:
          - task_id: dbt_build
            operator: airflow.providers.standard.operators.bash.BashOperator
            bash_command: "dbt build --select staging"
          - task_id: dbt_build  # expect: pipeline/duplicate-task
            operator: airflow.providers.standard.operators.bash.BashOperator
            bash_command: "dbt build --select marts"
      `,
    ],
    valid: [
      `
      # @file pipelines/orders.yml
      orders_daily:
        tasks:
          - task_id: dbt_build_staging
            operator: airflow.providers.standard.operators.bash.BashOperator
            bash_command: "dbt build --select staging"
          - task_id: dbt_build_marts
            operator: airflow.providers.standard.operators.bash.BashOperator
            bash_command: "dbt build --select marts"
            dependencies: [dbt_build_staging]
      `,
    ],
  },
  equivalents: [],
  fix: 'none',
  appliesTo: (file) => file.kind === 'pipeline',
  check(ctx: FileRuleContext) {
    if (ctx.file.kind !== 'pipeline') return;
    for (const dag of ctx.file.pipeline.dags) {
      reportRepeats(ctx, dag, dag.tasks.map((task) => ({ name: task.id, span: task.idSpan })), 'task');
      reportRepeats(ctx, dag, dag.taskGroups.map((group) => ({ name: group.name, span: group.nameSpan })), 'task group');
    }
  },
});

function reportRepeats(ctx: FileRuleContext, dag: DagModel, declarations: { name: string; span: Span }[], what: string): void {
  const seen = new Set<string>();
  for (const declaration of declarations) {
    if (!seen.has(declaration.name)) {
      seen.add(declaration.name);
      continue;
    }
    const mapping = what === 'task' ? dag.tasksStyle === 'mapping' : false;
    ctx.report({
      file: ctx.file.path,
      span: declaration.span,
      message: `The DAG \`${dag.id}\` already has a ${what} \`${declaration.name}\`: ${mapping ? 'YAML keeps only the last of two equal keys, so the first task silently never runs' : 'dag-factory rejects the DAG, so it disappears from Airflow'}. Rename one of them, or delete the copy.`,
    });
  }
}
