/**
 * `dplens pipelines [PATH]`: read the workspace as `dplens check` does, then list every dag-factory DAG with its
 * schedule (as written and in words) and runs per day, and every task with its operator, the dbt commands it runs,
 * the dbt nodes those commands select and its runs per day. Text for people, versioned JSON for scripts.
 */
import * as path from 'node:path';
import { isTypedValue, type MergedDag, type TaskModel } from '../core/pipelines/dag-model';
import { mergedDags } from '../core/pipelines/merged';
import { readSchedule } from '../core/pipelines/schedule';
import type { ProjectIndex } from '../core/project/index-types';
import type { TaskDbtRun } from '../core/selection/task-selection';
import { taskSelections } from '../core/selection/task-selection';
import type { PipelinesArgs } from './args';
import { indexForCommand } from './command-index';

export interface PipelineTaskReport {
  task: string;
  /** The dotted path of `operator:` (or `decorator:`), or null when the task names neither. */
  operator: string | null;
  /** Each dbt command the task runs, as written (`dbt build --select tag:finance`). */
  dbt: string[];
  /** The names of the dbt nodes those commands select, sorted; sources as `source.table`. */
  selects: string[];
  /** False when some criterion cannot be resolved offline (`state:`, an unknown selector), so `selects` may lack nodes. */
  selectsComplete: boolean;
  runsPerDay: number | null;
}

export interface PipelineDagReport {
  dag: string;
  /** The declaring file, relative to the folder the command was run from. */
  file: string;
  /** The schedule as written, or null when the DAG has none. */
  schedule: string | null;
  /** When it fires, in words. */
  scheduleText: string;
  runsPerDay: number | null;
  tasks: PipelineTaskReport[];
}

export function runPipelines(args: PipelinesArgs, cwd: string): string {
  const { index, scope } = indexForCommand(args, cwd);
  const shown = (file: string) => path.relative(cwd, path.join(scope.root, file)).split(path.sep).join('/') || file;
  const dags = pipelinesReport(index, scope.filter).map((dag) => ({ ...dag, file: shown(dag.file) }));
  return args.format === 'json' ? pipelinesJson(dags) : pipelinesText(dags);
}

/** Every DAG of the index (of the files `include` accepts), by file then in the order written. */
export function pipelinesReport(index: ProjectIndex, include?: (file: string) => boolean): PipelineDagReport[] {
  const dags = mergedDags(index).filter((merged) => !include || include(merged.file));
  dags.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return dags.map((merged) => dagReport(index, merged));
}

function dagReport(index: ProjectIndex, merged: MergedDag): PipelineDagReport {
  const schedule = readSchedule(merged.schedule?.value);
  return {
    dag: merged.dag.id,
    file: merged.file,
    schedule: merged.schedule ? writtenSchedule(index, merged) : null,
    scheduleText: schedule.description,
    runsPerDay: schedule.runsPerDay,
    tasks: merged.dag.tasks.map((task) => taskReport(index, merged, task, schedule.runsPerDay)),
  };
}

/** A string schedule as loaded; anything else (a timedelta, a list of assets) as its YAML text on one line. */
function writtenSchedule(index: ProjectIndex, merged: MergedDag): string {
  const { value, origin } = merged.schedule!;
  if (typeof value === 'string') return value;
  if (isTypedValue(value) && value.text !== undefined) return value.text;
  const text = index.text(origin.file)?.slice(origin.valueSpan.start, origin.valueSpan.end);
  return text === undefined ? JSON.stringify(value) : text.replace(/\s*\n\s*/g, ' ').trim();
}

function taskReport(index: ProjectIndex, merged: MergedDag, task: TaskModel, runsPerDay: number | null): PipelineTaskReport {
  const selections = taskSelections(index, task, merged.file) ?? [];
  const selected = new Set<string>();
  let complete = true;
  for (const { selection } of selections) {
    if (!selection) {
      complete = false;
      continue;
    }
    if (!selection.complete) complete = false;
    for (const id of selection.nodes) selected.add(id);
  }
  const names = [...selected].map((id) => {
    const node = index.node(id);
    if (!node) return id;
    return node.resourceType === 'source' ? `${node.sourceName}.${node.name}` : node.name;
  });
  return {
    task: task.id,
    operator: task.operator?.value ?? task.decorator?.value ?? null,
    dbt: selections.map(({ run }) => commandText(run)),
    selects: [...new Set(names)].sort(),
    selectsComplete: complete,
    runsPerDay,
  };
}

/** A `bash_command`'s dbt invocation as written; a Cosmos selection as the equivalent command. */
function commandText(run: TaskDbtRun): string {
  if (run.invocation && typeof run.source.value === 'string') {
    const { start, end } = run.invocation.span;
    return run.source.value.slice(start, end).replace(/\s*\\?\r?\n\s*/g, ' ');
  }
  const { request } = run;
  const parts = [`dbt ${request.subcommand}`];
  if (request.select.length > 0) parts.push(`--select ${request.select.map((word) => word.text).join(' ')}`);
  if (request.exclude.length > 0) parts.push(`--exclude ${request.exclude.map((word) => word.text).join(' ')}`);
  return parts.join(' ');
}

export function pipelinesJson(dags: readonly PipelineDagReport[]): string {
  return JSON.stringify({ version: 1, dags }, null, 2) + '\n';
}

/** Whole runs as written; a weekly or monthly schedule's fraction to three significant digits (0.143). */
function runsText(runsPerDay: number | null): string {
  if (runsPerDay === null) return 'runs per day unknown';
  const count = Number.isInteger(runsPerDay) ? String(runsPerDay) : String(Number(runsPerDay.toPrecision(3)));
  return `${count} run${runsPerDay === 1 ? '' : 's'} a day`;
}

export function pipelinesText(dags: readonly PipelineDagReport[]): string {
  if (dags.length === 0) return 'No dag-factory DAGs found.\n';
  const lines: string[] = [];
  for (const dag of dags) {
    lines.push(`${dag.dag}  (${dag.file})`);
    const written = dag.schedule === null ? 'no schedule' : `\`${dag.schedule}\`: ${dag.scheduleText}`;
    lines.push(`  schedule: ${dag.schedule === null ? dag.scheduleText : written}; ${runsText(dag.runsPerDay)}`);
    for (const task of dag.tasks) {
      const operator = task.operator === null ? 'no operator' : task.operator.split('.').at(-1);
      lines.push(`  - ${task.task}  ${operator}`);
      for (const command of task.dbt) lines.push(`      $ ${command}`);
      if (task.dbt.length > 0) {
        const count = `${task.selectsComplete ? '' : 'at least '}${task.selects.length} node${task.selects.length === 1 ? '' : 's'}`;
        lines.push(`      selects ${count}${task.selects.length > 0 ? `: ${task.selects.join(', ')}` : ''}`);
      }
    }
    lines.push('');
  }
  const tasks = dags.reduce((total, dag) => total + dag.tasks.length, 0);
  lines.push(`${dags.length} DAG${dags.length === 1 ? '' : 's'}, ${tasks} task${tasks === 1 ? '' : 's'}`);
  return lines.join('\n') + '\n';
}
