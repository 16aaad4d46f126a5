/**
 * The OpenLineage export in the core: dataset naming per adapter as OpenLineage's naming conventions prescribe, and
 * the events of a small workspace with every facet, validated against the specification in ../shared/reference.
 */
import assert from 'node:assert/strict';
import { ColumnLineageBuilder, loadColumnTracer, type ColumnTracer } from '../../../server/src/core/lineage';
import {
  datasetId,
  DPLENS_PRODUCER,
  JOB_EVENT_SCHEMA_URL,
  openLineageEvents,
  openLineageNdjson,
  type JobEvent,
} from '../../../server/src/core/lineage/openlineage';
import type { Adapter } from '../../../server/src/core/config/dplens-config';
import { readConfigScopes } from '../../../server/src/core/config/config-scopes';
import { WorkspaceIndex } from '../../../server/src/core/project/workspace-index';
import { parseFixture } from '../../../server/src/core/rules/fixture';
import { openLineageValidator } from '../../helpers/openlineage-schema';
import { describeWithShared } from '../../helpers/shared';

const EVENT_TIME = '2026-01-02T03:04:05.000Z';

describe('OpenLineage dataset naming', () => {
  const relation = { database: 'analytics', schema: 'marts', identifier: 'fct_orders' };
  const cases: [Adapter, string, string][] = [
    ['bigquery', 'bigquery', 'analytics.marts.fct_orders'],
    ['snowflake', 'snowflake://{organization}-{account}', 'analytics.marts.fct_orders'],
    ['postgres', 'postgres://{host}:{port}', 'analytics.marts.fct_orders'],
    ['redshift', 'redshift://{cluster_identifier}.{region}:{port}', 'analytics.marts.fct_orders'],
    ['trino', 'trino://{host}:{port}', 'analytics.marts.fct_orders'],
    ['databricks', 'databricks://{host}', 'analytics.marts.fct_orders'],
    ['duckdb', 'duckdb://{path}', 'analytics.marts.fct_orders'],
    ['spark', 'hive://{host}:{port}', 'marts.fct_orders'],
  ];
  for (const [adapter, namespace, name] of cases) {
    it(`names a ${adapter} relation ${namespace} / ${name}`, () => {
      assert.deepEqual(datasetId(adapter, relation), { namespace, name });
    });
  }

  it('writes placeholders for a database and schema nobody gave, and takes a namespace given outright', () => {
    assert.deepEqual(datasetId('bigquery', { identifier: 'stg_orders' }), { namespace: 'bigquery', name: '{database}.{schema}.stg_orders' });
    assert.deepEqual(datasetId('postgres', relation, 'postgres://db.internal:5432'), { namespace: 'postgres://db.internal:5432', name: 'analytics.marts.fct_orders' });
  });
});

const WORKSPACE = `
  # @file dplens.yml
  adapter: snowflake
  target:
    database: ANALYTICS
    schema: dbt
  # @file models/_sources.yml
  version: 2
  sources:
    - name: shop
      database: RAW
      schema: shop
      tables:
        - name: orders
          columns: [{ name: id }, { name: customer_id }, { name: amount_cents }, { name: status }]
  # @file seeds/country_codes.csv
  code,name
  DE,Germany
  -- @file models/stg_orders.sql
  select id as order_id, customer_id, status, amount_cents / 100.0 as amount from {{ source('shop', 'orders') }}
  -- @file models/fct_orders.sql
  {{ config(materialized='table') }}
  select o.order_id, o.amount, c.name as country
  from {{ ref('stg_orders') }} o
  left join {{ ref('country_codes') }} c on c.code = o.status
  # @file models/_models.yml
  version: 2
  models:
    - name: fct_orders
      description: One row per order.
      meta:
        owner: team:finance
      columns:
        - name: order_id
          data_type: varchar
          description: The order.
        - name: amount
          data_type: number(12,2)
        - name: country
          data_type: varchar
`;

function indexOf(source: string): WorkspaceIndex {
  const files = parseFixture(source).files;
  const scopes = readConfigScopes(files);
  return WorkspaceIndex.build(files, { config: scopes.root, configFor: (root) => scopes.byProjectRoot.get(root) });
}

