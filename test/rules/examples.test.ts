/**
 * Every rule's documented examples are its first tests: each invalid example produces exactly one finding of its
 * rule, each valid example none, and neither produces an error of any rule (a broken ref, YAML or Jinja in an
 * example would make it prove nothing). As in ESLint's RuleTester, an example is judged by its own rule: the
 * project-wide conventions (documentation, layers, naming) would otherwise demand a complete project around every
 * two-file example.
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
          assertFixture(example, { keep: judgedBy(rule.id) });
        });
      });
      rule.examples.valid.forEach((example, i) => {
        it(`valid example ${i + 1} produces no finding`, () => {
          assert.equal(parseFixture(example).expectations.length, 0, 'a valid example marks no expectation');
          assertFixture(example, { keep: judgedBy(rule.id) });
        });
      });
    });
  }
});

/** The findings an example is judged on: its own rule's, and errors of any rule. */
function judgedBy(ruleId: string): (finding: { rule: string; severity: string }) => boolean {
  return (finding) => finding.rule === ruleId || finding.severity === 'error';
}
