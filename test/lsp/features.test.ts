/**
 * Editor features of the bundled server over stdio, on the small shop fixture: hover, definition, references,
 * completion and document symbols, each asked at a `|`-marked position.
 */
import assert from 'node:assert/strict';
import type { CompletionList, DocumentSymbol, Hover, Location, MarkupContent } from 'vscode-languageserver-protocol';
import * as path from 'node:path';
import { FIXTURES, LspClient } from './client';

describe('language server features', () => {
  let client: LspClient;
  const fct = 'models/marts/fct_orders.sql';

  before(async () => {
    client = await LspClient.start(path.join(FIXTURES, 'shop'));
    // Requests wait for nothing: the first diagnostics say the index is built.
    await client.diagnostics('models/marts/dim_customers.sql');
  });

  after(() => client?.stop());

  const hoverText = async (file: string, marked: string) => ((await client.request<Hover>('textDocument/hover', client.at(file, marked))).contents as MarkupContent).value;

  it('sends no progress to a client that does not support it', () => {
    assert.deepEqual(client.notifications.filter((n) => n.method === '$/progress'), []);
  });

  it('hovers a ref with the model description, materialization, owner, counts and columns', async () => {
    const text = await hoverText(fct, "ref('stg_or|ders')");
    assert.match(text, /Orders, cleaned and renamed/);
    assert.match(text, /Materialized as \*\*view\*\*/);
    assert.match(text, /Owner: data-team@example\.com/);
    assert.match(text, /Upstream: 1 · Downstream: 1/);
    assert.match(text, /\| `amount` \| numeric \| Order total in dollars\. \|/);
  });

  it('hovers a source with its description and freshness', async () => {
    const text = await hoverText('models/staging/stg_orders.sql', "source('raw', 'or|ders')");
    assert.match(text, /One row per order placed in the shop\./);
    assert.match(text, /Freshness: warn after 6 hour, error after 24 hour/);
  });

  it('hovers a rule id in a suppression comment with its summary and docs link, and a macro call with its signature', async () => {
    const file = 'models/marts/dim_customers.sql';
    client.open(file, `-- dplens-disable-next-line dag/unknown-ref: legacy name kept for a dashboard\n${client.text(file)}`);
    const rule = await hoverText(file, 'dag/unknown-|ref: legacy');
    assert.match(rule, /\*\*dag\/unknown-ref\*\* · error/);
    assert.match(rule, /docs\/rules\/dag\/unknown-ref\.md\)/);
    const macro = await hoverText('models/staging/stg_orders.sql', '{{ cents_|to_dollars(');
    assert.match(macro, /cents_to_dollars\(column_name/);
  });

  it('goes to the model file and its YAML entry from a ref', async () => {
    const locations = await client.request<Location[]>('textDocument/definition', client.at(fct, "ref('stg_|orders')"));
    assert.deepEqual(locations.map((l) => path.basename(l.uri)), ['stg_orders.sql', '_models.yml']);
    assert.deepEqual(locations[1].range.start, { line: 3, character: 10 });
  });

  it('goes to the source table entry and to the macro definition', async () => {
    const [table] = await client.request<Location[]>('textDocument/definition', client.at('models/staging/stg_orders.sql', "source('raw', 'ord|ers')"));
    assert.match(table.uri, /_sources\.yml$/);
    assert.deepEqual(table.range.start, { line: 11, character: 14 });
    const [macro] = await client.request<Location[]>('textDocument/definition', client.at('models/staging/stg_orders.sql', '{{ cents_|to_dollars('));
    assert.match(macro.uri, /macros\/cents_to_dollars\.sql$/);
    assert.deepEqual(macro.range, { start: { line: 0, character: 9 }, end: { line: 0, character: 25 } });
  });

  it('finds the references of a model from its YAML entry', async () => {
    const locations = await client.request<Location[]>('textDocument/references', {
      ...client.at('models/staging/_models.yml', 'name: stg_cust|omers'),
      context: { includeDeclaration: false },
    });
    // dim_customers misspells the name, so its ref resolves to nothing and is no reference.
    assert.deepEqual(locations.map((l) => path.basename(l.uri)), ['fct_orders.sql']);
    assert.deepEqual(locations[0].range.start, client.at(fct, "ref('|stg_customers')").position);
  });

  it('completes model names inside ref() with their layer', async () => {
    client.open('models/marts/dim_orders.sql', "select * from {{ ref('stg_o') }}\n");
    const { items } = await client.request<CompletionList>('textDocument/completion', client.at('models/marts/dim_orders.sql', "ref('stg_o|')"));
    const orders = items.find((item) => item.label === 'stg_orders');
    assert.ok(orders, JSON.stringify(items.map((item) => item.label)));
    assert.equal(orders.detail, 'model · staging');
    assert.deepEqual(orders.textEdit && 'range' in orders.textEdit && orders.textEdit.range, { start: { line: 0, character: 22 }, end: { line: 0, character: 27 } });
  });

  it('completes source tables inside source()', async () => {
    client.open('models/marts/dim_raw.sql', "select * from {{ source('raw', '') }}\n");
    const { items } = await client.request<CompletionList>('textDocument/completion', client.at('models/marts/dim_raw.sql', "source('raw', '|')"));
    assert.deepEqual(items.map((item) => item.label).sort(), ['customers', 'orders']);
  });

  it('lists the CTEs and final select of a model, and the entries of a properties file', async () => {
    const sql = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: client.uri(fct) } });
    assert.deepEqual(sql.map((symbol) => symbol.name), ['orders', 'customers', 'final select']);
    const yaml = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: client.uri('models/staging/_models.yml') } });
    assert.deepEqual(yaml.map((symbol) => [symbol.name, symbol.children?.map((child) => child.name)]), [['stg_orders', ['order_id', 'amount']], ['stg_customers', []]]);
  });
});
