/**
 * FROM lists: table factors joined by commas and JOINs, with their ON and USING conditions.
 * Relations are reported here, unless a name is a CTE in scope or a table function.
 */
import { nameEnd, scanExpression } from './expressions';
import { readQuery } from './query';
import { TokenKind, type TokenList } from './tokens';
import type { RelationClause } from './types';
import {
  firstInside,
  isTemplatePlaceholder,
  lookupCte,
  MAX_DEPTH,
  type PassState,
  type Scope,
} from './structure';

// See `TokenKind` for why the kinds are copied into local constants.
const { KEYWORD, NUMBER, QUOTED_IDENTIFIER } = TokenKind;

/** Join keywords that end an ON condition, unless they are a function call (`left(x, 2)`). */
function startsJoin(tokens: TokenList, index: number): boolean {
  if (tokens.isPunctuation(index, ',')) return true;
  switch (tokens.keywordAt(index)) {
    case 'join':
    case 'inner':
    case 'cross':
    case 'natural':
    case 'full':
    case 'semi':
    case 'anti':
    case 'asof':
    case 'positional':
    case 'left':
    case 'right':
      return !tokens.isPunctuation(index + 1, '(');
    case 'lateral':
      return tokens.isWord(index + 1, 'view');
    default:
      return false;
  }
}

/** The first depth-zero token in `[from, to)` that starts a join (after `after`), or `to`. */
function findJoin(state: PassState, from: number, to: number, after: number): number {
  const tokens = state.tokens;
  let index = from;
  while (index < to) {
    if (index > after && startsJoin(tokens, index)) return index;
    index = tokens.isOpener(index) ? tokens.skipGroup(index) : index + 1;
  }
  return to;
}

/** `Expected a relation after FROM.`: names the introducer as written, in upper case. */
function expectedRelation(state: PassState, introducer: number, at: number): void {
  state.errors.push({ message: `Expected a relation after ${state.tokens.text(introducer).toUpperCase()}.`, span: state.tokens.span(at) });
  state.relationsComplete = false;
}

/**
 * Reads a FROM list in `[start, end)`: table factors separated by commas and joins, with ON and
 * USING conditions.
 */
export function readFrom(state: PassState, start: number, end: number, scope: Scope | undefined, clause: RelationClause, introducer: number): void {
  const tokens = state.tokens;
  let expectFactor = true;
  let factorClause = clause;
  let previous = introducer;
  let index = start;
  while (index < end) {
    if (expectFactor) {
      index = readFactor(state, index, end, scope, factorClause, previous);
      expectFactor = false;
      continue;
    }
    if (tokens.isPunctuation(index, ',')) {
      expectFactor = true;
      factorClause = clause;
      previous = index;
      index++;
    } else if (tokens.isKeyword(index, 'join')) {
      expectFactor = true;
      factorClause = 'join';
      previous = index;
      index++;
    } else if (tokens.isKeyword(index, 'on')) {
      const conditionEnd = findJoin(state, index + 1, end, -1);
      scanExpression(state, index + 1, conditionEnd, scope, state.join, false);
      index = conditionEnd;
    } else if (tokens.isKeyword(index, 'using') && tokens.isPunctuation(index + 1, '(') && index + 1 < end) {
      const partner = Math.min(tokens.close[index + 1], end);
      scanExpression(state, index + 2, partner, scope, state.join, false);
      index = tokens.skipGroup(index + 1);
    } else if (tokens.isKeyword(index, 'lateral') && tokens.isWord(index + 1, 'view')) {
      // Spark's `lateral view [outer] explode(x) t as c` adds a generated table, not a relation.
      const viewEnd = findJoin(state, index + 2, end, index + 2);
      scanExpression(state, index + 2, viewEnd, scope, null, false);
      index = viewEnd;
    } else if (tokens.isOpener(index)) {
      // PIVOT (…), TABLESAMPLE (…), time travel AT (…): nothing to read but their subqueries.
      scanExpression(state, index, Math.min(tokens.skipGroup(index), end), scope, null, false);
      index = tokens.skipGroup(index);
    } else {
      index++;
    }
  }
  if (expectFactor) expectedRelation(state, previous, previous);
}

