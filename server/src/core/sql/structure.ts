/**
 * The shared state of one structural pass and the depth-zero searches every part of it uses.
 * (The token predicates themselves are methods of `TokenList`.)
 *
 * The pass works on token indices.
 * Each bracket's partner is found once up front, so that any part of the pass can step over a
 * bracketed group in constant time.
 */
import type { SyntaxIssue } from '../text';
import type { Dialect } from './dialect';
import { TokenKind, type TokenList } from './tokens';
import type { ColumnUse, CteDefinition, RelationRead } from './types';

// See `TokenKind` for why the kinds are copied into local constants.
const { PUNCTUATION } = TokenKind;

/** The CTE names visible at one point of a query, innermost first. */
export interface Scope {
  readonly names: Set<string>;
  readonly parent: Scope | undefined;
}

export interface PassState {
  readonly sql: string;
  readonly dialect: Dialect;
  /** The tokens, with each opening bracket's partner in `tokens.close`. */
  readonly tokens: TokenList;
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

/** The index of the first `(`-free token inside a group, to see what a parenthesis holds. */
export function firstInside(state: PassState, open: number, end: number): number {
  let index = open + 1;
  while (index < end && state.tokens.isPunctuation(index, '(')) index++;
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
    index = tokens.isOpener(index) ? tokens.skipGroup(index) : index + 1;
  }
  return to;
}

/** The first depth-zero keyword `word` in `[from, to)`, or `to`. */
export function findKeyword(state: PassState, from: number, to: number, word: string): number {
  const tokens = state.tokens;
  let index = from;
  while (index < to) {
    if (tokens.isKeyword(index, word)) return index;
    index = tokens.isOpener(index) ? tokens.skipGroup(index) : index + 1;
  }
  return to;
}

/** The first depth-zero comma in `[from, to)`, or `to`. */
export function findComma(state: PassState, from: number, to: number): number {
  const tokens = state.tokens;
  let index = from;
  while (index < to) {
    if (tokens.isPunctuation(index, ',')) return index;
    index = tokens.isOpener(index) ? tokens.skipGroup(index) : index + 1;
  }
  return to;
}

/**
 * Pairs brackets within one statement, recording each opener's partner.
 * Unclosed openers extend to `end`; stray closers are reported and ignored.
 * `stack` is scratch space of at least `end - start` entries, reused between calls.
 */
export function matchBrackets(tokens: TokenList, start: number, end: number, errors: SyntaxIssue[], stack: Int32Array): boolean {
  const close = tokens.close;
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
