/**
 * Queries: WITH lists and their scopes, set operations, SELECT clauses, and FROM lists.
 */
import { scanExpression, setSubqueryReader } from './expressions';
import { readFrom } from './from-clause';
import { readSelectList } from './select-list';
import { TokenKind, type TokenList } from './tokens';
import type { OutputColumn } from './types';
import { findComma, MAX_DEPTH, type PassState, type Scope } from './structure';

// See `TokenKind` for why the kinds are copied into local constants.
const { KEYWORD, NUMBER, PUNCTUATION, QUOTED_IDENTIFIER } = TokenKind;

/**
 * Reads a query in `[start, end)` and returns the output columns of its first SELECT branch,
 * or undefined when it has no SELECT list (VALUES, or something unrecognised).
 * `wantColumns` is false where the caller drops the columns (CTE bodies, subqueries): their
 * names are still found, because GROUP BY ordinals and the completeness flag use them, but their
 * expressions and sources, most of the pass's garbage, are not built.
 */
export function readQuery(state: PassState, start: number, end: number, scope: Scope | undefined, wantColumns: boolean): OutputColumn[] | undefined {
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
    if (tokens.isKeyword(index, 'with') && index < end) {
      const read = readWith(state, index + 1, end, scope);
      index = read.next;
      inner = read.scope;
    }
    return readSetOperation(state, index, end, inner, wantColumns);
  } finally {
    state.depth--;
  }
}

setSubqueryReader((state, start, end, scope) => {
  readQuery(state, start, end, scope, false);
});

/** Reads `[recursive] name [(columns)] as [not] [materialized] (body), …` and returns the scope it opens. */
function readWith(state: PassState, start: number, end: number, scope: Scope | undefined): { next: number; scope: Scope } {
  const tokens = state.tokens;
  const names = new Set<string>();
  const inner: Scope = { names, parent: scope };
  let index = start;
  const recursive = tokens.isKeyword(index, 'recursive');
  if (recursive) index++;
  while (index < end) {
    const nameAt = index;
    if (!tokens.isAnyWord(nameAt) || tokens.isKeyword(nameAt, 'select')) {
      state.errors.push({ message: 'Expected a CTE name after WITH.', span: tokens.span(nameAt) });
      state.relationsComplete = false;
      break;
    }
    const name = tokens.value(nameAt);
    const key = tokens.kinds[nameAt] === QUOTED_IDENTIFIER ? name : name.toLowerCase();
    index++;
    if (index < end && tokens.isPunctuation(index, '(')) index = tokens.skipGroup(index);
    if (index < end && tokens.isKeyword(index, 'as')) index++;
    if (index < end && tokens.isKeyword(index, 'not')) index++;
    if (index < end && tokens.isWord(index, 'materialized')) index++;
    if (index >= end || !tokens.isPunctuation(index, '(')) {
      const at = tokens.span(index < end ? index : nameAt);
      state.errors.push({ message: `Expected '(' and the body of CTE '${name}'.`, span: at });
      state.relationsComplete = false;
      break;
    }
    // A CTE sees the ones defined before it, and itself only when the WITH is recursive.
    if (recursive) names.add(key);
    readQuery(state, index + 1, Math.min(tokens.close[index], end), inner, false);
    names.add(key);
    state.ctes.push({ name, span: tokens.span(nameAt) });
    index = tokens.skipGroup(index);
    if (index < end && tokens.isPunctuation(index, ',')) index++;
    else break;
  }
  return { next: index, scope: inner };
}

function isSetOperator(tokens: TokenList, index: number): boolean {
  const word = tokens.keywordAt(index);
  if (word === undefined) return false;
  if (word === 'union' || word === 'intersect' || word === 'minus') return true;
  // BigQuery's `select * except (a)` uses EXCEPT as a star modifier, right after the star.
  return word === 'except' && !tokens.isOperator(index - 1, '*');
}

/** The first depth-zero set operator in `[from, to)`, or `to`. */
function findSetOperator(state: PassState, from: number, to: number): number {
  const tokens = state.tokens;
  let index = from;
  const kinds = tokens.kinds;
  while (index < to) {
    // Only keywords and brackets matter, and most tokens are neither, so the kind is tested first.
    const kind = kinds[index];
    if (kind === KEYWORD && isSetOperator(tokens, index)) return index;
    index = kind === PUNCTUATION && tokens.isOpener(index) ? tokens.skipGroup(index) : index + 1;
  }
  return to;
}

function readSetOperation(state: PassState, start: number, end: number, scope: Scope | undefined, wantColumns: boolean): OutputColumn[] | undefined {
  const tokens = state.tokens;
  let first: OutputColumn[] | undefined;
  let firstRead = false;
  let index = start;
  while (index < end) {
    const branchEnd = findSetOperator(state, index, end);
    // Only the first branch's columns are returned.
    const items = readBranch(state, index, branchEnd, scope, wantColumns && !firstRead);
    if (!firstRead) {
      first = items;
      firstRead = true;
    }
    index = branchEnd + 1;
    // `union all`, `union distinct`, DuckDB's `union by name`.
    while (index < end && (tokens.isKeyword(index, 'all') || tokens.isKeyword(index, 'distinct') || tokens.isKeyword(index, 'by') || tokens.isWord(index, 'name'))) index++;
  }
  return first;
}

