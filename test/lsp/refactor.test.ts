/**
 * Refactorings over stdio, on the refactor fixture: renaming a model (prepareRename, the WorkspaceEdit with file
 * rename and versioned edits, the refusals) and the "Extract CTE to a new model" code action. Each edit is applied
 * to an in-memory copy of the fixture, and the result is checked again with the rules: no finding of the
 * foundation's rules (unknown refs and sources, cycles, broken Jinja, SQL or YAML) appears.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ClientCapabilities, CodeAction, CreateFile, Range, RenameFile, ResponseError, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { checkWorkspace } from '../../server/src/core/check';
import { isFoundationFinding } from '../helpers/rule-scopes';
import { applyWorkspaceEdit, FIXTURES, LspClient } from './client';

const WORKSPACE = path.join(FIXTURES, 'refactor');

const FILE_OPERATIONS: ClientCapabilities = { workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] } } };

/** Every file of the fixture, by workspace-relative POSIX path. */
function readFixture(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(path.relative(WORKSPACE, full).split(path.sep).join('/'), fs.readFileSync(full, 'utf8'));
    }
  };
  walk(WORKSPACE);
  return files;
}

/**
 * What a refactoring can break: refs and sources that no longer resolve, cycles, files that no longer parse.
 * The fixture is a minimal project written for the refactorings (staging models that select constants, no
 * sources, no tests), so the standards rules (dag/root-model, docs/*, testing/*, ...) would flag it before any
 * edit; they are not what a rename or an extraction is judged by.
 */
function foundationFindings(files: ReadonlyMap<string, string>): string[] {
  return checkWorkspace(files)
    .findings.filter(isFoundationFinding)
    .map((finding) => `${finding.rule} ${finding.file}: ${finding.message}`);
}

async function failure(request: Promise<unknown>): Promise<string> {
  try {
    const result = await request;
    return assert.fail(`expected an error, got ${JSON.stringify(result)}`);
  } catch (error) {
    return (error as ResponseError).message;
  }
}

describe('language server: rename a model', () => {
  let client: LspClient;
  const fct = 'models/marts/fct_orders.sql';

  before(async () => {
    client = await LspClient.start(WORKSPACE, FILE_OPERATIONS);
    client.open(fct);
    await client.diagnostics(fct);
  });

  after(() => client?.stop());

  it('prepares a rename on the name inside ref()', async () => {
    const result = await client.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', client.at(fct, "ref('stg_or|ders')"));
    assert.equal(result.placeholder, 'stg_orders');
    const line = client.text(fct).split('\n')[result.range.start.line];
    assert.equal(line.slice(result.range.start.character, result.range.end.character), 'stg_orders');
  });

  it('answers nothing where there is no model name', async () => {
    assert.equal(await client.request('textDocument/prepareRename', client.at(fct, 'join cust|omers using')), null);
  });

  it('renames the file and every ref, versioning the open document, and the workspace checks clean', async () => {
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { ...client.at('models/staging/_models.yml', '- name: stg_|orders'), newName: 'stg_order_lines' });
    const operations = edit.documentChanges ?? [];
    const textEdits = operations.filter((operation): operation is TextDocumentEdit => !('kind' in operation));
    const versions = Object.fromEntries(textEdits.map((operation) => [path.basename(operation.textDocument.uri), operation.textDocument.version]));
    assert.deepEqual(versions, { 'dbt_project.yml': null, 'fct_orders.sql': 1, 'orders_py.py': null, '_models.yml': null });
    // The file is renamed last, after the edits that name it by its old path.
    const rename = operations[operations.length - 1] as RenameFile;
    assert.equal(rename.kind, 'rename');
    assert.deepEqual([rename.oldUri, rename.newUri, rename.options], [client.uri('models/staging/stg_orders.sql'), client.uri('models/staging/stg_order_lines.sql'), { overwrite: false, ignoreIfExists: false }]);

    const after = applyWorkspaceEdit(WORKSPACE, readFixture(), edit);
    assert.ok(after.has('models/staging/stg_order_lines.sql') && !after.has('models/staging/stg_orders.sql'));
    assert.match(after.get(fct)!, /from \{\{ ref\('stg_order_lines'\) \}\}/);
    assert.match(after.get('models/marts/orders_py.py')!, /dbt\.ref\("stg_order_lines"\)/);
    assert.match(after.get('models/staging/_models.yml')!, /- name: stg_order_lines\n[\s\S]*model: stg_order_lines\n[\s\S]*- ref\('stg_order_lines'\)/);
    assert.match(after.get('dbt_project.yml')!, /\n {6}stg_order_lines:\n/);
    assert.deepEqual(foundationFindings(readFixture()), []);
    assert.deepEqual(foundationFindings(after), []);
  });

  const refusals: { name: string; file: string; marked: string; newName: string; message: RegExp }[] = [
    { name: 'an invalid name', file: fct, marked: "ref('stg_or|ders')", newName: 'stg orders', message: /`stg orders` is not a valid dbt model name/ },
    { name: 'a name another model has', file: fct, marked: "ref('stg_or|ders')", newName: 'stg_customers', message: /already the name of the model `stg_customers`/ },
    { name: 'a model of an installed package', file: 'models/marts/calendar_days.sql', marked: "ref('calen|dar')", newName: 'days', message: /installed package `util`/ },
  ];
  for (const { name, file, marked, newName, message } of refusals) {
    it(`refuses ${name} with the reason`, async () => {
      assert.match(await failure(client.request('textDocument/rename', { ...client.at(file, marked), newName })), message);
    });
  }

  it('refuses a package model already in prepareRename', async () => {
    assert.match(await failure(client.request('textDocument/prepareRename', client.at('models/marts/calendar_days.sql', "ref('calen|dar')"))), /installed package `util` \(dbt_packages\/\)/);
  });
});

