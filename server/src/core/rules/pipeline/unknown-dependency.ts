import type { DagModel, NameReference } from '../../pipelines/dag-model';
import { taskIdsOf } from '../../pipelines/task-defaults';
import { defineRule, type FileRuleContext } from '../rule';
import { closestName } from '../suggest';

export default defineRule({
  id: 'pipeline/unknown-dependency',
  severity: 'error',
  scope: 'file',
  description: 'A dag-factory task or task group depends on, or names as its group, a task or group that its DAG does not declare.',
  docs: {
    why: 'dag-factory looks each name in `dependencies`, `task_group_name` and `parent_group_name` up among the tasks and groups of the same DAG and fails to build the DAG when one is missing, so the whole DAG disappears from Airflow. A misspelt dependency is the commonest cause.',
    fix: 'Correct the name (the message suggests the closest one), or declare the missing task or group in the same DAG.',
    references: ['https://astronomer.github.io/dag-factory/latest/configuration/defining_and_configuring_tasks/'],
  },
  examples: {
    invalid: [
      `
      # @file pipelines/orders.yml
      orders_daily:
        tasks:
          - task_id: dbt_seed
            operator: airflow.providers.standard.operators.bash.BashOperator
            bash_command: "dbt seed"
          - task_id: dbt_build
            operator: airflow.providers.standard.operators.bash.BashOperator
            bash_command: "dbt build"
            dependencies: [dbt_sed]  # expect: pipeline/unknown-dependency
      `,
    ],
    valid: [
      `
      # @file pipelines/orders.yml
      orders_daily:
        task_groups:
          - group_name: dbt
        tasks:
          - task_id: dbt_seed
            operator: airflow.providers.standard.operators.bash.BashOperator
            bash_command: "dbt seed"
            task_group_name: dbt
          - task_id: dbt_build
            operator: airflow.providers.standard.operators.bash.BashOperator
            bash_command: "dbt build"
            dependencies: [dbt_seed]
      `,
    ],
  },
  equivalents: [],
  fix: 'none',
  appliesTo: (file) => file.kind === 'pipeline',
  check(ctx: FileRuleContext) {
    if (ctx.file.kind !== 'pipeline') return;
    for (const dag of ctx.file.pipeline.dags) checkDag(ctx, dag, taskIdsOf(ctx.file.pipeline, dag));
  },
});

function checkDag(ctx: FileRuleContext, dag: DagModel, tasks: string[]): void {
  const groups = dag.taskGroups.map((group) => group.name);
  const members = [...tasks, ...groups];
  const unknown = (reference: NameReference, names: string[], what: string, key: string) => {
    if (names.includes(reference.name)) return;
    const suggestion = closestName(reference.name, names);
    ctx.report({
      file: ctx.file.path,
      span: reference.span,
      message: `\`${reference.name}\` in \`${key}\` is no ${what} of the DAG \`${dag.id}\`: dag-factory fails to build the DAG, so it disappears from Airflow. ${suggestion ? `Did you mean \`${suggestion}\`?` : `Declare the ${what} in this DAG, or remove the name.`}`,
    });
  };
  for (const task of dag.tasks) {
    for (const dependency of task.dependencies) unknown(dependency, members, 'task or task group', 'dependencies');
    if (task.group) unknown(task.group, groups, 'task group', 'task_group_name');
  }
  for (const group of dag.taskGroups) {
    for (const dependency of group.dependencies) unknown(dependency, members, 'task or task group', 'dependencies');
    if (group.parent) unknown(group.parent, groups, 'task group', 'parent_group_name');
  }
}
