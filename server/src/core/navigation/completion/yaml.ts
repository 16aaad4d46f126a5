/**
 * Completion of keys and values in YAML files described by a schema (../../yaml/schema.ts): dbt properties
 * files, dbt_project.yml and selectors.yml. The cursor's path comes from `yamlCursorAt`; the schema says what
 * may be written there; the values only the workspace knows (models not yet described, columns, tags, folders)
 * come from the providers below, named by the schema's `completionValues` and `completionKeys`.
 *
 * Another YAML format plugs in with one entry in `YAML_SCHEMAS` (which files, which schema) and, if its schema
 * names workspace values of its own, entries in `VALUE_PROVIDERS` or `KEY_PROVIDERS`.
 */
import type { GraphNode } from '../../project/index-types';
import { yamlCursorAt, type YamlCursor } from '../../yaml/cursor-path';
import type { YamlPath } from '../../yaml/locate';
import { schemaSuggestions, type SchemaSuggestion, type YamlSchema } from '../../yaml/schema';
import { findRefable, sourceTarget } from '../entities';
import { dbtProjectFileSchema, dbtPropertiesSchema, dbtSelectorsSchema } from '../dbt-yaml-schemas';
import { columnsOfNode } from './columns';
import { projectTags } from './config-call';
import { byLabel, docsMarkdown, item, layerOf, withDeferredDetails, type CompletionRequest } from './context';
import { refableItems } from './refs';
import { genericTestNames, methodValueItems, namedEntries, selectionSpecItems } from './selection';
import { snippetText } from './snippets';
import type { NavCompletion } from './types';

export interface YamlSchemaEntry {
  /** What the files are, for readers of this table. */
  name: string;
  appliesTo(request: CompletionRequest): boolean;
  schema(request: CompletionRequest): YamlSchema;
}

export const YAML_SCHEMAS: readonly YamlSchemaEntry[] = [
  { name: 'dbt properties', appliesTo: (request) => request.index.fileKind(request.file) === 'properties', schema: (request) => dbtPropertiesSchema(request.project?.adapter) },
  { name: 'dbt_project.yml', appliesTo: (request) => request.index.fileKind(request.file) === 'dbt-project', schema: (request) => dbtProjectFileSchema(request.project?.adapter) },
  { name: 'selectors.yml', appliesTo: (request) => /(^|\/)selectors\.ya?ml$/.test(request.file), schema: () => dbtSelectorsSchema() },
];

/** What a provider sees: the request, the cursor, and the span an item replaces. */
interface ProviderContext {
  request: CompletionRequest;
  cursor: YamlCursor;
  replace: { start: number; end: number };
}

type Provider = (context: ProviderContext) => NavCompletion[];

export function yamlCompletions(request: CompletionRequest): NavCompletion[] | undefined {
  const entry = YAML_SCHEMAS.find((candidate) => candidate.appliesTo(request));
  if (!entry) return undefined;
  const cursor = yamlCursorAt(request.text, request.offset);
  if (!cursor) return undefined;
  const { suggestions, requests } = schemaSuggestions(entry.schema(request), cursor);
  const context: ProviderContext = { request, cursor, replace: cursor.replace };
  // A key being renamed keeps its colon and value: only the name is replaced.
  const keyHasColon = cursor.kind === 'key' && /^\s*:/.test(request.text.slice(cursor.replace.end));
  const width = String(suggestions.length).length;
  const items = suggestions.map((suggestion, position) => fromSuggestion(suggestion, cursor, keyHasColon, String(position).padStart(width, '0')));
  for (const name of new Set(requests.values)) items.push(...(VALUE_PROVIDERS[name]?.(context) ?? []).map((found) => asValue(found, cursor)));
  for (const name of new Set(requests.keys)) {
    const [provider, argument] = name.split(':');
    items.push(...(KEY_PROVIDERS[provider]?.(context, argument) ?? []));
  }
  return items;
}

