/**
 * Whether a data contract's type for a property agrees with the type of the dbt model column that implements it.
 *
 * A physical type (ODCS `physicalType`, DCS `config.<adapter>Type`) names the warehouse's type, so it is compared
 * exactly, as dbt compares contract types (`comparableDataType`: without case and size), after the warehouse's own
 * synonyms are resolved (on BigQuery `INTEGER` is `INT64`; on Snowflake `TEXT` is `VARCHAR`). A logical type (ODCS
 * `logicalType`, DCS `type`) names a family of types, so `integer` agrees with `bigint` and `number(38,0)`.
 * A type that neither table knows is not compared: an unfamiliar type is not a wrong one.
 */
import type { Adapter } from '../config/dplens-config';
import { comparableDataType } from '../contract/model-contract';
import { physicalFamily } from './lint/type-mismatch';

type Family = NonNullable<ReturnType<typeof physicalFamily>>;

/**
 * Each warehouse's synonyms, lower-cased and without size, mapped to the name the warehouse reports (catalog.json
 * shows the reported one, a data_type or a contract may use either).
 */
const SYNONYMS: Partial<Record<Adapter, Record<string, string>>> = {
  bigquery: {
    ...named('int64', ['int', 'integer', 'bigint', 'smallint', 'tinyint', 'byteint']),
    ...named('float64', ['float']),
    ...named('numeric', ['decimal']),
    ...named('bignumeric', ['bigdecimal']),
    ...named('bool', ['boolean']),
  },
  snowflake: {
    ...named('varchar', ['string', 'text', 'nvarchar', 'nvarchar2', 'char varying', 'character varying', 'nchar varying']),
    ...named('number', ['decimal', 'numeric', 'int', 'integer', 'bigint', 'smallint', 'tinyint', 'byteint']),
    ...named('float', ['float4', 'float8', 'double', 'double precision', 'real']),
    // Snowflake's TIMESTAMP and DATETIME mean TIMESTAMP_NTZ under the default TIMESTAMP_TYPE_MAPPING.
    ...named('timestamp_ntz', ['timestamp', 'datetime']),
  },
  postgres: postgresSynonyms(),
  redshift: { ...postgresSynonyms(), ...named('varchar', ['character varying', 'nvarchar', 'text']) },
  databricks: sparkSynonyms(),
  spark: sparkSynonyms(),
  duckdb: {
    ...named('integer', ['int', 'int4', 'signed']),
    ...named('bigint', ['int8', 'long']),
    ...named('smallint', ['int2', 'short']),
    ...named('varchar', ['string', 'text', 'char', 'bpchar']),
    ...named('double', ['float8']),
    ...named('float', ['float4', 'real']),
    ...named('boolean', ['bool', 'logical']),
    ...named('decimal', ['numeric']),
    ...named('timestamp', ['datetime']),
    ...named('timestamptz', ['timestamp with time zone']),
  },
  trino: {
    ...named('integer', ['int']),
    ...named('decimal', ['numeric']),
  },
};

function named(reported: string, synonyms: string[]): Record<string, string> {
  return Object.fromEntries(synonyms.map((synonym) => [synonym, reported]));
}

function postgresSynonyms(): Record<string, string> {
  return {
    ...named('integer', ['int', 'int4']),
    ...named('bigint', ['int8']),
    ...named('smallint', ['int2']),
    ...named('double precision', ['float8', 'float']),
    ...named('real', ['float4']),
    ...named('numeric', ['decimal']),
    ...named('boolean', ['bool']),
    ...named('character varying', ['varchar']),
    ...named('character', ['char', 'bpchar']),
    ...named('timestamp with time zone', ['timestamptz']),
    ...named('timestamp without time zone', ['timestamp']),
    ...named('time without time zone', ['time']),
  };
}

function sparkSynonyms(): Record<string, string> {
  return {
    ...named('int', ['integer']),
    ...named('bigint', ['long']),
    ...named('smallint', ['short']),
    ...named('tinyint', ['byte']),
    ...named('float', ['real']),
    ...named('decimal', ['dec', 'numeric']),
    ...named('boolean', ['bool']),
  };
}

