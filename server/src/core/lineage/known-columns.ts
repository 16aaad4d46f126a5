/**
 * The columns a node is known to have, which lineage needs to expand `select *` from it.
 *
 * Sources, in order of trust: dbt's catalog.json (what the warehouse built), the node's own SQL when it
 * traces completely (what dbt will build), the properties YAML `columns` (what someone documented, and
 * documentation is often partial), and for seeds the CSV header row.
 */
import type { DescribedEntity, PropertiesFile } from '../yaml';
import type { GraphNode, ProjectIndex } from '../project/index-types';

export interface KnownColumns {
  columns: string[];
  from: 'catalog' | 'sql' | 'properties' | 'seed-header';
}

/** Reads a node's columns from its own SQL; supplied by the column lineage, which traces models. */
export type SqlColumnsReader = (node: GraphNode) => string[] | undefined;

export function knownColumns(index: ProjectIndex, node: GraphNode, fromSql: SqlColumnsReader): KnownColumns | undefined {
  const catalog = index.catalogEntry(node.uniqueId);
  if (catalog && catalog.columns.length > 0) return { columns: catalog.columns.map((column) => column.name), from: 'catalog' };
  if (node.resourceType === 'model' || node.resourceType === 'snapshot') {
    const columns = fromSql(node);
    if (columns && columns.length > 0) return { columns, from: 'sql' };
  }
  const documented = propertiesEntity(index, node)?.columns.map((column) => column.name) ?? [];
  if (documented.length > 0) return { columns: documented, from: 'properties' };
  if (node.resourceType === 'seed' && node.file) {
    const header = seedHeader(index.text(node.file));
    if (header.length > 0) return { columns: header, from: 'seed-header' };
  }
  return undefined;
}

/** The properties entry that describes a node, found by its YAML path in its properties file. */
export function propertiesEntity(index: ProjectIndex, node: GraphNode): DescribedEntity | undefined {
  if (!node.properties) return undefined;
  const summary = index.file(node.properties.file);
  if (!summary || summary.kind !== 'properties') return undefined;
  const file: PropertiesFile = summary.properties;
  const wanted = JSON.stringify(node.properties.path);
  const candidates: DescribedEntity[] = [...file.models, ...file.seeds, ...file.snapshots, ...file.sources.flatMap((source) => source.tables)];
  return candidates.find((entity) => JSON.stringify(entity.path) === wanted);
}

/**
 * The first line of a seed's CSV, split on commas outside quotes. Seeds with a quoted header containing
 * line breaks are rare enough that the first physical line is taken as the header.
 */
export function seedHeader(text: string | undefined): string[] {
  if (!text) return [];
  const line = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0];
  const names: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (char === ',' && !quoted) {
      names.push(current.trim());
      current = '';
    } else current += char;
  }
  names.push(current.trim());
  return names.filter((name) => name.length > 0);
}
