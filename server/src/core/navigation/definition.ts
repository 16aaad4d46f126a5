/**
 * Go to definition and find references over the index: a `ref()` leads to the model's file and its properties
 * entry, a `source()` to its YAML entry, a macro call to the macro's definition; references of a model or
 * source are every call that resolves to it, across the workspace. A column named in YAML leads to the select-list
 * item that produces it (yaml-columns.ts).
 */
import type { GraphNode, ProjectIndex } from '../project/index-types';
import { locateYamlPath } from '../yaml';
import { macroDefinitions, yamlNameLocation } from './entities';
import { targetAt } from './cursor';
import type { CursorTarget, NavLocation } from './types';
import { columnDefinition, columnReferences, yamlColumnAt } from './yaml-columns';

const FILE_START = { start: 0, end: 0 };

export function definitionsAt(index: ProjectIndex, file: string, offset: number): NavLocation[] {
  const target = targetAt(index, file, offset);
  if (!target) {
    const column = yamlColumnAt(index, file, offset);
    return column ? columnDefinition(index, column.node, column.column) : [];
  }
  switch (target.kind) {
    case 'ref':
    case 'yaml-resource': {
      const node = target.nodeId ? index.node(target.nodeId) : undefined;
      if (!node) return [];
      const locations: NavLocation[] = [];
      if (node.file) locations.push({ file: node.file, span: FILE_START });
      // From YAML the SQL file is the one place to go; from SQL the properties entry is a second destination.
      if (target.kind === 'ref' && node.properties) {
        const entry = yamlNameLocation(index, node.properties.file, node.properties.path);
        if (entry) locations.push(entry);
      }
      return locations;
    }
    case 'source': {
      const node = target.nodeId ? index.node(target.nodeId) : undefined;
      if (!node?.properties) return [];
      // The path of a table is `[..., 'sources', i, 'tables', j]`; its source entry is two segments up.
      const path = target.part === 'source' ? node.properties.path.slice(0, -2) : node.properties.path;
      const location = yamlNameLocation(index, node.properties.file, path);
      return location ? [location] : [];
    }
    case 'macro':
      return macroDefinitions(index, file, target.name).map((definition) => ({ file: definition.file, span: definition.block.nameSpan }));
    default:
      return [];
  }
}

/** The graph node a cursor target stands for, when it stands for one. */
function nodeOf(index: ProjectIndex, target: CursorTarget): GraphNode | undefined {
  if (target.kind === 'ref' || target.kind === 'yaml-resource' || target.kind === 'yaml-source-table') return target.nodeId ? index.node(target.nodeId) : undefined;
  if (target.kind === 'source' && target.part === 'table') return target.nodeId ? index.node(target.nodeId) : undefined;
  return undefined;
}

/**
 * Every place that refers to what is under the cursor. With `includeDeclaration`, the model's own file (or the
 * source table's YAML entry, or the macro's definition) comes first.
 */
export function referencesAt(index: ProjectIndex, file: string, offset: number, includeDeclaration: boolean): NavLocation[] {
  const target = targetAt(index, file, offset);
  if (!target) {
    const column = yamlColumnAt(index, file, offset);
    return column ? columnReferences(index, column, includeDeclaration) : [];
  }
  if (target.kind === 'macro') return macroReferences(index, file, target.name, includeDeclaration);
  const node = nodeOf(index, target);
  return node ? referencesOfNode(index, node, includeDeclaration) : [];
}

export function referencesOfNode(index: ProjectIndex, node: GraphNode, includeDeclaration: boolean): NavLocation[] {
  const locations: NavLocation[] = [];
  if (includeDeclaration) {
    if (node.file) locations.push({ file: node.file, span: FILE_START });
    else if (node.properties) {
      const entry = yamlNameLocation(index, node.properties.file, node.properties.path);
      if (entry) locations.push(entry);
    }
  }
  const seen = new Set<string>();
  for (const other of index.nodes()) {
    for (const dependency of other.dependencies) {
      if (dependency.target !== node.uniqueId || dependency.viaMacro) continue;
      let span = dependency.nameSpan ?? dependency.span;
      if (!span && dependency.yamlPath) {
        const text = index.text(dependency.file);
        span = text === undefined ? undefined : locateYamlPath(text, dependency.yamlPath);
      }
      if (!span) continue;
      // A file defining several nodes (snapshots) lists the same call once per node.
      const key = `${dependency.file}:${span.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      locations.push({ file: dependency.file, span });
    }
  }
  return locations;
}

function macroReferences(index: ProjectIndex, file: string, name: string, includeDeclaration: boolean): NavLocation[] {
  const definitions = macroDefinitions(index, file, name);
  const definition = definitions[0];
  if (!definition) return [];
  const bare = definition.block.name;
  const locations: NavLocation[] = includeDeclaration ? [{ file: definition.file, span: definition.block.nameSpan }] : [];
  // What an unqualified call resolves to depends only on the calling project, so it is looked up once per project.
  const resolvedByProject = new Map<string, string | undefined>();
  const resolves = (path: string): boolean => {
    const key = index.projectOf(path)?.id ?? '';
    if (!resolvedByProject.has(key)) resolvedByProject.set(key, macroDefinitions(index, path, bare)[0]?.file);
    return resolvedByProject.get(key) === definition.file;
  };
  for (const summary of index.files()) {
    if (!('jinja' in summary)) continue;
    for (const call of summary.jinja.macroCalls) {
      const parts = call.name.split('.');
      if (parts[parts.length - 1] !== bare) continue;
      // A qualified call names its package; an unqualified one must resolve to the same definition.
      if (parts.length > 1 ? parts[parts.length - 2] !== definition.packageName : !resolves(summary.path)) continue;
      locations.push({ file: summary.path, span: call.nameSpan });
    }
  }
  return locations;
}
