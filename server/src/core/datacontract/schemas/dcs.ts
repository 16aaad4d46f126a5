/**
 * The Data Contract Specification 1.x (datacontract/datacontract-specification), one schema per
 * `dataContractSpecification` version, written here from the specification (read, not copied).
 *
 * The specification leaves most mappings open (extension keys are allowed almost everywhere), so these schemas
 * type the known keys and require what the specification requires, and leave unknown keys alone.
 */
import { anything, atLeast, bool, int, list, num, oneOfValues, open, ref, str, strings, when, type JsonSchema } from './common';

export const DCS_VERSIONS = ['1.1.0', '1.2.0', '1.2.1'] as const;
export type DcsVersion = (typeof DCS_VERSIONS)[number];

/** Versions before 1.0 that upstream's current schema still accepts: their files are checked against the latest schema. */
export const DCS_LEGACY_VERSIONS = ['0.9.3', '0.9.2', '0.9.1', '0.9.0'] as const;

const FIELD_TYPES_1_1 = ['number', 'decimal', 'numeric', 'int', 'integer', 'long', 'bigint', 'float', 'double', 'string', 'text', 'varchar', 'boolean', 'timestamp', 'timestamp_tz', 'timestamp_ntz', 'date', 'array', 'map', 'object', 'record', 'struct', 'bytes', 'null'];
const FIELD_TYPES_1_2 = [...FIELD_TYPES_1_1.slice(0, 17), 'time', ...FIELD_TYPES_1_1.slice(17, -1), 'variant', 'json', 'null'];
const SERVER_TYPES_1_1 = ['bigquery', 'BigQuery', 's3', 'sftp', 'redshift', 'azure', 'sqlserver', 'snowflake', 'databricks', 'dataframe', 'glue', 'postgres', 'oracle', 'kafka', 'pubsub', 'kinesis', 'trino', 'local'];

const FILE_FORMATS = ['parquet', 'delta', 'json', 'csv'];
const DELIMITERS = ['new_line', 'array'];

/** What each server type requires, and the typed keys it has beside them. */
const SERVERS: Record<string, { required: string[]; properties?: Record<string, JsonSchema> }> = {
  bigquery: { required: ['project', 'dataset'] },
  postgres: { required: ['host', 'port', 'database', 'schema'], properties: { port: int } },
  s3: { required: ['location'], properties: { format: oneOfValues(FILE_FORMATS), delimiter: oneOfValues(DELIMITERS) } },
  sftp: { required: ['location'], properties: { location: { type: 'string', pattern: '^sftp://' }, format: oneOfValues(FILE_FORMATS), delimiter: oneOfValues(DELIMITERS) } },
  redshift: { required: ['account', 'database', 'schema'], properties: { port: int } },
  azure: { required: ['location', 'format'], properties: { format: oneOfValues(FILE_FORMATS), delimiter: oneOfValues(DELIMITERS) } },
  sqlserver: { required: ['host', 'database', 'schema'], properties: { port: int } },
  snowflake: { required: ['account', 'database', 'schema'] },
  databricks: { required: ['catalog', 'schema'] },
  glue: { required: ['account', 'database'] },
  oracle: { required: ['host', 'port', 'serviceName'], properties: { port: int } },
  kafka: { required: ['host', 'topic'] },
  pubsub: { required: ['project', 'topic'] },
  kinesis: { required: ['stream'] },
  trino: { required: ['host', 'port', 'catalog', 'schema'], properties: { port: int } },
  clickhouse: { required: ['host', 'port', 'database'], properties: { port: int } },
  local: { required: ['path', 'format'] },
};

