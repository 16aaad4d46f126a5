/**
 * Reads a workspace from disk for the core: lists files, finds dbt projects, and reads only the files
 * the index will analyse (plus each project's installed packages and resource folders outside the root).
 *
 * Architecture invariant: this folder is the only code that touches the file system.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXCEPTIONS_SEED } from '../core/standards/exceptions';
import picomatch from 'picomatch';
import { parseDbtProject } from '../core/yaml';
import { parseDplensConfig } from '../core/config/dplens-config';
import { BUILTIN_IGNORED_DIRECTORIES, dirname, joinPath, kindByName, kindInResourceFolder, resourcePaths, type FileKind, type ResourceKind } from '../core/project/layout';
import type { ProfilesCandidate } from '../core/project/projects';
import { stripBom } from '../core/text';
import { hasDataContractName, sniffDataContract } from '../core/datacontract/detect';
import { dagFactoryFolders, detectPipelineFile, insideDagFactoryFolder, isDefaultsFileName } from '../core/pipelines/detect';
import { mayBeEventSchema } from '../core/events/detect';

export interface WorkspaceRead {
  /** The absolute root every path is relative to. */
  root: string;
  files: Map<string, string>;
  /** Files that could not be read, with the reason. */
  problems: { path: string; message: string }[];
}

const INTERESTING_EXTENSIONS = new Set(['.sql', '.py', '.yml', '.yaml', '.csv']);

/** Relative POSIX path of an absolute path under (or beside) the root. */
export function toWorkspacePath(root: string, absolute: string): string {
  return path.relative(root, absolute).split(path.sep).join('/');
}

function listFiles(absoluteDir: string, root: string, ignore: (relative: string) => boolean, into: string[], skipBuiltins: boolean): void {
  listFilesUnder(absoluteDir, toWorkspacePath(root, absoluteDir), ignore, into, skipBuiltins);
}

/**
 * The walk itself. Relative paths are built by joining names onto the folder's relative path: computing
 * `path.relative` for each of 20,000 files took a third of the listing's time.
 */
function listFilesUnder(absoluteDir: string, relativeDir: string, ignore: (relative: string) => boolean, into: string[], skipBuiltins: boolean): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(absoluteDir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const relative = relativeDir === '' ? entry.name : `${relativeDir}/${entry.name}`;
    if (ignore(relative)) continue;
    if (entry.isDirectory()) {
      if (skipBuiltins && BUILTIN_IGNORED_DIRECTORIES.includes(entry.name)) continue;
      listFilesUnder(path.join(absoluteDir, entry.name), relative, ignore, into, skipBuiltins);
    } else if (entry.isFile() && (INTERESTING_EXTENSIONS.has(path.extname(entry.name).toLowerCase()) || mayBeEventSchema(entry.name))) {
      into.push(relative);
    }
  }
}

function readText(root: string, relative: string, problems: WorkspaceRead['problems']): string | undefined {
  try {
    return stripBom(fs.readFileSync(path.join(root, relative), 'utf8'));
  } catch (error) {
    problems.push({ path: relative, message: (error as Error).message });
    return undefined;
  }
}

/**
 * Reads every file the index needs under `root`. Seeds are listed with empty text: their rows are never analysed.
 */
