/**
 * The polyglot WebAssembly module, loaded once for every user (full parses, column lineage).
 * Instantiating it takes a few hundred milliseconds, so it happens on first use, never on activation.
 */
import type { Dialect } from './dialect';

export type Polyglot = typeof import('@polyglot-sql/sdk');

/** Our dialect names mapped to polyglot's (they differ only for PostgreSQL). */
export const POLYGLOT_DIALECTS: Record<Dialect, string> = {
  bigquery: 'bigquery',
  snowflake: 'snowflake',
  databricks: 'databricks',
  spark: 'spark',
  redshift: 'redshift',
  postgres: 'postgresql',
  trino: 'trino',
  duckdb: 'duckdb',
  generic: 'generic',
};

let loading: Promise<Polyglot> | undefined;

/** Loads and initialises the module once; later calls share the promise, and a failed load may be retried. */
export function loadPolyglot(): Promise<Polyglot> {
  if (loading === undefined) {
    loading = (async () => {
      const polyglot: Polyglot = await import('@polyglot-sql/sdk');
      await polyglot.init();
      return polyglot;
    })();
    loading.catch(() => {
      loading = undefined;
    });
  }
  return loading;
}
