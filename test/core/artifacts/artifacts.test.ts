import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { describeWithShared, sharedPath } from '../../helpers/shared';
import { readCatalog } from '../../../server/src/core/artifacts/catalog';
import { readManifest } from '../../../server/src/core/artifacts/manifest';
import { parseJsonTolerantly } from '../../../server/src/core/artifacts/tolerant-json';

describeWithShared('readManifest on real manifests', () => {
  for (const name of ['manifest_v12_jaffle_shop_manifest_1.8.json', 'manifest_v12_jaffle_shop_manifest_1.12.json']) {
    describe(name, () => {
      const text = fs.readFileSync(sharedPath('dbt-artifacts', name), 'utf8');
      const raw = JSON.parse(text) as { nodes: Record<string, unknown>; sources: Record<string, unknown> };

      it('reads every node and source with their facts', () => {
        const { manifest, errors, partial } = readManifest(text);
        assert.deepEqual(errors, []);
        assert.equal(partial, false);
        assert.equal(manifest.metadata.schemaVersion, 12);
        assert.equal(manifest.metadata.projectName, 'jaffle_shop');
        assert.equal(manifest.nodes.length, Object.keys(raw.nodes).length);
        assert.equal(manifest.sources.length, Object.keys(raw.sources).length);
        // The 1.8 manifest also holds models of an installed package (elementary); check the project's own.
        const models = manifest.nodes.filter((node) => node.resourceType === 'model' && node.packageName === 'jaffle_shop');
        assert.ok(models.length > 0);
        for (const model of models) {
          assert.ok(model.originalFilePath?.startsWith('models/'));
          assert.ok(model.materialized);
          assert.ok(model.relation.schema);
          assert.equal(model.relation.identifier, model.name);
        }
        const withDependencies = models.filter((model) => model.dependsOnNodes.length > 0);
        assert.ok(withDependencies.length > 0);
        for (const source of manifest.sources) {
          assert.ok(source.uniqueId.startsWith('source.'));
          assert.ok(source.relation.identifier);
        }
      });

      it('keeps only complete entries of a truncated copy, with an issue at the end', () => {
        const cut = text.slice(0, Math.floor(text.length * 0.6));
        const { manifest, errors, partial } = readManifest(cut);
        assert.equal(partial, true);
        assert.equal(errors.length, 1);
        assert.equal(errors[0].span.end, cut.length);
        const full = readManifest(text).manifest;
        const fullById = new Map(full.nodes.map((node) => [node.uniqueId, node]));
        assert.ok(manifest.nodes.length > 0 || manifest.metadata.dbtVersion !== undefined);
        for (const node of manifest.nodes) assert.deepEqual(node, fullById.get(node.uniqueId));
      });
    });
  }
});

describeWithShared('readCatalog on real catalogs', () => {
  for (const name of ['catalog_v1_jaffle_shop_catalog.json', 'catalog_v1_jaffle_shop_catalog_1.12.json']) {
    it(`${name}: columns, relations and statistics`, () => {
      const text = fs.readFileSync(sharedPath('dbt-artifacts', name), 'utf8');
      const { catalog, errors } = readCatalog(text);
      assert.deepEqual(errors, []);
      assert.equal(catalog.schemaVersion, 1);
      assert.ok(catalog.entries.size > 0);
      for (const entry of catalog.entries.values()) {
        assert.ok(entry.name && entry.schema && entry.database);
        const indexes = entry.columns.map((column) => column.index ?? 0);
        assert.deepEqual(indexes, [...indexes].sort((a, b) => a - b));
      }
    });
  }

  it('reads BigQuery statistics where present', () => {
    const text = fs.readFileSync(sharedPath('dbt-artifacts', 'catalog_v1_jaffle_shop_catalog.json'), 'utf8');
    const { catalog } = readCatalog(text);
    const customers = catalog.entries.get('model.jaffle_shop.customers');
    assert.ok(customers);
    assert.deepEqual(customers.stats, { numBytes: 3970, numRows: 100 });
    assert.deepEqual(customers.columns[0], { name: 'customer_id', type: 'INT64', index: 1 });
    assert.equal(customers.relationType, 'table');
    const partitioned = [...catalog.entries.values()].find((entry) => entry.stats.partitioningType);
    assert.equal(partitioned?.stats.partitioningType, 'order_date');
  });

  it('keeps only complete entries of a truncated copy', () => {
    const text = fs.readFileSync(sharedPath('dbt-artifacts', 'catalog_v1_jaffle_shop_catalog.json'), 'utf8');
    const full = readCatalog(text).catalog;
    for (const fraction of [0.1, 0.37, 0.5, 0.83, 0.99]) {
      const { catalog, errors, partial } = readCatalog(text.slice(0, Math.floor(text.length * fraction)));
      assert.equal(partial, true);
      assert.equal(errors.length, 1);
      for (const [id, entry] of catalog.entries) assert.deepEqual(entry, full.entries.get(id));
    }
  });
});

describe('artifact readers on broken input', () => {
  it('report an empty file and return nothing', () => {
    for (const text of ['', '   \n']) {
      const manifest = readManifest(text);
      assert.equal(manifest.errors.length, 1);
      assert.match(manifest.errors[0].message, /empty/);
      assert.deepEqual(manifest.manifest.nodes, []);
      assert.equal(readCatalog(text).catalog.entries.size, 0);
    }
  });

  it('never throw on garbage', () => {
    for (const text of ['{', '[1,2', 'null', '"x"', '{"nodes": 3}', '{"nodes": {"a": {"unique_id": 1}}}', '{"metadata": {"dbt_schema_version": "x/v99.json"}}']) {
      readManifest(text);
      readCatalog(text);
    }
    assert.equal(readManifest('{"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/manifest/v99.json"}}').errors.length, 1);
  });

  it('drop an entry cut in the middle and keep the ones before it', () => {
    const text = '{"nodes": {"model.p.a": {"unique_id": "model.p.a", "name": "a", "resource_type": "model", "package_name": "p"}, "model.p.b": {"unique_id": "model.p.b", "name": "b", "resource_ty';
    const { manifest, partial } = readManifest(text);
    assert.equal(partial, true);
    assert.deepEqual(manifest.nodes.map((node) => node.name), ['a']);
  });
});

describe('parseJsonTolerantly', () => {
  it('marks cut-off containers and drops cut-off scalars', () => {
    const parsed = parseJsonTolerantly('{"a": [1, 2], "b": {"c": "d", "e": 12');
    const value = parsed.value as { a: number[]; b: Record<string, unknown> };
    assert.deepEqual(value.a, [1, 2]);
    assert.equal(parsed.incomplete.has(value.a), false);
    assert.equal(parsed.incomplete.has(value.b), true);
    assert.deepEqual(value.b, { c: 'd' });
    assert.ok(parsed.failure);
  });

  it('handles escapes and reports a bad character with its offset', () => {
    assert.deepEqual(parseJsonTolerantly('{"a": "x\\"y", "b": tru}').value, { a: 'x"y' });
    assert.equal(parseJsonTolerantly('{"a": 1 x').failure?.offset, 8);
  });
});
