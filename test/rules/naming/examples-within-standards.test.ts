/**
 * The examples of the naming and layout rules, checked against these eight rules together: each invalid example
 * produces exactly its one marked finding among them, each valid example none, so the examples stay consistent with
 * each other whatever the other families report on them.
 */
import assert from 'node:assert/strict';
import { parseFixture } from '../../../server/src/core/rules/fixture';
import { RULES } from '../../../server/src/core/rules/registry';
import { assertFixture } from '../../helpers/rule-fixture';

const NAMING_AND_LAYOUT = RULES.map((rule) => rule.id).filter((id) => id.startsWith('naming/') || id.startsWith('layout/'));

describe('naming and layout examples, among themselves', () => {
  it('covers the eight rules', () => {
    assert.deepEqual(NAMING_AND_LAYOUT, [
      'layout/model-directory',
      'layout/model-without-properties',
      'layout/source-directory',
      'layout/test-directory',
      'naming/column-type-suffix',
      'naming/model-prefix',
      'naming/snake-case',
      'naming/staging-name',
    ]);
  });
  for (const rule of RULES.filter((candidate) => NAMING_AND_LAYOUT.includes(candidate.id))) {
    rule.examples.invalid.forEach((example, i) => {
      it(`${rule.id}: invalid example ${i + 1}`, () => {
        assert.equal(parseFixture(example).expectations.filter((e) => e.rule === rule.id).length, 1);
        assertFixture(example, { onlyRules: NAMING_AND_LAYOUT });
      });
    });
    rule.examples.valid.forEach((example, i) => {
      it(`${rule.id}: valid example ${i + 1}`, () => assertFixture(example, { onlyRules: NAMING_AND_LAYOUT }));
    });
  }
});
