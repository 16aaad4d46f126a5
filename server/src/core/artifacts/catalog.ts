/**
 * The reader for dbt's `target/catalog.json` (schema v1): the columns and types the warehouse reported for each
 * relation at the last `dbt docs generate`, and the table statistics some adapters add (BigQuery's size, rows,
 * partitioning and clustering).
 */
import type { SyntaxIssue } from '../text';
import { isObject, numberOrUndefined, readArtifactJson, schemaVersionOf, stringOrUndefined, type JsonObject } from './artifact-read';
import { completeEntries } from './manifest';

export interface CatalogColumn {
  name: string;
  type: string;
  index?: number;
  comment?: string;
}

export interface CatalogStats {
  /** The relation's size in bytes: BigQuery's `num_bytes`, Snowflake's `bytes`. */
  numBytes?: number;
  numRows?: number;
  /** BigQuery's partitioning column or type, as reported. */
  partitioningType?: string;
  clusteringFields?: string[];
}

export interface CatalogEntry {
  uniqueId: string;
  /** `table`, `view`, `BASE TABLE`, ...: as the warehouse names it. */
  relationType?: string;
  database?: string;
  schema?: string;
  name?: string;
  owner?: string;
  comment?: string;
  /** Ordered by `index` when the warehouse reports it. */
  columns: CatalogColumn[];
  stats: CatalogStats;
}

export interface Catalog {
  schemaVersion?: number;
  dbtVersion?: string;
  generatedAt?: string;
  /** Keyed by unique_id; nodes and sources together, since ids never collide across them. */
  entries: Map<string, CatalogEntry>;
}

export interface ReadCatalogResult {
  catalog: Catalog;
  errors: SyntaxIssue[];
  partial: boolean;
}

/** Reads catalog.json text. Never throws; an empty or half-written file gives an issue and what could be trusted. */
export function readCatalog(text: string): ReadCatalogResult {
  const json = readArtifactJson(text, 'catalog.json');
  const catalog: Catalog = { entries: new Map() };
  const root = json.root;
  if (!root) return { catalog, errors: json.errors, partial: json.partial };
  const metadata = isObject(root.metadata) && json.isComplete(root.metadata) ? root.metadata : undefined;
  const { version } = schemaVersionOf(metadata);
  if (version !== undefined) catalog.schemaVersion = version;
  const dbtVersion = stringOrUndefined(metadata?.dbt_version);
  if (dbtVersion) catalog.dbtVersion = dbtVersion;
  const generatedAt = stringOrUndefined(metadata?.generated_at);
  if (generatedAt) catalog.generatedAt = generatedAt;
  for (const group of [root.nodes, root.sources]) {
    for (const entry of completeEntries(group, json.isComplete)) {
      const read = readEntry(entry, json.isComplete);
      if (read) catalog.entries.set(read.uniqueId, read);
    }
  }
  return { catalog, errors: json.errors, partial: json.partial };
}

function readEntry(entry: JsonObject, isComplete: (value: object) => boolean): CatalogEntry | undefined {
  const uniqueId = stringOrUndefined(entry.unique_id);
  if (!uniqueId) return undefined;
  const result: CatalogEntry = { uniqueId, columns: [], stats: {} };
  const metadata = isObject(entry.metadata) && isComplete(entry.metadata) ? entry.metadata : {};
  const fields: [keyof CatalogEntry, string][] = [
    ['relationType', 'type'], ['database', 'database'], ['schema', 'schema'], ['name', 'name'], ['owner', 'owner'], ['comment', 'comment'],
  ];
  for (const [target, source] of fields) {
    const value = stringOrUndefined(metadata[source]);
    if (value !== undefined) (result as unknown as Record<string, unknown>)[target] = value;
  }
  if (isObject(entry.columns)) {
    for (const [key, value] of Object.entries(entry.columns)) {
      if (!isObject(value)) continue;
      const column: CatalogColumn = { name: stringOrUndefined(value.name) ?? key, type: stringOrUndefined(value.type) ?? '' };
      const index = numberOrUndefined(value.index);
      if (index !== undefined) column.index = index;
      const comment = stringOrUndefined(value.comment);
      if (comment) column.comment = comment;
      result.columns.push(column);
    }
    result.columns.sort((a, b) => (a.index ?? Number.MAX_SAFE_INTEGER) - (b.index ?? Number.MAX_SAFE_INTEGER));
  }
  result.stats = readStats(entry.stats);
  return result;
}

/** Stats are `{id: {value, include, ...}}`; dbt hides entries with `include: false`, but their values are still true. */
function readStats(stats: unknown): CatalogStats {
  const result: CatalogStats = {};
  if (!isObject(stats)) return result;
  const valueOf = (id: string): unknown => (isObject(stats[id]) ? (stats[id] as JsonObject).value : undefined);
  const numBytes = numberOrUndefined(valueOf('num_bytes')) ?? numberOrUndefined(valueOf('bytes'));
  if (numBytes !== undefined) result.numBytes = numBytes;
  const numRows = numberOrUndefined(valueOf('num_rows'));
  if (numRows !== undefined) result.numRows = numRows;
  const partitioning = stringOrUndefined(valueOf('partitioning_type'));
  if (partitioning !== undefined) result.partitioningType = partitioning;
  const clustering = valueOf('clustering_fields');
  if (typeof clustering === 'string') result.clusteringFields = clustering.split(',').map((field) => field.trim()).filter(Boolean);
  else if (Array.isArray(clustering)) result.clusteringFields = clustering.filter((field): field is string => typeof field === 'string');
  return result;
}
