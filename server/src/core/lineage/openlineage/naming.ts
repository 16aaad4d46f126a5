/**
 * OpenLineage dataset names: the namespace (the data source, `scheme://authority`) and the name (the table's
 * path within it) of each relation, as OpenLineage's naming conventions (https://openlineage.io/docs/spec/naming)
 * prescribe per warehouse. Producers that follow the same conventions name the same table the same way, which is
 * what lets a catalog join our static lineage with the lineage its runtime integrations report.
 *
 * The index knows the adapter, and the database and schema of each relation when dbt's own rules and
 * `dplens.yml` `target:` decide them, but never a host, a port or an account: only the adapter type is read from
 * profiles.yml. Where the convention needs something the index does not know, the convention's own placeholder
 * is written (`{host}:{port}`, `{database}`), so the gap is visible and easy to replace, and `--namespace` lets
 * the user state the namespace outright.
 */
import type { Adapter } from '../../config/dplens-config';

export interface DatasetId {
  namespace: string;
  name: string;
}

/** A relation as the index names it; parts it cannot decide are undefined. */
export interface RelationName {
  database?: string;
  schema?: string;
  identifier: string;
}

/**
 * How each adapter's namespace is formed, with the placeholders used for what the index never knows.
 * Spark uses the Hive metastore's convention, which is what dbt-spark's thrift and HTTP connections reach.
 */
const NAMESPACES: Record<Adapter, string> = {
  bigquery: 'bigquery',
  snowflake: 'snowflake://{organization}-{account}',
  databricks: 'databricks://{host}',
  spark: 'hive://{host}:{port}',
  redshift: 'redshift://{cluster_identifier}.{region}:{port}',
  postgres: 'postgres://{host}:{port}',
  trino: 'trino://{host}:{port}',
  duckdb: 'duckdb://{path}',
};

/** The placeholders written for a name part the index cannot decide (no `dplens.yml` `target:`). */
export const UNKNOWN_DATABASE = '{database}';
export const UNKNOWN_SCHEMA = '{schema}';

/** The dataset namespace of an adapter: the convention's, or the one the user gave. */
export function datasetNamespace(adapter: Adapter, override?: string): string {
  return override ?? NAMESPACES[adapter];
}

/**
 * The dataset name: `{database}.{schema}.{table}` for every adapter here (BigQuery's project and dataset, Trino's
 * and Databricks' catalog, Postgres', Redshift's and Snowflake's database), except Spark's Hive metastore, which has
 * no database level: `{schema}.{table}`.
 */
export function datasetName(adapter: Adapter, relation: RelationName): string {
  const schema = relation.schema ?? UNKNOWN_SCHEMA;
  if (adapter === 'spark') return `${schema}.${relation.identifier}`;
  return `${relation.database ?? UNKNOWN_DATABASE}.${schema}.${relation.identifier}`;
}

export function datasetId(adapter: Adapter, relation: RelationName, namespaceOverride?: string): DatasetId {
  return { namespace: datasetNamespace(adapter, namespaceOverride), name: datasetName(adapter, relation) };
}
