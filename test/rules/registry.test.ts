/**
 * The registry and the rule files agree: every rule file is registered, every id matches its file,
 * and every rule carries the metadata its docs and the CLI need.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../server/src/core/rules/registry';

const rulesDir = path.join(__dirname, '..', '..', 'server', 'src', 'core', 'rules');

function ruleFiles(): string[] {
  return fs
    .readdirSync(rulesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((family) => fs.readdirSync(path.join(rulesDir, family.name)).filter((file) => file.endsWith('.ts')).map((file) => `${family.name}/${file.replace(/\.ts$/, '')}`))
    .sort();
}

describe('rule registry', () => {
  it('registers every rule file, and only those', () => {
    assert.deepEqual(RULES.map((rule) => rule.id).sort(), ruleFiles());
  });

  it('is sorted by id', () => {
    const ids = RULES.map((rule) => rule.id);
    assert.deepEqual(ids, [...ids].sort());
  });

  for (const rule of RULES) {
    it(`${rule.id} has complete metadata`, () => {
      assert.match(rule.id, /^[a-z]+\/[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok(!/\/(no|disallow)-/.test(rule.id), 'ids name the flagged pattern, never "no-" or "disallow-"');
      assert.ok(rule.description.length > 20, 'a description');
      assert.ok(rule.docs.why.length > 40, 'docs.why explains why it matters');
      assert.ok(['safe', 'unsafe', 'none'].includes(rule.fix));
      for (const option of Object.values(rule.options ?? {})) assert.ok(option.description.length > 0);
    });
  }
});
