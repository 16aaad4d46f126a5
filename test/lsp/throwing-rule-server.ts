/**
 * The language server with two rules that throw added to the registry's, for test/lsp/resilience.test.ts. A
 * test-only entry point, run from sources with tsx: the product's server runs the registry's rules and nothing else.
 */
import { startLanguageServer } from '../../server/src/lsp/language-server';
import { RULES } from '../../server/src/core/rules/registry';
import { THROWING_RULES } from '../helpers/throwing-rules';

startLanguageServer({ rules: [...RULES, ...THROWING_RULES] });
