/**
 * Statements: queries, and the DDL and DML that dbt materialisations and hooks produce
 * (`insert into`, `merge into … using`, `create table … as`, `update`, `delete from`).
 */
import { nameEnd, scanExpression } from './expressions';
import { nameParts, readFrom } from './from-clause';
import { readQuery } from './query';
import type { OutputColumn, RelationClause } from './types';
import { findAtDepthZero, findKeyword, firstInside, isTemplatePlaceholder, type PassState } from './structure';

/** Reads one statement in `[start, end)` and returns its output columns when it is a query. */
export function readStatement(state: PassState, start: number, end: number): OutputColumn[] | undefined {
  const tokens = state.tokens;
  const word = tokens.keywordAt(start);
  if (word === 'with' || word === 'select' || word === 'values' || tokens.isPunctuation(start, '(')) {
    return readQuery(state, start, end, undefined, true);
  }
  if (word === 'insert') return readInsert(state, start + 1, end);
  if (word === 'merge') {
    readMerge(state, start + 1, end);
    return undefined;
  }
  if (word === 'update') {
    readUpdate(state, start + 1, end);
    return undefined;
  }
  if (word === 'delete') {
    readDelete(state, start + 1, end);
    return undefined;
  }
  if (word === 'create') return readCreate(state, start + 1, end);
  // A Jinja expression that rendered to nothing we know, such as `{{ config(...) }}` before the
  // query, leaves a placeholder in front of it; the statement starts after such leading words.
  const queryAt = findAtDepthZero(state, start + 1, end, (at) => startsStatement(state, at));
  if (queryAt < end) {
    scanExpression(state, start, queryAt, undefined, null, false);
    return readStatement(state, queryAt, end);
  }
  // ALTER, GRANT, CALL, SET and the like: nothing to report but any subqueries they hold.
  scanExpression(state, start, end, undefined, null, false);
  return undefined;
}

const STATEMENT_KEYWORDS: ReadonlySet<string> = new Set(['with', 'select', 'insert', 'merge', 'update', 'delete', 'create']);

/** True for a keyword that starts a statement, when it is not part of a clause (`delete` in `when matched then delete`). */
function startsStatement(state: PassState, index: number): boolean {
  const tokens = state.tokens;
  const word = tokens.keywordAt(index);
  if (word === undefined || !STATEMENT_KEYWORDS.has(word)) return false;
  return tokens.keywordAt(index - 1) === undefined && !tokens.isPunctuation(index - 1, ',') && !tokens.isPunctuation(index - 1, '.');
}

/** Records a write target such as `insert into analytics.orders`, returning the index after its name. */
function readTarget(state: PassState, start: number, end: number, clause: RelationClause): number {
  const tokens = state.tokens;
  if (start >= end || !tokens.isName(start)) return start;
  const nameStop = nameEnd(tokens, start, end, false);
  const parts = nameParts(state, start, nameStop);
  const span = { start: tokens.starts[start], end: tokens.ends[nameStop - 1] };
  const text = state.sql.slice(span.start, span.end);
  if (isTemplatePlaceholder(text)) state.relationsComplete = false;
  state.relations.push({ text, parts, span, clause });
  return nameStop;
}

/** `insert [overwrite] [into] [table] t [(columns)] select … | values …`. */
function readInsert(state: PassState, start: number, end: number): OutputColumn[] | undefined {
  const tokens = state.tokens;
  state.sawQuery = true;
  let index = start;
  while (index < end && (tokens.isWord(index, 'overwrite') || tokens.isKeyword(index, 'into') || tokens.isWord(index, 'table'))) index++;
  index = readTarget(state, index, end, 'into');
  // Partition specs and column lists come before the query; a parenthesised SELECT is the query.
  while (index < end && !tokens.isKeyword(index, 'select') && !tokens.isKeyword(index, 'with') && !tokens.isKeyword(index, 'values')) {
    if (tokens.isPunctuation(index, '(')) {
      const inner = firstInside(state, index, end);
      if (tokens.isKeyword(inner, 'select') || tokens.isKeyword(inner, 'with')) break;
      index = Math.min(tokens.close[index] + 1, end);
    } else {
      index++;
    }
  }
  return index < end ? readQuery(state, index, end, undefined, true) : undefined;
}

/** `merge into t [as] a using source [as] s on … when … then …`. */
function readMerge(state: PassState, start: number, end: number): void {
  const tokens = state.tokens;
  state.sawQuery = true;
  let index = start;
  if (tokens.isKeyword(index, 'into')) index++;
  index = readTarget(state, index, end, 'merge');
  const usingAt = findKeyword(state, index, end, 'using');
  const onAt = findKeyword(state, usingAt, end, 'on');
  if (usingAt < end) readFrom(state, usingAt + 1, onAt, undefined, 'using', usingAt);
  const whenAt = findKeyword(state, onAt, end, 'when');
  if (onAt < end) scanExpression(state, onAt + 1, whenAt, undefined, state.join, false);
  scanExpression(state, whenAt, end, undefined, null, false);
}

/** `update t [as] a set … [from …] [where …]`. */
function readUpdate(state: PassState, start: number, end: number): void {
  state.sawQuery = true;
  const index = readTarget(state, start, end, 'update');
  const fromAt = findKeyword(state, index, end, 'from');
  const whereAt = findKeyword(state, index, end, 'where');
  scanExpression(state, index, Math.min(fromAt, whereAt), undefined, null, false);
  if (fromAt < whereAt) readFrom(state, fromAt + 1, whereAt, undefined, 'from', fromAt);
  if (whereAt < end) scanExpression(state, whereAt + 1, end, undefined, state.where, false);
}

/** `delete from t [using …] [where …]`; the target is reported with clause `other`. */
function readDelete(state: PassState, start: number, end: number): void {
  const tokens = state.tokens;
  state.sawQuery = true;
  let index = start;
  if (tokens.isKeyword(index, 'from')) index++;
  index = readTarget(state, index, end, 'other');
  const usingAt = findKeyword(state, index, end, 'using');
  const whereAt = findKeyword(state, index, end, 'where');
  if (usingAt < whereAt) readFrom(state, usingAt + 1, whereAt, undefined, 'using', usingAt);
  if (whereAt < end) scanExpression(state, whereAt + 1, end, undefined, state.where, false);
}

/** `create [or replace] [temporary|transient] table|view [if not exists] t [(…)] [options] as query`. */
function readCreate(state: PassState, start: number, end: number): OutputColumn[] | undefined {
  const tokens = state.tokens;
  const kindAt = findAtDepthZero(state, start, end, (at) => tokens.isWord(at, 'table') || tokens.isWord(at, 'view'));
  if (kindAt >= end) {
    scanExpression(state, start, end, undefined, null, false);
    return undefined;
  }
  let index = kindAt + 1;
  if (tokens.isWord(index, 'if') && tokens.isKeyword(index + 1, 'not') && tokens.isKeyword(index + 2, 'exists')) index += 3;
  index = readTarget(state, index, end, 'into');
  const asAt = findAtDepthZero(state, index, end, (at) => {
    if (!tokens.isKeyword(at, 'as') || at + 1 >= end) return false;
    return tokens.isKeyword(at + 1, 'select') || tokens.isKeyword(at + 1, 'with') || tokens.isPunctuation(at + 1, '(');
  });
  if (asAt >= end) return undefined;
  state.sawQuery = true;
  return readQuery(state, asAt + 1, end, undefined, true);
}
