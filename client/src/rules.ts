/**
 * The rule list for "Explain Rule", read from the generated rules table (docs/rules/README.md) that the extension
 * ships, and where each rule's documentation is. Free of `vscode`, so it is tested without the editor.
 */
import { ruleDocsPath, ruleDocsUrl } from '../../server/src/core/findings';

export interface RuleSummary {
  id: string;
  severity: string;
  description: string;
}

/** Where the generated table lives inside the extension. */
export const RULES_TABLE = 'docs/rules/README.md';

/** A row of the generated table: `| [\`dag/cycle\`](dag/cycle.md) | error | Models depend ... |  |`; a rule off by default shows `off by default (warning)`. */
const ROW = /^\|\s*\[`([a-z0-9-]+\/[a-z0-9-]+)`\]\([^)]*\)\s*\|\s*([a-z][a-z ()]*?)\s*\|\s*(.*?)\s*\|[^|]*\|\s*$/;

export function parseRulesTable(markdown: string): RuleSummary[] {
  const rules: RuleSummary[] = [];
  for (const line of markdown.split(/\r?\n/)) {
    const match = ROW.exec(line);
    if (match) rules.push({ id: match[1], severity: match[2], description: unmarkdown(match[3]) });
  }
  return rules;
}

/** Rule ids look like `family/kebab-name`; anything else is not looked up, so no other path can be opened. */
export function isRuleId(value: unknown): value is string {
  return typeof value === 'string' && /^[a-z0-9-]+\/[a-z0-9-]+$/.test(value);
}

/** The generated page inside the extension (when shipped), and the published page otherwise. */
export function ruleDocs(id: string): { path: string; url: string } {
  return { path: ruleDocsPath(id), url: ruleDocsUrl(id) };
}

/** A quick pick shows plain text: inline code marks are dropped, escaped pipes restored. */
function unmarkdown(text: string): string {
  return text.replace(/`/g, '').replace(/\\\|/g, '|');
}
