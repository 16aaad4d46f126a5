/**
 * The shared state of one structural pass and the small token predicates every part of it uses.
 *
 * The pass works on token indices.
 * Each bracket's partner is found once up front, so that any part of the pass can step over a
 * bracketed group in constant time.
 */
import type { SyntaxIssue } from '../text';
import type { Dialect } from './dialect';
import type { SqlToken } from './tokenizer';
import type { ColumnUse, CteDefinition, RelationRead } from './types';

/** The CTE names visible at one point of a query, innermost first. */
export interface Scope {
  readonly names: Set<string>;
  readonly parent: Scope | undefined;
}

export interface PassState {
  readonly sql: string;
  readonly dialect: Dialect;
  readonly tokens: SqlToken[];
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

export function isKeyword(token: SqlToken | undefined, word: string): boolean {
  return token !== undefined && token.kind === 'keyword' && token.value === word;
}

export function isPunctuation(token: SqlToken | undefined, text: string): boolean {
  return token !== undefined && token.kind === 'punctuation' && token.text === text;
}

export function isOperator(token: SqlToken | undefined, text: string): boolean {
  return token !== undefined && token.kind === 'operator' && token.text === text;
}

/** An unreserved word compared without regard to case, for words kept out of the keyword list. */
export function isWord(token: SqlToken | undefined, lowerWord: string): boolean {
  return (
    token !== undefined &&
    token.kind === 'identifier' &&
    token.text.length === lowerWord.length &&
    token.text.toLowerCase() === lowerWord
  );
}

/** A token that can name something: an identifier or a quoted identifier. */
export function isName(token: SqlToken | undefined): boolean {
  return token !== undefined && (token.kind === 'identifier' || token.kind === 'quotedIdentifier');
}

/** Any word, reserved or not, as allowed after a dot in a qualified name. */
export function isAnyWord(token: SqlToken | undefined): boolean {
  return token !== undefined && (token.kind === 'identifier' || token.kind === 'quotedIdentifier' || token.kind === 'keyword');
}

export function isOpener(token: SqlToken): boolean {
  return token.kind === 'punctuation' && (token.text === '(' || token.text === '[' || token.text === '{');
}

/** The index after the bracketed group opened at `index`, or `index + 1` for any other token. */
export function skipGroup(state: PassState, index: number): number {
  const partner = state.close[index];
  return partner >= 0 ? partner + 1 : index + 1;
}

/** The index of the first `(`-free token inside a group, to see what a parenthesis holds. */
export function firstInside(state: PassState, open: number, end: number): number {
  let index = open + 1;
  while (index < end && isPunctuation(state.tokens[index], '(')) index++;
  return index;
}

/** The first index in `[from, to)` at bracket depth zero where `test` holds, or `to`. */
export function findAtDepthZero(state: PassState, from: number, to: number, test: (index: number) => boolean): number {
  let index = from;
  while (index < to) {
    if (test(index)) return index;
    index = isOpener(state.tokens[index]) ? skipGroup(state, index) : index + 1;
  }
  return to;
}

/**
 * Pairs brackets within one statement, recording each opener's partner.
 * Unclosed openers extend to `end`; stray closers are reported and ignored.
 */
export function matchBrackets(tokens: SqlToken[], start: number, end: number, close: Int32Array, errors: SyntaxIssue[]): boolean {
  const stack: number[] = [];
  let balanced = true;
  for (let index = start; index < end; index++) {
    const token = tokens[index];
    if (token.kind !== 'punctuation') continue;
    const text = token.text;
    if (text === '(' || text === '[' || text === '{') {
      stack.push(index);
      continue;
    }
    if (text !== ')' && text !== ']' && text !== '}') continue;
    const opener = text === ')' ? '(' : text === ']' ? '[' : '{';
    let depth = stack.length - 1;
    while (depth >= 0 && tokens[stack[depth]].text !== opener) depth--;
    if (depth < 0) {
      balanced = false;
      errors.push({ message: `Unmatched '${text}'.`, span: token.span });
      continue;
    }
    while (stack.length - 1 > depth) {
      const unclosed = stack.pop() as number;
      balanced = false;
      close[unclosed] = index;
      errors.push({ message: `Unclosed '${tokens[unclosed].text}'.`, span: tokens[unclosed].span });
    }
    close[stack.pop() as number] = index;
  }
  for (const unclosed of stack) {
    balanced = false;
    close[unclosed] = end;
    errors.push({ message: `Unclosed '${tokens[unclosed].text}'.`, span: tokens[unclosed].span });
  }
  return balanced;
}

export function lookupCte(scope: Scope | undefined, lowerName: string): boolean {
  for (let current = scope; current; current = current.parent) {
    if (current.names.has(lowerName)) return true;
  }
  return false;
}
