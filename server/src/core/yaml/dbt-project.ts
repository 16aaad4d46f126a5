/**
 * The reader for `dbt_project.yml`: project identity, resource paths with dbt's defaults, vars, and the raw
 * config trees that `folderConfig` resolves per resource.
 */
import type { SyntaxIssue } from '../text';
import { loadYaml } from './load';
import type { YamlPath } from './locate';
import { asObject, asStringList, asText, describe, isPlainObject, type PlainObject, type YamlProblem } from './read';

/** The resource kinds whose configs a project can set in a tree, under the key of the same name. */
export const CONFIG_TREE_KEYS = [
  'models', 'seeds', 'snapshots', 'sources', 'data_tests', 'tests', 'analyses', 'exposures', 'metrics',
  'semantic-models', 'saved-queries', 'unit_tests', 'functions',
] as const;
export type ConfigTreeKey = (typeof CONFIG_TREE_KEYS)[number];

/** A config tree as written (both `+key` and bare keys kept), with where it starts for locating its nodes. */
export interface ConfigTree {
  tree: PlainObject;
  /** The path of the tree in the file; a node at tree path `p` is at `[...path, ...p]`. */
  path: YamlPath;
}

export interface DbtProjectFile {
  name?: string;
  version?: string;
  profile?: string;
  configVersion?: number;
  modelPaths: string[];
  seedPaths: string[];
  snapshotPaths: string[];
  macroPaths: string[];
  analysisPaths: string[];
  testPaths: string[];
  /** `docs-paths` has no fixed default: dbt then searches every resource path. */
  docsPaths?: string[];
  packagesInstallPath: string;
  targetPath: string;
  cleanTargets?: string[];
  /** `vars` as written; keys that are package names scope their values to that package. */
  vars: PlainObject;
  /** `require-dbt-version` as a list of version specifiers (dbt accepts a string or a list). */
  requireDbtVersion?: string[];
  /** Optional `flags:` (dbt ≥ 1.8), raw. */
  flags?: PlainObject;
  /** Hooks run at the start and end of invocations. */
  onRunStart: string[];
  onRunEnd: string[];
  configTrees: Partial<Record<ConfigTreeKey, ConfigTree>>;
  /** The raw trees for the common resource kinds, the same objects as in `configTrees`, for direct use with `folderConfig`. */
  models?: PlainObject;
  seeds?: PlainObject;
  snapshots?: PlainObject;
  sources?: PlainObject;
  analyses?: PlainObject;
  /** The data test tree: `data_tests:` (dbt ≥ 1.8), or the older `tests:` spelling when that is the one written. */
  tests?: PlainObject;
  data_tests?: PlainObject;
  raw: PlainObject;
}

export interface ParsedDbtProject {
  project: DbtProjectFile;
  errors: SyntaxIssue[];
  problems: YamlProblem[];
  usedFallback: boolean;
}

/** dbt's project name rule: the name becomes a Python-like identifier in `ref` and macro namespaces. */
const PROJECT_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Reads dbt_project.yml. Never throws; missing keys get dbt's defaults. */
export function parseDbtProject(text: string): ParsedDbtProject {
  const loaded = loadYaml(text);
  const { project, problems } = readDbtProjectValue(loaded.value);
  return { project, errors: loaded.errors, problems, usedFallback: loaded.usedFallback };
}

