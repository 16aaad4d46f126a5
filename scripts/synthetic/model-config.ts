/** Builders of the `{{ config(...) }}` blocks at the top of generated models. */
import type { Adapter } from './types';

/** A multi-line `{{ config(...) }}` block with one `key=value` per line, followed by a blank line. */
export function configBlock(entries: Record<string, string>): string {
  const lines = Object.entries(entries).map(([k, v]) => `        ${k}=${v}`);
  return `{{\n    config(\n${lines.join(',\n')}\n    )\n}}\n\n`;
}

/** The partitioning and clustering config entries of a table partitioned by day on `tsCol`. */
export function partitionConfig(adapter: Adapter, tsCol: string, clusterCols: string[]): Record<string, string> {
  if (adapter === 'bigquery') {
    return {
      partition_by: `{'field': '${tsCol}', 'data_type': 'timestamp', 'granularity': 'day'}`,
      cluster_by: `[${clusterCols.map((c) => `'${c}'`).join(', ')}]`,
    };
  }
  return { cluster_by: `['to_date(${tsCol})'${clusterCols.length ? ', ' : ''}${clusterCols.map((c) => `'${c}'`).join(', ')}]` };
}
