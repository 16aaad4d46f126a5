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
