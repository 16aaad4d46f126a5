/**
 * The options of the synthetic project generator and the records it keeps about the models and
 * sources it has made, shared by the modules that write each part of the project.
 */

export type Adapter = 'bigquery' | 'snowflake';

export interface GenerateOptions {
  /** Number of SQL models to generate. */
  models: number;
  /** PRNG seed; default 1. */
  seed?: number;
  /** SQL dialect and config style; default 'bigquery'. */
  adapter?: Adapter;
}

export type Kind = 'id' | 'str' | 'num' | 'int' | 'ts' | 'date' | 'bool';

export interface Col {
  name: string;
  kind: Kind;
  /** Accepted values, when the column is an enum-like status or channel. */
  values?: string[];
}

export type Layer = 'staging' | 'intermediate' | 'marts';

export interface Model {
  name: string;
  layer: Layer;
  /** Folder under `models/`, e.g. `staging/crm`. */
  folder: string;
  /** Short name used for CTEs, e.g. `orders`. */
  short: string;
  /** The source table at the root of the model's main lineage, e.g. `orders`. */
  root: string;
  /** Primary key column. */
  pk: string;
  cols: Col[];
  /** Source index for staging; domain index otherwise. */
  group: number;
  /** Upstream model names (refs), for relationship tests. */
  upstream: string[];
  description: string;
}

export interface SourceTable {
  name: string;
  entity: string;
  raw: Col[];
}

export interface Source {
  name: string;
  tables: SourceTable[];
}
