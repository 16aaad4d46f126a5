/**
 * FROM lists: table factors joined by commas and JOINs, with their ON and USING conditions.
 * Relations are reported here, unless a name is a CTE in scope or a table function.
 */
import { nameEnd, scanExpression } from './expressions';
import { readQuery } from './query';
import type { SqlToken } from './tokenizer';
import type { RelationClause } from './types';
import {
  findAtDepthZero,
  firstInside,
  isAnyWord,
  isKeyword,
  isName,
  isOpener,
  isOperator,
  isPunctuation,
  isTemplatePlaceholder,
  isWord,
  lookupCte,
  MAX_DEPTH,
  skipGroup,
  type PassState,
  type Scope,
} from './structure';

/** Join keywords that end an ON condition, unless they are a function call (`left(x, 2)`). */
function startsJoin(tokens: SqlToken[], index: number): boolean {
  const token = tokens[index];
  if (isPunctuation(token, ',')) return true;
  if (token.kind !== 'keyword') return false;
  switch (token.value) {
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
      return !isPunctuation(tokens[index + 1], '(');
    case 'lateral':
      return isWord(tokens[index + 1], 'view');
    default:
      return false;
  }
}

/**
 * Reads a FROM list in `[start, end)`: table factors separated by commas and joins, with ON and
 * USING conditions.
 */
export function readFrom(state: PassState, start: number, end: number, scope: Scope | undefined, clause: RelationClause, introducer: SqlToken): void {
  const tokens = state.tokens;
  let expectFactor = true;
  let factorClause = clause;
  let previous = introducer;
  let index = start;
  while (index < end) {
    const token = tokens[index];
    if (expectFactor) {
      index = readFactor(state, index, end, scope, factorClause, previous);
      expectFactor = false;
      continue;
    }
    if (isPunctuation(token, ',')) {
      expectFactor = true;
      factorClause = clause;
      previous = token;
      index++;
    } else if (isKeyword(token, 'join')) {
      expectFactor = true;
      factorClause = 'join';
      previous = token;
      index++;
    } else if (isKeyword(token, 'on')) {
      const conditionEnd = findAtDepthZero(state, index + 1, end, (at) => startsJoin(tokens, at));
      scanExpression(state, index + 1, conditionEnd, scope, state.join, false);
      index = conditionEnd;
    } else if (isKeyword(token, 'using') && isPunctuation(tokens[index + 1], '(') && index + 1 < end) {
      const partner = Math.min(state.close[index + 1], end);
      scanExpression(state, index + 2, partner, scope, state.join, false);
      index = skipGroup(state, index + 1);
    } else if (isKeyword(token, 'lateral') && isWord(tokens[index + 1], 'view')) {
      // Spark's `lateral view [outer] explode(x) t as c` adds a generated table, not a relation.
      const viewEnd = findAtDepthZero(state, index + 2, end, (at) => at > index + 2 && startsJoin(tokens, at));
      scanExpression(state, index + 2, viewEnd, scope, null, false);
      index = viewEnd;
    } else if (isOpener(token)) {
      // PIVOT (…), TABLESAMPLE (…), time travel AT (…): nothing to read but their subqueries.
      scanExpression(state, index, Math.min(skipGroup(state, index), end), scope, null, false);
      index = skipGroup(state, index);
    } else {
      index++;
    }
  }
  if (expectFactor) {
    state.errors.push({ message: `Expected a relation after ${previous.text.toUpperCase()}.`, span: previous.span });
    state.relationsComplete = false;
  }
}

/** Reads one table factor at `start` and returns the index after it (aliases are left to the caller). */
function readFactor(state: PassState, start: number, end: number, scope: Scope | undefined, clause: RelationClause, previous: SqlToken): number {
  const tokens = state.tokens;
  let index = start;
  while (index < end && (isKeyword(tokens[index], 'lateral') || isWord(tokens[index], 'only'))) index++;
  if (index >= end) {
    state.errors.push({ message: `Expected a relation after ${previous.text.toUpperCase()}.`, span: previous.span });
    state.relationsComplete = false;
    return end;
  }
  const token = tokens[index];
  if (isPunctuation(token, '(')) {
    const partner = Math.min(state.close[index], end);
    const inner = firstInside(state, index, partner);
    if (isKeyword(tokens[inner], 'select') || isKeyword(tokens[inner], 'with') || isKeyword(tokens[inner], 'values')) readQuery(state, index + 1, partner, scope);
    else if (state.depth < MAX_DEPTH) {
      // A parenthesised join: `from (a join b on …)`.
      state.depth++;
      readFrom(state, index + 1, partner, scope, clause, token);
      state.depth--;
    }
    return skipGroup(state, index);
  }
  if (isKeyword(token, 'values')) {
    // `values (1, 'a'), (2, 'b')`: rows of literals, which end at the first token outside a row.
    let rowsEnd = index + 1;
    while (rowsEnd < end) {
      if (isPunctuation(tokens[rowsEnd], '(')) rowsEnd = skipGroup(state, rowsEnd);
      else if (isPunctuation(tokens[rowsEnd], ',') && isPunctuation(tokens[rowsEnd + 1], '(') && rowsEnd + 1 < end) rowsEnd++;
      else break;
    }
    scanExpression(state, index + 1, Math.min(rowsEnd, end), scope, null, false);
    return rowsEnd;
  }
  if (!isName(token)) {
    // Stages (`@stage`), file paths in strings, and anything unexpected are not relations.
    if (token.kind === 'keyword') {
      state.errors.push({ message: `Expected a relation after ${previous.text.toUpperCase()}.`, span: token.span });
      state.relationsComplete = false;
    }
    return index + 1;
  }
  const chainEnd = readDashedNameEnd(state, index, end);
  if (chainEnd < end && isPunctuation(tokens[chainEnd], '(')) {
    // Table functions: UNNEST, FLATTEN, generate_series, TABLE(…), read_parquet(…).
    scanExpression(state, chainEnd + 1, Math.min(state.close[chainEnd], end), scope, null, true);
    return skipGroup(state, chainEnd);
  }
  const parts = nameParts(state, index, chainEnd);
  if (parts.length === 1 && lookupCte(scope, token.kind === 'quotedIdentifier' ? parts[0] : parts[0].toLowerCase())) return chainEnd;
  const span = { start: token.span.start, end: tokens[chainEnd - 1].span.end };
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
  while (index + 1 < end && isOperator(tokens[index], '-') && tokens[index].span.start === tokens[index - 1].span.end) {
    const after = tokens[index + 1];
    if (after.span.start !== tokens[index].span.end || (!isAnyWord(after) && after.kind !== 'number')) break;
    index = after.kind === 'number' ? index + 2 : nameEnd(tokens, index + 1, end, false);
  }
  return index;
}

/** The unquoted parts of a name, splitting BigQuery's one-token `` `project.dataset.table` `` at its dots. */
export function nameParts(state: PassState, start: number, end: number): string[] {
  const tokens = state.tokens;
  const parts: string[] = [];
  let current = '';
  for (let index = start; index < end; index++) {
    const token = tokens[index];
    if (isPunctuation(token, '.')) {
      parts.push(current);
      current = '';
    } else if (token.kind === 'quotedIdentifier' && state.dialect === 'bigquery' && token.value.includes('.')) {
      const pieces = token.value.split('.');
      current += pieces[0];
      for (let k = 1; k < pieces.length; k++) {
        parts.push(current);
        current = pieces[k];
      }
    } else {
      current += token.kind === 'quotedIdentifier' ? token.value : token.text;
    }
  }
  parts.push(current);
  return parts;
}
