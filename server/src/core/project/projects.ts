/**
 * Finding dbt projects among a workspace's files, and the facts of each project:
 * its resource folders, its adapter, and its declared and installed packages.
 */
import { ADAPTERS, type Adapter, type DplensConfig } from '../config/dplens-config';
import type { Dialect } from '../sql';
import { parseDbtProject, parsePackages, readAdapterType, type DbtProjectFile } from '../yaml';
import type { SyntaxIssue } from '../text';
import type { DbtProject } from './index-types';
import { basename, dirname, insideIgnoredFolder, isUnder, joinPath, resourcePaths } from './layout';

export interface ProjectLoadResult {
  projects: DbtProject[];
  /** Syntax problems in dbt_project.yml files, keyed by path. */
  errors: Map<string, SyntaxIssue[]>;
}

export interface ProjectOptions {
  config?: DplensConfig;
  /** The configuration that applies to a project root, when projects have their own dplens.yml. */
  configFor?: (projectRoot: string) => DplensConfig | undefined;
  targetName?: string;
  externalProfiles?: ProfilesCandidate[];
}

export interface ProfilesCandidate {
  path: string;
  text: string;
}

const ADAPTER_DIALECT: Record<Adapter, Dialect> = {
  bigquery: 'bigquery',
  snowflake: 'snowflake',
  databricks: 'databricks',
  spark: 'spark',
  redshift: 'redshift',
  postgres: 'postgres',
  trino: 'trino',
  duckdb: 'duckdb',
};

/**
 * Every dbt project in the file set: root projects anywhere (nested and monorepo layouts included)
 * and the packages installed under each root project's packages folder.
 */
export function loadProjects(
  files: ReadonlyMap<string, string>,
  options: ProjectOptions,
): ProjectLoadResult {
  const errors = new Map<string, SyntaxIssue[]>();
  const parsed = new Map<string, DbtProjectFile>();
  for (const [path, text] of files) {
    if (basename(path) !== 'dbt_project.yml') continue;
    const result = parseDbtProject(text);
    parsed.set(path, result.project);
    if (result.errors.length > 0) errors.set(path, result.errors);
  }
  const roots: DbtProject[] = [];
  for (const [path, project] of parsed) {
    if (insideIgnoredFolder(path)) continue;
    roots.push(describeProject(path, project, files, options, undefined));
  }
  const packages: DbtProject[] = [];
  for (const root of roots) {
    const installRoot = joinPath(root.root, root.parsed.packagesInstallPath);
    for (const [path, project] of parsed) {
      if (dirname(dirname(path)) !== installRoot) continue;
      const packageProject = describeProject(path, project, files, options, root);
      packages.push(packageProject);
      root.installedPackages.push(packageProject.name);
    }
  }
  return { projects: [...roots, ...packages], errors };
}

function describeProject(
  projectFile: string,
  parsed: DbtProjectFile,
  files: ReadonlyMap<string, string>,
  options: ProjectOptions,
  installedBy: DbtProject | undefined,
): DbtProject {
  const root = dirname(projectFile);
  const name = parsed.name ?? (basename(root) || 'project');
  const adapter = installedBy
    ? { adapter: installedBy.adapter, source: installedBy.adapterSource, note: undefined }
    : chooseAdapter(root, parsed, files, options);
  const declared: string[] = [];
  let packagesFile: string | undefined;
  for (const fileName of ['packages.yml', 'dependencies.yml']) {
    const path = joinPath(root, fileName);
    const text = files.get(path);
    if (text === undefined) continue;
    const result = parsePackages(text);
    if (result.packages.length > 0) packagesFile ??= path;
    for (const item of result.packages) if (item.name && !declared.includes(item.name)) declared.push(item.name);
  }
  return {
    id: root,
    root,
    projectFile,
    name,
    parsed,
    isPackage: installedBy !== undefined,
    installedBy: installedBy?.id,
    resourcePaths: resourcePaths(root, parsed),
    adapter: adapter.adapter,
    adapterSource: adapter.source,
    adapterNote: adapter.note,
    dialect: ADAPTER_DIALECT[adapter.adapter],
    declaredPackages: declared,
    packagesFile,
    installedPackages: [],
  };
}

/**
 * The adapter, found as dbt finds it: `dplens.yml` first, then the profile's target type from
 * profiles.yml in the project folder, then the user's profiles (given by the IO layer only in trusted
 * workspaces), then a default reasoned from the project's own configuration keys.
 */