function readBranch(state: PassState, start: number, end: number, scope: Scope | undefined, wantColumns: boolean): OutputColumn[] | undefined {
  if (start >= end) return undefined;
  const tokens = state.tokens;
  if (tokens.isPunctuation(start, '(')) {
    const partner = Math.min(tokens.close[start], end);
    const items = readQuery(state, start + 1, partner, scope, wantColumns);
    // ORDER BY and LIMIT after a parenthesised branch.
    scanExpression(state, partner + 1, end, scope, null, false);
    return items;
  }
  if (tokens.isKeyword(start, 'select')) {
    state.sawQuery = true;
    return readSelect(state, start, end, scope, wantColumns);
  }
  if (tokens.isKeyword(start, 'with')) return readQuery(state, start, end, scope, wantColumns);
  if (tokens.isKeyword(start, 'values')) {
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
function clauseAt(tokens: TokenList, index: number): ClauseName | undefined {
  const word = tokens.keywordAt(index);
  if (word === undefined) return undefined;
  switch (word) {
    case 'from':
      // `a is [not] distinct from b` compares; it does not start a FROM clause.
      return tokens.isKeyword(index - 1, 'distinct') && (tokens.isKeyword(index - 2, 'is') || tokens.isKeyword(index - 2, 'not')) ? undefined : 'from';
    case 'where':
    case 'having':
    case 'qualify':
    case 'window':
    case 'limit':
      return word;
    case 'group':
    case 'order':
      return tokens.isKeyword(index + 1, 'by') ? word : undefined;
    case 'offset':
    case 'fetch':
    case 'into':
      return tokens.isPunctuation(index + 1, '(') ? undefined : 'other';
    default:
      return undefined;
  }
}

/** Reads `select … [from …] [where …] …` in `[start, end)`, where `start` is the SELECT keyword. */
function readSelect(state: PassState, start: number, end: number, scope: Scope | undefined, wantColumns: boolean): OutputColumn[] {
  const tokens = state.tokens;
  let index = start + 1;
  if (tokens.isKeyword(index, 'distinct') && index < end) {
    index++;
    if (tokens.isKeyword(index, 'on') && tokens.isPunctuation(index + 1, '(')) index = tokens.skipGroup(index + 1);
  } else if (tokens.isKeyword(index, 'all')) {
    index++;
  }
  // BigQuery's `select as struct` and `select as value`; T-SQL-style `top n`.
  if (tokens.isKeyword(index, 'as') && (tokens.isWord(index + 1, 'struct') || tokens.isWord(index + 1, 'value'))) index += 2;
  if (tokens.isWord(index, 'top') && (tokens.kindAt(index + 1) === NUMBER || tokens.isPunctuation(index + 1, '('))) index = tokens.skipGroup(index + 1);

  // Clause starts as two parallel lists, which saves an object per clause.
  const clauseNames: ClauseName[] = [];
  const clauseStarts: number[] = [];
  const kinds = tokens.kinds;
  let scan = index;
  while (scan < end) {
    const kind = kinds[scan];
    if (kind === KEYWORD) {
      const name = clauseAt(tokens, scan);
      if (name !== undefined) {
        clauseNames.push(name);
        clauseStarts.push(scan);
      }
    }
    scan = kind === PUNCTUATION && tokens.isOpener(scan) ? tokens.skipGroup(scan) : scan + 1;
  }
  const listEnd = clauseStarts.length > 0 ? clauseStarts[0] : end;
  if (listEnd <= index) {
    state.errors.push({ message: 'Expected a SELECT list.', span: tokens.span(Math.min(index, end - 1)) });
    state.columnsComplete = false;
  }
  const items = readSelectList(state, index, listEnd, scope, wantColumns);

  for (let k = 0; k < clauseStarts.length; k++) {
    const name = clauseNames[k];
    const at = clauseStarts[k];
    const bodyStart = name === 'group' || name === 'order' ? at + 2 : at + 1;
    const bodyEnd = k + 1 < clauseStarts.length ? clauseStarts[k + 1] : end;
    switch (name) {
      case 'from':
        readFrom(state, bodyStart, bodyEnd, scope, 'from', at);
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
    const itemEnd = findComma(state, itemStart, end);
    if (itemEnd === itemStart + 1 && tokens.kinds[itemStart] === NUMBER) {
      const item = items[Number(tokens.text(itemStart)) - 1];
      if (item !== undefined) state.groupBy.push({ name: item.name, span: tokens.span(itemStart) });
    } else {
      scanExpression(state, itemStart, itemEnd, scope, state.groupBy, false);
    }
    itemStart = itemEnd + 1;
  }
}
