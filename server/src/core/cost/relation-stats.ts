/**
 * What is known of a relation's size and partitioning: `stats:` in dplens.yml first (the user's own statement), then
 * catalog.json's table statistics, and the partitioning a model configures (`partition_by`).
 */
import { GRANULARITIES, type Granularity } from '../config/cost-settings';
import type { DplensConfig } from '../config/dplens-config';
import type { GraphNode, ProjectIndex } from '../project/index-types';
import type { RelationStats } from './types';

/** How a node is named in figures and in `stats:` keys. */
export function relationLabel(node: GraphNode): { label: string; statsKey: string } {
  if (node.resourceType === 'source') return { label: `source ${node.sourceName}.${node.tableName}`, statsKey: `source.${node.sourceName}.${node.tableName}` };
  return { label: `${node.resourceType} ${node.name}`, statsKey: `${node.resourceType}.${node.name}` };
}

/** `2026-11-20T08:00:00Z` → `catalog.json 2026-11-20`. */
export function catalogBasis(generatedAt: string | undefined): string {
  return generatedAt ? `catalog.json ${generatedAt.slice(0, 10)}` : 'catalog.json';
}

function asGranularity(value: unknown): Granularity | undefined {
  if (typeof value !== 'string') return undefined;
  const lower = value.trim().toLowerCase();
  return (GRANULARITIES as readonly string[]).includes(lower) ? (lower as Granularity) : undefined;
}

/** The partition column and granularity a node's own `partition_by` config declares (BigQuery's mapping, or a column list). */
export function configuredPartitioning(node: GraphNode): { column?: string; granularity?: Granularity } {
  const value = node.config.partition_by;
  if (typeof value === 'string' && value.trim() !== '') return { column: value.trim().toLowerCase() };
  if (Array.isArray(value) && value.length === 1 && typeof value[0] === 'string') return { column: value[0].toLowerCase() };
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const spec = value as Record<string, unknown>;
    if (typeof spec.field !== 'string') return {};
    const dataType = typeof spec.data_type === 'string' ? spec.data_type.toLowerCase() : 'date';
    // BigQuery's time-unit partitioning defaults to daily; integer-range partitions have no time granularity.
    const granularity = dataType === 'int64' ? undefined : asGranularity(spec.granularity) ?? 'day';
    return { column: spec.field.toLowerCase(), granularity };
  }
  return {};
}

export function relationStats(index: ProjectIndex, config: DplensConfig | undefined, node: GraphNode): RelationStats {
  const { label, statsKey } = relationLabel(node);
  const stated = config?.stats?.[statsKey];
  const catalog = index.catalogEntry(node.uniqueId);
  const configured = configuredPartitioning(node);
  const stats: RelationStats = { uniqueId: node.uniqueId, label, basis: `no stats for ${label}` };
  const catalogBytes = catalog?.stats.numBytes !== undefined && catalog.stats.numBytes >= 0 ? catalog.stats.numBytes : undefined;
  if (stated?.bytes !== undefined) {
    stats.bytes = stated.bytes;
    stats.basis = `dplens.yml stats for ${label}`;
  } else if (catalogBytes !== undefined) {
    stats.bytes = catalogBytes;
    stats.basis = catalogBasis(index.catalogInfo(node.uniqueId)?.generatedAt);
  }
  const rows = stated?.rows ?? catalog?.stats.numRows;
  if (rows !== undefined) stats.rows = rows;
  const column = stated?.partitionedBy?.toLowerCase() ?? configured.column;
  if (column) stats.partitionColumn = column;
  const granularity = stated?.granularity ?? configured.granularity ?? asGranularity(catalog?.stats.partitioningType);
  if (granularity) stats.granularity = granularity;
  if (stated?.partitions !== undefined) stats.partitions = stated.partitions;
  return stats;
}
