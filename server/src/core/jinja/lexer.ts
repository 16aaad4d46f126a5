/**
 * Splits a Jinja template into text, `{{ output }}`, `{% statement %}` and `{# comment #}` segments.
 *
 * Text between tags is found with `indexOf`, so the cost is proportional to the Jinja, not the SQL.
 * Whitespace control (`{%-`, `-%}` and the like) is applied here: text segments carry the range
 * that remains once the neighbouring tags have stripped their whitespace.
 * `{% raw %}` contents become plain text. Errors are recorded and lexing continues.
 */
import type { SyntaxIssue } from '../text';
import { isWhitespace } from './tokens';

export type SegmentKind = 'text' | 'output' | 'statement' | 'comment';

export interface Segment {
  kind: SegmentKind;
  /** The whole tag, or for text the range left after whitespace control. */
  start: number;
  end: number;
  /** The tag's content, without delimiters and whitespace-control markers; equal to start/end for text. */
  innerStart: number;
  innerEnd: number;
}

const CH_HASH = 35;
const CH_PERCENT = 37;
const CH_PLUS = 43;
const CH_MINUS = 45;
const CH_LBRACE = 123;
const CH_RBRACE = 125;
const CH_BACKSLASH = 92;

const OPEN_NAMES: Record<number, string> = { [CH_LBRACE]: '{{', [CH_PERCENT]: '{%', [CH_HASH]: '{#' };
const CLOSE_NAMES: Record<number, string> = { [CH_LBRACE]: '}}', [CH_PERCENT]: '%}', [CH_HASH]: '#}' };

export function lexTemplate(text: string, errors: SyntaxIssue[]): Segment[] {
  const segments: Segment[] = [];
  const length = text.length;
  let textStart = 0;
  let trimNextText = false;
  let pos = 0;
  const closerMissingFrom: Record<string, number | undefined> = {};

  const flushText = (end: number, trimEnd: boolean): void => {
    let start = textStart;
    if (trimNextText) while (start < end && isWhitespace(text.charCodeAt(start))) start++;
    if (trimEnd) while (end > start && isWhitespace(text.charCodeAt(end - 1))) end--;
    if (end > start) segments.push({ kind: 'text', start, end, innerStart: start, innerEnd: end });
  };

  for (;;) {
    const open = text.indexOf('{', pos);
    if (open < 0 || open + 1 >= length) break;
    const kindCode = text.charCodeAt(open + 1);
    if (kindCode !== CH_LBRACE && kindCode !== CH_PERCENT && kindCode !== CH_HASH) {
      pos = open + 1;
      continue;
    }
    const marker = text.charCodeAt(open + 2);
    const trimLeft = marker === CH_MINUS;
    const innerStart = open + 2 + (trimLeft || marker === CH_PLUS ? 1 : 0);
    const closer = CLOSE_NAMES[kindCode];
    // Once a closer is known to be absent from some offset on, later openers need not scan again,
    // which keeps a file full of unclosed tags linear.
    const close = open >= (closerMissingFrom[closer] ?? length + 1) ? -1 : kindCode === CH_HASH ? text.indexOf('#}', open + 2) : findTagEnd(text, innerStart, kindCode === CH_PERCENT);
    if (close < 0) {
      closerMissingFrom[closer] = Math.min(closerMissingFrom[closer] ?? open, open);
      errors.push({
        message: `This \`${OPEN_NAMES[kindCode]}\` is never closed: add \`${closer}\`.`,
        span: { start: open, end: open + 2 },
      });
      // The delimiter is left as text, and the rest of the file is still analysed.
      pos = open + 2;
      continue;
    }
    const before = text.charCodeAt(close - 1);
    const trimRight = close - 1 >= innerStart && before === CH_MINUS;
    const innerEnd = trimRight || (close - 1 >= innerStart && before === CH_PLUS && kindCode !== CH_HASH) ? close - 1 : close;
    const end = close + 2;
    const kind: SegmentKind = kindCode === CH_LBRACE ? 'output' : kindCode === CH_PERCENT ? 'statement' : 'comment';

    if (kind === 'statement' && firstWordIs(text, innerStart, innerEnd, 'raw')) {
      const endRaw = findEndRaw(text, end);
      if (endRaw) {
        flushText(open, trimLeft);
        // The raw contents are text, trimmed by the raw tag's right marker and the endraw tag's left marker.
        textStart = end;
        trimNextText = trimRight;
        flushText(endRaw.start, endRaw.trimLeft);
        textStart = endRaw.end;
        trimNextText = endRaw.trimRight;
        pos = endRaw.end;
        continue;
      }
      errors.push({
        message: 'This `{% raw %}` is never closed: add `{% endraw %}`.',
        span: { start: open, end },
      });
      flushText(open, trimLeft);
      textStart = end;
      trimNextText = trimRight;
      pos = end;
      continue;
    }

    flushText(open, trimLeft);
    segments.push({ kind, start: open, end, innerStart, innerEnd });
    textStart = end;
    trimNextText = trimRight;
    pos = end;
  }
  flushText(length, false);
  return segments;
}

