/**
 * Where files sit in a dbt project, and what kind of file each one is.
 *
 * Paths are POSIX and relative to the workspace root; a project's resource paths may leave
 * its folder (`model-paths: ['../../sources']`), so they are normalised, not just joined.
 */
import type { DbtProjectFile } from '../yaml';

export type ResourceKind = 'models' | 'seeds' | 'snapshots' | 'macros' | 'analyses' | 'tests';

export type FileKind =
  | 'model'
  | 'python-model'
  | 'snapshot'
  | 'analysis'
  | 'test'
  | 'macro'
  | 'seed'
  | 'properties'
  | 'dbt-project'
  | 'packages'
  | 'profiles'
  | 'dplens-config'
  | 'selectors'
  | 'manifest'
  | 'catalog'
  /** An ODCS v3 or Data Contract Specification file, recognised by name or shape (core/datacontract/detect.ts). */
  | 'data-contract'
  /** A dag-factory file (DAGs or a folder's defaults.yml), recognised by shape or name (core/pipelines/detect.ts). */
  | 'pipeline'
  /** An event schema: Avro `*.avsc`, or JSON Schema `*.schema.json` under `events.jsonSchemas` (core/events/detect.ts). */
  | 'event-schema';

/** dbt-project-evaluator's exceptions seed: the one seed the IO layer reads, because the standards rules honour it. */
export const EVALUATOR_EXCEPTIONS_SEED = 'dbt_project_evaluator_exceptions.csv';

/** Directory names never entered while looking for projects. */
export const BUILTIN_IGNORED_DIRECTORIES = ['node_modules', '.git', 'target', 'dbt_packages', 'dbt_modules', 'logs', '.venv', 'venv', '__pycache__', '.dplens-cache'];

/** Whether a file sits below one of the built-in ignored folders (its own name is not checked). */
export function insideIgnoredFolder(path: string): boolean {
  return path.split('/').slice(0, -1).some((segment) => BUILTIN_IGNORED_DIRECTORIES.includes(segment));
}

/** Joins and normalises POSIX paths, keeping leading `..` segments that leave the workspace. */
export function joinPath(...parts: string[]): string {
  const segments: string[] = [];
  for (const part of parts) {
    for (const segment of part.replace(/\\/g, '/').split('/')) {
      if (segment === '' || segment === '.') continue;
      if (segment === '..' && segments.length > 0 && segments[segments.length - 1] !== '..') segments.pop();
      else segments.push(segment);
    }
  }
  return segments.join('/');
}

export function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function stem(path: string): string {
  const name = basename(path);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? name : name.slice(0, dot);
}

export function isUnder(path: string, folder: string): boolean {
  return folder === '' ? !path.startsWith('../') : path === folder || path.startsWith(folder + '/');
}

/** The resource folders of a project, resolved against its root. */
export function resourcePaths(root: string, project: DbtProjectFile): Record<ResourceKind, string[]> {
  const resolve = (paths: string[]) => paths.map((path) => joinPath(root, path));
  return {
    models: resolve(project.modelPaths),
    seeds: resolve(project.seedPaths),
    snapshots: resolve(project.snapshotPaths),
    macros: resolve(project.macroPaths),
    analyses: resolve(project.analysisPaths),
    tests: resolve(project.testPaths),
  };
}

/** What a file in a resource folder is, by its folder and extension; undefined when dbt ignores it. */
export function kindInResourceFolder(resource: ResourceKind, path: string): FileKind | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.yml') || lower.endsWith('.yaml')) return 'properties';
  if (lower.endsWith('.sql')) {
    switch (resource) {
      case 'models':
        return 'model';
      case 'snapshots':
        return 'snapshot';
      case 'analyses':
        return 'analysis';
      case 'macros':
        return 'macro';
      case 'tests':
        // Generic tests live as `{% test %}` blocks under tests/generic; they define macros, not tests.
        return /(^|\/)generic\//.test(path) ? 'macro' : 'test';
      case 'seeds':
        return undefined;
    }
  }
  if (lower.endsWith('.py') && resource === 'models') return 'python-model';
  if (lower.endsWith('.csv') && resource === 'seeds') return 'seed';
  return undefined;
}

/** Files recognised by name wherever they are in a project root. */
export function kindByName(path: string): FileKind | undefined {
  switch (basename(path)) {
    case 'dbt_project.yml':
      return 'dbt-project';
    case 'packages.yml':
    case 'dependencies.yml':
      return 'packages';
    case 'profiles.yml':
      return 'profiles';
    case 'dplens.yml':
      return 'dplens-config';
    case 'selectors.yml':
      return 'selectors';
    default:
      return undefined;
  }
}
