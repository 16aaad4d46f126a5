/**
 * The tokenizer for Jinja expressions and, in Python mode, for Python source.
 *
 * It reads a range of the original text in place (no slicing until a value is needed),
 * so every token carries offsets into the file and the callers never re-base spans.
 */
import type { SyntaxIssue } from '../text';

export type TokenKind = 'name' | 'number' | 'string' | 'op' | 'end';

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  /** The name, the operator, or the raw number text; empty for strings and the end token. */
  text: string;
  /** For strings, the content's offsets without prefix and quotes; the token's own offsets otherwise. */
  innerStart: number;
  innerEnd: number;
  /** For strings, a combination of the `STRING_*` flags. */
  flags: number;
}

export const STRING_RAW = 1;
/** An f-string is not a literal: its value depends on variables. */
export const STRING_FORMATTED = 2;
export const STRING_BYTES = 4;

function token(kind: TokenKind, start: number, end: number, text: string): Token {
  return { kind, start, end, text, innerStart: start, innerEnd: end, flags: 0 };
}

const CH_TAB = 9;
const CH_LF = 10;
const CH_VT = 11;
const CH_FF = 12;
const CH_CR = 13;
const CH_SPACE = 32;
const CH_DQUOTE = 34;
const CH_HASH = 35;
const CH_SQUOTE = 39;
const CH_DOT = 46;
const CH_BACKSLASH = 92;

export function isWhitespace(code: number): boolean {
  return code === CH_SPACE || code === CH_LF || code === CH_TAB || code === CH_CR || code === CH_FF || code === CH_VT;
}

function isNameStart(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || code > 127;
}

function isNamePart(code: number): boolean {
  return isNameStart(code) || (code >= 48 && code <= 57);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The length of the operator at `pos`: two characters for `** // == != <= >=`, else one. */
function operatorLength(text: string, pos: number, end: number): number {
  if (pos + 1 >= end) return 1;
  const first = text.charCodeAt(pos);
  const second = text.charCodeAt(pos + 1);
  if (second === 61) return first === 61 || first === 33 || first === 60 || first === 62 ? 2 : 1; // == != <= >=
  if (first === second && (first === 42 || first === 47)) return 2; // ** //
  return 1;
}

export class ExprTokenizer {
  pos: number;
  end: number;
  /** Set once a string runs to the end of the range, so the brackets it swallowed are not reported too. */
  sawUnclosedString = false;

  constructor(
    readonly text: string,
    start: number,
    end: number,
    readonly python: boolean,
    readonly errors: SyntaxIssue[],
  ) {
    this.pos = start;
    this.end = end;
    this.sawUnclosedString = false;
  }

  /** Points the tokenizer at another range of the same text, so one instance serves a whole file. */
  reset(start: number, end: number): void {
    this.pos = start;
    this.end = end;
  }

  next(): Token {
    const text = this.text;
    const end = this.end;
    let pos = this.pos;
    for (;;) {
      while (pos < end && isWhitespace(text.charCodeAt(pos))) pos++;
      // Python comments run to the end of the line; Jinja has no expression comments.
      if (this.python && pos < end && text.charCodeAt(pos) === CH_HASH) {
        while (pos < end && text.charCodeAt(pos) !== CH_LF && text.charCodeAt(pos) !== CH_CR) pos++;
        continue;
      }
      break;
    }
    if (pos >= end) {
      this.pos = end;
      return token('end', end, end, '');
    }
    const code = text.charCodeAt(pos);
    if (code === CH_SQUOTE || code === CH_DQUOTE) return this.readString(pos, pos, '');
    if (isNameStart(code)) {
      let cursor = pos + 1;
      while (cursor < end && isNamePart(text.charCodeAt(cursor))) cursor++;
      const quote = cursor < end ? text.charCodeAt(cursor) : 0;
      if (this.python && (quote === CH_SQUOTE || quote === CH_DQUOTE) && cursor - pos <= 2) {
        const prefix = text.slice(pos, cursor).toLowerCase();
        if (/^(r|u|b|f|br|rb|fr|rf)$/.test(prefix)) return this.readString(pos, cursor, prefix);
      }
      this.pos = cursor;
      return token('name', pos, cursor, text.slice(pos, cursor));
    }
    if (isDigit(code) || (code === CH_DOT && pos + 1 < end && isDigit(text.charCodeAt(pos + 1)))) {
      return this.readNumber(pos);
    }
    const length = operatorLength(text, pos, end);
    this.pos = pos + length;
    return token('op', pos, pos + length, length === 1 ? text[pos] : text.slice(pos, pos + 2));
  }

  private readNumber(start: number): Token {
    const text = this.text;
    const end = this.end;
    let cursor = start;
    const second = cursor + 1 < end ? text.charCodeAt(cursor + 1) | 32 : 0;
    if (text.charCodeAt(cursor) === 48 && (second === 120 || second === 111 || second === 98)) {
      // Hexadecimal, octal and binary integers: read the digits of any base and let Number decide.
      cursor += 2;
      while (cursor < end && (isNamePart(text.charCodeAt(cursor)))) cursor++;
    } else {
      while (cursor < end && (isDigit(text.charCodeAt(cursor)) || text.charCodeAt(cursor) === 95)) cursor++;
      if (cursor < end && text.charCodeAt(cursor) === CH_DOT && cursor + 1 < end && isDigit(text.charCodeAt(cursor + 1))) {
        cursor++;
        while (cursor < end && (isDigit(text.charCodeAt(cursor)) || text.charCodeAt(cursor) === 95)) cursor++;
      } else if (cursor < end && text.charCodeAt(cursor) === CH_DOT && !(cursor + 1 < end && isNameStart(text.charCodeAt(cursor + 1)))) {
        // `1.` is a float in Python and Jinja; `1.real` is an attribute, which is rare enough to ignore.
        cursor++;
      }
      const exponent = cursor < end ? text.charCodeAt(cursor) | 32 : 0;
      if (exponent === 101) {
        let probe = cursor + 1;
        const sign = probe < end ? text.charCodeAt(probe) : 0;
        if (sign === 43 || sign === 45) probe++;
        if (probe < end && isDigit(text.charCodeAt(probe))) {
          cursor = probe;
          while (cursor < end && isDigit(text.charCodeAt(cursor))) cursor++;
        }
      }
    }
    this.pos = cursor;
    return token('number', start, cursor, text.slice(start, cursor));
  }

  private readString(start: number, quoteAt: number, prefix: string): Token {
    const text = this.text;
    const end = this.end;
    const quote = text.charCodeAt(quoteAt);
    const triple = this.python && quoteAt + 2 < end && text.charCodeAt(quoteAt + 1) === quote && text.charCodeAt(quoteAt + 2) === quote;
    const quoteLength = triple ? 3 : 1;
    const innerStart = quoteAt + quoteLength;
    let cursor = innerStart;
    let innerEnd = -1;
    while (cursor < end) {
      const code = text.charCodeAt(cursor);
      if (code === CH_BACKSLASH) {
        cursor += 2;
        continue;
      }
      if (code === quote) {
        if (!triple) {
          innerEnd = cursor;
          cursor++;
          break;
        }
        if (cursor + 2 < end && text.charCodeAt(cursor + 1) === quote && text.charCodeAt(cursor + 2) === quote) {
          innerEnd = cursor;
          cursor += 3;
          break;
        }
      } else if (this.python && !triple && (code === CH_LF || code === CH_CR)) {
        // A Python string on one line cannot continue past the line break.
        break;
      }
      cursor++;
    }
    if (cursor > end) cursor = end;
    if (innerEnd < 0) {
      innerEnd = cursor;
      this.sawUnclosedString = true;
      const delimiter = triple ? text.slice(quoteAt, quoteAt + 3) : text[quoteAt];
      this.errors.push({
        message: `This string is never closed: add the closing ${delimiter}.`,
        span: { start, end: cursor },
      });
    }
    this.pos = cursor;
    let flags = 0;
    if (prefix !== '') {
      if (prefix.includes('r')) flags |= STRING_RAW;
      if (prefix.includes('f')) flags |= STRING_FORMATTED;
      if (prefix.includes('b')) flags |= STRING_BYTES;
    }
    return { kind: 'string', start, end: cursor, text: '', innerStart, innerEnd, flags };
  }
}

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '0': '\0',
  '\n': '',
};

