/**
 * Rule documentation, generated from each rule module: what it flags, why, an example with the
 * diagnostic it produces and what to write instead, options, how to suppress, and references.
 * `docs/rules/` is written from this by `npm run docs`, and a test fails when the files are stale.
 */
import { checkWorkspace } from '../check';
import { ABSENT_AT_BASE, fixtureBase, UNAVAILABLE_BASE } from '../contract/base';
import { parseFixture, fixtureFilesForDocs } from './fixture';
import type { Rule } from './rule';

function fence(path: string): string {
  if (path.endsWith('.yml') || path.endsWith('.yaml')) return 'yaml';
  if (path.endsWith('.py')) return 'python';
  return 'sql';
}

function renderFiles(example: string): string {
  return fixtureFilesForDocs(example)
    .map(({ path, text, atBase }) =>
      atBase && path === UNAVAILABLE_BASE
        ? `The git base is unavailable: ${text.trim().replace(/^(info|warning):\s*/, '')}.`
        : atBase && text.trim() === ABSENT_AT_BASE
        ? `\`${path}\` did not exist at the git base.`
        : `\`${path}\`${atBase ? ' at the git base' : ''}\n\n\`\`\`${fence(path)}\n${text.trimEnd()}\n\`\`\``,
    )
    .join('\n\n');
}

/** The diagnostics an example produces, as `path:line:col severity rule message`. */
function renderDiagnostics(rule: Rule, example: string): string {
  const fixture = parseFixture(example);
  const base = fixtureBase(fixture.baseFiles);
  const outcome = checkWorkspace(fixture.files, base ? { base } : {});
  return outcome.findings
    .filter((finding) => finding.rule === rule.id)
    .map((finding) => `${finding.file}:${finding.range.start.line + 1}:${finding.range.start.character + 1} ${finding.severity} ${finding.rule} ${finding.message}`)
    .join('\n');
}

export function renderRuleDoc(rule: Rule): string {
  const lines: string[] = [];
  lines.push(`# ${rule.id}`, '');
  lines.push(`<!-- Generated from server/src/core/rules/${rule.id}.ts by \`npm run docs\`; do not edit. -->`, '');
  const severity = rule.enabledByDefault === false ? `off by default (${rule.severity} once enabled in \`dplens.yml\`)` : rule.severity;
  lines.push(`**Default severity:** ${severity} · **Scope:** ${rule.scope} · **Fix:** ${rule.fix === 'none' ? 'none' : rule.fix}`, '');
  lines.push('## What it flags', '', rule.description, '');
  lines.push('## Why it matters', '', rule.docs.why, '');
  rule.examples.invalid.forEach((example, i) => {
    lines.push(rule.examples.invalid.length > 1 ? `## Example ${i + 1}` : '## Example', '', renderFiles(example), '');
    const diagnostics = renderDiagnostics(rule, example);
    if (diagnostics) lines.push('Reported as:', '', '```text', diagnostics, '```', '');
  });
  lines.push('## Instead', '');
  if (rule.docs.fix) lines.push(rule.docs.fix, '');
  rule.examples.valid.forEach((example) => lines.push(renderFiles(example), ''));
  lines.push('## Options', '');
  const options = Object.entries(rule.options ?? {});
  if (options.length === 0) lines.push('None.', '');
  else {
    lines.push('| option | type | default | description |', '|---|---|---|---|');
    for (const [name, option] of options) lines.push(`| \`${name}\` | ${option.type} | \`${JSON.stringify(option.default)}\` | ${option.description} |`);
    lines.push('');
  }
  lines.push('## Configuration and suppression', '');
  lines.push('In `dplens.yml`:', '', '```yaml', 'rules:', `  ${rule.id}: ${rule.severity === 'error' ? 'warning' : 'error'}   # or off, info, warning, error`, '```', '');
  lines.push('On one line, with a reason (SQL, Jinja and YAML comments):', '', '```sql', `-- dplens-disable-next-line ${rule.id}: <why this case is fine>`, `{# dplens-disable-next-line ${rule.id}: <why> #}`, '```', '');
  lines.push('```yaml', `# dplens-disable-next-line ${rule.id}: <why>`, '```', '');
  lines.push('## Equivalents', '');
  lines.push(rule.equivalents.length > 0 ? rule.equivalents.map((id) => `- \`${id}\``).join('\n') : 'None known.', '');
  if (rule.docs.references && rule.docs.references.length > 0) {
    lines.push('## References', '', rule.docs.references.map((url) => `- <${url}>`).join('\n'), '');
  }
  return lines.join('\n').replace(/\n{3,}/g, '\n\n');
}

/** The rules table for README and docs/rules/README.md. */
export function renderRulesTable(rules: readonly Rule[]): string {
  const rows = rules.map((rule) => `| [\`${rule.id}\`](docs/rules/${rule.id}.md) | ${rule.enabledByDefault === false ? `off by default (${rule.severity})` : rule.severity} | ${rule.description} | ${rule.fix === 'none' ? '' : rule.fix} |`);
  return ['| rule | default | what it flags | fix |', '|---|---|---|---|', ...rows].join('\n');
}
