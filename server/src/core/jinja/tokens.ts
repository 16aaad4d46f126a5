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

/** Operators of two characters that both languages share, checked before single characters. */
const TWO_CHAR_OPERATORS = new Set(['**', '//', '==', '!=', '<=', '>=']);

/** Extra information about a string token, kept beside it so plain tokens stay small. */
export interface StringInfo {
  /** Offsets of the content, without prefix and quotes. */
  innerStart: number;
  innerEnd: number;
  raw: boolean;
  /** An f-string is not a literal: its value depends on variables. */
  formatted: boolean;
  bytes: boolean;
}

export class ExprTokenizer {
  pos: number;
  /** The string details of the last string token read, indexed by its start offset. */
  readonly strings = new Map<number, StringInfo>();

  constructor(
    readonly text: string,
    start: number,
    readonly end: number,
    readonly python: boolean,
    readonly errors: SyntaxIssue[],
  ) {
    this.pos = start;
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
      return { kind: 'end', start: end, end, text: '' };
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
      return { kind: 'name', start: pos, end: cursor, text: text.slice(pos, cursor) };
    }
    if (isDigit(code) || (code === CH_DOT && pos + 1 < end && isDigit(text.charCodeAt(pos + 1)))) {
      return this.readNumber(pos);
    }
    if (pos + 1 < end) {
      const pair = text.slice(pos, pos + 2);
      if (TWO_CHAR_OPERATORS.has(pair)) {
        this.pos = pos + 2;
        return { kind: 'op', start: pos, end: pos + 2, text: pair };
      }
    }
    this.pos = pos + 1;
    return { kind: 'op', start: pos, end: pos + 1, text: text[pos] };
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
    return { kind: 'number', start, end: cursor, text: text.slice(start, cursor) };
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
      const delimiter = triple ? text.slice(quoteAt, quoteAt + 3) : text[quoteAt];
      this.errors.push({
        message: `This string is never closed: add the closing ${delimiter}, or the file will fail to compile.`,
        span: { start, end: cursor },
      });
    }
    this.strings.set(start, {
      innerStart,
      innerEnd,
      raw: prefix.includes('r'),
      formatted: prefix.includes('f'),
      bytes: prefix.includes('b'),
    });
    this.pos = cursor;
    return { kind: 'string', start, end: cursor, text: '' };
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
  const backslash = text.indexOf('\\', start);
  if (raw || backslash < 0 || backslash >= end) return text.slice(start, end);
  const parts: string[] = [];
  let cursor = start;
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
