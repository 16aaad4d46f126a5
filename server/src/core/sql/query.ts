/**
 * Queries: WITH lists and their scopes, set operations, SELECT clauses, and FROM lists.
 */
import { scanExpression, setSubqueryReader } from './expressions';
import { readFrom } from './from-clause';
import { readSelectList } from './select-list';
import type { SqlToken } from './tokenizer';
import type { OutputColumn } from './types';
import {
  findAtDepthZero,
  isAnyWord,
  isKeyword,
  isOpener,
  isOperator,
  isPunctuation,
  isWord,
  MAX_DEPTH,
  skipGroup,
  type PassState,
  type Scope,
} from './structure';

/**
 * Reads a query in `[start, end)` and returns the output columns of its first SELECT branch,
 * or undefined when it has no SELECT list (VALUES, or something unrecognised).
 */
export function readQuery(state: PassState, start: number, end: number, scope: Scope | undefined): OutputColumn[] | undefined {
  if (state.depth >= MAX_DEPTH) {
    state.relationsComplete = false;
    state.columnsComplete = false;
    return undefined;
  }
  state.depth++;
  try {
    const tokens = state.tokens;
    let index = start;
    let inner = scope;
    if (isKeyword(tokens[index], 'with') && index < end) {
      const read = readWith(state, index + 1, end, scope);
      index = read.next;
      inner = read.scope;
    }
    return readSetOperation(state, index, end, inner);
  } finally {
    state.depth--;
  }
}

setSubqueryReader((state, start, end, scope) => {
  readQuery(state, start, end, scope);
});

/** Reads `[recursive] name [(columns)] as [not] [materialized] (body), …` and returns the scope it opens. */
function readWith(state: PassState, start: number, end: number, scope: Scope | undefined): { next: number; scope: Scope } {
  const tokens = state.tokens;
  const names = new Set<string>();
  const inner: Scope = { names, parent: scope };
  let index = start;
  const recursive = isKeyword(tokens[index], 'recursive');
  if (recursive) index++;
  while (index < end) {
    const nameToken = tokens[index];
    if (!isAnyWord(nameToken) || isKeyword(nameToken, 'select')) {
      state.errors.push({ message: 'Expected a CTE name after WITH.', span: nameToken.span });
      state.relationsComplete = false;
      break;
    }
    const name = nameToken.value;
    const key = nameToken.kind === 'quotedIdentifier' ? name : name.toLowerCase();
    index++;
    if (index < end && isPunctuation(tokens[index], '(')) index = skipGroup(state, index);
    if (index < end && isKeyword(tokens[index], 'as')) index++;
    if (index < end && isKeyword(tokens[index], 'not')) index++;
    if (index < end && isWord(tokens[index], 'materialized')) index++;
    if (index >= end || !isPunctuation(tokens[index], '(')) {
      const at = index < end ? tokens[index].span : nameToken.span;
      state.errors.push({ message: `Expected '(' and the body of CTE '${name}'.`, span: at });
      state.relationsComplete = false;
      break;
    }
    // A CTE sees the ones defined before it, and itself only when the WITH is recursive.
    if (recursive) names.add(key);
    readQuery(state, index + 1, Math.min(state.close[index], end), inner);
    names.add(key);
    state.ctes.push({ name, span: nameToken.span });
    index = skipGroup(state, index);
    if (index < end && isPunctuation(tokens[index], ',')) index++;
    else break;
  }
  return { next: index, scope: inner };
}

function isSetOperator(tokens: SqlToken[], index: number): boolean {
  const token = tokens[index];
  if (token.kind !== 'keyword') return false;
  if (token.value === 'union' || token.value === 'intersect' || token.value === 'minus') return true;
  // BigQuery's `select * except (a)` uses EXCEPT as a star modifier, right after the star.
  return token.value === 'except' && !isOperator(tokens[index - 1], '*');
}

function readSetOperation(state: PassState, start: number, end: number, scope: Scope | undefined): OutputColumn[] | undefined {
  const tokens = state.tokens;
  let first: OutputColumn[] | undefined;
  let firstRead = false;
  let index = start;
  while (index < end) {
    const branchEnd = findAtDepthZero(state, index, end, (at) => isSetOperator(tokens, at));
    const items = readBranch(state, index, branchEnd, scope);
    if (!firstRead) {
      first = items;
      firstRead = true;
    }
    index = branchEnd + 1;
    // `union all`, `union distinct`, DuckDB's `union by name`.
    while (index < end && (isKeyword(tokens[index], 'all') || isKeyword(tokens[index], 'distinct') || isKeyword(tokens[index], 'by') || isWord(tokens[index], 'name'))) index++;
  }
  return first;
}

