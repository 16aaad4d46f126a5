/**
 * The start-up preview gives an open file the same findings, for the rules it runs, as the full index:
 * checked for every model and properties file of the demo project and of the LSP fixture.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkWorkspace } from '../../server/src/core/check';
import { readWorkspace } from '../../server/src/io/workspace-reader';
import { PREVIEW_RULES, previewFindings } from '../../server/src/lsp/preview';
import { FIXTURES } from './client';

const root = path.join(__dirname, '..', '..');

for (const folder of [path.join(root, 'examples', 'demo'), path.join(FIXTURES, 'shop')]) {
  describe(`start-up preview of ${path.relative(root, folder)}`, () => {
    const full = checkWorkspace(readWorkspace(folder).files);
    const files = [...full.index.files()].filter((file) => ['model', 'properties', 'snapshot'].includes(file.kind)).map((file) => file.path);

    it('covers the files it is asked about', () => {
      assert.ok(files.length > 3);
    });

    for (const file of files) {
      it(`${file}: same findings as the full index`, () => {
        const text = fs.readFileSync(path.join(folder, file), 'utf8');
        const key = (finding: { file: string; rule: string; range: unknown; message: string }) => JSON.stringify([finding.rule, finding.range, finding.message]);
        const preview = previewFindings(folder, false, new Map([[file, text]])).map(key).sort();
        const expected = full.findings.filter((finding) => finding.file === file && PREVIEW_RULES.includes(finding.rule)).map(key).sort();
        assert.deepEqual(preview, expected);
      });
    }
  });
}

describe('start-up preview passes', () => {
  const demo = path.join(root, 'examples', 'demo');
  const total = readWorkspace(demo).files.size;

  it('answers a clean model from the files it names, without listing every model', () => {
    const file = 'models/marts/core/dim_customers.sql';
    const stats = { passes: 0, files: 0 };
    const findings = previewFindings(demo, false, new Map([[file, fs.readFileSync(path.join(demo, file), 'utf8')]]), stats);
    assert.deepEqual(findings, []);
    assert.equal(stats.passes, 1);
    assert.ok(stats.files < total, `${stats.files} files in the first pass, ${total} in the workspace`);
  });

  it('lists every file again when the first pass finds an unknown ref, for the suggestion', () => {
    const file = 'models/marts/finance/fct_revenue_daily.sql';
    const stats = { passes: 0, files: 0 };
    const findings = previewFindings(demo, false, new Map([[file, fs.readFileSync(path.join(demo, file), 'utf8')]]), stats);
    assert.equal(stats.passes, 2);
    assert.ok(findings.some((finding) => finding.rule === 'dag/unknown-ref' && /Did you mean/.test(finding.message)));
  });
});
