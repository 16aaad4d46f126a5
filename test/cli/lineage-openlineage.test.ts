/**
 * `dplens lineage --format openlineage` on examples/demo: the export validates against the OpenLineage 2-0-2 schemas
 * in ../shared/reference, names BigQuery datasets as OpenLineage's naming conventions prescribe, and round-trips:
 * reading the events back gives the model-level edges and the column lineage of `dplens lineage --format json`.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseCommandLine, UsageError, type LineageArgs } from '../../server/src/cli/args';
import { CliError } from '../../server/src/cli/check-command';
import { indexForCommand } from '../../server/src/cli/command-index';
import { runLineage } from '../../server/src/cli/lineage-command';
import { datasetId, type JobEvent } from '../../server/src/core/lineage/openlineage';
import { openLineageValidator } from '../helpers/openlineage-schema';
import { describeWithShared } from '../helpers/shared';

const REPO = path.resolve(__dirname, '..', '..');

/** The demo's target, as dplens.yml states it: the index never reads the project and dataset from profiles.yml. */
const CONFIG = 'adapter: bigquery\ntarget:\n  database: lens-outfitters-analytics\n  schema: analytics\n';

function parse(argv: string[]): LineageArgs {
  return parseCommandLine(['lineage', ...argv]) as LineageArgs;
}

function events(output: string): JobEvent[] {
  assert.ok(output.endsWith('\n'), 'one event a line, each ended by a newline');
  return output.trimEnd().split('\n').map((line) => JSON.parse(line));
}

interface ColumnEntry {
  node: string;
  column: string;
  from: { node: string; column: string; transform: string }[];
}

