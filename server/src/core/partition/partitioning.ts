/**
 * What is known of a relation's physical layout: the partition columns a model's config sets or catalog.json
 * reports, whether it requires a partition filter, and whether it is partitioned or clustered at all.
 */
import type { Adapter } from '../config/dplens-config';
import type { CatalogEntry } from '../artifacts';
import type { GraphNode, ProjectIndex } from '../project/index-types';
import { isAbsent, isUnknownValue } from './adapter-support';

/** Materializations that build a table, where dbt applies partitioning and clustering. */
export const TABLE_MATERIALIZATIONS = new Set(['table', 'incremental', 'materialized_view', 'snapshot']);

export interface Partitioning {
  /** The partition columns, lower-cased; empty when the relation is known to be partitioned by an unknown column. */
  columns: string[];
  /** True when queries must filter on the partition column (BigQuery's `require_partition_filter`). */
  requireFilter: boolean;
  /** Where the knowledge comes from, for messages: `partition_by` or `catalog.json`. */
  basis: 'config' | 'catalog';
}

const INGESTION_TIME = ['_partitiontime', '_partitiondate'];

/** The materialization of a model as a literal, `view` when not set, undefined when it is an expression. */
export function materializationOf(node: GraphNode): string | undefined {
  const value = node.config.materialized;
  if (isAbsent(value)) return node.resourceType === 'snapshot' ? 'snapshot' : 'view';
  return typeof value === 'string' && !isUnknownValue(value) ? value.trim().toLowerCase() : undefined;
}

/**
 * How a model or source is partitioned: from the model's `partition_by` (BigQuery's `field`; a column or list of
 * columns on Spark and Databricks) when it builds a table, else from catalog.json's `partitioning_type` stat
 * (BigQuery reports the partitioning column). Undefined when nothing says it is partitioned.
 */
export function partitioningOf(index: ProjectIndex, node: GraphNode, adapter: Adapter): Partitioning | undefined {
  const requireFilter = node.config.require_partition_filter === true || node.config.require_partition_filter === 'true';
  if (node.resourceType === 'model' || node.resourceType === 'snapshot') {
    const materialized = materializationOf(node);
    if (materialized && TABLE_MATERIALIZATIONS.has(materialized)) {
      const columns = configPartitionColumns(node.config.partition_by, adapter);
      if (columns && columns.length > 0) return { columns, requireFilter: requireFilter && adapter === 'bigquery', basis: 'config' };
    }
  }
  const entry = index.catalogEntry(node.uniqueId);
  const reported = entry?.stats.partitioningType?.trim();
  if (!entry || !reported || isViewEntry(entry)) return undefined;
  return { columns: catalogPartitionColumns(entry, reported), requireFilter: requireFilter && adapter === 'bigquery', basis: 'catalog' };
}

function configPartitionColumns(value: unknown, adapter: Adapter): string[] | undefined {
  if (isAbsent(value) || isUnknownValue(value)) return undefined;
  if (adapter === 'bigquery') {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const field = (value as Record<string, unknown>).field;
    if (typeof field !== 'string' || field.trim() === '' || isUnknownValue(field)) return undefined;
    // `time_ingestion_partitioning` partitions by `_PARTITIONTIME`, filled from the field.
    const ingestion = (value as Record<string, unknown>).time_ingestion_partitioning === true;
    return ingestion ? [field.trim().toLowerCase(), ...INGESTION_TIME] : [field.trim().toLowerCase()];
  }
  if (adapter === 'databricks' || adapter === 'spark') {
    const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
    const columns = list.filter((item): item is string => typeof item === 'string' && !isUnknownValue(item)).map((item) => item.trim().toLowerCase());
    return columns.length === list.length ? columns : undefined;
  }
  return undefined;
}

/** BigQuery reports the partitioning column (`_PARTITIONTIME` for ingestion-time tables); a bare unit means ingestion time. */
function catalogPartitionColumns(entry: CatalogEntry, reported: string): string[] {
  const name = reported.toLowerCase();
  if (INGESTION_TIME.includes(name)) return INGESTION_TIME;
  if (entry.columns.some((column) => column.name.toLowerCase() === name)) return [name];
  if (/^(?:hour|day|month|year)$/.test(name)) return INGESTION_TIME;
  return /^[a-z_][\w$]*$/.test(name) ? [name] : [];
}

function isViewEntry(entry: CatalogEntry): boolean {
  return /view/i.test(entry.relationType ?? '') && !/materialized/i.test(entry.relationType ?? '');
}

/** Config keys that give a table a physical layout queries can prune by, across adapters. */
const LAYOUT_KEYS = [
  'partition_by', 'cluster_by', 'liquid_clustered_by', 'auto_liquid_cluster', 'clustered_by', 'buckets', 'zorder',
  'partitioned_by', 'partitions', 'sort', 'dist', 'properties', 'automatic_clustering',
];

/** True when a model's config or catalog.json says the relation is partitioned or clustered. */
export function hasLayout(node: GraphNode, entry: CatalogEntry | undefined): boolean {
  for (const key of LAYOUT_KEYS) {
    const value = node.config[key];
    if (isAbsent(value) || value === false || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    if (key === 'properties' && !(typeof value === 'object' && /partition|bucket|sort|cluster/i.test(JSON.stringify(value)))) continue;
    return true;
  }
  if (entry?.stats.partitioningType || (entry?.stats.clusteringFields && entry.stats.clusteringFields.length > 0)) return true;
  return false;
}
