/**
 * One properties file with tens of thousands of entries (generated sources files reach that) is checked in time
 * linear in its entries: finding each node's entry by searching the file's lists took 110 s for 30,000 tables.
 */
import assert from 'node:assert/strict';
import { checkWorkspace } from '../../../server/src/core/check';

function project(tables: number): Map<string, string> {
  const entries = Array.from({ length: tables }, (_, i) => `      - name: t${i}\n        description: Table ${i}.`).join('\n');
  const models = Array.from({ length: tables }, (_, i) => `  - name: m${i}\n    description: Model ${i}.`).join('\n');
  return new Map([
    ['dbt_project.yml', "name: shop\nversion: '1.0.0'\nconfig-version: 2\nprofile: shop\n"],
    ['models/staging/_sources.yml', `version: 2\nsources:\n  - name: raw\n    tables:\n${entries}\n`],
    ['models/staging/_models.yml', `version: 2\nmodels:\n${models}\n`],
    ...Array.from({ length: tables }, (_, i): [string, string] => [`models/staging/m${i}.sql`, `select * from {{ source('raw', 't${i}') }}`]),
  ]);
}

describe('limits: properties files with many entries', function () {
  this.timeout(120_000);

  it('checks 20,000 source tables and 20,000 documented models in one file each within seconds', () => {
    const started = performance.now();
    const outcome = checkWorkspace(project(20_000));
    const ms = performance.now() - started;
    // Every model and table is documented and read: no undocumented or unused findings for them.
    assert.equal(outcome.findings.filter((finding) => finding.rule === 'docs/undocumented-source-table' || finding.rule === 'docs/undocumented-model' || finding.rule === 'dag/unused-source').length, 0);
    assert.equal([...outcome.index.nodes()].filter((node) => node.resourceType === 'source').length, 20_000);
    // About 4 s on the 2-core build machine; the bound only catches a return to quadratic time (about 50 s for the tables alone).
    assert.ok(ms < 30_000, `took ${Math.round(ms)} ms`);
    console.log(`      20,000 tables and 20,000 models: ${Math.round(ms)} ms`);
  });
});
