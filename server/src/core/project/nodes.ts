/**
 * Graph nodes derived from file summaries: models, seeds, snapshots, analyses, sources and exposures,
 * each with its configuration merged in dbt's order of precedence:
 * dbt_project.yml folder config < properties YAML `config:` < `{{ config() }}` in the SQL file.
 */
import { isPyExpression, type PyValue } from '../pyvalue';
import { folderConfig, mergeDbtConfig, type PropertiesFile, type YamlPath } from '../yaml';
import type { ConfigCall, RefCall, SourceCall } from '../jinja';
import type { DbtProject, Dependency, GraphNode, ResourceType } from './index-types';
import { dirname, isUnder, stem, type ResourceKind } from './layout';
import type { FileSummary, PythonSummary, SqlSummary } from './summary';

/** A properties entry for a resource, with where it is written. */
export interface PropertiesEntry {
  name: string;
  file: string;
  path: YamlPath;
  config: Record<string, unknown>;
  versions?: { v: string | number; definedIn?: string }[];
  latestVersion?: string | number;
}

/** Properties entries of a project, keyed by resource type and name. */
export type PropertiesLookup = Map<string, PropertiesEntry>;

export function propertiesKey(resourceType: ResourceType, name: string): string {
  return `${resourceType}:${name}`;
}

/** Converts config() arguments to plain values; non-literal arguments stay marked as expressions. */
export function configFromCalls(calls: ConfigCall[]): Record<string, unknown> {
  let merged: Record<string, unknown> = {};
  for (const call of calls) merged = mergeDbtConfig(merged, call.args as Record<string, unknown>);
  return merged;
}

/** The folder segments of a file below the resource path that contains it, as dbt's fqn uses them. */
export function folderSegments(project: DbtProject, resource: ResourceKind, path: string): string[] {
  for (const root of project.resourcePaths[resource]) {
    if (isUnder(path, root)) {
      const relative = root === '' ? path : path.slice(root.length + 1);
      const folder = dirname(relative);
      return folder === '' ? [] : folder.split('/');
    }
  }
  return [];
}

const RESOURCE_FOR_KIND: Record<string, { type: ResourceType; resource: ResourceKind; tree: 'models' | 'seeds' | 'snapshots' | 'analyses' | 'tests' }> = {
  model: { type: 'model', resource: 'models', tree: 'models' },
  'python-model': { type: 'model', resource: 'models', tree: 'models' },
  snapshot: { type: 'snapshot', resource: 'snapshots', tree: 'snapshots' },
  analysis: { type: 'analysis', resource: 'analyses', tree: 'analyses' },
  test: { type: 'test', resource: 'tests', tree: 'tests' },
  seed: { type: 'seed', resource: 'seeds', tree: 'seeds' },
};

function isEnabled(config: Record<string, unknown>): boolean {
  const enabled = config.enabled;
  return !(enabled === false || enabled === 'false' || enabled === 'False');
}

function plain(value: PyValue | undefined): unknown {
  return isPyExpression(value) ? undefined : value;
}

function refDependency(ref: RefCall, file: string, viaMacro?: string): Dependency {
  return { kind: 'ref', name: ref.name, package: ref.package, version: ref.version, file, span: ref.span, nameSpan: ref.nameSpan, dynamic: ref.dynamic, viaMacro };
}

function sourceDependency(source: SourceCall, file: string, viaMacro?: string): Dependency {
  return { kind: 'source', name: `${source.source}.${source.table}`, sourceName: source.source, tableName: source.table, file, span: source.span, nameSpan: source.tableSpan, dynamic: source.dynamic, viaMacro };
}

/**
 * The nodes a SQL, Python or seed file defines. Snapshot files define one node per `{% snapshot %}` block;
 * a model file whose name matches a declared version becomes that version of the model.
 */
