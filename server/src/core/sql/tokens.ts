/**
 * The token list of one SQL text, stored as parallel typed arrays rather than one object per token.
 *
 * The token pass runs on every model of a project on every cold check, and one object, one span
 * object and one or two strings per token were most of its time and garbage.
 * A token is therefore only its kind and offsets; its text and value are cut out of the SQL on
 * demand, which the pass does only for the few tokens whose names it reports.
 *
 * The small token predicates the pass calls for almost every token are methods of the list.
 * A method call on one class inlines well, whereas a call to a function imported from another
 * module goes through an export getter whenever modules are loaded one by one (tsx, tests).
 */
import type { Span } from '../text';
import { KEYWORD_LIST } from './keywords';

export type SqlTokenKind =
  | 'identifier'
  | 'quotedIdentifier'
  | 'keyword'
  | 'string'
  | 'number'
  | 'operator'
  | 'punctuation'
  /** A bind parameter, variable or stage: `@stage`, `@@var`, `$1`, `?`. */
  | 'parameter'
  | 'comment';

/** A token as an object, for callers outside the pass (`tokenizeSql`). */
export interface SqlToken {
  kind: SqlTokenKind;
  span: Span;
  /** The token exactly as written. */
  text: string;
  /**
   * A normalised value: lower case for keywords, the unquoted name for quoted identifiers
   * (with doubled quotes undone), and `text` for everything else.
   */
  value: string;
}

// Token kinds as small integers, so that they fit a Uint8Array; 0 means "no token".
const IDENTIFIER = 1;
const QUOTED_IDENTIFIER = 2;
const KEYWORD = 3;
const STRING = 4;
const NUMBER = 5;
const OPERATOR = 6;
const PUNCTUATION = 7;
const PARAMETER = 8;
const COMMENT = 9;

/**
 * The token kinds, for the other modules of the pass.
 * They copy the numbers into constants of their own when they load (`const { KEYWORD } = TokenKind`)
 * rather than importing each name: when modules are loaded one by one (tsx, the tests), every read
 * of an imported binding goes through an export getter, and the kinds are tested for almost every token.
 */
export const TokenKind = { IDENTIFIER, QUOTED_IDENTIFIER, KEYWORD, STRING, NUMBER, OPERATOR, PUNCTUATION, PARAMETER, COMMENT } as const;

const KIND_NAMES: readonly SqlTokenKind[] = [
  'identifier', 'identifier', 'quotedIdentifier', 'keyword', 'string', 'number', 'operator', 'punctuation', 'parameter', 'comment',
];

/**
 * Keyword ids are indices into this array; 0 means "not a keyword".
 * The names are string literals, so comparing a looked-up name with a literal is a pointer compare.
 */
const KEYWORD_NAMES: readonly string[] = ['', ...KEYWORD_LIST];
const KEYWORD_IDS: ReadonlyMap<string, number> = new Map(KEYWORD_LIST.map((word, index) => [word, index + 1]));
const MAX_KEYWORD_LENGTH = KEYWORD_LIST.reduce((max, word) => Math.max(max, word.length), 0);

/**
 * Keyword ids grouped by length and first letter, so that a word is compared with only the few
 * keywords that could match it, without first being cut out of the text.
 */
const KEYWORD_BUCKETS: number[][] = [];
for (let id = 1; id < KEYWORD_NAMES.length; id++) {
  const word = KEYWORD_NAMES[id];
  const key = word.length * 32 + (word.charCodeAt(0) & 31);
  (KEYWORD_BUCKETS[key] ??= []).push(id);
}

/**
 * The keyword id of `sql[start, end)` compared without regard to case, or 0.
 * ASCII words are matched in place; a word with other characters takes the slow path of the
 * original definition (`toLowerCase` and a lookup), because some non-ASCII letters lower-case to
 * ASCII ones (the Kelvin sign becomes `k`).
 */
function keywordIdAt(sql: string, start: number, end: number, ascii: boolean): number {
  if (!ascii) return KEYWORD_IDS.get(sql.slice(start, end).toLowerCase()) ?? 0;
  const length = end - start;
  if (length > MAX_KEYWORD_LENGTH) return 0;
  const bucket = KEYWORD_BUCKETS[length * 32 + (sql.charCodeAt(start) & 31)];
  if (bucket === undefined) return 0;
  for (let b = 0; b < bucket.length; b++) {
    const word = KEYWORD_NAMES[bucket[b]];
    let k = 0;
    while (k < length) {
      const code = sql.charCodeAt(start + k);
      if ((code >= 65 && code <= 90 ? code + 32 : code) !== word.charCodeAt(k)) break;
      k++;
    }
    if (k === length) return bucket[b];
  }
  return 0;
}