export function readDbtProjectValue(value: unknown): { project: DbtProjectFile; problems: YamlProblem[] } {
  const problems: YamlProblem[] = [];
  const root = asObject(value) ?? {};
  if (value !== null && value !== undefined && !isPlainObject(value)) {
    problems.push({ message: `dbt_project.yml must be a mapping, but it is ${describe(value)}.`, path: [] });
  }
  const paths = (key: string, fallback: string[]): string[] => {
    const list = root[key];
    if (list === undefined || list === null) return fallback;
    const strings = asStringList(list);
    if (!strings) {
      problems.push({ message: `\`${key}\` must be a list of folders, but it is ${describe(list)}.`, path: [key] });
      return fallback;
    }
    return strings;
  };
  const project: DbtProjectFile = {
    modelPaths: paths('model-paths', ['models']),
    seedPaths: paths('seed-paths', ['seeds']),
    snapshotPaths: paths('snapshot-paths', ['snapshots']),
    macroPaths: paths('macro-paths', ['macros']),
    analysisPaths: paths('analysis-paths', ['analyses']),
    testPaths: paths('test-paths', ['tests']),
    packagesInstallPath: asText(root['packages-install-path']) ?? 'dbt_packages',
    targetPath: asText(root['target-path']) ?? 'target',
    vars: asObject(root.vars) ?? {},
    onRunStart: asStringList(root['on-run-start']) ?? [],
    onRunEnd: asStringList(root['on-run-end']) ?? [],
    configTrees: {},
    raw: root,
  };
  if (root['docs-paths'] !== undefined) project.docsPaths = paths('docs-paths', []);
  if (root['clean-targets'] !== undefined) project.cleanTargets = paths('clean-targets', []);

  const name = asText(root.name);
  if (name !== undefined) {
    project.name = name;
    if (!PROJECT_NAME.test(name)) {
      problems.push({
        message: `The project name \`${name}\` is not valid: dbt requires letters, digits and underscores, not starting with a digit.`,
        path: ['name'],
      });
    }
  } else if (isPlainObject(value)) {
    problems.push({ message: 'dbt_project.yml has no `name`; dbt requires one.', path: [] });
  }
  const version = asText(root.version);
  if (version !== undefined) project.version = version;
  const profile = asText(root.profile);
  if (profile !== undefined) project.profile = profile;
  if (typeof root['config-version'] === 'number') project.configVersion = root['config-version'];
  const required = root['require-dbt-version'];
  if (required !== undefined && required !== null) project.requireDbtVersion = asStringList(required) ?? [];
  const flags = asObject(root.flags);
  if (flags) project.flags = flags;
  if (root.vars !== undefined && root.vars !== null && !isPlainObject(root.vars)) {
    problems.push({ message: `\`vars\` must be a mapping, but it is ${describe(root.vars)}.`, path: ['vars'] });
  }

  for (const key of CONFIG_TREE_KEYS) {
    const tree = root[key];
    if (tree === undefined || tree === null) continue;
    if (!isPlainObject(tree)) {
      problems.push({ message: `\`${key}\` must be a mapping of project and folder names to configs, but it is ${describe(tree)}.`, path: [key] });
      continue;
    }
    project.configTrees[key] = { tree, path: [key] };
  }
  const trees = project.configTrees;
  if (trees.models) project.models = trees.models.tree;
  if (trees.seeds) project.seeds = trees.seeds.tree;
  if (trees.snapshots) project.snapshots = trees.snapshots.tree;
  if (trees.sources) project.sources = trees.sources.tree;
  if (trees.analyses) project.analyses = trees.analyses.tree;
  const testTree = trees.data_tests ?? trees.tests;
  if (testTree) project.tests = project.data_tests = testTree.tree;
  if (trees.data_tests && trees.tests) {
    problems.push({
      message: 'Both `tests` and `data_tests` are set; dbt rejects that. Move the `tests` configs under `data_tests` (the name since dbt 1.8).',
      path: ['tests'],
    });
  }
  return { project, problems };
}

/**
 * The value of a var as dbt resolves it for `packageName`: a var scoped under the package's name wins over a
 * global one. `vars` is `DbtProjectFile.vars`; `projectNames` lists every known package and project name, so a
 * global var is not confused with a scope.
 */
export function resolveProjectVar(vars: PlainObject, name: string, packageName: string, projectNames: ReadonlySet<string>): unknown {
  const scoped = asObject(vars[packageName]);
  if (scoped && name in scoped) return scoped[name];
  if (name in vars && !projectNames.has(name)) return vars[name];
  return undefined;
}
