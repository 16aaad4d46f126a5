/**
 * A hand-written SQL scanner that never fails.
 *
 * It walks the text once by character code, with no regular expressions, so its cost is linear
 * in the input whatever the input is.
 * Unterminated strings, quoted identifiers and comments end at the end of the text and are
 * reported as issues rather than thrown.
 */
import type { SyntaxIssue } from '../text';
import { lexicalRules, type Dialect, type LexicalRules } from './dialect';
import { TokenKind, TokenList, type SqlToken } from './tokens';

export type { SqlToken, SqlTokenKind } from './tokens';

// See `TokenKind` for why the kinds are copied into local constants.
const { COMMENT, NUMBER, OPERATOR, PARAMETER, PUNCTUATION, QUOTED_IDENTIFIER, STRING } = TokenKind;

export interface ScanResult {
  tokens: SqlToken[];
  errors: SyntaxIssue[];
}

/** Tokens of `sql` without whitespace; comments are included as `comment` tokens. */
export function tokenizeSql(sql: string, dialect: Dialect): SqlToken[] {
  return scanSql(sql, dialect, true).tokens;
}

/** Scans `sql` into token objects; comments are kept only when asked. */
export function scanSql(sql: string, dialect: Dialect, keepComments: boolean): ScanResult {
  const list = new TokenList();
  const errors = scanTokens(sql, dialect, keepComments, list);
  return { tokens: list.toObjects(), errors };
}

// Character codes used by the scanner, named so that the branches read as the characters they test.
const TAB = 9, LF = 10, CR = 13, SPACE = 32, BANG = 33, DQUOTE = 34, HASH = 35, DOLLAR = 36, PERCENT = 37;
const AMP = 38, SQUOTE = 39, LPAREN = 40, RPAREN = 41, STAR = 42, PLUS = 43, COMMA = 44, MINUS = 45;
const DOT = 46, SLASH = 47, ZERO = 48, NINE = 57, COLON = 58, SEMI = 59, LT = 60, EQ = 61, GT = 62;
const QUESTION = 63, AT = 64, LBRACKET = 91, BACKSLASH = 92, RBRACKET = 93, CARET = 94, UNDERSCORE = 95;
const BACKTICK = 96, LBRACE = 123, PIPE = 124, RBRACE = 125, TILDE = 126;

function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE;
}

// Classes of characters, so that the hot loops test a character with one array access instead of
// a chain of comparisons.
const WORD_START = 1;
const WORD_PART = 2;
const BLANK = 4;
/** Brackets, commas and semicolons: always one-character punctuation. (A dot may start a number.) */
const SEPARATOR = 8;
/**
 * Every UTF-16 code unit has an entry (64 KB), so that the loops need no separate test for
 * non-ASCII characters: those are word characters, except that a no-break space or a byte-order
 * mark is blank where a token could start (and, as before, part of a word inside one).
 */
const CHAR_CLASS = new Uint8Array(0x10000).fill(WORD_START | WORD_PART, 128);
CHAR_CLASS[0xa0] = BLANK | WORD_PART;
CHAR_CLASS[0xfeff] = BLANK | WORD_PART;
for (let code = 0; code < 128; code++) {
  if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === UNDERSCORE) CHAR_CLASS[code] = WORD_START | WORD_PART;
  else if (isDigit(code) || code === DOLLAR) CHAR_CLASS[code] = WORD_PART;
  else if (code === SPACE || code === LF || code === TAB || code === CR || code === 12 || code === 11) CHAR_CLASS[code] = BLANK;
  else if (code === LPAREN || code === RPAREN || code === COMMA || code === SEMI || code === LBRACKET || code === RBRACKET || code === LBRACE || code === RBRACE) CHAR_CLASS[code] = SEPARATOR;
}

function isWordPart(code: number): boolean {
  return (CHAR_CLASS[code] & WORD_PART) !== 0;
}

/**
 * Scans `sql` into `list` (which is reset first) and returns the lexical errors.
 * The pass reuses one list for every text, so that scanning allocates nothing per token.
 */
