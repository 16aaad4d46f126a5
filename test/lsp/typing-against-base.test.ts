/**
 * Contract checks while typing, in the most common case: a branch whose files on disk are still those of the base.
 * The editor's index changes with each keystroke, so the base must be an index of its own, and a file whose unsaved
 * text differs from the base must be compared although git sees no change.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { contractBaseInput } from '../../server/src/io/git';
import { WorkspaceSession } from '../../server/src/lsp/workspace-session';

const MODELS = 'version: 2\nmodels:\n  - name: orders\n    config:\n      contract: {enforced: true}\n    columns:\n      - name: id\n        data_type: int\n      - name: amount\n        data_type: int\n';
const ORDER = '{"type": "record", "name": "Order", "fields": [{"name": "id", "type": "string"}]}';

describe('language server: contract changes in unsaved text, on a branch that matches its base on disk', function () {
  this.timeout(30_000);
  let root: string;
  let session: WorkspaceSession;

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'dplens-typing-base-'));
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    };
    write('dbt_project.yml', "name: shop\nversion: '1.0.0'\nconfig-version: 2\nprofile: shop\n");
    write('models/orders.sql', 'select 1 as id, 2 as amount');
    write('models/_models.yml', MODELS);
    write('events/order.avsc', ORDER);
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: root });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-qm', 'base');
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
