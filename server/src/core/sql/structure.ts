/**
 * The shared state of one structural pass and the small token predicates every part of it uses.
 *
 * The pass works on token indices.
 * Each bracket's partner is found once up front, so that any part of the pass can step over a
 * bracketed group in constant time.
 */
import type { SyntaxIssue } from '../text';
import type { Dialect } from './dialect';
import { KEYWORD_NAMES } from './keywords';
import { IDENTIFIER, KEYWORD, OPERATOR, PUNCTUATION, QUOTED_IDENTIFIER, type TokenList } from './tokens';
import type { ColumnUse, CteDefinition, RelationRead } from './types';

/** The CTE names visible at one point of a query, innermost first. */
export interface Scope {
  readonly names: Set<string>;
  readonly parent: Scope | undefined;
}

export interface PassState {
  readonly sql: string;
  readonly dialect: Dialect;
  readonly tokens: TokenList;
  /** For an opening bracket, the index of its partner (or the statement's end when unclosed); -1 otherwise. */
  readonly close: Int32Array;
  readonly relations: RelationRead[];
  readonly ctes: CteDefinition[];
  readonly where: ColumnUse[];
  readonly join: ColumnUse[];
  readonly groupBy: ColumnUse[];
  readonly errors: SyntaxIssue[];
  relationsComplete: boolean;
  columnsComplete: boolean;
  /** True once any statement was recognised as a query or a data change. */
  sawQuery: boolean;
  /** Current nesting of subqueries, bounded so that hostile input cannot exhaust the stack. */
  depth: number;
}

/** Deeper nesting than this is skipped (and reported), which keeps recursion far from the stack limit. */
export const MAX_DEPTH = 150;

/** The prefix the Jinja renderer gives to expressions it could not evaluate. */
const TEMPLATE_PLACEHOLDER = '__dplens_expr_';

export function isTemplatePlaceholder(text: string): boolean {
  return text.includes(TEMPLATE_PLACEHOLDER);
}

// The predicates below take a token index, which may be outside the list (before the first token
// or after the last): such an index is no token, and every predicate is false for it.
// Indices past `count` must be checked explicitly, because the reused arrays hold stale tokens there.

function exists(tokens: TokenList, index: number): boolean {
  return index >= 0 && index < tokens.count;
}

export function kindAt(tokens: TokenList, index: number): number {
  return exists(tokens, index) ? tokens.kinds[index] : 0;
}

/** The lower-case keyword at `index`, or undefined when it is not a keyword. */
export function keywordAt(tokens: TokenList, index: number): string | undefined {
  return exists(tokens, index) && tokens.kinds[index] === KEYWORD ? KEYWORD_NAMES[tokens.extras[index]] : undefined;
}

/** Keyword names are interned literals, so this comparison is a pointer compare. */
export function isKeyword(tokens: TokenList, index: number, word: string): boolean {
  return exists(tokens, index) && tokens.kinds[index] === KEYWORD && KEYWORD_NAMES[tokens.extras[index]] === word;
}

/** Punctuation is one character, whose code the scanner keeps, so no text is read. */
export function isPunctuation(tokens: TokenList, index: number, text: string): boolean {
  return exists(tokens, index) && tokens.kinds[index] === PUNCTUATION && tokens.extras[index] === text.charCodeAt(0);
}

/** Compares an operator's characters in place rather than cutting it out of the text. */
export function isOperator(tokens: TokenList, index: number, text: string): boolean {
  if (!exists(tokens, index) || tokens.kinds[index] !== OPERATOR) return false;
  const start = tokens.starts[index];
  if (tokens.ends[index] - start !== text.length) return false;
  for (let k = 0; k < text.length; k++) if (tokens.sql.charCodeAt(start + k) !== text.charCodeAt(k)) return false;
  return true;
}

/**
 * An unreserved word compared without regard to case, for words kept out of the keyword list.
 * ASCII text is compared in place; other text is lower-cased as written, since some non-ASCII
 * letters lower-case to ASCII ones.
 */
export function isWord(tokens: TokenList, index: number, lowerWord: string): boolean {
  if (!exists(tokens, index) || tokens.kinds[index] !== IDENTIFIER) return false;
  const start = tokens.starts[index];
  const length = tokens.ends[index] - start;
  if (length !== lowerWord.length) return false;
  const sql = tokens.sql;
  for (let k = 0; k < length; k++) {
    const code = sql.charCodeAt(start + k);
    if (code > 127) return sql.slice(start, start + length).toLowerCase() === lowerWord;
    if ((code >= 65 && code <= 90 ? code + 32 : code) !== lowerWord.charCodeAt(k)) return false;
  }
  return true;
}