export function nodesForFile(project: DbtProject, summary: FileSummary, properties: PropertiesLookup): GraphNode[] {
  const kind = RESOURCE_FOR_KIND[summary.kind];
  if (!kind) return [];
  const segments = folderSegments(project, kind.resource, summary.path);
  const names: { name: string; version?: string | number }[] = [];
  if (summary.kind === 'snapshot') {
    for (const block of (summary as SqlSummary).jinja.blocks) if (block.kind === 'snapshot') names.push({ name: block.name });
    // A snapshot file without a block is dbt's newer YAML-configured snapshot; its name is the file stem.
    if (names.length === 0) names.push({ name: stem(summary.path) });
  } else {
    names.push(versionedName(stem(summary.path), summary.path, properties));
  }
  return names.map(({ name, version }) => {
    const entry = properties.get(propertiesKey(kind.type, name));
    const tree = (project.parsed as unknown as Record<string, unknown>)[kind.tree];
    let config = cachedFolderConfig(tree, project.name, segments, name);
    if (entry) config = mergeDbtConfig(config, entry.config);
    if (summary.kind !== 'seed') config = mergeDbtConfig(config, configFromCalls(inFileConfigs(summary)));
    if (config.materialized === undefined && kind.type === 'model') config = { ...config, materialized: 'view' };
    const uniqueId = `${kind.type}.${project.name}.${name}${version !== undefined ? `.v${version}` : ''}`;
    return {
      uniqueId,
      resourceType: kind.type,
      name,
      packageName: project.name,
      projectId: project.id,
      version,
      latestVersion: entry?.latestVersion,
      file: summary.path,
      properties: entry ? { file: entry.file, path: entry.path } : undefined,
      fqn: [project.name, ...segments, name],
      config,
      enabled: isEnabled(config),
      dependencies: fileDependencies(summary),
      relation: { identifier: typeof config.alias === 'string' ? config.alias : name, schema: typeof config.schema === 'string' ? config.schema : undefined, database: typeof config.database === 'string' ? config.database : undefined },
      isPackage: project.isPackage,
    } satisfies GraphNode;
  });
}

/**
 * Folder configuration is the same for every file of a folder, so it is computed once per folder;
 * only a resource configured by its own name in dbt_project.yml needs its own computation.
 */
const folderConfigCache = new WeakMap<object, Map<string, Record<string, unknown>>>();

