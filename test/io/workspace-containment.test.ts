/**
 * A repository someone else wrote must not make the editor read the user's other files. Its dbt_project.yml can
 * point resource folders, the packages folder and the target folder anywhere, directly (`../`) or through a
 * symbolic link committed to the repository. In an untrusted workspace the reader stays inside the folder; in a
 * trusted one (and in the CLI, which the user runs on purpose) it reads them as dbt would.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readWorkspace } from '../../server/src/io/workspace-reader';
import { WorkspaceSession } from '../../server/src/lsp/workspace-session';

const SECRET = 'the-users-private-text';

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

describe('workspace reader: nothing outside an untrusted workspace', () => {
  let base: string;
  let root: string;

  before(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'dplens-containment-'));
    root = path.join(base, 'repo');
    const elsewhere = path.join(base, 'elsewhere');
    // The user's other files: a folder of models and properties, an installed package, and build artifacts.
    write(path.join(elsewhere, 'models', 'private.sql'), `select '${SECRET}' as secret`);
    write(path.join(elsewhere, 'models', 'private.yml'), `version: 2\nmodels:\n  - name: private\n    description: ${SECRET}\n`);
    write(path.join(elsewhere, 'packages', 'stolen', 'dbt_project.yml'), "name: stolen\nversion: '1.0.0'\nconfig-version: 2\n");
    write(path.join(elsewhere, 'packages', 'stolen', 'models', 'stolen_model.sql'), `select '${SECRET}' as secret`);
    write(path.join(elsewhere, 'target', 'manifest.json'), JSON.stringify({ metadata: { dbt_schema_version: SECRET }, nodes: {} }));
    write(
      path.join(root, 'dbt_project.yml'),
      "name: shop\nversion: '1.0.0'\nconfig-version: 2\nprofile: shop\nmodel-paths: ['models', '../elsewhere/models']\npackages-install-path: linked_packages\ntarget-path: linked_target\n",
    );
    write(path.join(root, 'models', 'orders.sql'), 'select 1 as order_id');
    fs.symlinkSync(path.join(elsewhere, 'packages'), path.join(root, 'linked_packages'));
    fs.symlinkSync(path.join(elsewhere, 'target'), path.join(root, 'linked_target'));
  });

  after(() => fs.rmSync(base, { recursive: true, force: true }));

  const secretsIn = (files: ReadonlyMap<string, string>) => [...files].filter(([, text]) => text.includes(SECRET)).map(([file]) => file).sort();

  it('reads no file outside the folder when told to stay inside, and says why', () => {
    const read = readWorkspace(root, { stayInside: true });
    assert.deepEqual(secretsIn(read.files), []);
    assert.deepEqual([...read.files.keys()].sort(), ['dbt_project.yml', 'models/orders.sql']);
    assert.match(read.problems.map((problem) => problem.message).join('\n'), /\.\.\/elsewhere\/models is outside the workspace folder and is not read in an untrusted workspace/);
  });

  it('reads them as dbt would when the workspace is trusted', () => {
    const read = readWorkspace(root);
    assert.deepEqual(secretsIn(read.files), ['../elsewhere/models/private.sql', '../elsewhere/models/private.yml', 'linked_packages/stolen/models/stolen_model.sql', 'linked_target/manifest.json']);
  });

  it('the language server session of an untrusted workspace indexes none of them', () => {
    const untrusted = new WorkspaceSession(root, false);
    const texts = new Map([...untrusted.index.files()].map((file) => [file.path, untrusted.index.text(file.path) ?? '']));
    assert.deepEqual(secretsIn(texts), []);
    assert.equal(untrusted.index.nodesOfFile('../elsewhere/models/private.sql').length, 0);
    const trusted = new WorkspaceSession(root, true);
    assert.equal(trusted.index.nodesOfFile('../elsewhere/models/private.sql').length, 1);
  });
});
