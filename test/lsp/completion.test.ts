/**
 * Completion over stdio against the bundled server, on a Snowflake project: config() keys and values,
 * columns after an alias, keys of a properties file, and dbt selection in a pipeline's YAML; with a client
 * that supports snippets, so accepted keys insert their value skeletons.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList } from 'vscode-languageserver-protocol';
import { FIXTURES, LspClient } from './client';

describe('language server completion', () => {
  let client: LspClient;
  const fct = 'models/marts/fct_orders.sql';
  const opened = new Set<string>();

  before(async () => {
    client = await LspClient.start(path.join(FIXTURES, 'completion'), { textDocument: { completion: { completionItem: { snippetSupport: true } } } });
    // An open file gets diagnostics, even empty ones, once the index is built.
    client.open(fct);
    opened.add(fct);
    await client.diagnostics(fct);
  });

  after(() => client?.stop());

  /** Sets `file`'s text to `marked` without its `|`, opening it first if needed, and asks for completion at the `|`. */
  async function complete(file: string, marked: string): Promise<CompletionList> {
    const text = marked.replace('|', '');
    if (opened.has(file)) client.change(file, text);
    else client.open(file, text);
    opened.add(file);
    return client.request<CompletionList>('textDocument/completion', client.at(file, marked));
  }

  const find = (items: CompletionItem[], label: string) => {
    const found = items.find((item) => item.label === label);
    assert.ok(found, `${label} is not among ${JSON.stringify(items.map((item) => item.label))}`);
    return found;
  };

  it("offers the adapter's config() keys with snippets, and asks again after a key with values", async () => {
    const { items, isIncomplete } = await complete('models/marts/dim_orders.sql', '{{ config(|) }}\nselect 1 as id\n');
    assert.equal(isIncomplete, false);
    const transient = find(items, 'transient');
    assert.equal(transient.kind, CompletionItemKind.Property);
    assert.equal(transient.insertTextFormat, InsertTextFormat.Snippet);
    assert.deepEqual(transient.textEdit && 'range' in transient.textEdit && transient.textEdit.newText, 'transient=${1|true,false|}');
    assert.equal(find(items, 'materialized').command?.command, 'editor.action.triggerSuggest');
    assert.ok(!items.some((item) => item.label === 'partition_by'), 'partition_by is a BigQuery key');
  });

  it("offers the adapter's incremental strategies inside the quotes", async () => {
    const { items } = await complete('models/marts/dim_orders.sql', "{{ config(materialized='incremental', incremental_strategy='|') }}\nselect 1 as id\n");
    assert.deepEqual(
      items.map((item) => item.label),
      ['append', 'merge', 'delete+insert', 'insert_overwrite', 'microbatch'],
    );
    assert.equal(items[0].kind, CompletionItemKind.EnumMember);
    const edit = items[0].textEdit;
    assert.ok(edit && 'range' in edit);
    assert.deepEqual(edit.range, { start: { line: 0, character: 60 }, end: { line: 0, character: 60 } });
  });

  it('offers the columns of an aliased CTE over a ref, with their documented types', async () => {
    const { items } = await complete(fct, "{{ config(materialized='incremental', unique_key='order_id') }}\n\nwith orders as (\n    select * from {{ ref('stg_orders') }}\n)\n\nselect o.| from orders as o\n");
    assert.deepEqual(
      items.map((item) => item.label),
      ['order_id', 'customer_id', 'amount'],
    );
    const orderId = find(items, 'order_id');
    assert.equal(orderId.kind, CompletionItemKind.Field);
    assert.equal(orderId.detail, 'number · o');
    assert.match((orderId.documentation as { value: string }).value, /Primary key of the order\./);
  });

  it('offers keys of a properties file, config keys of the adapter included', async () => {
    const marked = ['version: 2', '', 'models:', '  - name: stg_orders', '    config:', '      tags: [finance]', '      tr|'].join('\n');
    const { items } = await complete('models/staging/_models.yml', `${marked}\n`);
    const transient = find(items, 'transient');
    assert.equal(transient.kind, CompletionItemKind.Property);
    assert.ok(!items.some((item) => item.label === 'tags'), 'tags is already written');
    const edit = transient.textEdit;
    assert.ok(edit && 'range' in edit);
    assert.deepEqual(edit.range, { start: { line: 6, character: 6 }, end: { line: 6, character: 8 } });
    assert.equal(edit.newText, 'transient: ${1|true,false|}');
  });

  it("offers selection methods and the project's tags in a pipeline's dbt command", async () => {
    const command = (select: string) => ['nightly:', '  tasks:', '    run_marts:', `      bash_command: dbt build --select ${select}`].join('\n');
    const methods = await complete('dags/pipeline.yml', `${command('|')}\n`);
    assert.equal(find(methods.items, 'tag:').kind, CompletionItemKind.Function);
    assert.ok(methods.items.some((item) => item.label === 'stg_orders'));
    const tags = await complete('dags/pipeline.yml', `${command('tag:|')}\n`);
    assert.deepEqual(
      tags.items.map((item) => item.label),
      ['finance'],
    );
  });
});
