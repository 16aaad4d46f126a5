/** The SQL functions that differ between the adapters the generator writes for. */
import type { Adapter } from './types';

export interface Dialect {
  str: string;
  countIf(cond: string): string;
  safeDiv(a: string, b: string): string;
  tsMinusDays(ts: string, days: string): string;
  toDate(ts: string): string;
  dateTrunc(unit: string, d: string): string;
  daysBetween(later: string, earlier: string): string;
  currentTs: string;
}

export const DIALECTS: Record<Adapter, Dialect> = {
  bigquery: {
    str: 'string',
    countIf: (c) => `countif(${c})`,
    safeDiv: (a, b) => `safe_divide(${a}, ${b})`,
    tsMinusDays: (ts, d) => `timestamp_sub(${ts}, interval ${d} day)`,
    toDate: (ts) => `date(${ts})`,
    dateTrunc: (u, d) => `date_trunc(${d}, ${u})`,
    daysBetween: (l, e) => `date_diff(${l}, ${e}, day)`,
    currentTs: 'current_timestamp()',
  },
  snowflake: {
    str: 'varchar',
    countIf: (c) => `count_if(${c})`,
    safeDiv: (a, b) => `div0(${a}, ${b})`,
    tsMinusDays: (ts, d) => `dateadd(day, -${d}, ${ts})`,
    toDate: (ts) => `to_date(${ts})`,
    dateTrunc: (u, d) => `date_trunc('${u}', ${d})`,
    daysBetween: (l, e) => `datediff(day, ${e}, ${l})`,
    currentTs: 'current_timestamp()',
  },
};