/** A token that can name something: an identifier or a quoted identifier. */
export function isName(tokens: TokenList, index: number): boolean {
  if (!exists(tokens, index)) return false;
  const kind = tokens.kinds[index];
  return kind === IDENTIFIER || kind === QUOTED_IDENTIFIER;
}

/** Any word, reserved or not, as allowed after a dot in a qualified name. */
export function isAnyWord(tokens: TokenList, index: number): boolean {
  if (!exists(tokens, index)) return false;
  const kind = tokens.kinds[index];
  return kind === IDENTIFIER || kind === QUOTED_IDENTIFIER || kind === KEYWORD;
}

/** `(`, `[` or `{`; the index must be a token. */
export function isOpener(tokens: TokenList, index: number): boolean {
  if (tokens.kinds[index] !== PUNCTUATION) return false;
  const code = tokens.extras[index];
  return code === 40 || code === 91 || code === 123;
}

/** The index after the bracketed group opened at `index`, or `index + 1` for any other token. */
export function skipGroup(state: PassState, index: number): number {
  const partner = state.close[index];
  return partner >= 0 ? partner + 1 : index + 1;
}

/** The index of the first `(`-free token inside a group, to see what a parenthesis holds. */
export function firstInside(state: PassState, open: number, end: number): number {
  let index = open + 1;
  while (index < end && isPunctuation(state.tokens, index, '(')) index++;
  return index;
}

/**
 * The first index in `[from, to)` at bracket depth zero where `test` holds, or `to`.
 * Most callers look for one keyword or comma, and use the closure-free forms below.
 */
export function findAtDepthZero(state: PassState, from: number, to: number, test: (index: number) => boolean): number {
  const tokens = state.tokens;
  let index = from;
  while (index < to) {
    if (test(index)) return index;
    index = isOpener(tokens, index) ? skipGroup(state, index) : index + 1;
  }
  return to;
}

/** The first depth-zero keyword `word` in `[from, to)`, or `to`. */
export function findKeyword(state: PassState, from: number, to: number, word: string): number {
  const tokens = state.tokens;
  let index = from;
  while (index < to) {
    if (isKeyword(tokens, index, word)) return index;
    index = isOpener(tokens, index) ? skipGroup(state, index) : index + 1;
  }
  return to;
}

/** The first depth-zero comma in `[from, to)`, or `to`. */
export function findComma(state: PassState, from: number, to: number): number {
  const tokens = state.tokens;
  let index = from;
  while (index < to) {
    if (isPunctuation(tokens, index, ',')) return index;
    index = isOpener(tokens, index) ? skipGroup(state, index) : index + 1;
  }
  return to;
}

/**
 * Pairs brackets within one statement, recording each opener's partner.
 * Unclosed openers extend to `end`; stray closers are reported and ignored.
 * `stack` is scratch space of at least `end - start` entries, reused between calls.
 */
export function matchBrackets(tokens: TokenList, start: number, end: number, close: Int32Array, errors: SyntaxIssue[], stack: Int32Array): boolean {
  const kinds = tokens.kinds;
  const extras = tokens.extras;
  let top = 0;
  let balanced = true;
  for (let index = start; index < end; index++) {
    if (kinds[index] !== PUNCTUATION) continue;
    const code = extras[index];
    if (code === 40 || code === 91 || code === 123) {
      stack[top++] = index;
      continue;
    }
    if (code !== 41 && code !== 93 && code !== 125) continue;
    // `(` is 40 and `)` 41; `[` and `{` are two below their closers.
    const opener = code === 41 ? 40 : code - 2;
    let depth = top - 1;
    while (depth >= 0 && extras[stack[depth]] !== opener) depth--;
    if (depth < 0) {
      balanced = false;
      errors.push({ message: `Unmatched '${String.fromCharCode(code)}'.`, span: tokens.span(index) });
      continue;
    }
    while (top - 1 > depth) {
      const unclosed = stack[--top];
      balanced = false;
      close[unclosed] = index;
      errors.push({ message: `Unclosed '${String.fromCharCode(extras[unclosed])}'.`, span: tokens.span(unclosed) });
    }
    close[stack[--top]] = index;
  }
  for (let k = 0; k < top; k++) {
    const unclosed = stack[k];
    balanced = false;
    close[unclosed] = end;
    errors.push({ message: `Unclosed '${String.fromCharCode(extras[unclosed])}'.`, span: tokens.span(unclosed) });
  }
  return balanced;
}

export function lookupCte(scope: Scope | undefined, lowerName: string): boolean {
  for (let current = scope; current; current = current.parent) {
    if (current.names.has(lowerName)) return true;
  }
  return false;
}
