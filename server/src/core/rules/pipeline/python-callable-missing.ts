import type { PipelineFileModel, TaskModel } from '../../pipelines/dag-model';
import { defaultTaskFor, taskHasKey } from '../../pipelines/task-defaults';
import { defineRule, type FileRuleContext } from '../rule';

/**
 * The operators dag-factory resolves `python_callable` for (its PYTHON_CALLABLE_CLASSES and their subclasses in Airflow):
 * PythonOperator, BranchPythonOperator, ShortCircuitOperator, the virtualenv and external Python operators, PythonSensor.
 */
const PYTHON_OPERATOR = /(^|\.)(Python|BranchPython|ShortCircuit|PythonVirtualenv|BranchPythonVirtualenv|ExternalPython|BranchExternalPython)Operator$|(^|\.)PythonSensor$/;

export default defineRule({
  id: 'pipeline/python-callable-missing',
  severity: 'error',
  scope: 'file',
  description: 'A dag-factory PythonOperator (or a decorated TaskFlow task) has no `python_callable`, nor both `python_callable_name` and `python_callable_file`.',
  docs: {
    why: 'dag-factory needs the function a Python task runs: `python_callable` (an import path), or `python_callable_name` with `python_callable_file`. Without them it fails to build the task, and the whole DAG disappears from Airflow. Only the keys are checked: a callable file that is missing on this machine may well exist where Airflow runs.',
    fix: 'Add `python_callable: my_package.my_module.my_function`, or `python_callable_name: my_function` and `python_callable_file: /path/to/module.py`.',
    references: ['https://astronomer.github.io/dag-factory/latest/features/callbacks/', 'https://astronomer.github.io/dag-factory/latest/configuration/defining_and_configuring_tasks/'],
  },
  examples: {
    invalid: [
      `
      # @file pipelines/orders.yml
      orders_daily:
        tasks:
          - task_id: notify  # expect: pipeline/python-callable-missing
            operator: airflow.providers.standard.operators.python.PythonOperator
            python_callable_name: send_summary
      `,
    ],
    valid: [
      `
      # @file pipelines/orders.yml
      orders_daily:
        tasks:
          - task_id: notify
            operator: airflow.providers.standard.operators.python.PythonOperator
            python_callable_name: send_summary
            python_callable_file: $CONFIG_ROOT_DIR/notify.py
      `,
    ],
  },
  equivalents: [],
  fix: 'none',
  appliesTo: (file) => file.kind === 'pipeline',
  check(ctx: FileRuleContext) {
    if (ctx.file.kind !== 'pipeline') return;
    const model = ctx.file.pipeline;
    for (const dag of model.dags) {
      for (const task of dag.tasks) {
        const inherited = defaultTaskFor(model, task.id);
        const decorator = task.decorator ?? inherited?.decorator;
        const operator = task.operator ?? inherited?.operator;
        const kind = decorator ? 'decorated task' : operator && PYTHON_OPERATOR.test(operator.value) ? basename(operator.value) : undefined;
        const has = (key: string) => taskHasKey(model, task, key);
        if (!kind || hasCallable(model, task)) continue;
        const partly = has('python_callable_name') ? ' (`python_callable_name` without `python_callable_file`)' : has('python_callable_file') ? ' (`python_callable_file` without `python_callable_name`)' : '';
        ctx.report({
          file: ctx.file.path,
          span: task.idSpan,
          message: `The ${kind} \`${task.id}\` of the DAG \`${dag.id}\` names no function to run${partly}: dag-factory fails to build it and the whole DAG disappears from Airflow. Add \`python_callable: <module.function>\`, or both \`python_callable_name\` and \`python_callable_file\`.`,
        });
      }
    }
  },
});

function hasCallable(model: PipelineFileModel, task: TaskModel): boolean {
  const has = (key: string) => taskHasKey(model, task, key);
  return has('python_callable') || (has('python_callable_name') && has('python_callable_file'));
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}