export function scanTokens(sql: string, dialect: Dialect, keepComments: boolean, list: TokenList): SyntaxIssue[] {
  const rules = lexicalRules(dialect);
  const errors: SyntaxIssue[] = [];
  const length = sql.length;
  list.reset(sql);
  let i = 0;

  while (i < length) {
    const code = sql.charCodeAt(i);
    const start = i;
    const charClass = CHAR_CLASS[code];

    if (charClass & BLANK) {
      i++;
      continue;
    }

    if (charClass & WORD_START) {
      // Whether the word is all ASCII decides how its keyword lookup compares case.
      // The bits of every character ORed together exceed 127 when any character is not ASCII.
      let bits = code;
      let end = i + 1;
      while (end < length) {
        const c = sql.charCodeAt(end);
        if ((CHAR_CLASS[c] & WORD_PART) === 0) break;
        bits |= c;
        end++;
      }
      // A short word directly before a quote may be a string prefix: e'…', r'…', b'…', n'…', x'…', br'…'.
      const quote = end < length ? sql.charCodeAt(end) : -1;
      if ((quote === SQUOTE || (quote === DQUOTE && rules.doubleQuotedStrings)) && end - i <= 2 && isStringPrefix(sql, i, end)) {
        const lowerPrefix = sql.slice(i, end).toLowerCase();
        const raw = lowerPrefix.includes('r');
        const escapes = !raw && (rules.backslashEscapes || lowerPrefix === 'e');
        const stringEnd = scanQuoted(sql, end, quote, escapes || raw, rules.tripleQuotedStrings);
        i = finishString(stringEnd, start, length, errors);
        list.push(STRING, start, i, 0);
        continue;
      }
      list.pushWord(start, end, bits < 128);
      i = end;
      continue;
    }

    if (charClass === SEPARATOR) {
      i++;
      if (code === SEMI) list.semicolons++;
      list.push(PUNCTUATION, start, i, code);
      continue;
    }

    const next = i + 1 < length ? sql.charCodeAt(i + 1) : -1;

    // Line comments: `--` everywhere, `#` in BigQuery, `//` in Snowflake.
    if ((code === MINUS && next === MINUS) || (code === HASH && rules.hashComments) || (code === SLASH && next === SLASH && dialect === 'snowflake')) {
      while (i < length && sql.charCodeAt(i) !== LF && sql.charCodeAt(i) !== CR) i++;
      if (keepComments) list.push(COMMENT, start, i, 0);
      continue;
    }

    if (code === SLASH && next === STAR) {
      i = scanBlockComment(sql, i, rules);
      if (i < 0) {
        i = length;
        errors.push({ message: 'Unterminated block comment.', span: { start, end: length } });
      }
      if (keepComments) list.push(COMMENT, start, i, 0);
      continue;
    }

    if (code === DOT && !isDigit(next)) {
      i++;
      list.push(PUNCTUATION, start, i, code);
      continue;
    }

    if (isDigit(code) || code === DOT) {
      i = scanNumber(sql, i);
      list.push(NUMBER, start, i, 0);
      continue;
    }

    if (code === SQUOTE || (code === DQUOTE && rules.doubleQuotedStrings)) {
      const end = scanQuoted(sql, i, code, rules.backslashEscapes, rules.tripleQuotedStrings);
      i = finishString(end, start, length, errors);
      list.push(STRING, start, i, 0);
      continue;
    }

    if (code === DQUOTE || (code === BACKTICK && rules.backtickIdentifiers)) {
      const end = scanQuoted(sql, i, code, code === BACKTICK && dialect === 'bigquery', false);
      if (end < 0) {
        errors.push({ message: 'Unterminated quoted identifier.', span: { start, end: length } });
        i = length;
      } else {
        i = end;
      }
      // The value (the name without quotes) is cut out only when the pass asks for it.
      list.push(QUOTED_IDENTIFIER, start, i, end >= 0 ? 1 : 0);
      continue;
    }

    if (code === DOLLAR) {
      if (rules.dollarQuotedStrings) {
        const end = scanDollarString(sql, i, rules.taggedDollarStrings);
        if (end !== 0) {
          if (end < 0) errors.push({ message: 'Unterminated $$ string.', span: { start, end: length } });
          i = end < 0 ? length : end;
          list.push(STRING, start, i, 0);
          continue;
        }
      }
      // `$1`, `$name`: positional parameters and session variables.
      i++;
      while (i < length && isWordPart(sql.charCodeAt(i))) i++;
      list.push(PARAMETER, start, i, 0);
      continue;
    }

    if (code === AT) {
      // `@stage/path`, `@~`, `@%table`, `@param`, `@@system_var`.
      i++;
      if (i < length && (sql.charCodeAt(i) === AT || sql.charCodeAt(i) === TILDE || sql.charCodeAt(i) === PERCENT)) i++;
      while (i < length) {
        const c = sql.charCodeAt(i);
        if (isWordPart(c) || c === DOT || c === SLASH) i++;
        else if (c === DQUOTE) {
          const end = scanQuoted(sql, i, DQUOTE, false, false);
          if (end < 0) break;
          i = end;
        } else break;
      }
      list.push(PARAMETER, start, i, 0);
      continue;
    }

    if (code === QUESTION) {
      i++;
      list.push(PARAMETER, start, i, 0);
      continue;
    }

    i += operatorLength(code, next, i + 2 < length ? sql.charCodeAt(i + 2) : -1);
    list.push(OPERATOR, start, i, 0);
  }
  return errors;
}

function isStringPrefix(sql: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    const c = sql.charCodeAt(k) | 32;
    // e, r, b, n, x: escape, raw, bytes, national and hex string prefixes.
    if (c !== 101 && c !== 114 && c !== 98 && c !== 110 && c !== 120) return false;
  }
  return true;
}

function finishString(end: number, start: number, length: number, errors: SyntaxIssue[]): number {
  if (end >= 0) return end;
  errors.push({ message: 'Unterminated string literal.', span: { start, end: length } });
  return length;
}

