/**
 * Definitions and references of YAML columns and dag-factory tasks through the bundled server, on the demo
 * project (its pipeline file lives outside the dbt project, so the server reads the open document itself).
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Location } from 'vscode-languageserver-protocol';
import { DEMO, LspClient } from './client';

describe('language server: YAML columns and dag-factory tasks', () => {
  let client: LspClient;
  const pipeline = 'pipelines/lens_outfitters_dbt.yml';
  const properties = 'models/marts/core/_core__models.yml';

  before(async () => {
    client = await LspClient.start(DEMO);
    await client.diagnostics('models/marts/finance/fct_revenue_daily.sql');
    client.open(pipeline);
    client.open(properties);
  });

  after(() => client?.stop());

  const lineOf = (file: string, location: Location) => client.text(file).split('\n')[location.range.start.line];

  it('goes from a dependency to the task of the same DAG', async () => {
    const [location, ...rest] = await client.request<Location[]>('textDocument/definition', client.at(pipeline, 'dependencies: [dbt_so|urce_freshness]'));
    assert.equal(rest.length, 0);
    assert.equal(location.uri, client.uri(pipeline));
    assert.match(lineOf(pipeline, location), /- task_id: dbt_source_freshness/);
  });

  it('lists the dependencies naming a task', async () => {
    const locations = await client.request<Location[]>('textDocument/references', { ...client.at(pipeline, 'task_id: dbt_so|urce_freshness'), context: { includeDeclaration: false } });
    assert.deepEqual(locations.map((location) => lineOf(pipeline, location).trim()), ['dependencies: [dbt_source_freshness]']);
  });

  it('goes from a column documented in YAML to the select-list item producing it', async () => {
    const [location] = await client.request<Location[]>('textDocument/definition', client.at(properties, '- name: order_|id'));
    assert.equal(path.basename(location.uri), 'fct_orders.sql');
    assert.match(lineOf('models/marts/core/fct_orders.sql', location), /order_id/);
  });
});
