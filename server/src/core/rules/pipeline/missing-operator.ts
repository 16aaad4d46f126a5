import { taskHasKey } from '../../pipelines/task-defaults';
import { defineRule, type FileRuleContext } from '../rule';

export default defineRule({
  id: 'pipeline/missing-operator',
  severity: 'error',
  scope: 'file',
  description: 'A dag-factory task has neither an `operator` nor a `decorator`.',
  docs: {
    why: 'dag-factory builds each task from its `operator` (a class such as `airflow.providers.standard.operators.bash.BashOperator`) or its `decorator` (such as `airflow.sdk.task`); a task with neither makes it fail with "Tasks must define either \'operator\' or \'decorator\'", and the whole DAG disappears from Airflow.',
    fix: 'Add `operator: <import path of the operator class>` or `decorator: <import path of the decorator>` to the task.',
    references: ['https://astronomer.github.io/dag-factory/latest/configuration/defining_and_configuring_tasks/'],
  },
  examples: {
    invalid: [
      `
      # @file pipelines/orders.yml
      orders_daily:
        tasks:
          - task_id: dbt_build  # expect: pipeline/missing-operator
            bash_command: "dbt build"
      `,
    ],
    valid: [
      `
      # @file pipelines/orders.yml
      orders_daily:
        tasks:
          - task_id: dbt_build
            operator: airflow.providers.standard.operators.bash.BashOperator
            bash_command: "dbt build"
      `,
    ],
  },
  equivalents: [],
  fix: 'none',
  appliesTo: (file) => file.kind === 'pipeline',
  check(ctx: FileRuleContext) {
    if (ctx.file.kind !== 'pipeline') return;
    for (const dag of ctx.file.pipeline.dags) {
      for (const task of dag.tasks) {
        if (taskHasKey(ctx.file.pipeline, task, 'operator') || taskHasKey(ctx.file.pipeline, task, 'decorator')) continue;
        ctx.report({
          file: ctx.file.path,
          span: task.idSpan,
          message: `The task \`${task.id}\` of the DAG \`${dag.id}\` has neither \`operator\` nor \`decorator\`: dag-factory cannot build it and the whole DAG disappears from Airflow. Add \`operator: <import path>\` (or \`decorator:\` for a TaskFlow task).`,
        });
      }
    }
  },
});