/**
 * The offset of the closing `}}` or `%}`, skipping strings and, as Jinja does, any closer
 * inside open brackets. When that finds no end (an unclosed string or bracket), the first
 * closer at all is taken, so one typo does not swallow the file; the expression parser
 * then reports the unclosed string or bracket. Returns -1 when there is no closer.
 */
function findTagEnd(text: string, from: number, statement: boolean): number {
  const length = text.length;
  let depth = 0;
  let i = from;
  for (;;) {
    // Ordinary characters are skipped by a table lookup, the hot path of this loop.
    let code = 0;
    while (i < length && ((code = text.charCodeAt(i)) >= 128 || TAG_SCAN_CLASS[code] === 0)) i++;
    if (i >= length) break;
    switch (TAG_SCAN_CLASS[code]) {
      case CLASS_QUOTE: {
        const after = skipString(text, i, length);
        // A string that runs to the end of the file (or closes on its last character) leaves
        // no closer after it, so the first closer at all is taken, as for unclosed brackets.
        if (after >= length) return text.indexOf(statement ? '%}' : '}}', from);
        i = after;
        continue;
      }
      case CLASS_OPEN:
        depth++;
        break;
      case CLASS_CLOSE:
        if (depth > 0) depth--;
        break;
      case CLASS_RBRACE:
        if (depth === 0) {
          if (!statement && text.charCodeAt(i + 1) === CH_RBRACE) return i;
        } else depth--;
        break;
      case CLASS_PERCENT:
        if (statement && depth === 0 && text.charCodeAt(i + 1) === CH_RBRACE) return i;
        break;
    }
    i++;
  }
  return text.indexOf(statement ? '%}' : '}}', from);
}

/**
 * The offset just after the string literal whose opening quote is at `start`, or `limit` when
 * the string is not closed before it. A backslash escapes the next character, as in Jinja.
 * The render sandbox's code scanners use it too, so both agree on where a string ends.
 */
export function skipString(text: string, start: number, limit = text.length): number {
  const quote = text.charCodeAt(start);
  let i = start + 1;
  while (i < limit) {
    const code = text.charCodeAt(i);
    if (code === CH_BACKSLASH) i += 2;
    else if (code === quote) return i + 1;
    else i++;
  }
  return limit;
}

const CLASS_QUOTE = 1;
const CLASS_OPEN = 2;
const CLASS_CLOSE = 3;
const CLASS_RBRACE = 4;
const CLASS_PERCENT = 5;

/** What each ASCII character means to `findTagEnd`; 0 for characters it skips. */
const TAG_SCAN_CLASS = (() => {
  const table = new Uint8Array(128);
  table[39] = CLASS_QUOTE; // '
  table[34] = CLASS_QUOTE; // "
  table[40] = CLASS_OPEN; // (
  table[91] = CLASS_OPEN; // [
  table[CH_LBRACE] = CLASS_OPEN;
  table[41] = CLASS_CLOSE; // )
  table[93] = CLASS_CLOSE; // ]
  table[CH_RBRACE] = CLASS_RBRACE;
  table[CH_PERCENT] = CLASS_PERCENT;
  return table;
})();

function firstWordIs(text: string, start: number, end: number, word: string): boolean {
  let i = start;
  while (i < end && isWhitespace(text.charCodeAt(i))) i++;
  if (!text.startsWith(word, i)) return false;
  let j = i + word.length;
  while (j < end && isWhitespace(text.charCodeAt(j))) j++;
  return j === end;
}

interface EndRawTag {
  start: number;
  end: number;
  trimLeft: boolean;
  trimRight: boolean;
}

/** Finds `{% endraw %}` (with any whitespace control) from `from`; nothing inside raw is Jinja. */
function findEndRaw(text: string, from: number): EndRawTag | undefined {
  let pos = from;
  for (;;) {
    const open = text.indexOf('{%', pos);
    if (open < 0) return undefined;
    const marker = text.charCodeAt(open + 2);
    const trimLeft = marker === CH_MINUS;
    const innerStart = open + 2 + (trimLeft || marker === CH_PLUS ? 1 : 0);
    const close = text.indexOf('%}', innerStart);
    if (close < 0) return undefined;
    const trimRight = close - 1 >= innerStart && text.charCodeAt(close - 1) === CH_MINUS;
    const plusRight = close - 1 >= innerStart && text.charCodeAt(close - 1) === CH_PLUS;
    if (firstWordIs(text, innerStart, trimRight || plusRight ? close - 1 : close, 'endraw')) {
      return { start: open, end: close + 2, trimLeft, trimRight };
    }
    pos = open + 2;
  }
}
