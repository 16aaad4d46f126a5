/**
 * Inline suppressions: `-- dplens-disable-next-line dag/unknown-ref: reason` in SQL,
 * `{# dplens-disable-next-line … #}` in Jinja, `# dplens-disable-next-line …` in YAML and Python,
 * and `dplens-disable-file …` for a whole file. A reason is required, so every exception explains itself.
 */
import { LineIndex, type Span } from '../text';

export interface Suppression {
  scope: 'next-line' | 'file';
  rules: string[];
  reason: string;
  /** The zero-based line the suppression applies to (the next non-empty line), or -1 for a file. */
  line: number;
  /** The directive itself, for reporting it as unused or malformed. */
  span: Span;
  /** Why the directive cannot be honoured, when it is malformed. */
  problem?: string;
}

const DIRECTIVE = /dplens-disable(-next-line|-file)\b([^\n\r]*)/g;
const COMMENT_ENDING = /\s*(#\}|\*\/|-?#\})\s*$/;
const RULE_ID = /^[a-z][a-z0-9-]*\/[a-z0-9][a-z0-9-]*$/;

/**
 * Finds every directive in a file. The scan is textual and cheap: it only runs a regular
 * expression when the file contains the marker at all, which almost no file does.
 */
export function parseSuppressions(text: string): Suppression[] {
  if (!text.includes('dplens-disable')) return [];
  const lines = new LineIndex(text);
  const result: Suppression[] = [];
  for (const match of text.matchAll(DIRECTIVE)) {
    const start = match.index ?? 0;
    // The directive must sit in a comment: the characters before it on its line end with a comment opener.
    const lineNumber = lines.positionAt(start).line;
    const before = text.slice(lines.lineStart(lineNumber), start);
    if (!/(--|#|\{#-?|\/\*)\s*$/.test(before)) continue;
    const scope = match[1] === '-file' ? 'file' : 'next-line';
    const body = match[2].replace(COMMENT_ENDING, '').trim();
    const span = { start, end: start + match[0].replace(COMMENT_ENDING, '').trimEnd().length };
    const colon = body.indexOf(':');
    const ruleText = colon >= 0 ? body.slice(0, colon) : body;
    const reason = colon >= 0 ? body.slice(colon + 1).trim() : '';
    const rules = ruleText.split(/[\s,]+/).filter((id) => id.length > 0);
    let problem: string | undefined;
    if (rules.length === 0) problem = 'names no rule';
    else if (!reason) problem = 'gives no reason';
    else {
      const bad = rules.find((id) => !RULE_ID.test(id));
      if (bad) problem = `names \`${bad}\`, which is not a rule id (family/rule-name)`;
    }
    result.push({ scope, rules, reason, line: scope === 'file' ? -1 : nextContentLine(text, lines, lineNumber), span, problem });
  }
  return result;
}

/** The line a next-line directive covers: the next line with content, skipping blank lines. */
function nextContentLine(text: string, lines: LineIndex, directiveLine: number): number {
  for (let line = directiveLine + 1; line < lines.lineCount; line++) {
    const start = lines.lineStart(line);
    const end = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : text.length;
    if (text.slice(start, end).trim().length > 0) return line;
  }
  return directiveLine + 1;
}
