/**
 * Persisted summaries: a second session built from the store gives exactly the findings, graph and lineage
 * inputs of a fresh build, re-summarises only changed files, and ignores a store of another build or a broken one.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkWorkspace } from '../../server/src/core/check';
import { PersistedSummaryStore } from '../../server/src/io/summary-store';
import { readWorkspace } from '../../server/src/io/workspace-reader';
import { generateProject } from '../../scripts/synthetic/generate';
import { FIXTURES } from '../lsp/client';

const root = path.join(__dirname, '..', '..');

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'dplens-summaries-'));
}

/** What a session shows and computes from the summaries: findings, every node with its edges and columns. */
function observable(files: ReadonlyMap<string, string>, store?: PersistedSummaryStore): string {
  const outcome = checkWorkspace(files, { summaryStore: store });
  const nodes = [...outcome.index.nodes()].map((node) => ({ id: node.uniqueId, parents: outcome.index.parents(node.uniqueId), config: node.config }));
  const summaries = [...outcome.index.files()].map((summary) => JSON.stringify(summary));
  return JSON.stringify({ findings: outcome.findings, nodes, summaries });
}

const workspaces: [string, () => ReadonlyMap<string, string>][] = [
  ['the demo project', () => readWorkspace(path.join(root, 'examples', 'demo')).files],
  ['the LSP shop fixture', () => readWorkspace(path.join(FIXTURES, 'shop')).files],
  ['a synthetic 300-model project', () => generateProject({ models: 300, seed: 3 })],
];

describe('persisted summaries', function () {
  this.timeout(30_000);
  for (const [name, read] of workspaces) {
    it(`give ${name} the same findings, graph and summaries as a fresh build`, () => {
      const files = read();
      const storage = tempDir();
      const fresh = observable(files);
      const first = PersistedSummaryStore.open(storage, '/workspace', 'build-1');
      assert.equal(observable(files, first), fresh);
      assert.equal(first.stats.hits, 0);
      first.save();
      const second = PersistedSummaryStore.open(storage, '/workspace', 'build-1');
      assert.ok(second.stats.loaded > 0);
      assert.equal(observable(files, second), fresh);
      assert.equal(second.stats.misses, 0, 'every non-empty file came from the store');
      assert.equal(second.stats.hits, second.stats.loaded);
    });
  }

  it('summarises again only the files whose text changed, and forgets deleted files', () => {
    const files = new Map(readWorkspace(path.join(root, 'examples', 'demo')).files);
    const storage = tempDir();
    const first = PersistedSummaryStore.open(storage, '/workspace', 'b');
    observable(files, first);
    first.save();
    const changed = 'models/marts/core/dim_customers.sql';
    files.set(changed, files.get(changed)! + '\n-- edited\n');
    const deleted = 'models/marts/core/dim_products.sql';
    files.delete(deleted);
    const second = PersistedSummaryStore.open(storage, '/workspace', 'b');
    assert.equal(observable(files, second), observable(files));
    assert.equal(second.stats.misses, 1);
    second.save();
    const third = PersistedSummaryStore.open(storage, '/workspace', 'b');
    assert.equal(third.stats.loaded, second.stats.loaded - 1, 'the deleted file is no longer stored');
  });

  it('ignores a store written by another build, or one that is not JSON', () => {
    const files = readWorkspace(path.join(FIXTURES, 'shop')).files;
    const storage = tempDir();
    const first = PersistedSummaryStore.open(storage, '/workspace', 'old-build');
    observable(files, first);
    first.save();
    assert.equal(PersistedSummaryStore.open(storage, '/workspace', 'new-build').stats.loaded, 0);
    const [file] = fs.readdirSync(path.join(storage, 'summaries'));
    fs.writeFileSync(path.join(storage, 'summaries', file), '{"build": "old-build", "entries": ');
    const broken = PersistedSummaryStore.open(storage, '/workspace', 'old-build');
    assert.equal(broken.stats.loaded, 0);
    assert.equal(observable(files, broken), observable(files));
  });

  it('keeps one store per workspace folder', () => {
    const storage = tempDir();
    const files = readWorkspace(path.join(FIXTURES, 'shop')).files;
    for (const folder of ['/a', '/b']) {
      const store = PersistedSummaryStore.open(storage, folder, 'x');
      observable(files, store);
      store.save();
    }
    assert.equal(fs.readdirSync(path.join(storage, 'summaries')).length, 2);
  });
});
