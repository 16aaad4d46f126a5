/**
 * Files created, changed or deleted outside the editor reach the index through workspace/didChangeWatchedFiles.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FIXTURES, LspClient } from './client';

const CREATED = 1;
const DELETED = 3;

describe('language server: files changed on disk', () => {
  let workspace: string;
  let client: LspClient;
  const unknownRefs = (diagnostics: { code?: unknown }[]) => diagnostics.filter((diagnostic) => diagnostic.code === 'dag/unknown-ref').length;

  before(async () => {
    workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'dplens-watched-'));
    fs.cpSync(path.join(FIXTURES, 'shop'), workspace, { recursive: true });
    client = await LspClient.start(workspace);
  });

  after(() => {
    client?.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  });

  it('resolves a ref once the model it names is created on disk, and flags it again when that model is deleted', async () => {
    const referrer = 'models/marts/dim_customers.sql';
    await client.diagnostics(referrer, (params) => unknownRefs(params.diagnostics) === 1);
    const created = path.join(workspace, 'models', 'staging', 'stg_custmers.sql');
    fs.writeFileSync(created, 'select 1 as customer_id, 2 as email\n');
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('models/staging/stg_custmers.sql'), type: CREATED }] });
    await client.diagnostics(referrer, (params) => unknownRefs(params.diagnostics) === 0);
    fs.rmSync(created);
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('models/staging/stg_custmers.sql'), type: DELETED }] });
    const after = await client.diagnostics(referrer, (params) => unknownRefs(params.diagnostics) === 1);
    assert.equal(unknownRefs(after.diagnostics), 1);
  });
});
