/**
 * The merged view of dag-factory DAGs: each DAG with the defaults it inherits, computed from the index and cached per
 * index revision (a dozen rules ask for it in every pass, like core/standards/resources.ts).
 *
 * dag-factory's order (dagfactory/dagfactory.py `build_dags`, dagbuilder.py `get_dag_params`, utils.py `merge_configs`),
 * lowest priority first:
 * 1. the `defaults.yml` (else `defaults.yaml`) of each folder from the pipelines root down to the file's folder, the
 *    nearer winning key by key: their `default_args` merge into one mapping, their other keys into DAG-level defaults
 *    (`tags` are united and sorted);
 * 2. the file's `default:` block: its `default_args` override those of the defaults files key by key;
 * 3. the DAG's own keys. The DAG-level keys of the defaults files are laid under the DAG shallowly (a DAG key replaces
 *    them whole); the file's `default:` block is then merged in only where the DAG (with those keys) sets nothing, and
 *    mappings set on both sides are merged recursively. So a DAG-level key of a defaults.yml wins over the same key in
 *    the file's `default:` block, as in dag-factory.
 *
 * dag-factory stops at its `defaults_config_path` (Airflow's dags folder), which the workspace does not say: every
 * folder up to the workspace root counts here.
 */
import type { ProjectIndex } from '../project/index-types';
import { dirname, joinPath } from '../project/layout';
import type { PipelineSummary } from '../project/summary';
import { DEFAULTS_FILE_NAMES } from './detect';
import { isPipelineMapping, type DagModel, type LocatedKeys, type LocatedValue, type MergedDag, type PipelineFileModel, type PipelineValue } from './dag-model';

/** Keys of a DAG that are no settings: they hold the DAG's tasks and groups. */
const STRUCTURE_KEYS = ['default_args', 'tasks', 'task_groups'];

interface MergedView {
  revision: number;
  byFile: Map<string, MergedDag[]>;
}

const viewsByIndex = new WeakMap<ProjectIndex, MergedView>();

/** Every DAG of the workspace with its inherited defaults, in file order. */
export function mergedDags(index: ProjectIndex): MergedDag[] {
  return [...viewOf(index).byFile.values()].flat();
}

/** The DAGs of one file with their inherited defaults; empty for a file that is no dag-factory DAG file. */
export function mergedDagsOf(index: ProjectIndex, file: string): MergedDag[] {
  return viewOf(index).byFile.get(file) ?? [];
}

function viewOf(index: ProjectIndex): MergedView {
  let view = viewsByIndex.get(index);
  if (view && view.revision === index.revision) return view;
  const pipelines = new Map<string, PipelineFileModel>();
  for (const summary of index.files()) if (summary.kind === 'pipeline') pipelines.set(summary.path, (summary as PipelineSummary).pipeline);
  const byFile = new Map<string, MergedDag[]>();
  for (const model of pipelines.values()) {
    if (model.role !== 'dags' || model.dags.length === 0) continue;
    const defaults = defaultsFilesFor(model.path, (path) => (pipelines.get(path)?.role === 'defaults' ? pipelines.get(path) : undefined));
    byFile.set(model.path, mergeDags(model, defaults));
  }
  view = { revision: index.revision, byFile };
  viewsByIndex.set(index, view);
  return view;
}

/** The defaults files that apply to a file, farthest first: one per folder, `defaults.yml` before `defaults.yaml`. */
export function defaultsFilesFor(path: string, lookup: (path: string) => PipelineFileModel | undefined): PipelineFileModel[] {
  const found: PipelineFileModel[] = [];
  let folder = dirname(path);
  for (;;) {
    for (const name of DEFAULTS_FILE_NAMES) {
      const model = lookup(joinPath(folder, name));
      if (model) {
        found.unshift(model);
        break;
      }
    }
    if (folder === '' || folder.startsWith('..')) break;
    folder = dirname(folder);
  }
  return found;
}