function fromSuggestion(suggestion: SchemaSuggestion, cursor: YamlCursor, keyHasColon: boolean, position: string): NavCompletion {
  const documentation = docsMarkdown(suggestion.description, suggestion.docsUrl);
  if (suggestion.kind === 'key') {
    return item(suggestion.label, 'property', cursor.replace, {
      documentation,
      detail: suggestion.deprecated ? 'deprecated' : undefined,
      snippet: keyHasColon ? undefined : suggestion.snippet,
      retrigger: keyHasColon ? undefined : suggestion.retrigger,
      // The schema's order puts `name` and `description` first; deprecated keys go last.
      sortText: `${suggestion.deprecated ? 9 : 0}${position}`,
    });
  }
  return asValue(item(suggestion.label, 'value', cursor.replace, { documentation }), cursor);
}

/** A value as the cursor needs it written: after a bare colon with a space first; quoted values as they are. */
function asValue(found: NavCompletion, cursor: YamlCursor): NavCompletion {
  if (!cursor.spaceBefore) return found;
  return { ...found, snippet: ` ${found.snippet ?? snippetText(found.label)}`, filterText: found.filterText ?? found.label };
}

/** The dbt entity (model, seed, snapshot or source table) whose properties hold `path`, as a graph node. */
function entityAt(request: CompletionRequest, path: YamlPath): GraphNode | undefined {
  const summary = request.index.file(request.file);
  if (summary?.kind !== 'properties') return undefined;
  const properties = summary.properties;
  const [section, index, tables, tableIndex] = path;
  if (section === 'sources' && typeof index === 'number' && tables === 'tables' && typeof tableIndex === 'number') {
    const source = properties.sources.find((candidate) => candidate.path[1] === index);
    const table = source?.tables.find((candidate) => candidate.path[3] === tableIndex);
    return source && table ? sourceTarget(request.index, request.file, source.name, table.name) : undefined;
  }
  const lists: Record<string, { name: string; path: YamlPath }[]> = { models: properties.models, seeds: properties.seeds, snapshots: properties.snapshots };
  const entry = typeof section === 'string' && typeof index === 'number' ? lists[section]?.find((candidate) => candidate.path[1] === index) : undefined;
  return entry ? findRefable(request.index, request.file, entry.name) : undefined;
}

/** Models (or seeds, snapshots) of the project that no properties file describes yet: what `- name:` is for. */
function undescribed(resourceType: 'model' | 'seed' | 'snapshot'): Provider {
  return ({ request, replace }) => {
    const folder = request.file.slice(0, request.file.lastIndexOf('/') + 1);
    const items: NavCompletion[] = [];
    for (const node of request.index.nodes()) {
      if (node.resourceType !== resourceType || node.isPackage || !node.file || node.properties) continue;
      if (request.project && node.projectId !== request.project.id) continue;
      // Models beside the properties file first: that is where their YAML usually goes.
      const near = node.file.startsWith(folder) ? 0 : 1;
      const completion = item(node.name, resourceType, replace, { sortText: `${near}${node.name}` });
      items.push(withDeferredDetails(completion, () => ({ detail: `${layerOf(node)} · not described yet`, documentation: `Defined in \`${node.file}\`.` })));
    }
    return items.sort(byLabel);
  };
}

