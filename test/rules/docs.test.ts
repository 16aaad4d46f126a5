/**
 * Generated documentation (and package.json's `dplens.rules` setting) must match the rule modules: run
 * `npm run docs` after changing a rule.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectedDocs } from '../../scripts/docs-files';
import { withRulesSetting } from '../../scripts/package-settings';
import { RULES } from '../../server/src/core/rules/registry';

const root = path.join(__dirname, '..', '..');

describe('generated rule docs', () => {
  for (const [file, content] of expectedDocs(root)) {
    it(`${file} is up to date`, () => {
      const absolute = path.join(root, file);
      assert.ok(fs.existsSync(absolute), `${file} is missing: run \`npm run docs\``);
      assert.equal(fs.readFileSync(absolute, 'utf8'), content, `${file} is stale: run \`npm run docs\``);
    });
  }

  it('regenerates the dplens.rules setting of package.json, so a rule missing there makes package.json stale', () => {
    const current = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
    const manifest = JSON.parse(current);
    delete manifest.contributes.configuration.properties['dplens.rules'].properties[RULES[0].id];
    const stale = `${JSON.stringify(manifest, null, 2)}\n`;
    assert.notEqual(stale, current);
    assert.equal(withRulesSetting(stale, RULES), current, 'package.json is stale: run `npm run docs`');
  });

  it('documents every rule and nothing else', () => {
    const documented = fs
      .readdirSync(path.join(root, 'docs/rules'), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.md') && file !== 'README.md')
      .map((file) => file.split(path.sep).join('/').replace(/\.md$/, ''))
      .sort();
    assert.deepEqual(documented, RULES.map((rule) => rule.id).sort());
  });
});
