/**
 * A small, tolerant lexer for Jinja delimiters and the code inside them.
 *
 * The translation passes only need to know where tags are, what keyword a statement starts
 * with, and where identifiers and string literals sit inside code, so this lexer never
 * builds a syntax tree and never fails: malformed input simply yields fewer tags, and the
 * MiniJinja compiler reports the real syntax error later.
 */

export type TagKind = 'expr' | 'stmt' | 'comment';

export interface JinjaTag {
  kind: TagKind;
  /** Offset of the opening `{{`, `{%` or `{#`. */
  start: number;
  /** Offset just after the closing delimiter. */
  end: number;
  /** Inner code range, excluding the delimiters and whitespace-control markers. */
  codeStart: number;
  codeEnd: number;
  /** The first identifier of a statement (`macro`, `endmacro`, `call`…), else ''. */
  keyword: string;
}

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_]/;

export function isIdentStart(ch: string | undefined): boolean {
  return ch !== undefined && IDENT_START.test(ch);
}

export function isIdentPart(ch: string | undefined): boolean {
  return ch !== undefined && IDENT_PART.test(ch);
}

/** Returns the offset after a quoted string starting at `start`, honouring backslash escapes. */
export function skipString(text: string, start: number, limit = text.length): number {
  const quote = text[start];
  let i = start + 1;
  while (i < limit) {
    const ch = text[i];
    if (ch === '\\') i += 2;
    else if (ch === quote) return i + 1;
    else i++;
  }
  return limit;
}

/** Finds the closing delimiter of a tag whose code starts at `from`, skipping string literals. */
function findTagClose(text: string, from: number, close: string): number {
  let i = from;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"' || ch === "'") {
      i = skipString(text, i);
      continue;
    }
    if (ch === close[0] && text[i + 1] === '}') return i;
    i++;
  }
  return -1;
}

/** Lists every Jinja tag of a template in order; `{% raw %}` content is treated as text. */
export function scanTags(text: string): JinjaTag[] {
  const tags: JinjaTag[] = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{', i);
    if (open < 0 || open + 1 >= text.length) break;
    const marker = text[open + 1];
    if (marker !== '{' && marker !== '%' && marker !== '#') {
      i = open + 1;
      continue;
    }
    if (marker === '#') {
      const close = text.indexOf('#}', open + 2);
      if (close < 0) break;
      tags.push({ kind: 'comment', start: open, end: close + 2, codeStart: open + 2, codeEnd: close, keyword: '' });
      i = close + 2;
      continue;
    }
    const closeMarker = marker === '{' ? '}}' : '%}';
    const close = findTagClose(text, open + 2, closeMarker);
    if (close < 0) break;
    let codeStart = open + 2;
    if (text[codeStart] === '-' || text[codeStart] === '+') codeStart++;
    let codeEnd = close;
    if (text[codeEnd - 1] === '-' || text[codeEnd - 1] === '+') codeEnd--;
    const kind: TagKind = marker === '{' ? 'expr' : 'stmt';
    const keyword = kind === 'stmt' ? leadingIdentifier(text, codeStart, codeEnd) : '';
    tags.push({ kind, start: open, end: close + 2, codeStart, codeEnd, keyword });
    i = close + 2;
    if (keyword === 'raw') {
      // Raw blocks are plain text up to their end tag, so nothing inside is a tag.
      const endRaw = /\{%[-+]?\s*endraw\s*[-+]?%\}/g;
      endRaw.lastIndex = i;
      const match = endRaw.exec(text);
      if (!match) break;
      const endStart = match.index;
      tags.push({ kind: 'stmt', start: endStart, end: endStart + match[0].length, codeStart: endStart + 2, codeEnd: endStart + match[0].length - 2, keyword: 'endraw' });
      i = endStart + match[0].length;
    }
  }
  return tags;
}

function leadingIdentifier(text: string, from: number, to: number): string {
  let i = from;
  while (i < to && /\s/.test(text[i])) i++;
  const start = i;
  while (i < to && isIdentPart(text[i])) i++;
  return text.slice(start, i);
}

/** Skips whitespace forward from `i` and returns the first non-space offset (or `limit`). */
export function skipSpace(text: string, i: number, limit = text.length): number {
  while (i < limit && /\s/.test(text[i])) i++;
  return i;
}

/** Returns the offset of the `)` matching the `(` at `open`, or -1, skipping strings and nesting. */
export function findMatchingParen(text: string, open: number, limit = text.length): number {
  let depth = 0;
  let i = open;
  while (i < limit) {
    const ch = text[i];
    if (ch === '"' || ch === "'") {
      i = skipString(text, i, limit);
      continue;
    }
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') {
      depth--;
      if (depth === 0) return ch === ')' ? i : -1;
    }
    i++;
  }
  return -1;
}

/** Splits an argument list on top-level commas, skipping strings and brackets. */
export function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"' || ch === "'") {
      i = skipString(text, i);
      continue;
    }
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
    i++;
  }
  const last = text.slice(start);
  if (last.trim() !== '' || parts.length > 0) parts.push(last);
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

/** Reads a whole-string Jinja string literal such as `'x'` or `"x"`, else undefined. */
export function readStringLiteral(code: string): string | undefined {
  const trimmed = code.trim();
  if (trimmed.length < 2) return undefined;
  const quote = trimmed[0];
  if ((quote !== '"' && quote !== "'") || skipString(trimmed, 0) !== trimmed.length) return undefined;
  return trimmed.slice(1, -1).replace(/\\(.)/g, '$1');
}

/** An identifier occurrence inside Jinja code, with the text around it already classified. */
export interface CodeIdentifier {
  name: string;
  start: number;
  end: number;
  /** True when the identifier follows a `.` and is therefore an attribute, not a name. */
  isAttribute: boolean;
  /** The last non-space character before the identifier ('' at the start, '"' after a string). */
  previous: string;
}

/** Lists identifiers in `text[from, to)` outside string literals. */
export function codeIdentifiers(text: string, from: number, to: number): CodeIdentifier[] {
  const found: CodeIdentifier[] = [];
  let i = from;
  let previous = '';
  while (i < to) {
    const ch = text[i];
    if (ch === '"' || ch === "'") {
      i = skipString(text, i, to);
      previous = '"';
      continue;
    }
    if (isIdentStart(ch) && !isIdentPart(text[i - 1])) {
      const start = i;
      while (i < to && isIdentPart(text[i])) i++;
      found.push({ name: text.slice(start, i), start, end: i, isAttribute: previous === '.', previous });
      previous = 'a';
      continue;
    }
    if (!/\s/.test(ch)) previous = ch;
    i++;
  }
  return found;
}

/** Counts line breaks, so that replacements can keep line numbers stable. */
export function countNewlines(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) count++;
  return count;
}

/** One replacement of `text[start, end)`; applied together by `applyEdits`. */
export interface TextEdit {
  start: number;
  end: number;
  replacement: string;
}

/** Applies non-overlapping edits; an edit overlapping an earlier one is ignored. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor) continue;
    out += text.slice(cursor, edit.start) + edit.replacement;
    cursor = edit.end;
  }
  return out + text.slice(cursor);
}

/** Pads a replacement with the line breaks of the text it replaces, keeping later lines in place. */
export function keepLines(original: string, replacement: string): string {
  const missing = countNewlines(original) - countNewlines(replacement);
  return missing > 0 ? replacement + '\n'.repeat(missing) : replacement;
}