const VALUE_PROVIDERS: Record<string, Provider> = {
  'undocumented-model': undescribed('model'),
  'undocumented-seed': undescribed('seed'),
  'undocumented-snapshot': undescribed('snapshot'),
  'model-name': ({ request, replace }) => refableItems(request.index, request.file, replace, (name) => name),
  'ref-call': ({ request, cursor, replace }) => {
    // Inside quotes the call's own quotes would clash: write them with the other kind.
    const quote = cursor.quote === "'" ? '"' : "'";
    const refs = refableItems(request.index, request.file, replace, (name) => `ref(${quote}${name}${quote})`);
    const sources: NavCompletion[] = [];
    for (const node of request.index.nodes()) {
      if (node.resourceType !== 'source') continue;
      const label = `source(${quote}${node.sourceName}${quote}, ${quote}${node.tableName}${quote})`;
      sources.push(item(label, 'source', replace, { detail: 'source table' }));
    }
    return [...refs, ...sources];
  },
  'column-name': ({ request, cursor, replace }) => {
    // `[…, <entity>, 'columns', i, 'name']`: the entity's columns that are not described yet.
    const node = entityAt(request, cursor.path.slice(0, -3));
    if (!node) return [];
    const summary = request.index.file(request.file);
    const described = new Set<string>();
    if (summary?.kind === 'properties') {
      const entityPath = JSON.stringify(cursor.path.slice(0, -3));
      for (const entity of [...summary.properties.models, ...summary.properties.seeds, ...summary.properties.snapshots, ...summary.properties.sources.flatMap((source) => source.tables)]) {
        if (JSON.stringify(entity.path) === entityPath) for (const column of entity.columns) described.add(column.name.toLowerCase());
      }
    }
    return columnsOfNode(request.index, request.file, node)
      .filter((column) => !described.has(column.name.toLowerCase()) || column.name === cursor.typed)
      .map((column, position) => item(column.name, 'column', replace, { detail: column.type, documentation: column.description, sortText: String(position).padStart(4, '0') }));
  },
  'own-column': ({ request, cursor, replace }) => {
    // A config or constraint of an entity names the entity's own columns: find the entity above the cursor.
    for (let length = cursor.path.length - 1; length >= 2; length--) {
      const node = entityAt(request, cursor.path.slice(0, length));
      if (node) return columnsOfNode(request.index, request.file, node).map((column) => item(column.name, 'column', replace, { detail: column.type, documentation: column.description }));
    }
    return [];
  },
  tag: ({ request, replace }) => projectTags(request).map((tag) => item(tag, 'value', replace, { detail: 'tag used in the project' })),
  group: ({ request, replace }) => namedEntries(request, 'group').map((name) => item(name, 'value', replace, { detail: 'group' })),
  'generic-test': ({ request, replace }) => genericTestNames(request).map((name) => item(name, 'value', replace, { detail: 'generic test' })),
  'macro-name': ({ request, replace }) => {
    const names = new Set<string>();
    for (const summary of request.index.files()) {
      if (summary.kind !== 'macro' || !('jinja' in summary) || request.index.projectOf(summary.path)?.id !== request.project?.id) continue;
      for (const block of summary.jinja.blocks) if (block.kind === 'macro') names.add(block.name);
    }
    return [...names].sort().map((name) => item(name, 'value', replace, { detail: 'macro' }));
  },
  'selection-value': ({ request, cursor, replace }) => (typeof cursor.siblings.method === 'string' ? methodValueItems(request, cursor.siblings.method, replace) : []),
  'selection-spec': ({ request, cursor }) => selectionSpecItems(request, cursor.typed),
};

const KEY_PROVIDERS: Record<string, (context: ProviderContext, argument: string | undefined) => NavCompletion[]> = {
  /**
   * dbt_project.yml's resource trees: the project (and package) names under `models:`, then the folders of
   * that project's models under each folder, so `+config` keys reach the right models.
   */
  'project-folder': ({ request, cursor, replace }, resource) => {
    const [, projectName, ...folders] = cursor.path.map(String);
    const names = new Set<string>();
    if (projectName === undefined) {
      for (const project of request.index.projects.values()) names.add(project.name);
    } else {
      const project = [...request.index.projects.values()].find((candidate) => candidate.name === projectName);
      if (!project) return [];
      for (const node of request.index.nodes()) {
        if (node.projectId !== project.id || node.resourceType !== resource) continue;
        // fqn is [project, …folders, name]: the next folder below the cursor's path.
        const below = node.fqn.slice(1, -1);
        if (folders.every((folder, i) => below[i] === folder) && below.length > folders.length) names.add(below[folders.length]);
      }
    }
    const present = new Set(Object.keys(cursor.siblings));
    const childIndent = ' '.repeat(cursor.keyColumn - cursor.lineIndent + 2);
    return [...names]
      .filter((name) => !present.has(name))
      .sort()
      .map((name) => item(name, 'property', replace, { detail: projectName === undefined ? 'project' : 'folder', snippet: `${name}:\n${childIndent}$0`, sortText: `1${name}` }));
  },
};
