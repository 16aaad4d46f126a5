/**
 * What a task inherits from its file's `default:` block. dag-factory merges the block into each DAG with
 * `merge_configs`, recursively for mappings: a task of `default.tasks` with the same id fills in the keys the DAG's
 * task leaves out (its `operator`, say), and a task only the block declares joins every DAG. dag-factory's own examples
 * rely on this with tasks written as lists too, so lists are merged by `task_id` alike.
 */
import type { DagModel, PipelineFileModel, TaskModel } from './dag-model';

/** The `default:` block's task with this id, if the block declares one. */
export function defaultTaskFor(model: PipelineFileModel, taskId: string): TaskModel | undefined {
  return model.defaultTasks.find((task) => task.id === taskId);
}

/** Whether a task has a key, itself or through the `default:` block's task of the same id. */
export function taskHasKey(model: PipelineFileModel, task: TaskModel, key: string): boolean {
  return key in task.keys || key in (defaultTaskFor(model, task.id)?.keys ?? {});
}

/** The ids of a DAG's tasks, including those only the file's `default:` block declares. */
export function taskIdsOf(model: PipelineFileModel, dag: DagModel): string[] {
  const ids = dag.tasks.map((task) => task.id);
  for (const task of model.defaultTasks) if (!ids.includes(task.id)) ids.push(task.id);
  return ids;
}
