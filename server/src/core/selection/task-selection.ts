/**
 * The dbt selections of a dag-factory task: the dbt invocations of a `bash_command`, or the `select`/`exclude`
 * arguments of an astronomer-cosmos operator or task group (`render_config`). The dbt Cloud operator runs a job
 * defined in dbt Cloud, whose selection is not in the file, so it selects nothing this analysis can tell.
 */
import type { ProjectIndex } from '../project/index-types';
import { isPipelineMapping, type LocatedValue, type PipelineValue, type TaskModel } from '../pipelines/dag-model';
import { parseDbtCommands, type DbtInvocation, type DbtSubcommand } from './dbt-command';
import { projectForCommand, resolveSelectionRequest, type InvocationSelection, type SelectionRequest } from './invocation';
import type { SelectionWord } from './syntax';

/** One dbt run a task makes, with where its selection is written. */
export interface TaskDbtRun {
  request: SelectionRequest;
  /** The YAML value the selection words' offsets are relative to (`bash_command`, `select`...). */
  source: LocatedValue;
  /** For a `bash_command`: the parsed invocation. */
  invocation?: DbtInvocation;
  projectDir?: string;
}

/** The dbt runs of a task; empty for a task that runs no dbt (or runs it in a way that cannot be read). */
export function taskDbtRuns(task: TaskModel): TaskDbtRun[] {
  const operator = task.operator?.value ?? '';
  if (/DbtCloud/i.test(operator)) return [];
  const bash = task.keys.bash_command;
  if (bash && typeof bash.value === 'string') {
    return parseDbtCommands(bash.value).map((invocation) => ({ request: invocation, source: bash, invocation, projectDir: invocation.projectDir }));
  }
  if (/cosmos/i.test(operator)) return cosmosRuns(task, operator);
  return [];
}

/** Cosmos operators and groups: `DbtRunLocalOperator(select=[...])`, `DbtTaskGroup(render_config=RenderConfig(select=[...]))`. */
function cosmosRuns(task: TaskModel, operator: string): TaskDbtRun[] {
  const subcommand = cosmosSubcommand(operator);
  let select: LocatedValue | undefined = task.keys.select;
  let exclude: LocatedValue | undefined = task.keys.exclude;
  const render = task.keys.render_config;
  if (!select && !exclude && render) {
    const fields = renderFields(render.value);
    select = fields.select === undefined ? undefined : { value: fields.select, origin: render.origin };
    exclude = fields.exclude === undefined ? undefined : { value: fields.exclude, origin: render.origin };
  }
  const source = select ?? exclude ?? render ?? task.operator!;
  return [{ request: { subcommand, select: cosmosWords(select), exclude: cosmosWords(exclude) }, source }];
}

function renderFields(value: PipelineValue): { select?: PipelineValue; exclude?: PipelineValue } {
  const fields = isPipelineMapping(value) ? value : typeof value === 'object' && value !== null && '$kind' in value && value.$kind === 'typed' ? value.fields : undefined;
  return fields ? { select: fields.select, exclude: fields.exclude } : {};
}

/** Cosmos takes a list of selection strings; its items' offsets are not kept, so each points at the whole value. */
function cosmosWords(located: LocatedValue | undefined): SelectionWord[] {
  if (!located) return [];
  const values = Array.isArray(located.value) ? located.value : [located.value];
  return values.filter((value): value is string => typeof value === 'string').map((text) => ({ text, offset: 0 }));
}

function cosmosSubcommand(operator: string): DbtSubcommand {
  const name = operator.split('.').at(-1) ?? '';
  if (/^DbtRun/.test(name)) return 'run';
  if (/^DbtTest/.test(name)) return 'test';
  if (/^DbtSeed/.test(name)) return 'seed';
  if (/^DbtSnapshot/.test(name)) return 'snapshot';
  return 'build';
}

/** The resolved selection of each dbt run of a task, or undefined when the task runs no dbt. */
export function taskSelections(index: ProjectIndex, task: TaskModel, file?: string): { run: TaskDbtRun; selection: InvocationSelection | undefined }[] | undefined {
  const runs = taskDbtRuns(task);
  if (runs.length === 0) return undefined;
  const taskFile = file ?? task.operator?.origin.file ?? Object.values(task.keys)[0]?.origin.file;
  return runs.map((run) => {
    const project = projectForCommand(index, run.projectDir, taskFile);
    return { run, selection: project ? resolveSelectionRequest(index, project, run.request) : undefined };
  });
}

/**
 * The unique ids a task runs, or undefined when it runs no dbt or its selection cannot be resolved
 * (no project to run in, an unknown selector, a criterion that needs dbt's state).
 */
export function selectedNodes(index: ProjectIndex, task: TaskModel, file?: string): Set<string> | undefined {
  const selections = taskSelections(index, task, file);
  if (!selections) return undefined;
  const nodes = new Set<string>();
  for (const { selection } of selections) {
    if (!selection || !selection.complete) return undefined;
    for (const id of selection.nodes) nodes.add(id);
  }
  return nodes;
}