export function readWorkspace(
  root: string,
  options: {
    ignore?: string[];
    /** Which files to read; the others are listed with empty text (a preview needs names, not contents). */
    readContent?: (path: string, kind: FileKind) => boolean;
    /**
     * Reads nothing outside `root`: no `../` resource folders, and no package, target or resource folder that a
     * symbolic link leads out of the workspace. The language server sets it in an untrusted workspace, so that a
     * repository's dbt_project.yml cannot make the editor read (and show) the user's other files.
     */
    stayInside?: boolean;
  } = {},
): WorkspaceRead {
  // picomatch throws on an empty pattern, which a half-written `ignore: ['']` in dplens.yml would give.
  const patterns = (options.ignore ?? []).filter((glob) => glob.length > 0);
  const matcher = patterns.length > 0 ? picomatch(patterns, { dot: true }) : undefined;
  const ignore = (relative: string) => (matcher ? matcher(relative) : false);
  const problems: WorkspaceRead['problems'] = [];
  const outside = options.stayInside ? outsideCheck(root) : () => false;
  const listed: string[] = [];
  listFiles(root, root, ignore, listed, true);
  const files = new Map<string, string>();
  // First the project files, to learn where each project keeps its resources and packages.
  const projectFiles = listed.filter((file) => file.endsWith('dbt_project.yml'));
  const folders: { folder: string; resource?: ResourceKind }[] = [];
  for (const projectFile of projectFiles) {
    const text = readText(root, projectFile, problems);
    if (text === undefined) continue;
    files.set(projectFile, text);
    const projectRoot = dirname(projectFile);
    const project = parseDbtProject(text).project;
    const paths = resourcePaths(projectRoot, project);
    for (const [resource, list] of Object.entries(paths) as [ResourceKind, string[]][]) {
      for (const folder of list) {
        folders.push({ folder, resource });
        // Resource folders outside the workspace root (`../../sources`) are listed too, unless the workspace is untrusted.
        if (folder.startsWith('../')) {
          if (outside(folder)) problems.push({ path: projectFile, message: `The resource folder ${folder} is outside the workspace folder and is not read in an untrusted workspace. Trust the workspace to read it.` });
          else listFiles(path.join(root, folder), root, ignore, listed, true);
        }
      }
    }
    folders.push({ folder: projectRoot });
    readPackages(root, joinPath(projectRoot, project.packagesInstallPath), files, problems, outside);
    if (!outside(joinPath(projectRoot, project.targetPath))) readArtifacts(root, joinPath(projectRoot, project.targetPath), files);
  }
  folders.sort((a, b) => b.folder.length - a.folder.length);
  // dag-factory loads every YAML file below a folder whose defaults.yml holds `default_args`: find those folders first.
  const defaultsTexts = new Map(listed.filter((file) => isDefaultsFileName(file)).map((file): [string, string | undefined] => [file, readText(root, file, problems)]));
  const pipelineFolders = dagFactoryFolders([...defaultsTexts].map(([file, text]): [string, string] => [file, text ?? '']));
  for (const file of listed) {
    if (files.has(file)) continue;
    // Event schemas (`*.avsc`, `*.schema.json`) are read wherever they are; the core decides by `events.jsonSchemas` which JSON files are event contracts.
    if (mayBeEventSchema(file)) {
      const text = options.readContent && !options.readContent(file, 'event-schema') ? '' : readText(root, file, problems);
      if (text !== undefined) files.set(file, text);
      continue;
    }
    const owner = folders.find((entry) => entry.folder === '' ? !file.startsWith('../') : file === entry.folder || file.startsWith(entry.folder + '/'));
    const kind = owner?.resource ? kindInResourceFolder(owner.resource, file) : kindByName(file) ?? (hasDataContractName(file) ? 'data-contract' : undefined);
    if (!kind) {
      // Any other YAML file may be a data contract (ODCS or DCS) or a dag-factory file by its shape: read it to find out, keep it only if so.
      if (!/\.ya?ml$/i.test(file)) continue;
      // A defaults.yml was read above to find the pipeline folders; it is not read twice.
      const text = defaultsTexts.has(file) ? defaultsTexts.get(file) : readText(root, file, problems);
      if (text === undefined) continue;
      if (sniffDataContract(text)) files.set(file, options.readContent && !options.readContent(file, 'data-contract') ? '' : text);
      else if (detectPipelineFile(file, text) !== undefined || insideDagFactoryFolder(file, pipelineFolders)) {
        files.set(file, options.readContent && !options.readContent(file, 'pipeline') ? '' : text);
      }
      continue;
    }
    // Seeds are data and never read, except dbt-project-evaluator's exceptions, which the standards rules honour.
    if ((kind === 'seed' && !file.endsWith(EXCEPTIONS_SEED)) || (options.readContent && !options.readContent(file, kind))) {
      files.set(file, '');
      continue;
    }
    const text = readText(root, file, problems);
    if (text !== undefined) files.set(file, text);
  }
  return { root, files, problems };
}

/** Installed packages: each `<install path>/<package>/` with a dbt_project.yml, read as a project of its own. */
function readPackages(root: string, installPath: string, files: Map<string, string>, problems: WorkspaceRead['problems'], outside: (relative: string) => boolean): void {
  if (outside(installPath)) return;
  const absolute = path.join(root, installPath);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(absolute, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const packageRoot = joinPath(installPath, entry.name);
    const projectFile = joinPath(packageRoot, 'dbt_project.yml');
    const text = readText(root, projectFile, []);
    if (text === undefined) continue;
    files.set(projectFile, text);
    const project = parseDbtProject(text).project;
    const paths = resourcePaths(packageRoot, project);
    // Packages contribute models, seeds, snapshots and macros; their tests and analyses are not needed.
    for (const resource of ['models', 'macros', 'snapshots', 'seeds'] as ResourceKind[]) {
      for (const folder of paths[resource]) {
        if (outside(folder)) continue;
        const listed: string[] = [];
        listFiles(path.join(root, folder), root, () => false, listed, true);
        for (const file of listed) {
          const kind = kindInResourceFolder(resource, file);
          if (!kind) continue;
          if (kind === 'seed') files.set(file, '');
          else {
            const content = readText(root, file, problems);
            if (content !== undefined) files.set(file, content);
          }
        }
      }
    }
  }
}