/** Reads one table factor at `start` and returns the index after it (aliases are left to the caller). */
function readFactor(state: PassState, start: number, end: number, scope: Scope | undefined, clause: RelationClause, previous: number): number {
  const tokens = state.tokens;
  let index = start;
  while (index < end && (tokens.isKeyword(index, 'lateral') || tokens.isWord(index, 'only'))) index++;
  if (index >= end) {
    expectedRelation(state, previous, previous);
    return end;
  }
  if (tokens.isPunctuation(index, '(')) {
    const partner = Math.min(tokens.close[index], end);
    const inner = firstInside(state, index, partner);
    if (tokens.isKeyword(inner, 'select') || tokens.isKeyword(inner, 'with') || tokens.isKeyword(inner, 'values')) readQuery(state, index + 1, partner, scope, false);
    else if (state.depth < MAX_DEPTH) {
      // A parenthesised join: `from (a join b on …)`.
      state.depth++;
      readFrom(state, index + 1, partner, scope, clause, index);
      state.depth--;
    }
    return tokens.skipGroup(index);
  }
  if (tokens.isKeyword(index, 'values')) {
    // `values (1, 'a'), (2, 'b')`: rows of literals, which end at the first token outside a row.
    let rowsEnd = index + 1;
    while (rowsEnd < end) {
      if (tokens.isPunctuation(rowsEnd, '(')) rowsEnd = tokens.skipGroup(rowsEnd);
      else if (tokens.isPunctuation(rowsEnd, ',') && tokens.isPunctuation(rowsEnd + 1, '(') && rowsEnd + 1 < end) rowsEnd++;
      else break;
    }
    scanExpression(state, index + 1, Math.min(rowsEnd, end), scope, null, false);
    return rowsEnd;
  }
  if (!tokens.isName(index)) {
    // Stages (`@stage`), file paths in strings, and anything unexpected are not relations.
    if (tokens.kinds[index] === KEYWORD) expectedRelation(state, previous, index);
    return index + 1;
  }
  const chainEnd = readDashedNameEnd(state, index, end);
  if (chainEnd < end && tokens.isPunctuation(chainEnd, '(')) {
    // Table functions: UNNEST, FLATTEN, generate_series, TABLE(…), read_parquet(…).
    scanExpression(state, chainEnd + 1, Math.min(tokens.close[chainEnd], end), scope, null, true);
    return tokens.skipGroup(chainEnd);
  }
  const parts = nameParts(state, index, chainEnd);
  if (parts.length === 1 && lookupCte(scope, tokens.kinds[index] === QUOTED_IDENTIFIER ? parts[0] : parts[0].toLowerCase())) return chainEnd;
  const span = { start: tokens.starts[index], end: tokens.ends[chainEnd - 1] };
  const text = state.sql.slice(span.start, span.end);
  if (isTemplatePlaceholder(text)) state.relationsComplete = false;
  state.relations.push({ text, parts, span, clause });
  return chainEnd;
}

/**
 * The end of a dotted name, also joining BigQuery's unquoted dashed project names
 * (`my-project.dataset.table`) when the dash touches both neighbours.
 */
function readDashedNameEnd(state: PassState, start: number, end: number): number {
  const tokens = state.tokens;
  let index = nameEnd(tokens, start, end, false);
  if (state.dialect !== 'bigquery') return index;
  const starts = tokens.starts;
  const ends = tokens.ends;
  while (index + 1 < end && tokens.isOperator(index, '-') && starts[index] === ends[index - 1]) {
    const after = index + 1;
    const afterIsNumber = tokens.kinds[after] === NUMBER;
    if (starts[after] !== ends[index] || (!tokens.isAnyWord(after) && !afterIsNumber)) break;
    index = afterIsNumber ? index + 2 : nameEnd(tokens, after, end, false);
  }
  return index;
}

/** The unquoted parts of a name, splitting BigQuery's one-token `` `project.dataset.table` `` at its dots. */
export function nameParts(state: PassState, start: number, end: number): string[] {
  const tokens = state.tokens;
  const parts: string[] = [];
  let current = '';
  for (let index = start; index < end; index++) {
    if (tokens.isPunctuation(index, '.')) {
      parts.push(current);
      current = '';
      continue;
    }
    const quoted = tokens.kinds[index] === QUOTED_IDENTIFIER;
    const value = quoted ? tokens.value(index) : tokens.text(index);
    if (quoted && state.dialect === 'bigquery' && value.includes('.')) {
      const pieces = value.split('.');
      current += pieces[0];
      for (let k = 1; k < pieces.length; k++) {
        parts.push(current);
        current = pieces[k];
      }
    } else {
      current += value;
    }
  }
  parts.push(current);
  return parts;
}
