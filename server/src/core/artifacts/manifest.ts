/**
 * The reader for dbt's `target/manifest.json` (schema v10 to v12), reduced to what lineage and checks need.
 *
 * The manifest is optional input: it shows what dbt resolved last time it ran, which helps where static reading
 * cannot decide (dynamic refs, adapter-specific relation names).
 */
import type { SyntaxIssue } from '../text';
import { isObject, numberOrUndefined, readArtifactJson, schemaVersionOf, stringOrUndefined, type JsonObject } from './artifact-read';

export interface ManifestColumn {
  name: string;
  dataType?: string;
  description?: string;
}

/** The warehouse relation a node or source is built as or read from. */
export interface RelationParts {
  database?: string;
  schema?: string;
  /** `alias` for nodes, `identifier` for sources. */
  identifier?: string;
  /** dbt's rendered, quoted name, e.g. `"db"."schema"."table"`; absent for ephemeral models. */
  relationName?: string;
}

export interface ManifestNode {
  uniqueId: string;
  resourceType: string;
  name: string;
  packageName: string;
  originalFilePath?: string;
  dependsOnNodes: string[];
  dependsOnMacros: string[];
  columns: ManifestColumn[];
  materialized?: string;
  relation: RelationParts;
  version?: string;
  tags: string[];
}

export interface ManifestSource {
  uniqueId: string;
  sourceName: string;
  name: string;
  packageName: string;
  originalFilePath?: string;
  columns: ManifestColumn[];
  relation: RelationParts;
  loadedAtField?: string;
}

export interface ManifestMetadata {
  schemaVersionUrl?: string;
  /** 10, 11, 12, ...: from the schema URL. */
  schemaVersion?: number;
  dbtVersion?: string;
  generatedAt?: string;
  projectName?: string;
  adapterType?: string;
}

export interface Manifest {
  metadata: ManifestMetadata;
  nodes: ManifestNode[];
  sources: ManifestSource[];
}

export interface ReadManifestResult {
  manifest: Manifest;
  errors: SyntaxIssue[];
  /** True when the file was cut off or invalid and only the complete entries were kept. */
  partial: boolean;
}

const SUPPORTED_SCHEMA_VERSIONS = { min: 10, max: 12 };

/** Reads manifest.json text. Never throws; an empty or half-written file gives an issue and what could be trusted. */
export function readManifest(text: string): ReadManifestResult {
  const json = readArtifactJson(text, 'manifest.json');
  const manifest: Manifest = { metadata: {}, nodes: [], sources: [] };
  const errors = [...json.errors];
  const root = json.root;
  if (!root) return { manifest, errors, partial: json.partial };
  const metadata = isObject(root.metadata) && json.isComplete(root.metadata) ? root.metadata : undefined;
  manifest.metadata = readMetadata(metadata);
  const version = manifest.metadata.schemaVersion;
  if (version !== undefined && (version < SUPPORTED_SCHEMA_VERSIONS.min || version > SUPPORTED_SCHEMA_VERSIONS.max)) {
    errors.push({
      message: `manifest.json uses schema v${version}; this reader knows v${SUPPORTED_SCHEMA_VERSIONS.min} to v${SUPPORTED_SCHEMA_VERSIONS.max}, so some fields may be missed.`,
      span: { start: 0, end: Math.min(1, text.length) },
    });
  }
  for (const entry of completeEntries(root.nodes, json.isComplete)) {
    const node = readNode(entry);
    if (node) manifest.nodes.push(node);
  }
  for (const entry of completeEntries(root.sources, json.isComplete)) {
    const source = readSource(entry);
    if (source) manifest.sources.push(source);
  }
  return { manifest, errors, partial: json.partial };
}

/** The entries of a `unique_id → object` map that were read in full. */
export function completeEntries(map: unknown, isComplete: (value: object) => boolean): JsonObject[] {
  if (!isObject(map)) return [];
  const entries: JsonObject[] = [];
  for (const value of Object.values(map)) {
    if (isObject(value) && isComplete(value)) entries.push(value);
  }
  return entries;
}

