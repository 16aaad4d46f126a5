/**
 * Contract checks while typing, in the most common case: a branch whose files on disk are still those of the base.
 * The editor's index changes with each keystroke, so the base must be an index of its own, and a file whose unsaved
 * text differs from the base must be compared although git sees no change.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { contractBaseInput } from '../../server/src/io/git';
import { WorkspaceSession } from '../../server/src/lsp/workspace-session';
import { git, write } from '../helpers/git-workspace';

const MODELS = 'version: 2\nmodels:\n  - name: orders\n    config:\n      contract: {enforced: true}\n    columns:\n      - name: id\n        data_type: int\n      - name: amount\n        data_type: int\n';
const ORDER = '{"type": "record", "name": "Order", "fields": [{"name": "id", "type": "string"}]}';

describe('language server: contract changes in unsaved text, on a branch that matches its base on disk', function () {
  this.timeout(30_000);
  let root: string;
  let session: WorkspaceSession;

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'dplens-typing-base-'));
    write(root, 'dbt_project.yml', "name: shop\nversion: '1.0.0'\nconfig-version: 2\nprofile: shop\n");
    write(root, 'models/orders.sql', 'select 1 as id, 2 as amount');
    write(root, 'models/_models.yml', MODELS);
    write(root, 'events/order.avsc', ORDER);
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'add', '.');
    git(root, 'commit', '-qm', 'base');
    session = new WorkspaceSession(root, true);
    session.setBase(contractBaseInput(root));
  });

  after(() => fs.rmSync(root, { recursive: true, force: true }));

  const rules = (file: string) => {
    session.settle();
    return session.findingsFor(file).map((finding) => finding.rule);
  };

  it('reports a contracted column removed in the unsaved properties and SQL, and clears it when typed back', () => {
    session.update('models/_models.yml', MODELS.replace('      - name: amount\n        data_type: int\n', ''));
    session.update('models/orders.sql', 'select 1 as id');
    assert.ok(rules('models/_models.yml').includes('contract/column-removed'), rules('models/_models.yml').join(', '));
    session.update('models/_models.yml', MODELS);
    session.update('models/orders.sql', 'select 1 as id, 2 as amount');
    assert.ok(!rules('models/_models.yml').includes('contract/column-removed'));
  });

  it('reports an Avro field added without a default in the unsaved schema, and clears it when typed back', () => {
    session.update('events/order.avsc', ORDER.replace(']}', ', {"name": "coupon", "type": "string"}]}'));
    assert.deepEqual(rules('events/order.avsc'), ['event/field-added-without-default']);
    session.update('events/order.avsc', ORDER);
    assert.deepEqual(rules('events/order.avsc'), []);
  });
});
