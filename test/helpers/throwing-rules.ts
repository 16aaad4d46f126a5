/**
 * Rules with a defect, for the tests of rule isolation in the shells: the CLI and the language server are started
 * through test-only entry points (test/cli/throwing-rule-cli.ts, test/lsp/throwing-rule-server.ts) that add these
 * to the registry's rules. Nothing in the product can load them.
 */
import { defineRule, type FileRule, type ProjectRule } from '../../server/src/core/rules/rule';

const METADATA: Pick<FileRule, 'severity' | 'description' | 'docs' | 'examples' | 'equivalents' | 'fix'> = {
  severity: 'warning',
  description: 'A test double with a defect: it throws.',
  docs: { why: 'It stands for a rule with a bug, to show that the other rules still run.' },
  examples: { invalid: [], valid: [] },
  equivalents: [],
  fix: 'none',
};

export const FILE_RULE_FAILURE = 'the test rule broke on a model';
export const PROJECT_RULE_FAILURE = 'the test rule broke on the project';

/** Throws on every model, so every edit of one fails it again. */
export const THROWS_ON_MODELS: FileRule = defineRule({
  ...METADATA,
  id: 'test/throws-on-models',
  scope: 'file',
  appliesTo: (file) => file.kind === 'model',
  check() {
    throw new TypeError(FILE_RULE_FAILURE);
  },
});

/** Throws in every project pass. */
export const THROWS_IN_PROJECT_PASS: ProjectRule = defineRule({
  ...METADATA,
  id: 'test/throws-in-project-pass',
  scope: 'project',
  check() {
    throw new Error(PROJECT_RULE_FAILURE);
  },
});

export const THROWING_RULES = [THROWS_ON_MODELS, THROWS_IN_PROJECT_PASS];