function cachedFolderConfig(tree: unknown, projectName: string, segments: string[], name: string): Record<string, unknown> {
  if (typeof tree !== 'object' || tree === null) return {};
  let level: unknown = (tree as Record<string, unknown>)[projectName];
  for (const segment of segments) level = isObject(level) ? level[segment] : undefined;
  if (isObject(level) && isObject(level[name])) return folderConfig(tree, projectName, segments, name);
  let byFolder = folderConfigCache.get(tree);
  if (!byFolder) folderConfigCache.set(tree, (byFolder = new Map()));
  const key = segments.join('/');
  let config = byFolder.get(key);
  if (!config) byFolder.set(key, (config = folderConfig(tree, projectName, segments)));
  return config;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Versions declared with `defined_in`, by file stem, built once per properties lookup. */
const definedInCache = new WeakMap<PropertiesLookup, Map<string, { name: string; v: string | number }>>();

/** `dim_customers_v2.sql` is version 2 of `dim_customers` when the properties declare that version. */
function versionedName(fileStem: string, path: string, properties: PropertiesLookup): { name: string; version?: string | number } {
  const match = /^(.*)_v(\d+)$/.exec(fileStem);
  if (match) {
    const entry = properties.get(propertiesKey('model', match[1]));
    const version = entry?.versions?.find((candidate) => String(candidate.v) === match[2] && !candidate.definedIn);
    if (version) return { name: match[1], version: version.v };
  }
  let definedIn = definedInCache.get(properties);
  if (!definedIn) {
    definedIn = new Map();
    for (const entry of properties.values()) for (const version of entry.versions ?? []) if (version.definedIn) definedIn.set(version.definedIn, { name: entry.name, v: version.v });
    definedInCache.set(properties, definedIn);
  }
  const declared = definedIn.get(fileStem);
  return declared ? { name: declared.name, version: declared.v } : { name: fileStem };
}

function inFileConfigs(summary: FileSummary): ConfigCall[] {
  if (summary.kind === 'python-model') return (summary as PythonSummary).configs;
  if ('jinja' in summary) return summary.jinja.configs;
  return [];
}

function fileDependencies(summary: FileSummary): Dependency[] {
  if (summary.kind === 'python-model') {
    const python = summary as PythonSummary;
    return [...python.refs.map((ref) => refDependency(ref, summary.path)), ...python.sources.map((source) => sourceDependency(source, summary.path))];
  }
  if (!('jinja' in summary)) return [];
  const jinja = summary.jinja;
  // Refs written inside macro definitions in a model file are not the model's own dependencies.
  const insideMacro = (start: number) => jinja.blocks.some((block) => block.kind !== 'snapshot' && block.span.start <= start && start < block.span.end);
  return [
    ...jinja.refs.filter((ref) => !insideMacro(ref.span.start)).map((ref) => refDependency(ref, summary.path)),
    ...jinja.sources.filter((source) => !insideMacro(source.span.start)).map((source) => sourceDependency(source, summary.path)),
  ];
}

/** Source nodes and exposure nodes declared in a properties file. */
export function nodesForProperties(project: DbtProject, path: string, properties: PropertiesFile): GraphNode[] {
  const nodes: GraphNode[] = [];
  for (const source of properties.sources) {
    for (const table of source.tables) {
      const config = mergeDbtConfig(source.config ?? {}, table.config ?? {});
      nodes.push({
        uniqueId: `source.${project.name}.${source.name}.${table.name}`,
        resourceType: 'source',
        name: table.name,
        packageName: project.name,
        projectId: project.id,
        properties: { file: path, path: table.path },
        fqn: [project.name, source.name, table.name],
        config,
        enabled: isEnabled(config),
        dependencies: [],
        sourceName: source.name,
        tableName: table.name,
        relation: { database: source.database, schema: source.schema ?? source.name, identifier: table.identifier ?? table.name },
        isPackage: project.isPackage,
      });
    }
  }
  for (const exposure of properties.exposures) {
    nodes.push({
      uniqueId: `exposure.${project.name}.${exposure.name}`,
      resourceType: 'exposure',
      name: exposure.name,
      packageName: project.name,
      projectId: project.id,
      properties: { file: path, path: exposure.path },
      fqn: [project.name, exposure.name],
      config: {},
      enabled: true,
      dependencies: exposure.dependsOn.flatMap((dependency): Dependency[] => {
        if (dependency.kind === 'ref') {
          return [{ kind: 'ref', name: dependency.name, package: dependency.package, version: dependency.version, file: path, yamlPath: dependency.path, dynamic: false }];
        }
        if (dependency.kind === 'source') {
          const name = `${dependency.source}.${dependency.table}`;
          return [{ kind: 'source', name, sourceName: dependency.source, tableName: dependency.table, file: path, yamlPath: dependency.path, dynamic: false }];
        }
        return [];
      }),
      isPackage: project.isPackage,
    });
  }
  return nodes;
}

/** Collects the properties entries of one file into the project's lookup. */
export function addPropertiesEntries(lookup: PropertiesLookup, path: string, properties: PropertiesFile): void {
  const add = (type: ResourceType, entries: { name: string; path: YamlPath; config?: Record<string, unknown> }[]) => {
    for (const entry of entries) lookup.set(propertiesKey(type, entry.name), { name: entry.name, file: path, path: entry.path, config: entry.config ?? {} });
  };
  add('seed', properties.seeds);
  add('snapshot', properties.snapshots);
  add('analysis', properties.analyses);
  for (const model of properties.models) {
    lookup.set(propertiesKey('model', model.name), {
      name: model.name,
      file: path,
      path: model.path,
      config: model.config ?? {},
      versions: model.versions?.map((version) => ({ v: version.v, definedIn: version.definedIn })),
      latestVersion: model.latestVersion,
    });
  }
}

export { plain as plainPyValue };
