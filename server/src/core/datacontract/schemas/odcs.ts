/**
 * The Open Data Contract Standard v3 (bitol-io/open-data-contract-standard), one schema per `apiVersion`, written
 * here from the standard's documentation and published schemas (read, not copied: the product never loads them).
 *
 * Upstream writes draft 2019-09 with `unevaluatedProperties: false`; these schemas are draft 7 for ajv's standalone
 * compiler, so each closed mapping lists its keys (`additionalProperties: false`). Where upstream closes a mapping
 * only through the branch of an `if`, the union of the branches' keys is allowed (a server's connection keys, a
 * quality check's keys), and a property may hold `properties` and `items` whatever its logical type.
 */
import { anything, atLeast, bool, int, list, num, oneOfValues, open, ref, str, strict, strings, when, type JsonSchema } from './common';

export const ODCS_VERSIONS = ['v3.0.0', 'v3.0.1', 'v3.0.2', 'v3.1.0'] as const;
export type OdcsVersion = (typeof ODCS_VERSIONS)[number];

const SERVER_TYPES_3_0 = ['api', 'athena', 'azure', 'bigquery', 'clickhouse', 'databricks', 'denodo', 'dremio', 'duckdb', 'glue', 'cloudsql', 'db2', 'informix', 'kafka', 'kinesis', 'local', 'mysql', 'oracle', 'postgresql', 'postgres', 'presto', 'pubsub', 'redshift', 's3', 'sftp', 'snowflake', 'sqlserver', 'synapse', 'trino', 'vertica', 'custom'];
const SERVER_TYPES_3_1 = [...SERVER_TYPES_3_0.slice(0, -1), 'hive', 'impala', 'zen', 'custom'];

/** The connection keys each server type requires; `port` is a whole number wherever it appears. */
const SERVER_REQUIRED: Record<string, string[]> = {
  api: ['location'],
  athena: ['stagingDir', 'schema'],
  azure: ['location', 'format'],
  bigquery: ['project', 'dataset'],
  clickhouse: ['host', 'port', 'database'],
  databricks: ['catalog', 'schema'],
  denodo: ['host', 'port'],
  dremio: ['host', 'port'],
  duckdb: ['database'],
  glue: ['account', 'database'],
  cloudsql: ['host', 'port', 'database', 'schema'],
  db2: ['host', 'port', 'database'],
  hive: ['host', 'database'],
  impala: ['host', 'database'],
  informix: ['host', 'database'],
  zen: ['host', 'database'],
  kafka: ['host'],
  local: ['path', 'format'],
  mysql: ['host', 'port', 'database'],
  oracle: ['host', 'port', 'serviceName'],
  postgresql: ['host', 'port', 'database', 'schema'],
  postgres: ['host', 'port', 'database', 'schema'],
  presto: ['host'],
  pubsub: ['project'],
  redshift: ['database', 'schema'],
  s3: ['location'],
  sftp: ['location'],
  snowflake: ['account', 'database', 'schema'],
  sqlserver: ['host', 'database', 'schema'],
  synapse: ['host', 'port', 'database'],
  trino: ['host', 'port', 'catalog', 'schema'],
  vertica: ['host', 'port', 'database', 'schema'],
};

const CONNECTION_KEYS = ['account', 'catalog', 'database', 'dataset', 'delimiter', 'endpointUrl', 'format', 'host', 'location', 'path', 'project', 'region', 'regionName', 'schema', 'serviceName', 'stagingDir', 'warehouse', 'stream'];

const LOGICAL_TYPES_3_0 = ['string', 'date', 'number', 'integer', 'object', 'array', 'boolean'];
const LOGICAL_TYPES_3_1 = ['string', 'date', 'timestamp', 'time', 'number', 'integer', 'object', 'array', 'boolean'];

const DIMENSIONS = ['accuracy', 'completeness', 'conformity', 'consistency', 'coverage', 'timeliness', 'uniqueness'];
const LIBRARY_METRICS = ['nullValues', 'missingValues', 'invalidValues', 'duplicateValues', 'rowCount'];

