/**
 * The reader for `packages.yml` and `dependencies.yml`: which packages a project installs and under which
 * folder of `packages-install-path` each one will appear.
 */
import type { SyntaxIssue } from '../text';
import { loadYaml } from './load';
import type { YamlPath } from './locate';
import { asObject, asText, describe, isPlainObject, listAt, type PlainObject, type YamlProblem } from './read';

export type PackageSource = 'hub' | 'git' | 'private' | 'local' | 'tarball' | 'unknown';

export interface PackageSpec {
  source: PackageSource;
  /** What the entry names: `dbt-labs/dbt_utils`, a git URL, a local folder, a tarball URL. */
  location: string;
  /**
   * The folder the package will have under `packages-install-path`.
   * dbt really uses the `name:` of the package's own dbt_project.yml; this is the best guess without it
   * (see `nameIsGuess`).
   */
  name: string;
  /** True unless the entry states the name (`name:` of a tarball) or the hub path gives it by convention. */
  nameIsGuess: boolean;
  version?: string[];
  revision?: string;
  subdirectory?: string;
  /** The entry as written. */
  spec: PlainObject;
  path: YamlPath;
}

/** A dbt Mesh dependency on another project (`projects:` in dependencies.yml). */
export interface ProjectDependency {
  name: string;
  path: YamlPath;
}

export interface ParsedPackages {
  packages: PackageSpec[];
  projects: ProjectDependency[];
  errors: SyntaxIssue[];
  problems: YamlProblem[];
  usedFallback: boolean;
}

/** Reads packages.yml or dependencies.yml. Never throws. */
export function parsePackages(text: string): ParsedPackages {
  const loaded = loadYaml(text);
  const problems: YamlProblem[] = [];
  const result: ParsedPackages = { packages: [], projects: [], errors: loaded.errors, problems, usedFallback: loaded.usedFallback };
  const root = loaded.value;
  if (root === null || root === undefined) return result;
  if (!isPlainObject(root)) {
    problems.push({ message: `A packages file must be a mapping with \`packages:\`, but it is ${describe(root)}.`, path: [] });
    return result;
  }
  listAt(root, 'packages', [], problems, 'packages').forEach((entry, index) => {
    const path: YamlPath = ['packages', index];
    if (!isPlainObject(entry)) {
      problems.push({ message: `A package entry must be a mapping (package, git, local, tarball or private), but this is ${describe(entry)}.`, path });
      return;
    }
    const spec = readPackage(entry, path);
    if (!spec) {
      problems.push({ message: 'This package entry has none of `package`, `git`, `private`, `local` or `tarball`, so dbt cannot install it.', path });
      return;
    }
    if (spec.source === 'tarball' && asText(entry.name) === undefined) {
      problems.push({ message: 'A tarball package needs a `name:` for its install folder.', path });
    }
    result.packages.push(spec);
  });
  listAt(root, 'projects', [], problems, 'projects').forEach((entry, index) => {
    const name = asText(asObject(entry)?.name);
    if (name) result.projects.push({ name, path: ['projects', index] });
    else problems.push({ message: 'A project dependency needs a `name`.', path: ['projects', index] });
  });
  return result;
}

function readPackage(entry: PlainObject, path: YamlPath): PackageSpec | undefined {
  const base = (source: PackageSource, location: string, name: string, nameIsGuess: boolean): PackageSpec => {
    const spec: PackageSpec = { source, location, name, nameIsGuess, spec: entry, path };
    const version = entry.version;
    if (version !== undefined && version !== null) {
      spec.version = (Array.isArray(version) ? version : [version]).map((item) => asText(item)).filter((item): item is string => item !== undefined);
    }
    const revision = asText(entry.revision);
    if (revision !== undefined) spec.revision = revision;
    const subdirectory = asText(entry.subdirectory);
    if (subdirectory !== undefined) spec.subdirectory = subdirectory;
    return spec;
  };
  const explicitName = asText(entry.name);
  const subdirectory = asText(entry.subdirectory);
  const hub = asText(entry.package);
  if (hub !== undefined) return base('hub', hub, identifierOf(lastSegment(hub)), false);
  const git = asText(entry.git);
  if (git !== undefined) return base('git', git, identifierOf(subdirectory ? lastSegment(subdirectory) : repositoryName(git)), true);
  const privateRepo = asText(entry.private);
  if (privateRepo !== undefined) {
    return base('private', privateRepo, identifierOf(subdirectory ? lastSegment(subdirectory) : repositoryName(privateRepo)), true);
  }
  const local = asText(entry.local);
  if (local !== undefined) return base('local', local, identifierOf(lastSegment(local)), true);
  const tarball = asText(entry.tarball);
  if (tarball !== undefined) {
    return base('tarball', tarball, explicitName ?? identifierOf(repositoryName(tarball).replace(/\.(tar\.gz|tgz|zip)$/i, '')), explicitName === undefined);
  }
  return undefined;
}

/** The last non-empty segment of a slash- or backslash-separated path. */
function lastSegment(location: string): string {
  const segments = location.split(/[\\/]+/).filter((segment) => segment !== '' && segment !== '.');
  return segments[segments.length - 1] ?? location;
}

/** `https://github.com/dbt-labs/dbt-utils.git` and `git@github.com:org/repo.git` give the repository name. */
function repositoryName(url: string): string {
  const withoutQuery = url.replace(/[?#].*$/, '');
  return lastSegment(withoutQuery.replace(/^[^@/]+@[^:]+:/, '')).replace(/\.git$/i, '');
}

/**
 * dbt project names are identifiers, so a repository called `dbt-utils` holds a project called `dbt_utils`;
 * hyphens and dots therefore become underscores in the guess.
 */
function identifierOf(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_');
}