const INITIAL_CAPACITY = 256;
/** A reused list keeps arrays up to this many tokens (about 1 MB); larger ones are dropped after use. */
const MAX_RETAINED_CAPACITY = 1 << 16;

export class TokenList {
  sql = '';
  count = 0;
  kinds = new Uint8Array(INITIAL_CAPACITY);
  starts = new Int32Array(INITIAL_CAPACITY);
  ends = new Int32Array(INITIAL_CAPACITY);
  /**
   * A detail that saves reading the text again: the keyword id for a keyword, the character code
   * for punctuation, 1 for a quoted identifier whose closing quote was found, and 1 for an
   * identifier with a non-ASCII character (0 when it is all ASCII).
   */
  extras = new Uint16Array(INITIAL_CAPACITY);
  /** The number of `;` tokens, so that a text with one statement is not searched for them. */
  semicolons = 0;
  /**
   * For an opening bracket, the index of its partner (or its statement's end when unclosed);
   * -1 otherwise. Filled by the pass (`matchBrackets`) after `prepareBrackets`.
   */
  close = new Int32Array(INITIAL_CAPACITY);

  /** Empties the list for a new text, keeping its arrays so that a reused list allocates nothing. */
  reset(sql: string): void {
    this.sql = sql;
    this.count = 0;
    this.semicolons = 0;
  }

  /**
   * Lets go of the text, and of arrays grown for an unusually large one, so that a list kept
   * between calls does not hold on to either.
   */
  release(): void {
    this.sql = '';
    if (this.kinds.length > MAX_RETAINED_CAPACITY) {
      this.kinds = new Uint8Array(INITIAL_CAPACITY);
      this.starts = new Int32Array(INITIAL_CAPACITY);
      this.ends = new Int32Array(INITIAL_CAPACITY);
      this.extras = new Uint16Array(INITIAL_CAPACITY);
      this.close = new Int32Array(INITIAL_CAPACITY);
    }
  }

  push(kind: number, start: number, end: number, extra: number): void {
    const index = this.count;
    if (index === this.kinds.length) this.grow();
    this.kinds[index] = kind;
    this.starts[index] = start;
    this.ends[index] = end;
    this.extras[index] = extra;
    this.count = index + 1;
  }

  /** Pushes a word as a keyword when it is one (in any case), else as an identifier; `ascii` says it has only ASCII characters. */
  pushWord(start: number, end: number, ascii: boolean): void {
    const keyword = keywordIdAt(this.sql, start, end, ascii);
    if (keyword === 0) this.push(IDENTIFIER, start, end, ascii ? 0 : 1);
    else this.push(KEYWORD, start, end, keyword);
  }

  private grow(): void {
    const capacity = this.kinds.length * 2;
    const kinds = new Uint8Array(capacity);
    kinds.set(this.kinds);
    this.kinds = kinds;
    const starts = new Int32Array(capacity);
    starts.set(this.starts);
    this.starts = starts;
    const ends = new Int32Array(capacity);
    ends.set(this.ends);
    this.ends = ends;
    const extras = new Uint16Array(capacity);
    extras.set(this.extras);
    this.extras = extras;
  }

  /** Marks every token as having no bracket partner yet. */
  prepareBrackets(): void {
    if (this.close.length < this.kinds.length) this.close = new Int32Array(this.kinds.length);
    this.close.fill(-1, 0, this.count);
  }

  /** The token exactly as written. */
  text(index: number): string {
    return this.sql.slice(this.starts[index], this.ends[index]);
  }

  /** The value `SqlToken.value` documents: lower case for keywords, unquoted for quoted identifiers. */
  value(index: number): string {
    const kind = this.kinds[index];
    if (kind === KEYWORD) return KEYWORD_NAMES[this.extras[index]];
    if (kind !== QUOTED_IDENTIFIER) return this.text(index);
    const start = this.starts[index];
    const end = this.ends[index];
    const quote = this.sql.charCodeAt(start);
    const inner = this.sql.slice(start + 1, Math.max(start + 1, this.extras[index] === 1 ? end - 1 : end));
    const doubled = quote === 34 ? '""' : '``';
    return inner.includes(doubled) ? inner.split(doubled).join(String.fromCharCode(quote)) : inner;
  }

