/**
 * The edit behind "Suppress <rule> on this line": a `dplens-disable-next-line` directive above the finding's
 * line, in the comment syntax of the file (and of the line: Jinja comments above Jinja-only lines, so the
 * directive never lands inside rendered SQL), with a reason placeholder the author is expected to replace.
 */
import type { TextEdit } from '../findings';
import { LineIndex } from '../text';

export const REASON_PLACEHOLDER = '<reason>';

export function suppressionEdit(file: string, text: string, line: number, ruleId: string): TextEdit {
  const lines = new LineIndex(text);
  const start = lines.lineStart(line);
  const next = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : text.length;
  const content = text.slice(start, next).replace(/\r?\n$/, '');
  const indent = /^[ \t]*/.exec(content)![0];
  const directive = `dplens-disable-next-line ${ruleId}: ${REASON_PLACEHOLDER}`;
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  let comment: string;
  if (/\.(ya?ml|py)$/i.test(file)) comment = `# ${directive}`;
  else if (isJinjaOnly(content.trim())) comment = `{# ${directive} #}`;
  else comment = `-- ${directive}`;
  const position = { line, character: 0 };
  return { file, range: { start: position, end: position }, newText: `${indent}${comment}${newline}` };
}

/** A line that holds only Jinja tags or expressions, where a SQL comment would end up in the rendered query. */
function isJinjaOnly(line: string): boolean {
  return /^\{[{%#]/.test(line) && /[}%#]\}$/.test(line);
}
