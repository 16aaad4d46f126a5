/**
 * Editing features of the bundled server over stdio, on the small shop fixture: formatting of model SQL, the
 * lineage code lens and its refresh, and folding ranges. A client of its own, because these tests open models that would change other tests' graph.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { CodeLens, FoldingRange, TextEdit } from 'vscode-languageserver-protocol';
import { lexTemplate } from '../../server/src/core/jinja/lexer';
import { applyEdits, FIXTURES, LspClient } from './client';

/** The text of every Jinja tag, in order: what formatting must leave byte for byte. */
function jinjaTags(text: string): string[] {
  return lexTemplate(text, [])
    .filter((segment) => segment.kind !== 'text')
    .map((segment) => text.slice(segment.start, segment.end));
}

const INCREMENTAL_MODEL = [
  "{{ config(materialized='incremental', unique_key='order_id') }}",
  '{# Orders with their payment methods,',
  '   one column per method. #}',
  "with orders as (select order_id, amount, updated_at from {{ ref('stg_orders') }}",
  '{% if is_incremental() %}',
  'where updated_at > (select max(updated_at) from {{ this }})',
  '{% endif %}',
  ')',
  'select order_id,',
  "{% for method in ['card', 'cash'] %}",
  "sum(case when method = '{{ method }}' then amount else 0 end) as {{ method }}_amount,",
  '{% endfor %}',
  'sum(amount) as total from orders group by order_id',
  '',
].join('\n');

describe('language server editing features', () => {
  let client: LspClient;

  before(async () => {
    client = await LspClient.start(path.join(FIXTURES, 'shop'));
    await client.diagnostics('models/marts/dim_customers.sql');
  });

  after(() => client?.stop());

  const format = (file: string, tabSize = 2) =>
    client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri: client.uri(file) }, options: { tabSize, insertSpaces: true } });

  describe('formatting', () => {
    const file = 'models/marts/fct_payments.sql';

    it('formats a model in one edit, with the Jinja byte for byte, and formatting again changes nothing', async () => {
      client.open(file, INCREMENTAL_MODEL);
      const edits = await format(file);
      assert.equal(edits.length, 1);
      assert.deepEqual(edits[0].range.start, { line: 0, character: 0 });
      const formatted = applyEdits(INCREMENTAL_MODEL, edits);
      assert.notEqual(formatted, INCREMENTAL_MODEL);
      assert.match(formatted, /^SELECT$/m, 'keywords are upper-cased by default');
      assert.match(formatted, /^ {2}order_id,$/m, 'tabSize is the indentation');
      assert.deepEqual(jinjaTags(formatted), jinjaTags(INCREMENTAL_MODEL));

      client.change(file, formatted);
      assert.deepEqual(await format(file), []);
    });

    it('indents by the requested tab size', async () => {
      client.change(file, INCREMENTAL_MODEL);
      const formatted = applyEdits(INCREMENTAL_MODEL, await format(file, 4));
      assert.match(formatted, /^ {4}order_id,$/m);
    });

    it('returns no edits for files it does not format', async () => {
      assert.deepEqual(await format('models/staging/_models.yml'), []);
      assert.deepEqual(await format('macros/cents_to_dollars.sql'), []);
      // The formatter refuses broken Jinja rather than guess where the SQL ends.
      client.open('models/marts/broken.sql', 'select {{ 1 from x\n');
      assert.deepEqual(await format('models/marts/broken.sql'), []);
    });
  });

  describe('code lens', () => {
    const lenses = (file: string) => client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: client.uri(file) } });

    it('counts the direct upstream and downstream nodes of a model, with the lineage command', async () => {
      const [lens, ...rest] = await lenses('models/staging/stg_orders.sql');
      assert.deepEqual(rest, []);
      assert.deepEqual(lens.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
      // fct_orders reads stg_orders; so does fct_payments, opened by the formatting tests.
      assert.deepEqual(lens.command, { title: '↑ 1 upstream · ↓ 2 downstream', command: 'dplens.showLineage', arguments: ['stg_orders'] });
    });

    it('titles every model of the fixture', async () => {
      const titles: Record<string, string | undefined> = {};
      for (const model of ['staging/stg_customers', 'marts/fct_orders', 'marts/dim_customers']) {
        titles[model] = (await lenses(`models/${model}.sql`))[0]?.command?.title;
      }
      assert.deepEqual(titles, {
        'staging/stg_customers': '↑ 1 upstream · ↓ 1 downstream',
        'marts/fct_orders': '↑ 2 upstream · ↓ 0 downstream',
        // dim_customers misspells its ref, so it reads nothing the graph knows.
        'marts/dim_customers': '↑ 0 upstream · ↓ 0 downstream',
      });
    });

    it('shows no lens on files that define no model', async () => {
      assert.deepEqual(await lenses('macros/cents_to_dollars.sql'), []);
      assert.deepEqual(await lenses('models/staging/_models.yml'), []);
    });
  });

  describe('folding ranges', () => {
    const folds = (file: string) => client.request<FoldingRange[] | null>('textDocument/foldingRange', { textDocument: { uri: client.uri(file) } });

    it('folds the CTEs of a model, keeping each closing parenthesis visible', async () => {
      assert.deepEqual(await folds('models/marts/fct_orders.sql'), [
        { startLine: 0, endLine: 3 },
        { startLine: 6, endLine: 9 },
      ]);
    });

    it('folds a macro block, and leaves YAML to the editor', async () => {
      assert.deepEqual(await folds('macros/cents_to_dollars.sql'), [{ startLine: 0, endLine: 1 }]);
      assert.equal(await folds('models/staging/_models.yml'), null);
    });
  });
});

describe('language server code lens refresh', () => {
  let client: LspClient;

  before(async () => {
    client = await LspClient.start(path.join(FIXTURES, 'shop'), { workspace: { codeLens: { refreshSupport: true } } });
    await client.diagnostics('models/marts/dim_customers.sql');
  });

  after(() => client?.stop());

  const refreshes = () => client.notifications.filter((n) => n.method === 'workspace/codeLens/refresh').length;

  it('asks the client to refresh lenses when an edit changes the graph, and not otherwise', async () => {
    const lens = async (file: string) => (await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: client.uri(file) } }))[0]?.command?.title;
    assert.equal(await lens('models/staging/stg_customers.sql'), '↑ 1 upstream · ↓ 1 downstream');
    const file = 'models/marts/dim_customers.sql';
    const text = client.text(file);
    client.open(file, text);
    client.change(file, `${text}\n-- a comment changes no edge\n`);
    // A request analyses the pending edit first, so after it the comment has been analysed.
    await lens(file);
    assert.equal(refreshes(), 0);
    // Fixing the misspelled ref adds an edge, so stg_customers' lens in another file now counts one more.
    client.change(file, text.replace('stg_custmers', 'stg_customers'));
    await client.waitFor(() => (refreshes() > 0 ? true : undefined), () => 'no codeLens refresh was requested');
    assert.equal(await lens('models/staging/stg_customers.sql'), '↑ 1 upstream · ↓ 2 downstream');
  });
});
