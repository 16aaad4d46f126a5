/**
 * What an incremental run of a model reads: the columns its `is_incremental()` filter restricts, and how far back
 * it reaches (`interval 3 day`, `dateadd(day, -3, …)`, `date_sub(current_date(), 3)`), or a watermark read from
 * `{{ this }}` (the partitions since the last run). Only a filter on a relation's partition column prunes its scan.
 */
import type { Granularity } from '../config/cost-settings';
import { incrementalPart, modelIncrementalBlocks } from '../partition/incremental';
import type { GraphNode, ProjectIndex } from '../project/index-types';
import { isSqlSummary } from '../project/summary';

export interface IncrementalFilter {
  /** Lower-cased column names the incremental part filters on. */
  columns: Set<string>;
  /** The lookback written in the filter, when one is. */
  lookback?: { amount: number; unit: Granularity };
  /** True when the filter compares with a watermark read from `{{ this }}`. */
  watermark: boolean;
}

export const HOURS: Record<Granularity, number> = { hour: 1, day: 24, week: 168, month: 730, year: 8760 };

const UNIT = '(hour|day|week|month|year)s?';
const LOOKBACKS: { pattern: RegExp; amount: number; unit?: number }[] = [
  // BigQuery, Databricks, MySQL-style: `interval 3 day`, `interval '3' day`, `interval 3 days`
  { pattern: new RegExp(`\\binterval\\s+'?(\\d+)'?\\s+${UNIT}\\b`, 'gi'), amount: 1, unit: 2 },
  // Postgres, Snowflake, Redshift: `interval '3 days'`
  { pattern: new RegExp(`\\binterval\\s+'(\\d+)\\s*${UNIT}'`, 'gi'), amount: 1, unit: 2 },
  // Snowflake, Redshift, Databricks: `dateadd(day, -3, …)`, `date_add('day', -3, …)` (Trino)
  { pattern: new RegExp(`\\bdate_?add\\s*\\(\\s*'?${UNIT}'?\\s*,\\s*-\\s*(\\d+)`, 'gi'), amount: 2, unit: 1 },
  // Spark: `date_sub(current_date(), 3)`: days
  { pattern: /\bdate_sub\s*\((?:[^(),]|\([^()]*\))*,\s*(\d+)\s*\)/gi, amount: 1 },
  // `current_date - 3`: days
  { pattern: /\bcurrent_date(?:\s*\(\s*\))?\s*-\s*(\d+)\b/gi, amount: 1 },
];

/** Replaces `{{ var('lookback_days', 3) }}` by its default, so the lookback reads as written in the default. */
function withVarDefaults(sql: string): string {
  return sql.replace(/\{\{-?\s*var\(\s*['"][^'"]+['"]\s*,\s*['"]?(\d+)['"]?\s*\)\s*-?\}\}/g, '$1');
}

export function findLookback(sql: string): IncrementalFilter['lookback'] {
  const text = withVarDefaults(sql);
  let best: IncrementalFilter['lookback'];
  for (const { pattern, amount, unit } of LOOKBACKS) {
    for (const match of text.matchAll(pattern)) {
      const found = { amount: Number(match[amount]), unit: (unit ? match[unit].toLowerCase() : 'day') as Granularity };
      if (!best || found.amount * HOURS[found.unit] > best.amount * HOURS[best.unit]) best = found;
    }
  }
  return best;
}

function columnName(written: string): string {
  const last = written.split('.').pop() ?? written;
  return last.replace(/^[`"[]|[`"\]]$/g, '').toLowerCase();
}

/** The filter an incremental model's `is_incremental()` blocks add; undefined when it has none. */
export function incrementalFilterOf(index: ProjectIndex, node: GraphNode): IncrementalFilter | undefined {
  const file = node.file ? index.file(node.file) : undefined;
  if (!file || !isSqlSummary(file) || !file.incrementalFacts) return undefined;
  const text = index.text(file.path) ?? '';
  const blocks = modelIncrementalBlocks(file);
  const filter: IncrementalFilter = { columns: new Set(), watermark: false };
  for (const block of blocks) {
    const part = incrementalPart(block);
    if (!part) continue;
    // A predicate written around the block counts too: `where event_date >= {% if is_incremental() %}…`.
    const from = Math.max(0, block.span.start - 120);
    for (const use of file.incrementalFacts.columnsUsed.where) {
      const inside = part.start <= use.span.start && use.span.start < part.end;
      const around = from <= use.span.start && use.span.end <= block.span.start && /(?:[<>=]|\bbetween)\s*$/i.test(text.slice(use.span.end, block.span.start).replace(/\{%[\s\S]*?$/, ''));
      if (inside || around) filter.columns.add(columnName(use.name));
    }
    const sql = text.slice(part.start, part.end);
    if (/\{\{-?\s*this\s*-?\}\}/.test(sql)) filter.watermark = true;
    const lookback = findLookback(sql);
    if (lookback && (!filter.lookback || lookback.amount * HOURS[lookback.unit] > filter.lookback.amount * HOURS[filter.lookback.unit])) filter.lookback = lookback;
  }
  return filter.columns.size > 0 ? filter : undefined;
}

/**
 * How many partitions of `granularity` one run reads: the lookback, plus the time since the last run for a watermark;
 * undefined when there is no basis (a watermark alone without runs per day).
 */
export function partitionsRead(filter: IncrementalFilter, granularity: Granularity, runsPerDay: number | null): number | undefined {
  let hours = filter.lookback ? filter.lookback.amount * HOURS[filter.lookback.unit] : 0;
  if (filter.watermark && (!filter.lookback || runsPerDay)) {
    if (!runsPerDay) return undefined;
    hours += 24 / runsPerDay;
  }
  if (hours === 0) return undefined;
  return Math.max(1, Math.ceil(hours / HOURS[granularity]));
}