/** The value of a string literal's content, with Python's escape sequences decoded. */
export function decodeStringContent(text: string, start: number, end: number, raw: boolean): string {
  if (raw) return text.slice(start, end);
  let backslash = start;
  while (backslash < end && text.charCodeAt(backslash) !== CH_BACKSLASH) backslash++;
  if (backslash >= end) return text.slice(start, end);
  const parts: string[] = [];
  let cursor = backslash;
  let chunkStart = start;
  while (cursor < end) {
    if (text.charCodeAt(cursor) !== CH_BACKSLASH || cursor + 1 >= end) {
      cursor++;
      continue;
    }
    parts.push(text.slice(chunkStart, cursor));
    const escape = text[cursor + 1];
    const simple = SIMPLE_ESCAPES[escape];
    let consumed = 2;
    let decoded: string | undefined = simple;
    const hexLength = escape === 'x' ? 2 : escape === 'u' ? 4 : escape === 'U' ? 8 : 0;
    if (hexLength > 0) {
      const hex = text.slice(cursor + 2, cursor + 2 + hexLength);
      if (hex.length === hexLength && /^[0-9a-fA-F]+$/.test(hex)) {
        const codePoint = parseInt(hex, 16);
        if (codePoint <= 0x10ffff) {
          decoded = String.fromCodePoint(codePoint);
          consumed = 2 + hexLength;
        }
      }
    }
    // Python keeps unknown escapes as written, backslash included.
    parts.push(decoded ?? text.slice(cursor, cursor + 2));
    cursor += consumed;
    chunkStart = cursor;
  }
  parts.push(text.slice(chunkStart, end));
  return parts.join('');
}
