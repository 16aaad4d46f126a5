/**
 * `dplens` with two rules that throw added to the registry's, for test/cli/rule-failures.test.ts. A test-only
 * entry point: the product's `dplens` runs the registry's rules and nothing else.
 */
import { main } from '../../server/src/cli/main';
import { RULES } from '../../server/src/core/rules/registry';
import { THROWING_RULES } from '../helpers/throwing-rules';

void main(process.argv.slice(2), process.cwd(), { rules: [...RULES, ...THROWING_RULES] }).then((code) => {
  process.exitCode = code;
});