export function odcsSchema(version: OdcsVersion): JsonSchema {
  const v31 = atLeast(version, 'v3.1.0');
  const v301 = atLeast(version, 'v3.0.1');
  const v302 = atLeast(version, 'v3.0.2');
  // 3.1.0 closed most mappings and gave every object an optional stable `id`.
  const closed = (title: string, properties: Record<string, JsonSchema>, extra: JsonSchema = {}) =>
    v31 ? strict(title, { id: ref('StableId'), ...properties }, extra) : open(title, properties, extra);

  const element: Record<string, JsonSchema> = {
    name: str,
    physicalType: str,
    description: str,
    businessName: str,
    authoritativeDefinitions: ref('AuthoritativeDefinitions'),
    tags: strings,
    customProperties: ref('CustomProperties'),
    ...(v31 ? { id: ref('StableId') } : {}),
  };

  // Before 3.1.0 the exclusive bounds were flags beside `minimum`/`maximum`; since, they are bounds themselves.
  const exclusiveNumber = v31 ? num : bool;
  const exclusiveDate = v31 ? str : bool;
  const options = (title: string, properties: Record<string, JsonSchema>) => strict(`\`logicalTypeOptions\` of ${title}`, properties);
  const dateOptions = { format: str, minimum: str, maximum: str, exclusiveMinimum: exclusiveDate, exclusiveMaximum: exclusiveDate };
  const numberOptions = { multipleOf: { type: 'number', exclusiveMinimum: 0 }, minimum: num, maximum: num, exclusiveMinimum: exclusiveNumber, exclusiveMaximum: exclusiveNumber };
  const logicalTypeOptions: [string, JsonSchema][] = [
    ['string', options('a string', { minLength: { type: 'integer', minimum: 0 }, maxLength: { type: 'integer', minimum: 0 }, pattern: str, format: str })],
    ['date', options('a date', dateOptions)],
    ...(v31
      ? ([
          ['timestamp', options('a timestamp', { ...dateOptions, timezone: bool, defaultTimezone: str })],
          ['time', options('a time', { ...dateOptions, timezone: bool, defaultTimezone: str })],
        ] as [string, JsonSchema][])
      : []),
    ['integer', options('an integer', { ...numberOptions, format: oneOfValues(['i8', 'i16', 'i32', 'i64', 'i128', 'u8', 'u16', 'u32', 'u64', 'u128']) })],
    ['number', options('a number', { ...numberOptions, format: oneOfValues(['f32', 'f64']) })],
    ['object', options('an object', { maxProperties: { type: 'integer', minimum: 0 }, minProperties: { type: 'integer', minimum: 0 }, required: list(str, { minItems: 1, uniqueItems: true }) })],
    ['array', options('an array', { maxItems: { type: 'integer', minimum: 0 }, minItems: { type: 'integer', minimum: 0 }, uniqueItems: bool })],
  ];

  const propertyKeys: Record<string, JsonSchema> = {
    ...element,
    primaryKey: bool,
    primaryKeyPosition: int,
    logicalType: oneOfValues(v31 ? LOGICAL_TYPES_3_1 : LOGICAL_TYPES_3_0),
    logicalTypeOptions: { type: 'object' },
    ...(v302 ? { physicalName: str } : {}),
    required: bool,
    unique: bool,
    partitioned: bool,
    partitionKeyPosition: int,
    classification: str,
    encryptedName: str,
    transformSourceObjects: strings,
    transformLogic: str,
    transformDescription: str,
    examples: list(anything),
    criticalDataElement: bool,
    quality: ref('DataQualityChecks'),
    properties: list(ref('SchemaProperty')),
    items: ref('SchemaItemProperty'),
    ...(v31 ? { relationships: list(ref('RelationshipPropertyLevel')) } : {}),
  };
  const byLogicalType = { allOf: logicalTypeOptions.map(([type, schema]) => when('logicalType', type, { properties: { logicalTypeOptions: schema } })) };

  const serverKeys: Record<string, JsonSchema> = {
    server: str,
    type: oneOfValues(v31 ? SERVER_TYPES_3_1 : SERVER_TYPES_3_0),
    description: str,
    environment: str,
    roles: list(ref('Role')),
    customProperties: ref('CustomProperties'),
    ...Object.fromEntries(CONNECTION_KEYS.map((key) => [key, str])),
    port: int,
  };
  const serverTypes = v31 ? SERVER_TYPES_3_1 : SERVER_TYPES_3_0;
  const server = closed('a server', serverKeys, {
    required: ['server', 'type'],
    allOf: serverTypes.filter((type) => SERVER_REQUIRED[type]).map((type) => when('type', type, { required: SERVER_REQUIRED[type] })),
  });

  const operators: Record<string, JsonSchema> = {
    mustBe: anything,
    mustNotBe: anything,
    mustBeGreaterThan: num,
    mustBeGreaterOrEqualTo: num,
    mustBeLessThan: num,
    mustBeLessOrEqualTo: num,
    mustBeBetween: list(num, { minItems: 2, uniqueItems: true }),
    mustNotBeBetween: list(num, { minItems: 2, uniqueItems: true }),
  };
  const qualityKeys: Record<string, JsonSchema> = {
    authoritativeDefinitions: ref('AuthoritativeDefinitions'),
    businessImpact: str,
    customProperties: v31 ? ref('CustomProperties') : list(ref('CustomProperty')),
    description: str,
    dimension: oneOfValues(DIMENSIONS),
    method: str,
    name: str,
    schedule: str,
    scheduler: str,
    severity: str,
    tags: strings,
    type: oneOfValues(['text', 'library', 'sql', 'custom']),
    unit: str,
    rule: str,
    ...(v31 ? { metric: oneOfValues(LIBRARY_METRICS), arguments: { type: 'object' } } : {}),
    ...operators,
    query: str,
    engine: str,
    implementation: { type: ['string', 'object'] },
  };
  // 3.0.x reads a check without `type` as a library check, which needs a `rule`; 3.1.0 names it `metric`, and
  // treats a check as a library check when it says so or has a metric.
  const library: JsonSchema = v31
    ? { if: { anyOf: [{ properties: { type: { const: 'library' } }, required: ['type'] }, { required: ['metric'] }] }, then: { required: ['metric'] } }
    : when('type', 'library', { required: ['rule'] }, false);
  const quality = closed('a quality check', qualityKeys, {
    allOf: [library, when('type', 'sql', { required: ['query'] }), when('type', 'custom', { required: ['engine', 'implementation'] })],
  });

  const teamMember = closed('a team member', {
    username: str,
    name: str,
    description: str,
    role: str,
    dateIn: str,
    dateOut: str,
    replacedByUsername: str,
    ...(v31 ? { tags: strings, customProperties: ref('CustomProperties'), authoritativeDefinitions: ref('AuthoritativeDefinitions') } : {}),
  }, v31 ? { required: ['username'] } : {});
  const definitions: Record<string, JsonSchema> = {
    StableId: { type: 'string', pattern: '^[A-Za-z0-9_-]+$' },
    Server: server,
    SchemaObject: strict('a schema object', {
      ...element,
      logicalType: oneOfValues(['object']),
      physicalName: str,
      dataGranularityDescription: str,
      properties: list(ref('SchemaProperty')),
      quality: ref('DataQualityChecks'),
      ...(v31 ? { relationships: list(ref('RelationshipSchemaLevel')) } : {}),
    }, { required: ['name'] }),
    SchemaProperty: strict('a property', propertyKeys, { required: ['name'], ...byLogicalType }),
    SchemaItemProperty: strict('an array\'s items', propertyKeys, byLogicalType),
    DataQualityChecks: list(ref('DataQuality')),
    DataQuality: quality,
    AuthoritativeDefinitions: list(closed('an authoritative definition', { url: str, type: str, ...(v31 ? { description: str } : {}) }, { required: ['url', 'type'] })),
    Support: list(ref('SupportItem')),
    SupportItem: closed('a support channel', { channel: str, url: str, description: str, tool: str, scope: str, invitationUrl: str, ...(v31 ? { customProperties: ref('CustomProperties') } : {}) }, { required: v31 ? ['channel'] : ['channel', 'url'] }),
    Pricing: closed('a price', { priceAmount: num, priceCurrency: str, priceUnit: str }),
    TeamMember: teamMember,
    Role: closed('a role', { role: str, description: str, access: str, firstLevelApprovers: str, secondLevelApprovers: str, customProperties: ref('CustomProperties') }, { required: ['role'] }),
    ServiceLevelAgreementProperty: closed('a service-level property', {
      property: str,
      value: { type: ['string', 'number', 'integer', 'boolean', 'null'] },
      valueExt: { type: ['string', 'number', 'integer', 'boolean', 'null'] },
      unit: str,
      element: str,
      driver: str,
      ...(v31 ? { description: str, scheduler: str, schedule: str } : {}),
    }, { required: ['property', 'value'] }),
    CustomProperties: list(ref('CustomProperty')),
    CustomProperty: closed('a custom property', { property: str, value: anything, ...(v31 ? { description: str } : {}) }, v31 ? { required: ['property', 'value'] } : {}),
  };
  if (v31) {
    const reference: JsonSchema = { anyOf: [str, list(str, { minItems: 1 })] };
    const relationship = (title: string, required: string[], properties: Record<string, JsonSchema>) =>
      strict(title, { type: oneOfValues(['foreignKey']), to: reference, customProperties: ref('CustomProperties'), ...properties }, { required });
    definitions.RelationshipSchemaLevel = relationship('a relationship', ['from', 'to'], { from: reference });
    // At property level `from` is the property itself, so it is not a key there.
    definitions.RelationshipPropertyLevel = relationship('a property\'s relationship', ['to'], {});
    definitions.Team = strict('a team', { id: ref('StableId'), name: str, description: str, members: list(ref('TeamMember')), tags: strings, customProperties: ref('CustomProperties'), authoritativeDefinitions: ref('AuthoritativeDefinitions') });
  }

  return {
    $comment: `Open Data Contract Standard ${version}, written for Data Platform Lens.`,
    type: 'object',
    title: 'a data contract',
    additionalProperties: false,
    required: ['version', 'apiVersion', 'kind', 'id', 'status'],
    properties: {
      version: str,
      kind: oneOfValues(['DataContract']),
      // As upstream, a schema accepts the versions before its own: a v3.0.x contract can be checked against v3.1.0.
      apiVersion: oneOfValues(ODCS_VERSIONS.filter((earlier) => atLeast(version, earlier))),
      id: str,
      name: str,
      tenant: str,
      tags: strings,
      status: str,
      servers: list(ref('Server')),
      dataProduct: str,
      description: open('the description', { usage: str, purpose: str, limitations: str, ...(v301 ? { authoritativeDefinitions: ref('AuthoritativeDefinitions'), customProperties: ref('CustomProperties') } : {}) }),
      domain: str,
      schema: list(ref('SchemaObject')),
      support: ref('Support'),
      price: ref('Pricing'),
      team: v31 ? { anyOf: [ref('Team'), list(ref('TeamMember'))] } : list(ref('TeamMember')),
      roles: list(ref('Role')),
      slaDefaultElement: str,
      slaProperties: list(ref('ServiceLevelAgreementProperty')),
      ...(v301 ? { authoritativeDefinitions: ref('AuthoritativeDefinitions') } : {}),
      customProperties: ref('CustomProperties'),
      contractCreatedTs: str,
    },
    definitions,
  };
}
