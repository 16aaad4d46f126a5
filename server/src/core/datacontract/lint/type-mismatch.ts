/**
 * A logical type that the physical type cannot hold (`datacontract/type-mismatch`): ODCS `logicalType: integer` with
 * `physicalType: varchar`, or a DCS field `type: integer` with `config.snowflakeType: VARCHAR`. Physical types this
 * table does not know are left alone: a vendor's type is not wrong because it is unfamiliar.
 */
import type { DataContractFlavour } from '../detect';
import { formatPath, type DataContractProblem } from '../validate';
import { allFields, isNode } from '../walk';

export const TYPE_MISMATCH_RULE = 'datacontract/type-mismatch';

type Family = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'timestamp' | 'time' | 'object' | 'array' | 'binary' | 'any';

/** Physical types of the common warehouses and formats, lower-cased, without their parameters. */
const PHYSICAL: Record<string, Family> = {
  ...Object.fromEntries(['varchar', 'char', 'character', 'character varying', 'nvarchar', 'nchar', 'text', 'string', 'clob', 'nclob', 'varchar2', 'nvarchar2', 'tinytext', 'mediumtext', 'longtext', 'uuid', 'enum', 'citext', 'bpchar'].map((type) => [type, 'string' as Family])),
  ...Object.fromEntries(['int', 'integer', 'bigint', 'smallint', 'tinyint', 'mediumint', 'int2', 'int4', 'int8', 'int16', 'int32', 'int64', 'long', 'short', 'byteint', 'serial', 'bigserial', 'smallserial', 'uint8', 'uint16', 'uint32', 'uint64'].map((type) => [type, 'integer' as Family])),
  ...Object.fromEntries(['decimal', 'numeric', 'number', 'float', 'float4', 'float8', 'float32', 'float64', 'double', 'double precision', 'real', 'money', 'bignumeric', 'bigdecimal', 'smallmoney'].map((type) => [type, 'number' as Family])),
  ...Object.fromEntries(['boolean', 'bool', 'bit'].map((type) => [type, 'boolean' as Family])),
  date: 'date',
  ...Object.fromEntries(['timestamp', 'timestamp_ntz', 'timestamp_tz', 'timestamp_ltz', 'timestamptz', 'datetime', 'datetime2', 'smalldatetime', 'datetimeoffset', 'timestamp with time zone', 'timestamp without time zone'].map((type) => [type, 'timestamp' as Family])),
  ...Object.fromEntries(['time', 'timetz', 'time with time zone', 'time without time zone'].map((type) => [type, 'time' as Family])),
  ...Object.fromEntries(['struct', 'record', 'object', 'map', 'row'].map((type) => [type, 'object' as Family])),
  ...Object.fromEntries(['array', 'list', 'repeated'].map((type) => [type, 'array' as Family])),
  ...Object.fromEntries(['bytes', 'binary', 'varbinary', 'blob', 'bytea', 'fixed'].map((type) => [type, 'binary' as Family])),
  // Semi-structured types hold any value.
  ...Object.fromEntries(['json', 'jsonb', 'variant', 'super', 'any', 'geography', 'geometry'].map((type) => [type, 'any' as Family])),
};

/** The physical families each logical type accepts (ODCS logical types and DCS field types alike). */
const ACCEPTS: Record<string, Family[]> = {
  // ODCS has no binary logical type: its own examples describe `bytea` columns as strings (of encoded bytes).
  string: ['string', 'binary', 'any'],
  text: ['string', 'any'],
  varchar: ['string', 'any'],
  // NUMBER(38,0) and DECIMAL(p,0) are how Snowflake and Oracle store integers.
  integer: ['integer', 'number', 'any'],
  int: ['integer', 'number', 'any'],
  long: ['integer', 'number', 'any'],
  bigint: ['integer', 'number', 'any'],
  number: ['integer', 'number', 'any'],
  decimal: ['number', 'integer', 'any'],
  numeric: ['number', 'integer', 'any'],
  float: ['number', 'any'],
  double: ['number', 'any'],
  boolean: ['boolean', 'integer', 'any'],
  // ODCS v3.0 had no timestamp type: `logicalType: date` was how it described timestamps and times.
  date: ['date', 'timestamp', 'time', 'string', 'any'],
  timestamp: ['timestamp', 'date', 'string', 'any'],
  timestamp_tz: ['timestamp', 'string', 'any'],
  timestamp_ntz: ['timestamp', 'string', 'any'],
  time: ['time', 'timestamp', 'string', 'any'],
  object: ['object', 'any', 'string'],
  record: ['object', 'any'],
  struct: ['object', 'any'],
  map: ['object', 'any'],
  array: ['array', 'any', 'string'],
  bytes: ['binary', 'string', 'any'],
};

/** The family of a physical type, or undefined when the table does not know it. */
export function physicalFamily(physicalType: string): Family | undefined {
  const base = physicalType.toLowerCase().replace(/\s*\(.*$/s, '').replace(/<.*$/s, '').trim();
  return PHYSICAL[base];
}

function mismatch(logical: string, physical: string): boolean {
  const accepted = ACCEPTS[logical.toLowerCase()];
  const family = physicalFamily(physical);
  return accepted !== undefined && family !== undefined && !accepted.includes(family);
}

export function typeMismatches(contract: unknown, flavour: DataContractFlavour): DataContractProblem[] {
  const problems: DataContractProblem[] = [];
  for (const field of allFields(contract, flavour)) {
    const name = field.name ?? formatPath(field.path);
    if (flavour === 'odcs') {
      const { logicalType, physicalType } = field.node;
      if (typeof logicalType === 'string' && typeof physicalType === 'string' && mismatch(logicalType, physicalType)) {
        problems.push({
          rule: TYPE_MISMATCH_RULE,
          path: [...field.path, 'physicalType'],
          target: 'value',
          message: `\`${name}\` is \`logicalType: ${logicalType}\` but \`physicalType: ${physicalType}\`, which cannot hold ${article(logicalType)} value as such: consumers reading it as ${logicalType} break or must cast. Make the two types agree.`,
        });
      }
      continue;
    }
    const { type, config } = field.node;
    if (typeof type !== 'string' || !isNode(config)) continue;
    for (const [key, physical] of Object.entries(config)) {
      // avroLogicalType refines avroType (`timestamp-millis` on a `long`); it is not a type of its own.
      // With a logical type, Avro stores dates and timestamps as `int`/`long`: then `avroType` is only the encoding.
      if (key === 'avroType' && config.avroLogicalType !== undefined) continue;
      if (!key.endsWith('Type') || key === 'avroLogicalType' || typeof physical !== 'string' || !mismatch(type, physical)) continue;
      problems.push({
        rule: TYPE_MISMATCH_RULE,
        path: [...field.path, 'config', key],
        target: 'value',
        message: `\`${name}\` is \`type: ${type}\` but \`config.${key}: ${physical}\`, which cannot hold ${article(type)} value as such: consumers reading it as ${type} break or must cast. Make the two types agree.`,
      });
    }
  }
  return problems;
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`;
}
