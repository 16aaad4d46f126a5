/**
 * What one dbt invocation runs: its `--select`, `--exclude` and `--selector` resolved against the project graph,
 * narrowed to the resource types the subcommand runs (https://docs.getdbt.com/reference/node-selection/syntax:
 * `dbt run` runs models, `dbt seed` seeds, `dbt build` models, seeds, snapshots and tests, and so on).
 */
import type { DbtProject, ProjectIndex, ResourceType } from '../project/index-types';
import type { DbtSubcommand } from './dbt-command';
import { resolveSelector, resolveUnion, selectionGraph, type CriterionMatch, type SelectionGraph } from './resolve';
import { parseSelection, type SelectionParseError, type SelectionWord } from './syntax';

/** The selection of one invocation, however it was written (CLI flags, Cosmos arguments). */
export interface SelectionRequest {
  subcommand: DbtSubcommand;
  select: readonly SelectionWord[];
  exclude: readonly SelectionWord[];
  selector?: SelectionWord;
  resourceTypes?: readonly string[];
  excludeResourceTypes?: readonly string[];
}

export interface InvocationSelection {
  /** The unique ids the invocation runs. */
  nodes: Set<string>;
  /** False when a criterion could not be resolved offline or the selector is unknown. */
  complete: boolean;
  /** Each criterion of `--select` and `--exclude`, with what its method matched. */
  criteria: CriterionMatch[];
  /** The `--selector` name when selectors.yml has no such selector. */
  unknownSelector?: SelectionWord;
  errors: SelectionParseError[];
}

/** The resource types each subcommand runs, before `--resource-type` narrows them further. */
const RUNS: Record<DbtSubcommand, readonly ResourceType[]> = {
  run: ['model'],
  build: ['model', 'seed', 'snapshot', 'test'],
  test: ['test'],
  seed: ['seed'],
  snapshot: ['snapshot'],
  compile: ['model', 'seed', 'snapshot', 'test', 'analysis'],
  'source freshness': ['source'],
  ls: ['model', 'seed', 'snapshot', 'test', 'analysis', 'source', 'exposure'],
  list: ['model', 'seed', 'snapshot', 'test', 'analysis', 'source', 'exposure'],
};

export function resolveSelectionRequest(index: ProjectIndex, project: DbtProject, request: SelectionRequest): InvocationSelection {
  return resolveInGraph(selectionGraph(index, project), request);
}

export function resolveInGraph(graph: SelectionGraph, request: SelectionRequest): InvocationSelection {
  const select = parseSelection(request.select);
  const exclude = parseSelection(request.exclude);
  const result: InvocationSelection = { nodes: new Set(), complete: true, criteria: [], errors: [...select.errors, ...exclude.errors] };
  let selected: Set<string>;
  if (request.selector) {
    const resolved = resolveSelector(graph, request.selector.text);
    if (!resolved) {
      result.unknownSelector = request.selector;
      result.complete = false;
    }
    selected = resolved?.nodes ?? new Set();
    if (resolved && !resolved.complete) result.complete = false;
  } else if (select.union.parts.length > 0) {
    const resolved = resolveUnion(graph, select.union);
    selected = resolved.nodes;
    result.criteria.push(...resolved.criteria);
    if (!resolved.complete) result.complete = false;
  } else {
    // Without a selection dbt uses the selector marked `default: true`, else every node.
    const fallback = [...graph.selectors.values()].find((selector) => selector.isDefault);
    const resolved = fallback && resolveSelector(graph, fallback.name);
    selected = resolved ? resolved.nodes : new Set(graph.nodes.keys());
    if (resolved && !resolved.complete) result.complete = false;
  }
  if (exclude.union.parts.length > 0) {
    const excluded = resolveUnion(graph, exclude.union);
    result.criteria.push(...excluded.criteria);
    for (const id of excluded.nodes) selected.delete(id);
  }
  const runs = new Set<string>(RUNS[request.subcommand]);
  if (request.resourceTypes && request.resourceTypes.length > 0) for (const type of [...runs]) if (!request.resourceTypes.includes(type)) runs.delete(type);
  for (const type of request.excludeResourceTypes ?? []) runs.delete(type);
  for (const id of selected) if (runs.has(graph.nodes.get(id)?.resourceType ?? '')) result.nodes.add(id);
  return result;
}

/**
 * The project a command runs in: the one whose folder the command's `cd` or `--project-dir` names, else the
 * one holding the pipeline file, else the workspace's only project. Undefined when none can be told.
 */
export function projectForCommand(index: ProjectIndex, projectDir: string | undefined, file: string | undefined): DbtProject | undefined {
  const roots = [...index.projects.values()].filter((project) => !project.isPackage);
  if (projectDir !== undefined) {
    const wanted = projectDir.replace(/\\/g, '/').replace(/\/+$/, '').replace(/^\.\//, '');
    const segments = wanted.split('/').filter((segment) => segment && segment !== '.');
    // An absolute path from the Airflow worker (/usr/local/airflow/dbt/shop) matches a project by its trailing folders.
    const byDir = roots
      .filter((project) => project.root !== '' && segments.join('/').endsWith(project.root))
      .sort((a, b) => b.root.length - a.root.length)[0];
    if (byDir) return byDir;
    const byName = roots.find((project) => segments.at(-1) === project.root.split('/').at(-1) || segments.at(-1) === project.name);
    if (byName) return byName;
  }
  if (file) {
    const holding = roots.filter((project) => project.root === '' || file.startsWith(`${project.root}/`)).sort((a, b) => b.root.length - a.root.length)[0];
    if (holding && (roots.length === 1 || holding.root !== '')) return holding;
  }
  return roots.length === 1 ? roots[0] : undefined;
}
