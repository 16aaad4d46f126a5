/**
 * Avro event schemas in the language server, over stdio, in a git repository the test creates: an opened `.avsc`
 * is checked as it is typed (an invalid default, then fixed), compared with the git base once it is read (a field
 * added without a default), hovered with the field's compatibility status, and, under BACKWARD_TRANSITIVE, compared
 * with the earlier commits of its history too, which the server asks git for as the CLI does.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Hover, MarkupContent, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { LspClient } from './client';
import { git, write } from '../helpers/git-workspace';

/** An Avro record `com.acme.Order` with these field lines. */
function order(...fields: string[]): string {
  return ['{', '  "type": "record",', '  "name": "Order",', '  "namespace": "com.acme",', '  "fields": [', fields.map((field) => `    ${field}`).join(',\n'), '  ]', '}', ''].join('\n');
}

const ID = '{"name": "id", "type": "string"}';

const eventCodes = (params: PublishDiagnosticsParams) => params.diagnostics.map((diagnostic) => String(diagnostic.code)).filter((code) => code.startsWith('event/'));

describe('Avro event schemas in the language server', function () {
  this.timeout(30000);
  let root: string;
  let client: LspClient;

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'dplens-events-'));
    write(root, 'dbt_project.yml', "name: shop\nversion: '1.0.0'\nprofile: shop\n");
    write(root, 'dplens.yml', 'adapter: bigquery\nevents:\n  overrides:\n    - files: ["events/payment.avsc"]\n      compatibility: BACKWARD_TRANSITIVE\n');
    git(root, 'init', '--quiet', '--initial-branch=main');
    // Three committed versions of the payment schema: `amount` is an int, then removed (BACKWARD allows that).
    write(root, 'events/order.avsc', order(ID));
    write(root, 'events/payment.avsc', order(ID, '{"name": "amount", "type": "int"}').replace('"Order"', '"Payment"'));
    git(root, 'add', '.');
    git(root, 'commit', '--quiet', '-m', 'first');
    write(root, 'events/payment.avsc', order(ID).replace('"Order"', '"Payment"'));
    git(root, 'commit', '--quiet', '-am', 'second');
    git(root, 'checkout', '--quiet', '-b', 'feature');
    // The order schema differs on the branch (a doc), so the base lists it among the changed files: only those are
    // compared (core/events/compare.ts), by the rules and by the hover alike.
    write(root, 'events/order.avsc', order(ID).replace('"namespace"', '"doc": "One event per order.",\n  "namespace"'));
    // On the branch, saved: `amount` comes back as a string with a default. Compatible with the base; not with the
    // first commit, whose events hold an int there.
    write(root, 'events/payment.avsc', order(ID, '{"name": "amount", "type": "string", "default": ""}').replace('"Order"', '"Payment"'));
    client = await LspClient.start(root, {}, { trusted: true });
  });

  after(() => {
    client?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('reports an invalid default while typing, and clears it when fixed', async () => {
    client.open('events/order.avsc', order(ID, '{"name": "note", "type": ["null", "string"], "default": "none"}'));
    const invalid = await client.diagnostics('events/order.avsc', (params) => eventCodes(params).includes('event/schema'));
    const diagnostic = invalid.diagnostics.find((candidate) => candidate.code === 'event/schema')!;
    assert.match(String(diagnostic.message), /first branch/);
    client.change('events/order.avsc', order(ID, '{"name": "note", "type": ["null", "string"], "default": null}'));
    await client.diagnostics('events/order.avsc', (params) => !eventCodes(params).includes('event/schema'));
  });

  it('reports a field added without a default once the base is read, and shows it in the hover', async () => {
    client.change('events/order.avsc', order(ID, '{"name": "total", "type": "double"}'));
    const added = await client.diagnostics('events/order.avsc', (params) => eventCodes(params).includes('event/field-added-without-default'));
    assert.match(String(added.diagnostics.find((candidate) => candidate.code === 'event/field-added-without-default')!.message), /BACKWARD/);
    const hover = await client.request<Hover>('textDocument/hover', client.at('events/order.avsc', '"name": "to|tal"'));
    const markdown = (hover.contents as MarkupContent).value;
    assert.match(markdown, /\*\*field\*\* `total` of record `com\.acme\.Order`/);
    assert.match(markdown, /Added since `main`[^\n]*, without a default: \*\*breaks BACKWARD\*\*/);
  });

  it('compares a BACKWARD_TRANSITIVE schema with the earlier commits of its history', async () => {
    const published = await client.diagnostics('events/payment.avsc', (params) => eventCodes(params).length > 0);
    assert.deepEqual(eventCodes(published), ['event/type-not-promotable']);
    assert.match(String(published.diagnostics[0].message), /BACKWARD_TRANSITIVE/);
    assert.match(String(published.diagnostics[0].message), /commit [0-9a-f]{7}/, 'the finding names the earlier commit, not the base');
  });
});
