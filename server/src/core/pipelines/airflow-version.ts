/**
 * Which major version of Airflow runs a workspace's dag-factory pipelines, and how we know.
 *
 * Some verdicts depend on it: Airflow 3 removed `schedule_interval`, which Airflow 2 only deprecates. `dplens.yml`
 * can say it (`airflow: 2|3`); otherwise the import paths tell: Airflow 3 moved the core operators to
 * `airflow.providers.standard.*` and the task SDK to `airflow.sdk.*`, while Airflow 2 writes `airflow.operators.*`.
 * The file's own imports decide first, then those of every pipeline file of the workspace; a workspace whose files
 * disagree is probably mid-upgrade, so its verdict is marked as a guess (`mixed-imports`), and one with no evidence at
 * all is taken as Airflow 3, the current version. Pure.
 */
import type { AirflowMajorVersion } from '../config/dplens-config';
import type { DbtProject, ProjectIndex } from '../project/index-types';
import type { FileSummary, PipelineSummary } from '../project/summary';

export interface AirflowVersionVerdict {
  version: AirflowMajorVersion;
  /**
   * Where the verdict came from: dplens.yml; the file's own imports; the imports of the workspace's pipeline files
   * (`mixed-imports` when some name Airflow 2 paths and others Airflow 3 ones, so the verdict is a guess); or the default.
   */
  source: 'dplens.yml' | 'file-imports' | 'workspace-imports' | 'mixed-imports' | 'default';
  /** The verdict and its basis in words: "Airflow 3 (inferred from `airflow.sdk.task` in dags/etl.yml; ...)". */
  reason: string;
}

/** The evidence for one version: the first import path that showed it, and its file. */
interface ImportEvidence {
  path: string;
  file: string;
}

interface Evidence {
  airflow2?: ImportEvidence;
  airflow3?: ImportEvidence;
}

const workspaceEvidenceByIndex = new WeakMap<ProjectIndex, { revision: number; evidence: Evidence }>();

const SAY_OTHERWISE = 'set `airflow:` in dplens.yml to say otherwise';

/**
 * The Airflow version that applies to a pipeline file: `airflow:` in dplens.yml; else the file's own import paths
 * (a file written with `airflow.operators.*` alone was written for Airflow 2, whatever its neighbours use); else the
 * workspace's pipeline files; else 3.
 */
export function airflowVersionOf(index: ProjectIndex, file: string): AirflowVersionVerdict {
  const configured = configuredVersion(index, file);
  if (configured !== undefined) return { version: configured, source: 'dplens.yml', reason: `Airflow ${configured} (set by \`airflow: ${configured}\` in dplens.yml)` };
  const summary = index.file(file);
  const own = summary && isPipelineSummary(summary) ? evidenceOf([summary]) : {};
  if (own.airflow3 || own.airflow2) return verdictFrom(own, 'file-imports');
  return verdictFrom(workspaceEvidence(index), 'workspace-imports');
}

function workspaceEvidence(index: ProjectIndex): Evidence {
  const cached = workspaceEvidenceByIndex.get(index);
  if (cached && cached.revision === index.revision) return cached.evidence;
  const evidence = evidenceOf(pipelineSummaries(index));
  workspaceEvidenceByIndex.set(index, { revision: index.revision, evidence });
  return evidence;
}

/** Infers the version from the operator and decorator import paths of the given pipeline files (the workspace's). */
export function inferAirflowVersion(files: readonly Pick<PipelineSummary, 'path' | 'pipeline'>[]): AirflowVersionVerdict {
  return verdictFrom(evidenceOf(files), 'workspace-imports');
}

function verdictFrom(evidence: Evidence, source: 'file-imports' | 'workspace-imports'): AirflowVersionVerdict {
  const { airflow2, airflow3 } = evidence;
  if (airflow3 && airflow2) {
    return {
      version: 3,
      source: 'mixed-imports',
      reason: `probably Airflow 3 (the pipeline files import both Airflow 3 paths, \`${airflow3.path}\` in ${airflow3.file}, and Airflow 2 ones, \`${airflow2.path}\` in ${airflow2.file}; ${SAY_OTHERWISE})`,
    };
  }
  if (airflow3) return { version: 3, source, reason: `Airflow 3 (inferred from \`${airflow3.path}\` in ${airflow3.file}; ${SAY_OTHERWISE})` };
  if (airflow2) return { version: 2, source, reason: `Airflow 2 (inferred from \`${airflow2.path}\` in ${airflow2.file}; ${SAY_OTHERWISE})` };
  return { version: 3, source: 'default', reason: `Airflow 3 (the default: no import path in the pipeline files names a version; ${SAY_OTHERWISE})` };
}

function evidenceOf(files: readonly Pick<PipelineSummary, 'path' | 'pipeline'>[]): Evidence {
  const evidence: Evidence = {};
  for (const file of files) {
    for (const path of importPaths(file)) {
      if (!evidence.airflow3 && (path.startsWith('airflow.providers.standard.') || path.startsWith('airflow.sdk.') || path === 'airflow.sdk')) evidence.airflow3 = { path, file: file.path };
      else if (!evidence.airflow2 && path.startsWith('airflow.operators.')) evidence.airflow2 = { path, file: file.path };
    }
    if (evidence.airflow3 && evidence.airflow2) break;
  }
  return evidence;
}

/**
 * dplens.yml's `airflow:` for the file: the dbt project's own settings when the pipeline file sits inside one, else the
 * workspace's (reached through any project, since every project's settings fall back to the workspace's).
 */
function configuredVersion(index: ProjectIndex, file: string): AirflowMajorVersion | undefined {
  const project = index.projectOf(file) ?? index.projects.values().next().value;
  if (project) return index.configOf(project)?.airflow;
  // A workspace of pipelines without any dbt project: the index offers its settings only through a project, and a
  // project rooted at the workspace root resolves to the workspace's dplens.yml. (An index accessor for the
  // workspace's settings would say this directly.)
  return index.configOf(WORKSPACE_ROOT_PROJECT)?.airflow;
}

const WORKSPACE_ROOT_PROJECT = { root: '' } as DbtProject;

function pipelineSummaries(index: ProjectIndex): PipelineSummary[] {
  const result: PipelineSummary[] = [];
  for (const summary of index.files()) if (isPipelineSummary(summary)) result.push(summary);
  return result.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function isPipelineSummary(summary: FileSummary): summary is PipelineSummary {
  return summary.kind === 'pipeline';
}

/** The dotted paths a pipeline file imports: every task's `operator` and `decorator`, and those in its defaults. */
function* importPaths(file: Pick<PipelineSummary, 'pipeline'>): Iterable<string> {
  for (const value of [file.pipeline.defaults.operator?.value, file.pipeline.defaultArgs.operator?.value]) {
    if (typeof value === 'string') yield value.trim();
  }
  for (const dag of file.pipeline.dags) {
    for (const task of dag.tasks) {
      if (task.operator) yield task.operator.value.trim();
      if (task.decorator) yield task.decorator.value.trim();
    }
  }
}