export function dcsSchema(version: DcsVersion): JsonSchema {
  const v12 = atLeast(version, '1.2.0');
  const links: JsonSchema = { type: 'object', additionalProperties: str };
  const fieldConstraints: Record<string, JsonSchema> = {
    type: ref('FieldType'),
    fields: { type: 'object', title: 'the fields', dplensNamed: 'field', additionalProperties: ref('Field') },
    items: ref('Field'),
    keys: ref('Field'),
    values: ref('Field'),
    minLength: int,
    maxLength: int,
    format: str,
    precision: num,
    scale: num,
    pattern: str,
    minimum: num,
    exclusiveMinimum: num,
    maximum: num,
    exclusiveMaximum: num,
    example: str,
    examples: list(anything),
    pii: bool,
    classification: str,
    tags: strings,
    links,
  };
  const field = open('a field', {
    ...fieldConstraints,
    title: str,
    description: str,
    required: bool,
    primary: bool,
    primaryKey: bool,
    references: str,
    unique: bool,
    enum: list(str, { uniqueItems: true }),
    $ref: str,
    quality: list(ref('Quality')),
    lineage: open('the lineage', { inputFields: list(open('an input field', { namespace: str, name: str, field: str }, { required: ['namespace', 'name', 'field'] })), transformationDescription: str, transformationType: str }, { required: ['inputFields'] }),
    config: { type: 'object' },
  });
  const serverTypes = v12 ? Object.keys(SERVERS) : Object.keys(SERVERS).filter((type) => type !== 'clickhouse');
  const server = open('a server', { type: v12 ? str : oneOfValues(SERVER_TYPES_1_1), description: str, environment: str, roles: list(open('a role', { name: str, description: str }, { required: ['name'] })) }, {
    required: ['type'],
    allOf: serverTypes.map((type) => when('type', type, { required: SERVERS[type].required, ...(SERVERS[type].properties ? { properties: SERVERS[type].properties } : {}) })),
  });
  const operators: Record<string, JsonSchema> = {
    mustBe: anything,
    mustNotBe: anything,
    mustBeGreaterThan: num,
    mustBeGreaterOrEqualTo: num,
    mustBeGreaterThanOrEqualTo: num,
    mustBeLessThan: num,
    mustBeLessOrEqualTo: num,
    mustBeLessThanOrEqualTo: num,
    mustBeBetween: list(num, { minItems: 2, maxItems: 2 }),
    mustNotBeBetween: list(num, { minItems: 2, maxItems: 2 }),
  };
  const quality = open('a quality check', { type: oneOfValues(['text', 'library', 'sql', 'custom']), description: str }, {
    allOf: [
      when('type', 'text', { required: ['description'] }),
      when('type', 'sql', { required: ['query'], properties: { query: str, dialect: str, ...operators } }),
      when('type', 'library', { required: ['metric'], properties: { metric: str, rule: str, arguments: { type: 'object' }, ...operators } }),
      when('type', 'custom', { required: ['engine'], properties: { engine: str, implementation: { type: ['object', 'array', 'string'] } } }),
    ],
  });
  const model = open('a model', {
    description: str,
    type: oneOfValues(['table', 'view', 'object']),
    title: str,
    fields: { type: 'object', title: 'the fields', dplensNamed: 'field', additionalProperties: ref('Field') },
    primaryKey: strings,
    quality: list(ref('Quality')),
    examples: list(anything),
    ...(v12 ? { additionalFields: bool } : {}),
    config: { type: 'object' },
  });
  const period = (properties: Record<string, JsonSchema>) => open('a service level', properties);
  return {
    $comment: `Data Contract Specification ${version}, written for Data Platform Lens.`,
    type: 'object',
    title: 'a data contract',
    required: ['dataContractSpecification', 'id', 'info'],
    properties: {
      // As upstream, a schema accepts the versions before its own, back to 0.9.0 (decision 0011).
      dataContractSpecification: oneOfValues([...DCS_VERSIONS.filter((earlier) => atLeast(version, earlier)), ...DCS_LEGACY_VERSIONS].reverse()),
      id: str,
      info: open('the info', { title: str, version: str, status: str, description: str, owner: str, contact: open('the contact', { name: str, url: str, email: str }) }, { required: ['title', 'version'] }),
      servers: { type: 'object', title: 'the servers', dplensNamed: 'server', additionalProperties: server },
      terms: open('the terms', { usage: str, limitations: str, policies: list({ type: 'object' }), billing: str, noticePeriod: str }),
      models: { type: 'object', title: 'the models', dplensNamed: 'model', additionalProperties: model },
      definitions: { type: 'object', title: 'the definitions', dplensNamed: 'definition', additionalProperties: open('a definition', { ...fieldConstraints, domain: str, name: str, title: str, description: str }, { required: ['type'] }) },
      servicelevels: open('the service levels', {
        availability: period({ description: str, percentage: { type: 'string', pattern: '^\\d+(\\.\\d+)?%$' } }),
        retention: period({ description: str, period: str, unlimited: bool, timestampField: str }),
        latency: period({ description: str, threshold: str, sourceTimestampField: str, processedTimestampField: str }),
        freshness: period({ description: str, threshold: str, timestampField: str }),
        frequency: period({ description: str, type: oneOfValues(['batch', 'micro-batching', 'streaming', 'manual']), interval: str, cron: str }),
        support: period({ description: str, time: str, responseTime: str }),
        backup: period({ description: str, interval: str, cron: str, recoveryTime: str, recoveryPoint: str }),
      }),
      links,
      tags: strings,
    },
    definitions: {
      FieldType: oneOfValues(v12 ? FIELD_TYPES_1_2 : FIELD_TYPES_1_1),
      Field: field,
      Quality: quality,
    },
  };
}