/** A physical type as the warehouse reports it: lower-cased, without size, synonyms resolved; element types kept. */
export function canonicalPhysicalType(dataType: string, adapter: Adapter): string {
  const trimmed = dataType.trim().toLowerCase().replace(/\s+/g, ' ');
  const generic = trimmed.indexOf('<');
  // `array<string>` keeps its element type; `varchar(10)` loses its size, as dbt compares it.
  const base = generic >= 0 ? trimmed.slice(0, generic).trim() : (comparableDataType(trimmed) ?? trimmed);
  const reported = SYNONYMS[adapter]?.[base] ?? base;
  return generic >= 0 ? reported + trimmed.slice(generic).replace(/\s+/g, '') : reported;
}

/** Whether two physical types are the same type on the adapter. */
export function samePhysicalType(contract: string, model: string, adapter: Adapter): boolean {
  const a = canonicalPhysicalType(contract, adapter);
  const b = canonicalPhysicalType(model, adapter);
  if (a === b) return true;
  // One side written with its element type (`array<string>`) and the other without (`array`) is not a disagreement.
  const bare = (type: string) => type.replace(/<.*$/, '');
  return (a.includes('<') !== b.includes('<')) && bare(a) === bare(b);
}

/** The physical families each logical type (ODCS `logicalType`, DCS `type`) agrees with. */
const LOGICAL_FAMILIES: Record<string, Family[]> = {
  string: ['string'],
  text: ['string'],
  varchar: ['string'],
  integer: ['integer'],
  int: ['integer'],
  long: ['integer'],
  bigint: ['integer'],
  // Every integer is a number: a consumer reading numbers reads an integer column without a cast.
  number: ['number', 'integer'],
  decimal: ['number', 'integer'],
  numeric: ['number', 'integer'],
  float: ['number', 'integer'],
  double: ['number', 'integer'],
  boolean: ['boolean'],
  date: ['date'],
  timestamp: ['timestamp'],
  'date-time': ['timestamp'],
  datetime: ['timestamp'],
  timestamp_tz: ['timestamp'],
  timestamp_ntz: ['timestamp'],
  time: ['time'],
  object: ['object', 'any'],
  record: ['object', 'any'],
  struct: ['object', 'any'],
  map: ['object', 'any'],
  array: ['array', 'any'],
  bytes: ['binary'],
};

/** Whether the contract's logical type is one this comparison knows. */
export function isKnownLogicalType(logicalType: string): boolean {
  return LOGICAL_FAMILIES[logicalType.toLowerCase()] !== undefined;
}

/**
 * The family of a model column's type on the adapter. A fixed-point type with scale 0 (`number(38,0)`,
 * `numeric(10,0)`) holds integers, and so does Snowflake's bare `NUMBER`, whose default scale is 0.
 */
export function modelTypeFamily(dataType: string, adapter: Adapter): Family | undefined {
  const family = physicalFamily(dataType);
  if (family !== 'number') return family;
  const lower = dataType.trim().toLowerCase();
  if (/^(?:number|numeric|decimal)\s*\(\s*\d+\s*,\s*0\s*\)$/.test(lower)) return 'integer';
  if (adapter === 'snowflake' && /^(?:number|numeric|decimal)$/.test(lower)) return 'integer';
  return family;
}

/**
 * Whether the contract's logical type agrees with the model column's type: undefined when either type is unknown.
 * `oldDates` is ODCS v3.0, which had no timestamp type and described timestamps as `date`.
 */
export function logicalTypeAgrees(logicalType: string, modelType: string, adapter: Adapter, oldDates = false): boolean | undefined {
  const accepted = LOGICAL_FAMILIES[logicalType.toLowerCase()];
  const family = modelTypeFamily(modelType, adapter);
  if (!accepted || !family) return undefined;
  if (oldDates && logicalType.toLowerCase() === 'date' && family === 'timestamp') return true;
  return accepted.includes(family);
}

/** The DCS `config` key holding a field's physical type on each warehouse, where the specification names one. */
export const DCS_PHYSICAL_TYPE_KEY: Partial<Record<Adapter, string>> = {
  bigquery: 'bigqueryType',
  snowflake: 'snowflakeType',
  redshift: 'redshiftType',
  databricks: 'databricksType',
};