/** The DAGs of a file merged with its `default:` block and the defaults files (farthest first). */
export function mergeDags(model: PipelineFileModel, defaultsFiles: PipelineFileModel[]): MergedDag[] {
  // Step 1: the defaults files, the nearest last so it wins.
  const globalDefaultArgs: LocatedKeys = {};
  const globalDagLevel: LocatedKeys = {};
  for (const defaults of defaultsFiles) {
    Object.assign(globalDefaultArgs, defaults.defaultArgs);
    for (const [key, entry] of Object.entries(defaults.defaults)) {
      if (key === 'default_args') continue;
      globalDagLevel[key] = key === 'tags' && globalDagLevel.tags ? unitedTags(globalDagLevel.tags, entry) : entry;
    }
  }
  // Step 2: the file's `default:` block.
  const fileDefaultArgs: LocatedKeys = { ...globalDefaultArgs, ...model.defaultArgs };
  const fileDefaults: LocatedKeys = {};
  for (const [key, entry] of Object.entries(model.defaults)) if (key !== 'default_args') fileDefaults[key] = entry;
  const defaultsFilesPaths = defaultsFiles.map((file) => file.path);
  return model.dags.map((dag) => mergeDag(model.path, dag, globalDagLevel, fileDefaults, fileDefaultArgs, defaultsFilesPaths));
}

function mergeDag(file: string, dag: DagModel, globalDagLevel: LocatedKeys, fileDefaults: LocatedKeys, fileDefaultArgs: LocatedKeys, defaultsFiles: string[]): MergedDag {
  // Step 3: `{**dag_level_args, **dag_config}`, then `merge_configs(dag_config, default_config)`.
  const dagConfig: LocatedKeys = { ...globalDagLevel, ...dag.keys };
  const keys: LocatedKeys = {};
  for (const [key, entry] of Object.entries(dagConfig)) if (!STRUCTURE_KEYS.includes(key)) keys[key] = entry;
  for (const [key, entry] of Object.entries(fileDefaults)) {
    if (STRUCTURE_KEYS.includes(key)) continue;
    const own = keys[key];
    if (!own) keys[key] = entry;
    else if (isPipelineMapping(own.value) && isPipelineMapping(entry.value)) keys[key] = { value: mergeMappings(own.value, entry.value), origin: own.origin };
  }
  const defaultArgs: LocatedKeys = { ...fileDefaultArgs };
  const ownArgs = dag.keys.default_args;
  if (ownArgs && !isPipelineMapping(ownArgs.value)) {
    // A DAG whose `default_args` is no mapping keeps it as written: the schema reports it.
  } else {
    for (const [key, entry] of Object.entries(dag.defaultArgs)) {
      const inherited = defaultArgs[key];
      defaultArgs[key] = inherited && isPipelineMapping(entry.value) && isPipelineMapping(inherited.value) ? { value: mergeMappings(entry.value, inherited.value), origin: entry.origin } : entry;
    }
  }
  const merged: MergedDag = { file, dag, keys, defaultArgs, defaultsFiles };
  const schedule = keys.schedule ?? keys.schedule_interval;
  if (schedule) merged.schedule = schedule;
  return merged;
}

/** `merge_configs` on plain mappings: the first wins, mappings on both sides merge recursively. */
function mergeMappings(own: Record<string, PipelineValue>, defaults: Record<string, PipelineValue>): Record<string, PipelineValue> {
  const result: Record<string, PipelineValue> = { ...own };
  for (const [key, value] of Object.entries(defaults)) {
    const mine = result[key];
    if (!(key in result)) result[key] = value;
    else if (isPipelineMapping(mine) && isPipelineMapping(value)) result[key] = mergeMappings(mine, value);
  }
  return result;
}

/** dag-factory unites the tags of the defaults files and sorts them; the nearer file's key is where they are located. */
function unitedTags(farther: LocatedValue, nearer: LocatedValue): LocatedValue {
  const tags = new Set<string>();
  for (const entry of [farther, nearer]) if (Array.isArray(entry.value)) for (const tag of entry.value) tags.add(String(tag));
  return { value: [...tags].sort(), origin: nearer.origin };
}