describe('dplens lineage --format openlineage', function () {
  this.timeout(120000);
  let config: string;
  let all: JobEvent[];

  before(async () => {
    config = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dplens-openlineage-')), 'dplens.yml');
    fs.writeFileSync(config, CONFIG);
    all = events(await runLineage(parse(['*', 'examples/demo', '--format', 'openlineage', '--config', config]), REPO));
  });

  after(() => fs.rmSync(path.dirname(config), { recursive: true, force: true }));

  it('parses its options: no MODEL means every model, and the namespaces are only for this format', () => {
    assert.deepEqual(parse(['--format', 'openlineage']), { command: 'lineage', model: '*', path: '.', upstream: undefined, downstream: undefined, columns: false, format: 'openlineage', config: undefined, target: undefined });
    assert.deepEqual(parse(['fct_orders', '--format', 'openlineage', '--namespace', 'bq', '--job-namespace', 'prod']).namespace, 'bq');
    assert.deepEqual(parse(['fct_orders', '--format', 'openlineage', '--job-namespace', 'prod']).jobNamespace, 'prod');
    assert.throws(() => parse([]), UsageError);
    assert.throws(() => parse(['*', '--format', 'json']), UsageError);
    assert.throws(() => parse(['fct_orders', '--namespace', 'bq']), UsageError);
  });

  it('prints one JobEvent per model, snapshot and seed of the demo', () => {
    const index = indexForCommand({ path: 'examples/demo', config }, REPO).index;
    const built = [...index.nodes()].filter((node) => node.enabled && ['model', 'snapshot', 'seed'].includes(node.resourceType)).map((node) => node.uniqueId).sort();
    assert.deepEqual(all.map((event) => event.job.name), built);
    for (const event of all) assert.equal((event as unknown as { run?: unknown }).run, undefined, 'static lineage has no run');
  });

  it('names datasets as the naming conventions prescribe for BigQuery: bigquery, {project}.{dataset}.{table}', () => {
    const event = all.find((candidate) => candidate.job.name === 'model.lens_outfitters.stg_shop__orders')!;
    assert.deepEqual(event.inputs, [{ namespace: 'bigquery', name: 'lens-outfitters-raw.raw_shop.orders' }]);
    assert.equal(event.outputs[0].namespace, 'bigquery');
    // dbt's generate_schema_name: the target schema, then `_` and the folder's +schema.
    assert.equal(event.outputs[0].name, 'lens-outfitters-analytics.analytics_staging.stg_shop__orders');
    const mart = all.find((candidate) => candidate.job.name === 'model.lens_outfitters.fct_orders')!;
    assert.equal(mart.outputs[0].name, 'lens-outfitters-analytics.analytics_core.fct_orders');
    for (const candidate of all) {
      for (const dataset of [...candidate.inputs, ...candidate.outputs]) {
        assert.equal(dataset.namespace, 'bigquery');
        assert.match(dataset.name, /^[a-z0-9-]+\.[a-z0-9_]+\.[a-z0-9_]+$/, `${dataset.name} is project.dataset.table`);
      }
    }
  });

  it('without a target, writes placeholders for the project and dataset, and takes --namespace', async () => {
    const [event] = events(await runLineage(parse(['stg_shop__orders', 'examples/demo', '--upstream', '0', '--downstream', '0', '--format', 'openlineage', '--namespace', 'bigquery-eu']), REPO));
    assert.deepEqual(event.outputs.map((output) => [output.namespace, output.name]), [['bigquery-eu', '{database}.{schema}.stg_shop__orders']]);
    assert.deepEqual(event.inputs, [{ namespace: 'bigquery-eu', name: 'lens-outfitters-raw.raw_shop.orders' }]);
  });

  it('round-trips: the events read back give the edges and column lineage of --format json', async () => {
    const json = JSON.parse(await runLineage(parse(['fct_orders', 'examples/demo', '--columns', '--format', 'json', '--config', config]), REPO));
    const exported = events(await runLineage(parse(['fct_orders', 'examples/demo', '--format', 'openlineage', '--config', config]), REPO));
    // Datasets back to lineage ids, through the index's relation names: column lineage names parents outside the graph too.
    const { index } = indexForCommand({ path: 'examples/demo', config }, REPO);
    const idOf = new Map<string, string>();
    for (const node of index.nodes()) {
      if (!node.enabled || !['model', 'snapshot', 'seed', 'source'].includes(node.resourceType)) continue;
      const dataset = datasetId('bigquery', index.relationOf(node.uniqueId)!);
      idOf.set(`${dataset.namespace}/${dataset.name}`, lineageIdOf(node));
    }
    const kinds = new Map((json.nodes as { id: string; kind: string }[]).map((node) => [node.id, node.kind]));
    const idOfDataset = (dataset: { namespace: string; name: string }) => idOf.get(`${dataset.namespace}/${dataset.name}`);

    // Model-level edges: each input of an event to its output, between nodes of the JSON graph. Exposures are no datasets.
    const edges = new Set<string>();
    for (const event of exported) {
      const to = idOfDataset(event.outputs[0]);
      for (const input of event.inputs) {
        const from = idOfDataset(input);
        if (from !== undefined && to !== undefined && kinds.has(from) && kinds.has(to)) edges.add(`${from} -> ${to}`);
      }
    }
    const expectedEdges = (json.edges as { from: string; to: string }[]).filter((edge) => kinds.get(edge.to) !== 'exposure').map((edge) => `${edge.from} -> ${edge.to}`);
    assert.ok(expectedEdges.length > 10);
    assert.deepEqual([...edges].sort(), expectedEdges.sort());

    // Column lineage: every traced column with its parent columns and how it relates to them.
    const columns: ColumnEntry[] = [];
    for (const event of exported) {
      const output = event.outputs[0];
      const node = idOfDataset(output)!;
      for (const [column, { inputFields }] of Object.entries(output.facets.columnLineage?.fields ?? {})) {
        const from = inputFields.map((field) => {
          const subtype = field.transformations[0].subtype;
          const transform = subtype === 'TRANSFORMATION' ? 'transformation' : field.field.toLowerCase() === column.toLowerCase() ? 'pass-through' : 'rename';
          return { node: idOfDataset(field)!, column: field.field, transform };
        });
        columns.push({ node, column, from });
      }
    }
    const expectedColumns = (json.columns as (ColumnEntry & { unresolved?: string })[]).filter((entry) => entry.unresolved === undefined).map(({ node, column, from }) => ({ node, column, from }));
    const key = (entry: ColumnEntry) => `${entry.node}.${entry.column}`;
    assert.ok(expectedColumns.length > 50);
    assert.deepEqual(columns.sort((a, b) => key(a).localeCompare(key(b))), expectedColumns.sort((a, b) => key(a).localeCompare(key(b))));
  });

  it('says which node it does not know', async () => {
    await assert.rejects(runLineage(parse(['fct_order', 'examples/demo', '--format', 'openlineage']), REPO), (error: Error) => error instanceof CliError && /did you mean `fct_orders`/.test(error.message));
  });

  describeWithShared('against the OpenLineage 2-0-2 schemas', () => {
    it('validates every event of the demo, and each facet against its own schema', () => {
      const validator = openLineageValidator();
      const seen = new Set<string>();
      for (const event of all) for (const facet of validator.assertValid(event)) seen.add(facet);
      // The demo documents no owner, so the ownership facet is validated in the core's tests.
      assert.deepEqual([...seen].sort(), ['dataset.columnLineage', 'dataset.datasetType', 'dataset.documentation', 'dataset.schema', 'job.jobType', 'job.sql']);
    });
  });
});

/** The lineage id of a node, as `dplens lineage --format json` prints it. */
function lineageIdOf(node: { resourceType: string; name: string; version?: string | number; sourceName?: string; tableName?: string }): string {
  if (node.resourceType === 'model') return node.version === undefined ? node.name : `${node.name}.v${node.version}`;
  if (node.resourceType === 'source') return `source:${node.sourceName ?? ''}.${node.tableName ?? node.name}`;
  return `${node.resourceType}:${node.name}`;
}
