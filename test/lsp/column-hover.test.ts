/**
 * Hover on columns in model SQL over stdio, on the column-hover fixture: an output column traced one hop up
 * through a parent's CTEs, with the contract's type; a reference in a WHERE clause; and SQL that stops parsing
 * while it is being typed, which says so instead of failing the request.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { FIXTURES, LspClient } from './client';

describe('hover on columns (LSP)', function () {
  // The first column hover loads the WebAssembly tracer.
  this.timeout(60000);
  let client: LspClient;
  const fct = 'models/marts/fct_orders.sql';

  before(async () => {
    client = await LspClient.start(path.join(FIXTURES, 'column-hover'));
    client.open(fct);
    await client.diagnostics(fct);
  });

  after(() => client?.stop());

  // A hover traces for at most 250 ms and says when the lineage is not ready yet, which a first hover on a loaded
  // machine can hit; the server finishes it between requests, so hovering again is what a user would do.
  const hover = async (file: string, marked: string): Promise<Hover | null> => {
    for (let attempt = 0; ; attempt++) {
      const found = await client.request<Hover | null>('textDocument/hover', client.at(file, marked));
      const value = (found?.contents as MarkupContent | undefined)?.value ?? '';
      if (!value.includes('still being traced') || attempt === 50) return found;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const markdown = async (file: string, marked: string) => ((await hover(file, marked))?.contents as MarkupContent | undefined)?.value;

  it('shows where an output column comes from, with the type and description of the parent column', async () => {
    const found = await hover(fct, 'o.order_|id');
    assert.ok(found, 'a hover');
    assert.equal(
      (found.contents as MarkupContent).value,
      ['**column** `order_id` · model `fct_orders`', '', '**One hop up**', '', '- `order_id` of model `stg_orders` · pass-through · `int64` · Primary key of the order.'].join('\n'),
    );
    // The range is the column's name, so the editor highlights exactly what was hovered.
    assert.deepEqual(found.range, { start: { line: 1, character: 6 }, end: { line: 1, character: 14 } });
  });

  it('marks a computed output column as a transformation', async () => {
    assert.equal(
      await markdown(fct, 'as amount_with|_tax'),
      ['**column** `amount_with_tax` · model `fct_orders`', '', '**One hop up**', '', '- `amount` of model `stg_orders` · transformation · `numeric` · Order total in dollars.'].join('\n'),
    );
  });

  it("traces a rename inside a parent's CTE to the source, with the contract's type", async () => {
    assert.equal(
      await markdown('models/staging/stg_orders.sql', 'id as order_|id'),
      ['**column** `order_id` · CTE `renamed` of model `stg_orders`', '', '**One hop up**', '', '- `id` of source `raw.orders` · rename · Primary key of the order.'].join('\n'),
    );
  });

  it('shows a reference in a WHERE clause, and nothing on keywords', async () => {
    assert.equal(
      await markdown(fct, 'o.customer_|id is not null'),
      ['**column** `o.customer_id` · read in model `fct_orders`', '', '**One hop up**', '', '- `customer_id` of model `stg_orders` · pass-through · `int64`'].join('\n'),
    );
    assert.equal(await hover(fct, 'whe|re'), null);
  });

  it('says so when the SQL being typed cannot be parsed, and hovers again once it can', async () => {
    const original = client.text(fct);
    client.change(fct, original.replace('is not null', 'is not ('));
    const broken = await markdown(fct, 'o.order_|id');
    assert.match(broken ?? '', /^\*\*column\*\* `order_id` · model `fct_orders`\n\nLineage unknown: the SQL could not be parsed: /);
    client.change(fct, original);
    assert.match((await markdown(fct, 'o.order_|id')) ?? '', /pass-through/);
  });
});