describe('OpenLineage events', function () {
  this.timeout(60000);
  let tracer: ColumnTracer;
  let events: JobEvent[];
  const event = (job: string) => events.find((candidate) => candidate.job.name === job)!;

  before(async () => {
    tracer = await loadColumnTracer();
    const index = indexOf(WORKSPACE);
    events = openLineageEvents(index, index.nodes(), { eventTime: EVENT_TIME, columns: new ColumnLineageBuilder(index, tracer) });
  });

  it('gives one JobEvent per node dbt builds, ordered by job name, with the time it was given', () => {
    assert.deepEqual(events.map((candidate) => candidate.job.name), ['model.fixture.fct_orders', 'model.fixture.stg_orders', 'seed.fixture.country_codes']);
    for (const candidate of events) {
      assert.deepEqual(Object.keys(candidate), ['eventTime', 'producer', 'schemaURL', 'job', 'inputs', 'outputs']);
      assert.equal(candidate.eventTime, EVENT_TIME);
      assert.equal(candidate.producer, DPLENS_PRODUCER);
      assert.equal(candidate.schemaURL, JOB_EVENT_SCHEMA_URL);
      assert.equal(candidate.job.namespace, 'dbt');
    }
  });

  it('names inputs and outputs by the adapter, the source declarations and dplens.yml target', () => {
    assert.deepEqual(event('model.fixture.stg_orders').inputs, [{ namespace: 'snowflake://{organization}-{account}', name: 'RAW.shop.orders' }]);
    assert.deepEqual(event('model.fixture.fct_orders').inputs.map((input) => input.name), ['ANALYTICS.dbt.country_codes', 'ANALYTICS.dbt.stg_orders']);
    const output = event('model.fixture.fct_orders').outputs[0];
    assert.equal(output.name, 'ANALYTICS.dbt.fct_orders');
    assert.deepEqual(event('seed.fixture.country_codes').inputs, []);
  });

  it('describes the output: types and descriptions, documentation, owner and materialization', () => {
    const { facets } = event('model.fixture.fct_orders').outputs[0];
    assert.deepEqual(facets.schema!.fields, [
      { name: 'order_id', type: 'varchar', description: 'The order.', ordinal_position: 1 },
      { name: 'amount', type: 'number(12,2)', ordinal_position: 2 },
      { name: 'country', type: 'varchar', ordinal_position: 3 },
    ]);
    assert.equal(facets.documentation!.description, 'One row per order.');
    assert.deepEqual(facets.ownership!.owners, [{ name: 'team:finance' }]);
    assert.equal(facets.datasetType.datasetType, 'TABLE');
    assert.equal(event('model.fixture.stg_orders').outputs[0].facets.datasetType.datasetType, 'VIEW');
    assert.deepEqual(event('seed.fixture.country_codes').outputs[0].facets.datasetType.subType, 'SEED');
    // Without properties, the schema falls back to the traced columns (no types) or the seed's header.
    assert.deepEqual(event('model.fixture.stg_orders').outputs[0].facets.schema!.fields.map((field) => field.name), ['order_id', 'customer_id', 'status', 'amount']);
    assert.deepEqual(event('seed.fixture.country_codes').outputs[0].facets.schema!.fields.map((field) => field.name), ['code', 'name']);
  });

  it('carries the job type and the SQL as written', () => {
    const { facets } = event('model.fixture.fct_orders').job;
    assert.deepEqual({ ...facets.jobType, _producer: undefined, _schemaURL: undefined }, { _producer: undefined, _schemaURL: undefined, processingType: 'BATCH', integration: 'DBT', jobType: 'MODEL' });
    assert.match(facets.sql!.query, /\{\{ ref\('stg_orders'\) \}\}/);
    assert.equal(facets.sql!.dialect, 'snowflake');
    assert.equal(event('seed.fixture.country_codes').job.facets.sql, undefined);
    assert.equal(event('seed.fixture.country_codes').job.facets.jobType.jobType, 'SEED');
  });

  it('maps pass-through and rename to IDENTITY and an expression to TRANSFORMATION', () => {
    const fields = event('model.fixture.stg_orders').outputs[0].facets.columnLineage!.fields;
    const input = (column: string) => fields[column].inputFields.map((field) => `${field.name}.${field.field} ${field.transformations.map((t) => `${t.type}/${t.subtype}${t.description ? ` (${t.description})` : ''}`).join(',')}`);
    assert.deepEqual(input('order_id'), ['RAW.shop.orders.id DIRECT/IDENTITY (renamed from id)']);
    assert.deepEqual(input('customer_id'), ['RAW.shop.orders.customer_id DIRECT/IDENTITY']);
    assert.deepEqual(input('amount'), ['RAW.shop.orders.amount_cents DIRECT/TRANSFORMATION']);
    const fct = event('model.fixture.fct_orders').outputs[0].facets.columnLineage!.fields;
    assert.deepEqual(fct.country.inputFields.map((field) => [field.name, field.field]), [['ANALYTICS.dbt.country_codes', 'name']]);
  });

  it('leaves out columns that could not be traced rather than claiming they read nothing', () => {
    const index = indexOf(`
      -- @file models/broken.sql
      select from where
    `);
    const [broken] = openLineageEvents(index, index.nodes(), { eventTime: EVENT_TIME, columns: new ColumnLineageBuilder(index, tracer) });
    assert.equal(broken.job.name, 'model.fixture.broken');
    assert.equal(broken.outputs[0].facets.columnLineage, undefined);
  });

  it('is deterministic and prints one event a line', () => {
    const index = indexOf(WORKSPACE);
    const again = openLineageEvents(index, [...index.nodes()].reverse(), { eventTime: EVENT_TIME, columns: new ColumnLineageBuilder(index, tracer) });
    const text = openLineageNdjson(again);
    assert.equal(text, openLineageNdjson(events));
    assert.deepEqual(text.trimEnd().split('\n').map((line) => JSON.parse(line)), JSON.parse(JSON.stringify(events)));
  });

  describeWithShared('against the OpenLineage 2-0-2 schemas', () => {
    it('validates every event and each facet against its own schema', () => {
      const validator = openLineageValidator();
      const seen = new Set<string>();
      for (const candidate of events) for (const key of validator.assertValid(JSON.parse(JSON.stringify(candidate)))) seen.add(key);
      assert.deepEqual([...seen].sort(), ['dataset.columnLineage', 'dataset.datasetType', 'dataset.documentation', 'dataset.ownership', 'dataset.schema', 'job.jobType', 'job.sql']);
    });
  });
});