  span(index: number): Span {
    return { start: this.starts[index], end: this.ends[index] };
  }

  toObjects(): SqlToken[] {
    const tokens: SqlToken[] = [];
    for (let index = 0; index < this.count; index++) {
      tokens.push({ kind: KIND_NAMES[this.kinds[index]], span: this.span(index), text: this.text(index), value: this.value(index) });
    }
    return tokens;
  }

  // The predicates below take a token index, which may be outside the list (before the first
  // token or after the last): such an index is no token, and every predicate is false for it.
  // Indices past `count` must be checked, because a reused list holds stale tokens there.

  /** The kind at `index`, or 0 when there is no token there. */
  kindAt(index: number): number {
    return index >= 0 && index < this.count ? this.kinds[index] : 0;
  }

  /** The lower-case keyword at `index`, or undefined when it is not a keyword. */
  keywordAt(index: number): string | undefined {
    return this.kindAt(index) === KEYWORD ? KEYWORD_NAMES[this.extras[index]] : undefined;
  }

  /** Keyword names are interned literals, so this comparison is a pointer compare. */
  isKeyword(index: number, word: string): boolean {
    return this.kindAt(index) === KEYWORD && KEYWORD_NAMES[this.extras[index]] === word;
  }

  /** Punctuation is one character, whose code the scanner keeps, so no text is read. */
  isPunctuation(index: number, text: string): boolean {
    return this.kindAt(index) === PUNCTUATION && this.extras[index] === text.charCodeAt(0);
  }

  /** Compares an operator's characters in place rather than cutting it out of the text. */
  isOperator(index: number, text: string): boolean {
    if (this.kindAt(index) !== OPERATOR) return false;
    const start = this.starts[index];
    if (this.ends[index] - start !== text.length) return false;
    for (let k = 0; k < text.length; k++) if (this.sql.charCodeAt(start + k) !== text.charCodeAt(k)) return false;
    return true;
  }

  /**
   * An unreserved word compared without regard to case, for words kept out of the keyword list.
   * ASCII text is compared in place; other text is lower-cased as written, since some non-ASCII
   * letters lower-case to ASCII ones.
   */
  isWord(index: number, lowerWord: string): boolean {
    if (this.kindAt(index) !== IDENTIFIER) return false;
    const start = this.starts[index];
    const length = this.ends[index] - start;
    if (length !== lowerWord.length) return false;
    const sql = this.sql;
    for (let k = 0; k < length; k++) {
      const code = sql.charCodeAt(start + k);
      if (code > 127) return sql.slice(start, start + length).toLowerCase() === lowerWord;
      if ((code >= 65 && code <= 90 ? code + 32 : code) !== lowerWord.charCodeAt(k)) return false;
    }
    return true;
  }

  /** True for an identifier with only ASCII characters, whose case can be folded code by code. */
  isAsciiIdentifier(index: number): boolean {
    return this.kindAt(index) === IDENTIFIER && this.extras[index] === 0;
  }

  /** A token that can name something: an identifier or a quoted identifier. */
  isName(index: number): boolean {
    const kind = this.kindAt(index);
    return kind === IDENTIFIER || kind === QUOTED_IDENTIFIER;
  }

  /** Any word, reserved or not, as allowed after a dot in a qualified name. */
  isAnyWord(index: number): boolean {
    const kind = this.kindAt(index);
    return kind === IDENTIFIER || kind === QUOTED_IDENTIFIER || kind === KEYWORD;
  }

  /** `(`, `[` or `{`. */
  isOpener(index: number): boolean {
    if (this.kindAt(index) !== PUNCTUATION) return false;
    const code = this.extras[index];
    return code === 40 || code === 91 || code === 123;
  }

  /** The index after the bracketed group opened at `index`, or `index + 1` for any other token. */
  skipGroup(index: number): number {
    const partner = index < this.count ? this.close[index] : -1;
    return partner >= 0 ? partner + 1 : index + 1;
  }
}