/**
 * Whether a workspace-relative folder lies outside the root: written with `../`, or reached through a symbolic
 * link that leads out. The root's real path is resolved once; a folder that does not exist is not outside.
 */
function outsideCheck(root: string): (relative: string) => boolean {
  let realRoot: string;
  try {
    realRoot = fs.realpathSync(root);
  } catch {
    return () => true;
  }
  return (relative) => {
    if (relative === '..' || relative.startsWith('../') || path.isAbsolute(relative)) return true;
    let real: string;
    try {
      real = fs.realpathSync(path.join(root, relative));
    } catch {
      return false;
    }
    return real !== realRoot && !real.startsWith(realRoot + path.sep);
  };
}

/**
 * dbt's manifest.json and catalog.json, when a build left them. A file dbt is writing at this moment is
 * read as it is; the core keeps only its complete entries.
 */
function readArtifacts(root: string, targetPath: string, files: Map<string, string>): void {
  for (const name of ['manifest.json', 'catalog.json']) {
    const file = joinPath(targetPath, name);
    const text = readText(root, file, []);
    if (text !== undefined) files.set(file, text);
  }
}

/**
 * The environment dag-factory expands in its YAML (`$CONFIG_ROOT_DIR`), as a copy: the core reads no process.env.
 * The language server passes it only in trusted workspaces, like external profiles.
 */
export function readPipelineEnvironment(env: NodeJS.ProcessEnv = process.env): Record<string, string | undefined> {
  return { ...env };
}

/**
 * profiles.yml outside the workspace, in dbt's order: `DBT_PROFILES_DIR`, then `~/.dbt/`.
 * Only for trusted workspaces: a workspace must not steer us into reading arbitrary files.
 */
export function readExternalProfiles(env: NodeJS.ProcessEnv = process.env): ProfilesCandidate[] {
  const candidates: ProfilesCandidate[] = [];
  const folders = [env.DBT_PROFILES_DIR, path.join(os.homedir(), '.dbt')].filter((folder): folder is string => !!folder);
  for (const folder of folders) {
    const file = path.join(folder, 'profiles.yml');
    try {
      candidates.push({ path: file, text: stripBom(fs.readFileSync(file, 'utf8')) });
    } catch {
      // A missing profiles.yml is the normal case on CI machines; nothing to say.
    }
  }
  return candidates;
}

/** The nearest folder at or above `start` that holds a dbt_project.yml, if any. */
export function findEnclosingProject(start: string): string | undefined {
  let current = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(current, 'dbt_project.yml'))) return current;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** Whether a folder holds a dbt project anywhere below it (ignored folders excluded). */
export function containsProject(folder: string, depth = 6): boolean {
  if (fs.existsSync(path.join(folder, 'dbt_project.yml'))) return true;
  if (depth === 0) return false;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch {
    return false;
  }
  return entries.some((entry) => entry.isDirectory() && !BUILTIN_IGNORED_DIRECTORIES.includes(entry.name) && !entry.name.startsWith('.') && containsProject(path.join(folder, entry.name), depth - 1));
}

/**
 * The `ignore:` globs of the configuration in use (the given file, else the root dplens.yml), needed before
 * the workspace is read; a broken configuration is reported later by the core, with its location.
 */
export function ignoredPaths(configFile: { text: string } | undefined, root: string): string[] {
  let text = configFile?.text;
  if (text === undefined) {
    try {
      text = fs.readFileSync(path.join(root, 'dplens.yml'), 'utf8');
    } catch {
      return [];
    }
  }
  return parseDplensConfig(text).config.ignore;
}

/** One file of a workspace as it is on disk now, or undefined when it cannot be read (deleted meanwhile). */
export function readWorkspaceFile(root: string, relative: string): string | undefined {
  try {
    return stripBom(fs.readFileSync(path.join(root, relative), 'utf8'));
  } catch {
    return undefined;
  }
}
