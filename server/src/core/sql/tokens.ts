/**
 * The token list of one SQL text, stored as parallel typed arrays rather than one object per token.
 *
 * The token pass runs on every model of a project on every cold check, and one object, one span
 * object and one or two strings per token were most of its time and garbage.
 * A token is therefore only its kind and offsets; its text and value are cut out of the SQL on
 * demand, which the pass does only for the few tokens whose names it reports.
 */
import type { Span } from '../text';
import { KEYWORD_NAMES } from './keywords';

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

// Token kinds as small integers, so that they fit a Uint8Array; 0 is never used.
export const IDENTIFIER = 1;
export const QUOTED_IDENTIFIER = 2;
export const KEYWORD = 3;
export const STRING = 4;
export const NUMBER = 5;
export const OPERATOR = 6;
export const PUNCTUATION = 7;
export const PARAMETER = 8;
export const COMMENT = 9;

const KIND_NAMES: readonly SqlTokenKind[] = [
  'identifier', 'identifier', 'quotedIdentifier', 'keyword', 'string', 'number', 'operator', 'punctuation', 'parameter', 'comment',
];

const INITIAL_CAPACITY = 256;

export class TokenList {
  sql = '';
  count = 0;
  kinds = new Uint8Array(INITIAL_CAPACITY);
  starts = new Int32Array(INITIAL_CAPACITY);
  ends = new Int32Array(INITIAL_CAPACITY);
  /**
   * A detail that saves reading the text again: the keyword id for a keyword, the character code
   * for punctuation, and 1 for a quoted identifier whose closing quote was found.
   */
  extras = new Uint16Array(INITIAL_CAPACITY);

  /** Empties the list for a new text, keeping its arrays so that a reused list allocates nothing. */
  reset(sql: string): void {
    this.sql = sql;
    this.count = 0;
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
}
