/**
 * Every rule's documented examples are its first tests: each invalid example produces exactly one
 * finding of its rule (and nothing else), each valid example produces no finding at all.
 */
import assert from 'node:assert/strict';
import { RULES } from '../../server/src/core/rules/registry';
import { parseFixture } from '../../server/src/core/rules/fixture';
import { assertFixture } from '../helpers/rule-fixture';

describe('rule examples', () => {
  for (const rule of RULES) {
    describe(rule.id, () => {
      it('has at least one invalid and one valid example', () => {
        assert.ok(rule.examples.invalid.length > 0, 'no invalid example');
        assert.ok(rule.examples.valid.length > 0, 'no valid example');
      });
      rule.examples.invalid.forEach((example, i) => {
        it(`invalid example ${i + 1} produces exactly one ${rule.id} finding`, () => {
          const expectations = parseFixture(example).expectations;
          assert.equal(expectations.filter((e) => e.rule === rule.id).length, 1, 'the example must mark exactly one expected finding of its rule');
          assertFixture(example);
        });
      });
      rule.examples.valid.forEach((example, i) => {
        it(`valid example ${i + 1} produces no finding`, () => {
          assert.equal(parseFixture(example).expectations.length, 0, 'a valid example marks no expectation');
          assertFixture(example);
        });
      });
    });
  }
});
