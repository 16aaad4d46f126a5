/**
 * Lookups shared by the navigation functions: from a name or a call to the graph node it means, and from a
 * node to the properties YAML that describes it. Everything reads the index; nothing is cached here.
 */
import type { GraphNode, ProjectIndex } from '../project/index-types';
import type { ColumnSpec, ModelSpec, PropertiesFile, SourceSpec, SourceTableSpec, YamlPath } from '../yaml';
import { locateYamlPath } from '../yaml';
import type { JinjaBlockDef } from '../jinja';
import type { NavLocation } from './types';

const REFABLE = new Set(['model', 'seed', 'snapshot']);

/** Package names a file's refs can reach, or every project's name when the file belongs to none. */
export function reachableNames(index: ProjectIndex, file: string): Set<string> {
  const project = index.projectOf(file);
  if (!project) return new Set([...index.projects.values()].map((p) => p.name));
  const names = new Set([project.name]);
  const root = project.installedBy ? index.projects.get(project.installedBy) : project;
  if (root) names.add(root.name);
  for (const other of index.projects.values()) if (other.installedBy === root?.id) names.add(other.name);
  return names;
}

/**
 * The node a `ref()` at `span` in `file` means. The graph's own resolution is preferred, because it knows
 * versions and precedence; a name lookup covers files that are not nodes, such as macros.
 */
export function refTarget(index: ProjectIndex, file: string, span: { start: number }, name: string, pkg?: string): string | undefined {
  for (const node of index.nodesOfFile(file)) {
    const dependency = node.dependencies.find((dep) => dep.kind === 'ref' && dep.file === file && dep.span?.start === span.start);
    if (dependency?.target) return dependency.target;
  }
  return findRefable(index, file, name, pkg)?.uniqueId;
}

export function findRefable(index: ProjectIndex, file: string, name: string, pkg?: string): GraphNode | undefined {
  const reachable = reachableNames(index, file);
  const own = index.projectOf(file)?.name;
  let found: GraphNode | undefined;
  for (const node of index.nodes()) {
    if (!REFABLE.has(node.resourceType) || node.name !== name || !node.enabled) continue;
    if (pkg ? node.packageName !== pkg : !reachable.has(node.packageName)) continue;
    // The file's own project wins over packages, as it does in dbt.
    if (!found || node.packageName === own) found = node;
  }
  return found;
}

export function sourceTarget(index: ProjectIndex, file: string, source: string, table: string): GraphNode | undefined {
  const reachable = reachableNames(index, file);
  for (const node of index.nodes()) {
    if (node.resourceType === 'source' && node.sourceName === source && node.tableName === table && reachable.has(node.packageName)) return node;
  }
  return undefined;
}

function propertiesOf(index: ProjectIndex, file: string): PropertiesFile | undefined {
  const summary = index.file(file);
  return summary?.kind === 'properties' ? summary.properties : undefined;
}

/**
 * The entries of a properties file by their YAML path, built once per parsed file. Finding each node's entry by
 * searching the file's lists was quadratic in the entries of one file: a sources file of 30,000 tables took
 * 110 s to check.
 */
interface EntriesByPath {
  models: Map<string, ModelSpec>;
  tables: Map<string, { source: SourceSpec; table: SourceTableSpec }>;
}

const entriesByPath = new WeakMap<PropertiesFile, EntriesByPath>();

function pathKey(path: YamlPath): string {
  return path.join('\u0000');
}

function entriesOf(properties: PropertiesFile): EntriesByPath {
  let entries = entriesByPath.get(properties);
  if (entries) return entries;
  entries = { models: new Map(), tables: new Map() };
  for (const list of [properties.models, properties.seeds, properties.snapshots, properties.analyses] as { path: YamlPath }[][]) {
    for (const item of list) if (!entries.models.has(pathKey(item.path))) entries.models.set(pathKey(item.path), item as ModelSpec);
  }
  for (const source of properties.sources) {
    for (const table of source.tables) if (!entries.tables.has(pathKey(table.path))) entries.tables.set(pathKey(table.path), { source, table });
  }
  entriesByPath.set(properties, entries);
  return entries;
}

/** The properties entry of a model, seed or snapshot, when one describes it. */
export function modelSpecOf(index: ProjectIndex, node: GraphNode): ModelSpec | undefined {
  if (!node.properties) return undefined;
  const properties = propertiesOf(index, node.properties.file);
  if (!properties) return undefined;
  return entriesOf(properties).models.get(pathKey(node.properties.path));
}

/** The source and table entries of a source node. */
export function sourceSpecOf(index: ProjectIndex, node: GraphNode): { source: SourceSpec; table: SourceTableSpec } | undefined {
  if (!node.properties) return undefined;
  const properties = propertiesOf(index, node.properties.file);
  if (!properties) return undefined;
  return entriesOf(properties).tables.get(pathKey(node.properties.path));
}

/** Where the `name:` value of a properties entry is written, or the entry itself when it has none. */
export function yamlNameLocation(index: ProjectIndex, file: string, path: YamlPath): NavLocation | undefined {
  const text = index.text(file);
  if (text === undefined) return undefined;
  const span = locateYamlPath(text, [...path, 'name']) ?? locateYamlPath(text, path);
  return span ? { file, span } : undefined;
}

/** The macro definitions a call can mean: by bare name in reachable projects, or in the named package. */
export function macroDefinitions(index: ProjectIndex, file: string, name: string): { file: string; block: JinjaBlockDef; packageName: string }[] {
  const parts = name.split('.');
  const bare = parts[parts.length - 1];
  const pkg = parts.length > 1 ? parts[parts.length - 2] : undefined;
  const reachable = reachableNames(index, file);
  const result: { file: string; block: JinjaBlockDef; packageName: string }[] = [];
  for (const summary of index.files()) {
    if (summary.kind !== 'macro' || !('jinja' in summary)) continue;
    // A macro folder several projects share is a macro of each: the owner the call can reach is the one that counts.
    const project = index.projectsOf(summary.path).find((owner) => (pkg && pkg !== 'dbt' ? owner.name === pkg : reachable.has(owner.name)));
    if (!project) continue;
    for (const block of summary.jinja.blocks) {
      if (block.kind === 'macro' && block.name === bare) result.push({ file: summary.path, block, packageName: project.name });
    }
  }
  // The file's own project first, as dbt searches it before packages.
  const own = index.projectOf(file)?.name;
  return result.sort((a, b) => Number(b.packageName === own) - Number(a.packageName === own));
}

/** Columns of an entity as a Markdown table, or nothing when none is documented. */
export function columnsTable(columns: ColumnSpec[]): string[] {
  if (columns.length === 0) return [];
  const cell = (value: string | undefined) => (value ?? '').replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
  const rows = columns.slice(0, 30).map((column) => `| \`${cell(column.name)}\` | ${cell(column.dataType)} | ${cell(column.description)} |`);
  const more = columns.length > 30 ? [`\n…and ${columns.length - 30} more columns.`] : [];
  return ['| column | type | description |', '|---|---|---|', ...rows, ...more];
}
