/**
 * The generated part of package.json: the `dplens.rules` editor setting, with one property per rule so that
 * VS Code completes rule ids and their severities in settings.json and flags a misspelt id.
 * Written by `npm run docs` with the rule docs; test/rules/docs.test.ts fails when it is stale.
 */
import { ruleDocsUrl } from '../server/src/core/findings';
import type { Rule } from '../server/src/core/rules/rule';

export const RULES_SETTING = 'dplens.rules';

/** The values `server/src/lsp/settings.ts` accepts for a rule, in the order the settings editor shows them. */
export const RULE_SEVERITIES = ['error', 'warning', 'info', 'off'] as const;

export function rulesSetting(rules: readonly Rule[]): Record<string, unknown> {
  return {
    type: 'object',
    scope: 'resource',
    default: {},
    additionalProperties: false,
    markdownDescription:
      'Severity per rule in the editor, over the rule\'s default and `dplens.yml`: `error`, `warning`, `info`, or `off` to hide the rule\'s diagnostics. ' +
      'The CLI and CI keep following `dplens.yml`. For example `{ "sql/unparseable": "off" }`.',
    properties: Object.fromEntries(
      rules.map((rule) => [
        rule.id,
        {
          type: 'string',
          enum: [...RULE_SEVERITIES],
          enumDescriptions: ['Shown as an error.', 'Shown as a warning.', 'Shown as information.', 'Not shown in the editor.'],
          markdownDescription: `${rule.description} Default: ${rule.enabledByDefault === false ? `off (\`${rule.severity}\` once enabled in \`dplens.yml\`)` : `\`${rule.severity}\``}. [Documentation](${ruleDocsUrl(rule.id)})`,
        },
      ]),
    ),
  };
}

/**
 * package.json with the generated setting in place. The file is rewritten as npm writes it (two-space JSON and a
 * final newline), and the setting keeps its position among the others; it is added at the end when missing.
 */
export function withRulesSetting(packageJson: string, rules: readonly Rule[]): string {
  const manifest = JSON.parse(packageJson) as { contributes?: { configuration?: { properties?: Record<string, unknown> } } };
  const configuration = ((manifest.contributes ??= {}).configuration ??= {});
  (configuration.properties ??= {})[RULES_SETTING] = rulesSetting(rules);
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
