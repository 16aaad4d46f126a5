/**
 * How many times a day each dbt node is built by the workspace's dag-factory pipelines: for every task that runs dbt,
 * its DAG's runs per day (schedule.ts) and the nodes its selection builds (core/selection), added up over the tasks.
 * A model selected by an hourly task and a daily task is built 25 times a day.
 *
 * Only invocations that build count (`dbt run`, `build`, `seed`, `snapshot`): `dbt test` reads a model but does not
 * rebuild it. Tasks whose DAG runs on data events, by hand or on a custom timetable have no fixed count; they are named
 * in the basis but add nothing. The cost model reads this before the dplens.yml default (cost/estimate.ts). Pure,
 * cached per index revision.
 */
import type { ProjectIndex } from '../project/index-types';
import type { DbtSubcommand } from '../selection/dbt-command';
import { taskSelections } from '../selection/task-selection';
import { mergedDags } from './merged';
import { readSchedule, type Schedule } from './schedule';

/** One task that builds a node, with its DAG's schedule. */
export interface SchedulingTask {
  dag: string;
  task: string;
  file: string;
  schedule: Schedule;
}

export interface ModelRunsPerDay {
  uniqueId: string;
  /** The sum over the tasks with a fixed schedule; null when none of the tasks that build it has one. */
  runsPerDay: number | null;
  /** Every task that builds the node, in file order. */
  scheduledBy: SchedulingTask[];
  /** In words, for reports: "scheduled by dbt_marts_daily.dbt_build_core at 04:00 every day". */
  basis: string;
}

const BUILDING_SUBCOMMANDS: ReadonlySet<DbtSubcommand> = new Set(['run', 'build', 'seed', 'snapshot']);

const cache = new WeakMap<ProjectIndex, { revision: number; result: Map<string, ModelRunsPerDay> }>();

/** The runs per day of every dbt node that a pipeline task builds, keyed by unique id. */
export function modelRunsPerDay(index: ProjectIndex): Map<string, ModelRunsPerDay> {
  const cached = cache.get(index);
  if (cached && cached.revision === index.revision) return cached.result;
  const tasksByNode = new Map<string, SchedulingTask[]>();
  for (const merged of mergedDags(index)) {
    const schedule = readSchedule(merged.schedule?.value);
    for (const task of merged.dag.tasks) {
      const selections = taskSelections(index, task, merged.file);
      if (!selections) continue;
      const built = new Set<string>();
      for (const { run, selection } of selections) {
        if (!selection || !BUILDING_SUBCOMMANDS.has(run.request.subcommand)) continue;
        for (const id of selection.nodes) built.add(id);
      }
      const scheduling: SchedulingTask = { dag: merged.dag.id, task: task.id, file: merged.file, schedule };
      for (const id of built) {
        const list = tasksByNode.get(id) ?? [];
        list.push(scheduling);
        tasksByNode.set(id, list);
      }
    }
  }
  const result = new Map<string, ModelRunsPerDay>();
  for (const [uniqueId, scheduledBy] of tasksByNode) result.set(uniqueId, summarize(uniqueId, scheduledBy));
  cache.set(index, { revision: index.revision, result });
  return result;
}

function summarize(uniqueId: string, scheduledBy: SchedulingTask[]): ModelRunsPerDay {
  const counted = scheduledBy.filter((entry) => entry.schedule.runsPerDay !== null);
  const runsPerDay = counted.length === 0 ? null : counted.reduce((total, entry) => total + entry.schedule.runsPerDay!, 0);
  const parts = scheduledBy.map((entry) => `${entry.dag}.${entry.task} ${entry.schedule.description}`);
  const uncounted = scheduledBy.length - counted.length;
  const note = uncounted > 0 && counted.length > 0 ? ` (${uncounted === 1 ? 'one task has' : `${uncounted} tasks have`} no fixed schedule and ${uncounted === 1 ? 'is' : 'are'} not counted)` : '';
  return { uniqueId, runsPerDay, scheduledBy, basis: `scheduled by ${parts.join('; and ')}${note}` };
}