function chooseAdapter(
  root: string,
  parsed: DbtProjectFile,
  files: ReadonlyMap<string, string>,
  options: ProjectOptions,
): { adapter: Adapter; source: DbtProject['adapterSource']; note?: string } {
  const config = options.configFor?.(root) ?? options.config;
  if (config?.adapter) return { adapter: config.adapter, source: 'dplens.yml' };
  const candidates: ProfilesCandidate[] = [];
  const local = files.get(joinPath(root, 'profiles.yml'));
  if (local !== undefined) candidates.push({ path: joinPath(root, 'profiles.yml'), text: local });
  candidates.push(...(options.externalProfiles ?? []));
  let note: string | undefined;
  if (parsed.profile) {
    for (const candidate of candidates) {
      const found = readAdapterType(candidate.text, parsed.profile, options.targetName);
      if (found.type && (ADAPTERS as readonly string[]).includes(found.type)) return { adapter: found.type as Adapter, source: 'profiles.yml' };
      if (found.type) {
        note = `profile \`${parsed.profile}\` in ${candidate.path} uses adapter type \`${found.type}\`, which Data Platform Lens does not know`;
        break;
      }
    }
    note ??= candidates.length === 0 ? `no profiles.yml was found for profile \`${parsed.profile}\`` : `profile \`${parsed.profile}\` has no readable target type in ${candidates.map((c) => c.path).join(', ')}`;
  } else {
    note = 'dbt_project.yml names no profile';
  }
  const inferred = inferAdapter(files.get(joinPath(root, 'dbt_project.yml')) ?? '');
  return { adapter: inferred.adapter, source: 'default', note: `${note}; ${inferred.reason}` };
}

/** A reasoned guess from adapter-specific configuration keys, when nothing names the adapter. */
export function inferAdapter(projectText: string): { adapter: Adapter; reason: string } {
  const clues: [RegExp, Adapter][] = [
    [/\+?(partition_by|cluster_by|require_partition_filter|partition_expiration_days|labels)\s*:/, 'bigquery'],
    [/\+?(transient|snowflake_warehouse|copy_grants|secure)\s*:/, 'snowflake'],
    [/\+?(file_format|liquid_clustered_by|zorder|location_root)\s*:/, 'databricks'],
    [/\+?(dist|sort|sort_type|bind)\s*:/, 'redshift'],
  ];
  for (const [pattern, adapter] of clues) {
    if (pattern.test(projectText)) return { adapter, reason: `assuming ${adapter} from the configuration keys in dbt_project.yml` };
  }
  return { adapter: 'postgres', reason: 'assuming postgres, the most standard SQL dialect; set `adapter:` in dplens.yml to choose' };
}

/** A project that owns a path, and through which of its resource folders (none: only through its root). */
export interface FileOwner {
  project: DbtProject;
  resource?: keyof DbtProject['resourcePaths'];
}

/**
 * Every project owning a path, the first owner first. dbt parses each project's paths on their own (dbt-core's
 * `read_files` runs per project), so a folder that several projects list, as spellbook's five subprojects list
 * `model-paths: ['../../sources']`, belongs to each of them. The first owner is the one `ownerLookup` finds; the
 * others are the projects that reach the path through a resource folder of the same kind, unless a project nested
 * inside that folder owns the path instead.
 */
export function ownersLookup(projects: DbtProject[]): (path: string) => FileOwner[] {
  const first = ownerLookup(projects);
  const folders: { folder: string; project: DbtProject; resource: keyof DbtProject['resourcePaths'] }[] = [];
  for (const project of projects) {
    for (const [resource, paths] of Object.entries(project.resourcePaths) as [keyof DbtProject['resourcePaths'], string[]][]) {
      for (const folder of paths) folders.push({ folder, project, resource });
    }
  }
  const roots = projects.map((project) => project.root);
  return (path) => {
    const owner = first(path);
    if (!owner) return [];
    const owners: FileOwner[] = [owner];
    if (!owner.resource || projects.length === 1) return owners;
    for (const entry of folders) {
      if (entry.resource !== owner.resource || owners.some((known) => known.project === entry.project) || !isUnder(path, entry.folder)) continue;
      // A project nested inside the shared folder owns its own files.
      if (roots.some((root) => root !== entry.project.root && isUnder(root, entry.folder) && root !== entry.folder && isUnder(path, root))) continue;
      owners.push(entry);
    }
    return owners;
  };
}

/** The project owning a path, by the longest matching resource folder or, failing that, project root. */
export function ownerLookup(projects: DbtProject[]): (path: string) => { project: DbtProject; resource?: keyof DbtProject['resourcePaths'] } | undefined {
  const folders: { folder: string; project: DbtProject; resource?: keyof DbtProject['resourcePaths'] }[] = [];
  for (const project of projects) {
    for (const [resource, paths] of Object.entries(project.resourcePaths) as [keyof DbtProject['resourcePaths'], string[]][]) {
      for (const folder of paths) folders.push({ folder, project, resource });
    }
    folders.push({ folder: project.root, project });
  }
  // Longer folders first, so nested projects and nested resource folders win over their parents.
  folders.sort((a, b) => b.folder.length - a.folder.length || (a.resource ? -1 : 1));
  return (path) => {
    for (const entry of folders) {
      if (!isUnder(path, entry.folder)) continue;
      // A root project's folder also contains its installed packages; those belong to the package.
      return entry;
    }
    return undefined;
  };
}
