/**
 * Column references inside expressions.
 *
 * An expression is walked token by token: a name not followed by `(` is a column reference,
 * a name followed by `(` is a function, and a parenthesis that starts with SELECT or WITH is a
 * subquery, handed back to the query reader so that its relations are found too.
 */
import { DATE_PARTS } from './keywords';
import type { SqlToken } from './tokenizer';
import type { ColumnUse } from './types';
import {
  findAtDepthZero,
  firstInside,
  isAnyWord,
  isKeyword,
  isName,
  isOpener,
  isOperator,
  isPunctuation,
  isWord,
  MAX_DEPTH,
  skipGroup,
  type PassState,
  type Scope,
} from './structure';

/** Reads a subquery in `[start, end)`; injected by the query reader to avoid a module cycle. */
export type SubqueryReader = (state: PassState, start: number, end: number, scope: Scope | undefined) => void;

let readSubquery: SubqueryReader = () => undefined;

export function setSubqueryReader(reader: SubqueryReader): void {
  readSubquery = reader;
}

/** The end of a dotted name that starts at `start`: `a`, `a.b`, `"a"."b".c`, and `a.*` when `allowStar`. */
export function nameEnd(tokens: SqlToken[], start: number, end: number, allowStar: boolean): number {
  let index = start + 1;
  while (index + 1 < end && isPunctuation(tokens[index], '.')) {
    const part = tokens[index + 1];
    if (isAnyWord(part)) index += 2;
    else if (allowStar && isOperator(part, '*')) return index + 2;
    else break;
  }
  return index;
}

/** Skips a type name after `::`, including `numeric(10, 2)`, `int[]` and `array<string>`. */
function skipType(state: PassState, start: number, end: number): number {
  const tokens = state.tokens;
  let index = start;
  if (index < end && isAnyWord(tokens[index])) index = nameEnd(tokens, index, end, false);
  while (index < end) {
    const token = tokens[index];
    if (isPunctuation(token, '(') || isPunctuation(token, '[')) {
      index = skipGroup(state, index);
    } else if (isOperator(token, '<')) {
      // Generic parameters nest, and `>>` closes two levels at once.
      let depth = 0;
      while (index < end) {
        const text = tokens[index].text;
        if (tokens[index].kind === 'operator') {
          if (text === '<') depth++;
          else if (text === '>') depth--;
          else if (text === '>>') depth -= 2;
        }
        index++;
        if (depth <= 0) break;
      }
    } else {
      break;
    }
  }
  return index;
}

/** True for the dialects whose `a:b.c` syntax reads a path inside a semi-structured column. */
function hasColonPaths(state: PassState): boolean {
  return state.dialect === 'snowflake' || state.dialect === 'databricks' || state.dialect === 'generic';
}

/**
 * Collects the column references in `[start, end)` into `sink` (when given) and reads any
 * subqueries.
 * `inArguments` is set for the arguments of a function call, where date-part words are arguments.
 */
export function scanExpression(
  state: PassState,
  start: number,
  end: number,
  scope: Scope | undefined,
  sink: ColumnUse[] | null,
  inArguments: boolean,
): void {
  const tokens = state.tokens;
  let index = start;
  while (index < end) {
    const token = tokens[index];
    if (isOpener(token)) {
      const partner = Math.min(state.close[index], end);
      const inner = firstInside(state, index, partner);
      if (token.text === '(' && (isKeyword(tokens[inner], 'select') || isKeyword(tokens[inner], 'with')) && inner < partner) {
        readSubquery(state, index + 1, partner, scope);
      } else {
        scanNested(state, index + 1, partner, scope, sink, false);
      }
      index = skipGroup(state, index);
      continue;
    }
    switch (token.kind) {
      case 'operator':
        index = token.text === '::' ? skipType(state, index + 1, end) : index + 1;
        continue;
      case 'punctuation':
        // A dot after a bracket or call reads a field (`(x).f`, `arr[0].f`), not a column.
        index += isPunctuation(token, '.') && isAnyWord(tokens[index + 1]) && index + 1 < end ? 2 : 1;
        continue;
      case 'keyword':
        index = afterKeyword(state, index, end);
        continue;
      case 'identifier':
      case 'quotedIdentifier':
        index = afterName(state, index, end, scope, sink, inArguments);
        continue;
      default:
        index++;
    }
  }
}

