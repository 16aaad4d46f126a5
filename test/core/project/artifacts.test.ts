/**
 * dbt's target/catalog.json enriches the index with warehouse column types and table statistics,
 * read from the real jaffle_shop artifacts, and a catalog caught mid-write never breaks a check.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkWorkspace } from '../../../server/src/core/check';
import { readWorkspace } from '../../../server/src/io/workspace-reader';
import { describeWithShared, sharedPath } from '../../helpers/shared';

function jaffleWorkspace(catalogText: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dplens-artifacts-'));
  fs.mkdirSync(path.join(root, 'models'), { recursive: true });
  fs.mkdirSync(path.join(root, 'target'), { recursive: true });
  fs.writeFileSync(path.join(root, 'dbt_project.yml'), 'name: jaffle_shop\nprofile: jaffle_shop\n');
  fs.writeFileSync(path.join(root, 'dplens.yml'), 'adapter: bigquery\n');
  fs.writeFileSync(path.join(root, 'models', 'customers.sql'), 'select 1 as customer_id\n');
  fs.writeFileSync(path.join(root, 'models', 'orders.sql'), "select * from {{ ref('customers') }}\n");
  fs.writeFileSync(path.join(root, 'target', 'catalog.json'), catalogText);
  return root;
}

describeWithShared('catalog.json enrichment', () => {
  const catalogText = () => fs.readFileSync(sharedPath('dbt-artifacts', 'catalog_v1_jaffle_shop_catalog.json'), 'utf8');
  const folders: string[] = [];
  after(() => folders.forEach((folder) => fs.rmSync(folder, { recursive: true, force: true })));

  it('gives each model the column types and statistics the catalog records for it', () => {
    const root = jaffleWorkspace(catalogText());
    folders.push(root);
    const { index } = checkWorkspace(readWorkspace(root).files);
    const entry = index.catalogEntry('model.jaffle_shop.customers');
    assert.ok(entry, 'the catalog entry of customers');
    assert.ok(entry.columns.length > 0);
    assert.ok(entry.columns.every((column) => column.name && column.type));
    assert.equal(typeof entry.stats.numBytes, 'number');
    assert.equal(typeof entry.stats.numRows, 'number');
    assert.equal(index.catalogEntry('model.jaffle_shop.no_such_model'), undefined);
  });

  it('keeps the complete entries of a catalog cut off mid-write, and the check still runs', () => {
    const full = catalogText();
    const root = jaffleWorkspace(full.slice(0, Math.floor(full.length * 0.6)));
    folders.push(root);
    const outcome = checkWorkspace(readWorkspace(root).files);
    assert.deepEqual(outcome.findings.filter((finding) => finding.severity === 'error'), []);
    // Whatever was kept is a complete entry: its columns all have names and types.
    const entry = outcome.index.catalogEntry('model.jaffle_shop.customers');
    if (entry) assert.ok(entry.columns.every((column) => column.name && column.type));
  });
});