function readBranch(state: PassState, start: number, end: number, scope: Scope | undefined): OutputColumn[] | undefined {
  if (start >= end) return undefined;
  const tokens = state.tokens;
  const token = tokens[start];
  if (isPunctuation(token, '(')) {
    const partner = Math.min(state.close[start], end);
    const items = readQuery(state, start + 1, partner, scope);
    // ORDER BY and LIMIT after a parenthesised branch.
    scanExpression(state, partner + 1, end, scope, null, false);
    return items;
  }
  if (isKeyword(token, 'select')) {
    state.sawQuery = true;
    return readSelect(state, start, end, scope);
  }
  if (isKeyword(token, 'with')) return readQuery(state, start, end, scope);
  if (isKeyword(token, 'values')) {
    state.sawQuery = true;
    scanExpression(state, start + 1, end, scope, null, false);
    return undefined;
  }
  // Not a query we know: most often a Jinja call that produced the whole query (`{{ union_relations(…) }}`),
  // or a dialect's own form (`table t`, DuckDB's FROM-first). Its relations and columns are unknown.
  state.relationsComplete = false;
  state.columnsComplete = false;
  scanExpression(state, start, end, scope, null, false);
  return undefined;
}

type ClauseName = 'from' | 'where' | 'group' | 'having' | 'qualify' | 'window' | 'order' | 'limit' | 'other';

/** The clause a top-level token of a SELECT starts, if any. */
function clauseAt(tokens: SqlToken[], index: number): ClauseName | undefined {
  const token = tokens[index];
  if (token.kind !== 'keyword') return undefined;
  switch (token.value) {
    case 'from':
      // `a is [not] distinct from b` compares; it does not start a FROM clause.
      return isKeyword(tokens[index - 1], 'distinct') && (isKeyword(tokens[index - 2], 'is') || isKeyword(tokens[index - 2], 'not')) ? undefined : 'from';
    case 'where':
    case 'having':
    case 'qualify':
    case 'window':
    case 'limit':
      return token.value;
    case 'group':
    case 'order':
      return isKeyword(tokens[index + 1], 'by') ? token.value : undefined;
    case 'offset':
    case 'fetch':
    case 'into':
      return isPunctuation(tokens[index + 1], '(') ? undefined : 'other';
    default:
      return undefined;
  }
}

/** Reads `select … [from …] [where …] …` in `[start, end)`, where `start` is the SELECT keyword. */
function readSelect(state: PassState, start: number, end: number, scope: Scope | undefined): OutputColumn[] {
  const tokens = state.tokens;
  let index = start + 1;
  if (isKeyword(tokens[index], 'distinct') && index < end) {
    index++;
    if (isKeyword(tokens[index], 'on') && isPunctuation(tokens[index + 1], '(')) index = skipGroup(state, index + 1);
  } else if (isKeyword(tokens[index], 'all')) {
    index++;
  }
  // BigQuery's `select as struct` and `select as value`; T-SQL-style `top n`.
  if (isKeyword(tokens[index], 'as') && (isWord(tokens[index + 1], 'struct') || isWord(tokens[index + 1], 'value'))) index += 2;
  if (isWord(tokens[index], 'top') && (tokens[index + 1]?.kind === 'number' || isPunctuation(tokens[index + 1], '('))) index = skipGroup(state, index + 1);

  const clauses: { name: ClauseName; at: number }[] = [];
  let scan = index;
  while (scan < end) {
    const name = clauseAt(tokens, scan);
    if (name !== undefined) clauses.push({ name, at: scan });
    scan = isOpener(tokens[scan]) ? skipGroup(state, scan) : scan + 1;
  }
  const listEnd = clauses.length > 0 ? clauses[0].at : end;
  if (listEnd <= index) {
    const at = tokens[Math.min(index, end - 1)];
    state.errors.push({ message: 'Expected a SELECT list.', span: at.span });
    state.columnsComplete = false;
  }
  const items = readSelectList(state, index, listEnd, scope);

  for (let k = 0; k < clauses.length; k++) {
    const clause = clauses[k];
    const bodyStart = clause.name === 'group' || clause.name === 'order' ? clause.at + 2 : clause.at + 1;
    const bodyEnd = k + 1 < clauses.length ? clauses[k + 1].at : end;
    switch (clause.name) {
      case 'from':
        readFrom(state, bodyStart, bodyEnd, scope, 'from', tokens[clause.at]);
        break;
      case 'where':
        scanExpression(state, bodyStart, bodyEnd, scope, state.where, false);
        break;
      case 'group':
        readGroupBy(state, bodyStart, bodyEnd, scope, items);
        break;
      default:
        scanExpression(state, bodyStart, bodyEnd, scope, null, false);
    }
  }
  return items;
}

/** GROUP BY items; an ordinal stands for the output column at that position. */
function readGroupBy(state: PassState, start: number, end: number, scope: Scope | undefined, items: OutputColumn[]): void {
  const tokens = state.tokens;
  let itemStart = start;
  while (itemStart < end) {
    const itemEnd = findAtDepthZero(state, itemStart, end, (at) => isPunctuation(tokens[at], ','));
    const token = tokens[itemStart];
    if (itemEnd === itemStart + 1 && token.kind === 'number') {
      const item = items[Number(token.text) - 1];
      if (item !== undefined) state.groupBy.push({ name: item.name, span: token.span });
    } else {
      scanExpression(state, itemStart, itemEnd, scope, state.groupBy, false);
    }
    itemStart = itemEnd + 1;
  }
}