function readMetadata(metadata: JsonObject | undefined): ManifestMetadata {
  const { url, version } = schemaVersionOf(metadata);
  const result: ManifestMetadata = {};
  if (url) result.schemaVersionUrl = url;
  if (version !== undefined) result.schemaVersion = version;
  const fields: [keyof ManifestMetadata, string][] = [
    ['dbtVersion', 'dbt_version'], ['generatedAt', 'generated_at'], ['projectName', 'project_name'], ['adapterType', 'adapter_type'],
  ];
  for (const [target, source] of fields) {
    const value = stringOrUndefined(metadata?.[source]);
    if (value !== undefined) (result as Record<string, unknown>)[target] = value;
  }
  return result;
}

function readNode(entry: JsonObject): ManifestNode | undefined {
  const uniqueId = stringOrUndefined(entry.unique_id);
  const name = stringOrUndefined(entry.name);
  if (!uniqueId || !name) return undefined;
  const dependsOn = isObject(entry.depends_on) ? entry.depends_on : {};
  const config = isObject(entry.config) ? entry.config : {};
  const node: ManifestNode = {
    uniqueId,
    resourceType: stringOrUndefined(entry.resource_type) ?? uniqueId.split('.')[0],
    name,
    packageName: stringOrUndefined(entry.package_name) ?? uniqueId.split('.')[1] ?? '',
    dependsOnNodes: stringList(dependsOn.nodes),
    dependsOnMacros: stringList(dependsOn.macros),
    columns: readColumns(entry.columns),
    relation: relationOf(entry, stringOrUndefined(entry.alias)),
    tags: stringList(entry.tags),
  };
  const originalFilePath = stringOrUndefined(entry.original_file_path);
  if (originalFilePath) node.originalFilePath = originalFilePath;
  const materialized = stringOrUndefined(config.materialized);
  if (materialized) node.materialized = materialized;
  const version = stringOrUndefined(entry.version) ?? numberOrUndefined(entry.version)?.toString();
  if (version !== undefined) node.version = version;
  return node;
}

function readSource(entry: JsonObject): ManifestSource | undefined {
  const uniqueId = stringOrUndefined(entry.unique_id);
  const name = stringOrUndefined(entry.name);
  const sourceName = stringOrUndefined(entry.source_name);
  if (!uniqueId || !name || !sourceName) return undefined;
  const source: ManifestSource = {
    uniqueId,
    sourceName,
    name,
    packageName: stringOrUndefined(entry.package_name) ?? uniqueId.split('.')[1] ?? '',
    columns: readColumns(entry.columns),
    relation: relationOf(entry, stringOrUndefined(entry.identifier) ?? name),
  };
  const originalFilePath = stringOrUndefined(entry.original_file_path);
  if (originalFilePath) source.originalFilePath = originalFilePath;
  const loadedAtField = stringOrUndefined(entry.loaded_at_field);
  if (loadedAtField) source.loadedAtField = loadedAtField;
  return source;
}

function relationOf(entry: JsonObject, identifier: string | undefined): RelationParts {
  const relation: RelationParts = {};
  const database = stringOrUndefined(entry.database);
  if (database !== undefined) relation.database = database;
  const schema = stringOrUndefined(entry.schema);
  if (schema !== undefined) relation.schema = schema;
  if (identifier !== undefined) relation.identifier = identifier;
  const relationName = stringOrUndefined(entry.relation_name);
  if (relationName !== undefined) relation.relationName = relationName;
  return relation;
}

function readColumns(columns: unknown): ManifestColumn[] {
  if (!isObject(columns)) return [];
  const result: ManifestColumn[] = [];
  for (const [key, value] of Object.entries(columns)) {
    if (!isObject(value)) continue;
    const column: ManifestColumn = { name: stringOrUndefined(value.name) ?? key };
    const dataType = stringOrUndefined(value.data_type);
    if (dataType) column.dataType = dataType;
    const description = stringOrUndefined(value.description);
    if (description) column.description = description;
    result.push(column);
  }
  return result;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