/**
 * Scans a literal or identifier opened by `quote` at `start`; returns the offset after its end,
 * or -1 when the text ends first.
 * A doubled quote is always an escaped quote; a backslash escapes when `escapes` is set.
 */
function scanQuoted(sql: string, start: number, quote: number, escapes: boolean, triple: boolean): number {
  const length = sql.length;
  if (triple && sql.charCodeAt(start + 1) === quote && sql.charCodeAt(start + 2) === quote) {
    let k = start + 3;
    while (k < length) {
      const c = sql.charCodeAt(k);
      if (c === BACKSLASH && escapes) k += 2;
      else if (c === quote && sql.charCodeAt(k + 1) === quote && sql.charCodeAt(k + 2) === quote) return k + 3;
      else k++;
    }
    return -1;
  }
  let k = start + 1;
  while (k < length) {
    const c = sql.charCodeAt(k);
    if (c === BACKSLASH && escapes) {
      k += 2;
    } else if (c === quote) {
      if (sql.charCodeAt(k + 1) === quote) k += 2;
      else return k + 1;
    } else {
      k++;
    }
  }
  return -1;
}

/** Returns the offset after a block comment, or -1 when it is not closed. */
function scanBlockComment(sql: string, start: number, rules: LexicalRules): number {
  const length = sql.length;
  let depth = 1;
  let k = start + 2;
  while (k < length) {
    const c = sql.charCodeAt(k);
    if (c === STAR && sql.charCodeAt(k + 1) === SLASH) {
      k += 2;
      depth--;
      if (depth === 0) return k;
    } else if (c === SLASH && sql.charCodeAt(k + 1) === STAR && rules.nestedBlockComments) {
      k += 2;
      depth++;
    } else {
      k++;
    }
  }
  return -1;
}

/**
 * Scans `$$…$$` or `$tag$…$tag$` at `start`.
 * Returns the offset after it, -1 when it is not closed, or 0 when `$` does not open such a string.
 */
function scanDollarString(sql: string, start: number, tagged: boolean): number {
  let tagEnd = start + 1;
  if (tagged) {
    while (tagEnd < sql.length && isWordPart(sql.charCodeAt(tagEnd)) && sql.charCodeAt(tagEnd) !== DOLLAR) tagEnd++;
  }
  if (sql.charCodeAt(tagEnd) !== DOLLAR) return 0;
  // `$1$` is not a tag: tags cannot start with a digit.
  if (tagEnd > start + 1 && isDigit(sql.charCodeAt(start + 1))) return 0;
  const delimiter = sql.slice(start, tagEnd + 1);
  const close = sql.indexOf(delimiter, tagEnd + 1);
  return close < 0 ? -1 : close + delimiter.length;
}

function scanNumber(sql: string, start: number): number {
  const length = sql.length;
  let k = start;
  if (sql.charCodeAt(k) === ZERO && (sql.charCodeAt(k + 1) | 32) === 120) {
    k += 2;
    while (k < length && (isDigit(sql.charCodeAt(k)) || ((sql.charCodeAt(k) | 32) >= 97 && (sql.charCodeAt(k) | 32) <= 102))) k++;
    return k;
  }
  while (k < length && (isDigit(sql.charCodeAt(k)) || sql.charCodeAt(k) === UNDERSCORE)) k++;
  if (sql.charCodeAt(k) === DOT && sql.charCodeAt(k + 1) !== DOT) {
    k++;
    while (k < length && isDigit(sql.charCodeAt(k))) k++;
  }
  if ((sql.charCodeAt(k) | 32) === 101) {
    const sign = sql.charCodeAt(k + 1);
    const digitAt = sign === PLUS || sign === MINUS ? k + 2 : k + 1;
    if (isDigit(sql.charCodeAt(digitAt))) {
      k = digitAt;
      while (k < length && isDigit(sql.charCodeAt(k))) k++;
    }
  }
  return k;
}

/** The length of the operator starting with `a`, `b`, `c`: the longest of the multi-character operators SQL uses. */
function operatorLength(a: number, b: number, c: number): number {
  if (a === COLON && b === COLON) return 2;
  if (a === LT && b === EQ && c === GT) return 3;
  if (a === MINUS && b === GT && c === GT) return 3;
  if (a === HASH && b === GT && c === GT) return 3;
  if (a === LT && (b === EQ || b === GT || b === LT)) return 2;
  if (a === GT && (b === EQ || b === GT)) return 2;
  if ((a === BANG || a === EQ) && b === EQ) return 2;
  if (a === EQ && b === GT) return 2;
  if (a === MINUS && b === GT) return 2;
  if (a === HASH && b === GT) return 2;
  if (a === PIPE && b === PIPE) return 2;
  if (a === STAR && b === STAR) return 2;
  if (a === AMP && b === AMP) return 2;
  if (a === COLON && b === EQ) return 2;
  if (a === TILDE && b === STAR) return 2;
  if (a === BANG && b === TILDE) return c === STAR ? 3 : 2;
  if (a === CARET && b === AT) return 2;
  return 1;
}