/** Recursion into brackets, bounded by the pass's depth limit. */
function scanNested(state: PassState, start: number, end: number, scope: Scope | undefined, sink: ColumnUse[] | null, inArguments: boolean): void {
  if (state.depth >= MAX_DEPTH) {
    state.columnsComplete = false;
    return;
  }
  state.depth++;
  scanExpression(state, start, end, scope, sink, inArguments);
  state.depth--;
}

function afterKeyword(state: PassState, index: number, end: number): number {
  const tokens = state.tokens;
  const token = tokens[index];
  switch (token.value) {
    case 'as':
      // Inside an expression, AS introduces a type (`cast(x as int)`) or a field name (`struct(a as b)`).
      return findAtDepthZero(state, index + 1, end, (at) => isPunctuation(tokens[at], ','));
    case 'at':
      return isWord(tokens[index + 1], 'time') && isWord(tokens[index + 2], 'zone') ? index + 3 : index + 1;
    case 'interval': {
      // `interval '1' day`, `interval 3 hour`: the unit after the quantity is not a column.
      let next = index + 1;
      if (next < end && (tokens[next].kind === 'string' || tokens[next].kind === 'number')) next++;
      if (next < end && tokens[next].kind === 'identifier' && DATE_PARTS.has(tokens[next].text.toLowerCase())) next++;
      return next;
    }
    default:
      return index + 1;
  }
}

function afterName(
  state: PassState,
  index: number,
  end: number,
  scope: Scope | undefined,
  sink: ColumnUse[] | null,
  inArguments: boolean,
): number {
  const tokens = state.tokens;
  const token = tokens[index];
  const chainEnd = nameEnd(tokens, index, end, true);
  const next = chainEnd < end ? tokens[chainEnd] : undefined;
  if (next !== undefined && isPunctuation(next, '(')) {
    const partner = Math.min(state.close[chainEnd], end);
    scanNested(state, chainEnd + 1, partner, scope, sink, true);
    return skipGroup(state, chainEnd);
  }
  const single = chainEnd === index + 1;
  if (single && token.kind === 'identifier') {
    // `date '2024-01-01'` is a typed literal; `name => value` a named argument; `x -> …` a lambda.
    if (next !== undefined && next.kind === 'string') return chainEnd;
    if (inArguments && DATE_PARTS.has(token.text.toLowerCase())) return chainEnd;
  }
  if (isOperator(next, '=>') || isOperator(next, '->')) return chainEnd + 1;
  let referenceEnd = chainEnd;
  if (hasColonPaths(state)) {
    // Snowflake reads into variants with `payload:customer.name` or `payload:"key"[0]`.
    while (referenceEnd + 1 < end && isOperator(tokens[referenceEnd], ':') && (isAnyWord(tokens[referenceEnd + 1]) || tokens[referenceEnd + 1].kind === 'string')) {
      referenceEnd = nameEnd(tokens, referenceEnd + 1, end, false);
      while (referenceEnd < end && isPunctuation(tokens[referenceEnd], '[')) referenceEnd = Math.min(skipGroup(state, referenceEnd), end);
      while (referenceEnd + 1 < end && isPunctuation(tokens[referenceEnd], '.') && isAnyWord(tokens[referenceEnd + 1])) referenceEnd += 2;
    }
  }
  if (sink !== null && isName(token)) {
    const last = tokens[chainEnd - 1];
    sink.push({ name: state.sql.slice(token.span.start, last.span.end), span: { start: token.span.start, end: last.span.end } });
  }
  return referenceEnd;
}