describe('language server: refactorings need a client that can rename and create files', () => {
  let client: LspClient;
  const fct = 'models/marts/fct_orders.sql';

  before(async () => {
    client = await LspClient.start(WORKSPACE);
    client.open(fct);
    await client.diagnostics(fct);
  });

  after(() => client?.stop());

  it('refuses a rename, saying why', async () => {
    assert.match(await failure(client.request('textDocument/prepareRename', client.at(fct, "ref('stg_or|ders')"))), /does not declare support for renaming files/);
    assert.match(await failure(client.request('textDocument/rename', { ...client.at(fct, "ref('stg_or|ders')"), newName: 'stg_order_lines' })), /resourceOperations including "rename"/);
  });

  it('offers no CTE extraction', async () => {
    const { position } = client.at(fct, 'with or|ders as');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: client.uri(fct) }, range: { start: position, end: position }, context: { diagnostics: [] } });
    // The standards rules report the model on its first line, so a suppression is offered for each of their
    // findings there; no refactoring is.
    assert.deepEqual(actions.filter((action) => action.kind !== 'quickfix'), []);
    const { diagnostics } = await client.diagnostics(fct);
    const onLine = diagnostics.filter((d) => d.range.start.line <= position.line && position.line <= d.range.end.line);
    assert.deepEqual(actions.map((action) => action.title).sort(), onLine.map((d) => `Suppress ${d.code} on this line`).sort());
  });
});

describe('language server: extract a CTE to a model', () => {
  let client: LspClient;
  const fct = 'models/marts/fct_orders.sql';

  before(async () => {
    client = await LspClient.start(WORKSPACE, FILE_OPERATIONS);
    client.open(fct);
    await client.diagnostics(fct);
  });

  after(() => client?.stop());

  const actionsAt = (marked: string, only?: string[]) => {
    const { position } = client.at(fct, marked);
    return client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: client.uri(fct) }, range: { start: position, end: position }, context: { diagnostics: [], only } });
  };

  it('creates the model from the CTE body and reads it with ref(); the workspace checks clean', async () => {
    const [action, ...others] = await actionsAt('from {{ ref(\'stg_o|rders\') }}');
    assert.deepEqual(others, []);
    assert.equal(action.kind, 'refactor.extract');
    assert.equal(action.title, 'Extract CTE `orders` to a new model');
    const create = action.edit!.documentChanges![0] as CreateFile;
    assert.deepEqual(create, { kind: 'create', uri: client.uri('models/marts/orders.sql'), options: { overwrite: false, ignoreIfExists: false } });

    const after = applyWorkspaceEdit(WORKSPACE, readFixture(), action.edit!);
    assert.equal(
      after.get('models/marts/orders.sql'),
      ['select', '    order_id,', '    customer_id,', '    amount', "from {{ ref('stg_orders') }}", "{% if var('paid_only', false) %}", 'where amount > 0', '{% endif %}', ''].join('\n'),
    );
    assert.match(after.get(fct)!, /^with orders as \(\n\n {4}select \* from \{\{ ref\('orders'\) \}\}\n\n\),\n\ncustomers as \(/);
    assert.deepEqual(foundationFindings(after), []);
  });

  it('is offered for a refactor request and not for a quick-fix one', async () => {
    assert.equal((await actionsAt('customers as (|', ['refactor'])).length, 1);
    assert.deepEqual(await actionsAt('customers as (|', ['quickfix']), []);
  });

  it('is not offered for a CTE that reads earlier CTEs, nor for the final select', async () => {
    assert.deepEqual(await actionsAt('from or|ders\n    join'), []);
    assert.deepEqual(await actionsAt('select * from jo|ined'), []);
  });
});
