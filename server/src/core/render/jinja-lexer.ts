/**
 * Tag boundaries and code-level helpers for the sandbox's translation passes.
 *
 * The translation passes only need to know where tags are, what keyword a statement starts
 * with, and where identifiers and string literals sit inside code, so nothing here builds a
 * syntax tree or fails: malformed input simply yields fewer tags, and the MiniJinja compiler
 * reports the real syntax error later.
 *
 * Tags are found by the static analyser's lexer (`core/jinja/lexer.ts`), so the project has
 * one tag scanner, and the render side inherits its Jinja-like rules: a closer inside open
 * brackets or a string does not end a tag (`{{ {'a': {'b': 1}} }}` is one tag), whitespace
 * markers are stripped only when they are inside the tag, `{% raw %}` blocks are text, and
 * an unclosed delimiter is text so the tags after it are still found. `skipString` is the
 * same function that lexer uses to step over strings.
 *
 * The helpers below stay here because `core/jinja` has no text-level equivalent, or has one
 * with different rules that the translator must not take on:
 * - `core/jinja` reads code with a full tokenizer and expression parser; the translator instead
 *   edits code in place (`codeIdentifiers`, `findMatchingParen`, `splitTopLevel`, `applyEdits`,
 *   `keepLines`) and must keep going through code that does not parse;
 * - identifiers here are ASCII (`[A-Za-z_][A-Za-z0-9_]*`), the names MiniJinja accepts, whereas
 *   the analyser's tokenizer also accepts non-ASCII letters, as Python does;
 * - `readStringLiteral` only removes backslashes, which is enough for the macro and package names
 *   it reads, while the analyser decodes Python escape sequences (`decodeStringContent`);
 * - `skipSpace` and statement keywords skip any JavaScript whitespace (no-break spaces included,
 *   which `translateCode` also turns into spaces inside tags), where the analyser's lexer trims
 *   only ASCII whitespace for whitespace control.
 */
import { lexTemplate, skipString, type SegmentKind } from '../jinja/lexer';

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

/**
 * Lists every Jinja tag of a template in order, as the static analyser's lexer finds them.
 * `{% raw %}` blocks are text, so neither their tags nor their contents are listed; an
 * unclosed delimiter is text too, and the tags after it are still found.
 */
export function scanTags(text: string): JinjaTag[] {
  const tags: JinjaTag[] = [];
  // Syntax errors are MiniJinja's to report, with its own messages, when the template compiles.
  for (const segment of lexTemplate(text, [])) {
    if (segment.kind === 'text') continue;
    const kind = TAG_KINDS[segment.kind];
    tags.push({
      kind,
      start: segment.start,
      end: segment.end,
      codeStart: segment.innerStart,
      codeEnd: segment.innerEnd,
      keyword: kind === 'stmt' ? leadingIdentifier(text, segment.innerStart, segment.innerEnd) : '',
    });
  }
  return tags;
}

const TAG_KINDS: Record<Exclude<SegmentKind, 'text'>, TagKind> = { output: 'expr', statement: 'stmt', comment: 'comment' };

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
