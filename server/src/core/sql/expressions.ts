/**
 * Column references inside expressions.
 *
 * An expression is walked token by token: a name not followed by `(` is a column reference,
 * a name followed by `(` is a function, and a parenthesis that starts with SELECT or WITH is a
 * subquery, handed back to the query reader so that its relations are found too.
 */
import { DATE_PARTS } from './keywords';
import { TokenKind, type TokenList } from './tokens';
import type { ColumnUse } from './types';
import { findComma, firstInside, MAX_DEPTH, type PassState, type Scope } from './structure';

// See `TokenKind` for why the kinds are copied into local constants.
const { IDENTIFIER, KEYWORD, NUMBER, OPERATOR, PUNCTUATION, QUOTED_IDENTIFIER, STRING } = TokenKind;

/** Reads a subquery in `[start, end)`; injected by the query reader to avoid a module cycle. */
export type SubqueryReader = (state: PassState, start: number, end: number, scope: Scope | undefined) => void;

let readSubquery: SubqueryReader = () => undefined;

export function setSubqueryReader(reader: SubqueryReader): void {
  readSubquery = reader;
}

/** The end of a dotted name that starts at `start`: `a`, `a.b`, `"a"."b".c`, and `a.*` when `allowStar`. */
export function nameEnd(tokens: TokenList, start: number, end: number, allowStar: boolean): number {
  let index = start + 1;
  while (index + 1 < end && tokens.isPunctuation(index, '.')) {
    if (tokens.isAnyWord(index + 1)) index += 2;
    else if (allowStar && tokens.isOperator(index + 1, '*')) return index + 2;
    else break;
  }
  return index;
}

/** Skips a type name after `::`, including `numeric(10, 2)`, `int[]` and `array<string>`. */
function skipType(state: PassState, start: number, end: number): number {
  const tokens = state.tokens;
  let index = start;
  if (index < end && tokens.isAnyWord(index)) index = nameEnd(tokens, index, end, false);
  while (index < end) {
    if (tokens.isPunctuation(index, '(') || tokens.isPunctuation(index, '[')) {
      index = tokens.skipGroup(index);
    } else if (tokens.isOperator(index, '<')) {
      // Generic parameters nest, and `>>` closes two levels at once.
      let depth = 0;
      while (index < end) {
        if (tokens.isOperator(index, '<')) depth++;
        else if (tokens.isOperator(index, '>')) depth--;
        else if (tokens.isOperator(index, '>>')) depth -= 2;
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
  const kinds = tokens.kinds;
  let index = start;
  while (index < end) {
    if (tokens.isOpener(index)) {
      const partner = Math.min(tokens.close[index], end);
      const inner = firstInside(state, index, partner);
      // Only `(` (code 40), not `[` or `{`, can hold a subquery.
      if (tokens.extras[index] === 40 && (tokens.isKeyword(inner, 'select') || tokens.isKeyword(inner, 'with')) && inner < partner) {
        readSubquery(state, index + 1, partner, scope);
      } else {
        scanNested(state, index + 1, partner, scope, sink, false);
      }
      index = tokens.skipGroup(index);
      continue;
    }
    switch (kinds[index]) {
      case OPERATOR:
        index = tokens.isOperator(index, '::') ? skipType(state, index + 1, end) : index + 1;
        continue;
      case PUNCTUATION:
        // A dot after a bracket or call reads a field (`(x).f`, `arr[0].f`), not a column.
        index += tokens.isPunctuation(index, '.') && tokens.isAnyWord(index + 1) && index + 1 < end ? 2 : 1;
        continue;
      case KEYWORD:
        index = afterKeyword(state, index, end);
        continue;
      case IDENTIFIER:
      case QUOTED_IDENTIFIER:
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
  switch (tokens.keywordAt(index)) {
    case 'as':
      // Inside an expression, AS introduces a type (`cast(x as int)`) or a field name (`struct(a as b)`).
      return findComma(state, index + 1, end);
    case 'at':
      return tokens.isWord(index + 1, 'time') && tokens.isWord(index + 2, 'zone') ? index + 3 : index + 1;
    case 'interval': {
      // `interval '1' day`, `interval 3 hour`: the unit after the quantity is not a column.
      let next = index + 1;
      if (next < end && (tokens.kinds[next] === STRING || tokens.kinds[next] === NUMBER)) next++;
      if (next < end && tokens.kinds[next] === IDENTIFIER && isDatePart(tokens, next)) next++;
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
  const chainEnd = nameEnd(tokens, index, end, true);
  // The token after the name, when it is inside the expression; `hasNext` stands in for it being defined.
  const hasNext = chainEnd < end;
  if (hasNext && tokens.isPunctuation(chainEnd, '(')) {
    const partner = Math.min(tokens.close[chainEnd], end);
    scanNested(state, chainEnd + 1, partner, scope, sink, true);
    return tokens.skipGroup(chainEnd);
  }
  const single = chainEnd === index + 1;
  if (single && tokens.kinds[index] === IDENTIFIER) {
    // `date '2024-01-01'` is a typed literal; `name => value` a named argument; `x -> …` a lambda.
    if (hasNext && tokens.kinds[chainEnd] === STRING) return chainEnd;
    if (inArguments && isDatePart(tokens, index)) return chainEnd;
  }
  if (hasNext && (tokens.isOperator(chainEnd, '=>') || tokens.isOperator(chainEnd, '->'))) return chainEnd + 1;
  let referenceEnd = chainEnd;
  if (hasColonPaths(state)) {
    // Snowflake reads into variants with `payload:customer.name` or `payload:"key"[0]`.
    while (referenceEnd + 1 < end && tokens.isOperator(referenceEnd, ':') && (tokens.isAnyWord(referenceEnd + 1) || tokens.kinds[referenceEnd + 1] === STRING)) {
      referenceEnd = nameEnd(tokens, referenceEnd + 1, end, false);
      while (referenceEnd < end && tokens.isPunctuation(referenceEnd, '[')) referenceEnd = Math.min(tokens.skipGroup(referenceEnd), end);
      while (referenceEnd + 1 < end && tokens.isPunctuation(referenceEnd, '.') && tokens.isAnyWord(referenceEnd + 1)) referenceEnd += 2;
    }
  }
  if (sink !== null && tokens.isName(index)) {
    const start = tokens.starts[index];
    const stop = tokens.ends[chainEnd - 1];
    sink.push({ name: state.sql.slice(start, stop), span: { start, end: stop } });
  }
  return referenceEnd;
}

/** The longest date-part word; longer identifiers are rejected without being cut out of the text. */
const LONGEST_DATE_PART = [...DATE_PARTS].reduce((max, word) => Math.max(max, word.length), 0);

/**
 * True when the identifier at `index`, lower-cased, is a date part.
 * ASCII identifiers longer than every date part cannot be one; others are lower-cased as written.
 */
function isDatePart(tokens: TokenList, index: number): boolean {
  const start = tokens.starts[index];
  const end = tokens.ends[index];
  if (end - start > LONGEST_DATE_PART && tokens.isAsciiIdentifier(index)) return false;
  return DATE_PARTS.has(tokens.sql.slice(start, end).toLowerCase());
}
