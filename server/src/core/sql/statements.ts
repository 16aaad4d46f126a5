/**
 * Statements: queries, and the DDL and DML that dbt materialisations and hooks produce
 * (`insert into`, `merge into … using`, `create table … as`, `update`, `delete from`).
 */
import { nameEnd, scanExpression } from './expressions';
import { nameParts, readFrom } from './from-clause';
import { readQuery } from './query';
import type { OutputColumn, RelationClause } from './types';
import { findAtDepthZero, firstInside, isKeyword, isName, isPunctuation, isTemplatePlaceholder, isWord, type PassState } from './structure';

/** Reads one statement in `[start, end)` and returns its output columns when it is a query. */
export function readStatement(state: PassState, start: number, end: number): OutputColumn[] | undefined {
  const tokens = state.tokens;
  const token = tokens[start];
  if (isKeyword(token, 'with') || isKeyword(token, 'select') || isKeyword(token, 'values') || isPunctuation(token, '(')) {
    return readQuery(state, start, end, undefined);
  }
  if (isKeyword(token, 'insert')) return readInsert(state, start + 1, end);
  if (isKeyword(token, 'merge')) {
    readMerge(state, start + 1, end);
    return undefined;
  }
  if (isKeyword(token, 'update')) {
    readUpdate(state, start + 1, end);
    return undefined;
  }
  if (isKeyword(token, 'delete')) {
    readDelete(state, start + 1, end);
    return undefined;
  }
  if (isKeyword(token, 'create')) return readCreate(state, start + 1, end);
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
  const token = state.tokens[index];
  if (token.kind !== 'keyword' || !STATEMENT_KEYWORDS.has(token.value)) return false;
  const previous = state.tokens[index - 1];
  return previous.kind !== 'keyword' && !isPunctuation(previous, ',') && !isPunctuation(previous, '.');
}

/** Records a write target such as `insert into analytics.orders`, returning the index after its name. */
function readTarget(state: PassState, start: number, end: number, clause: RelationClause): number {
  const tokens = state.tokens;
  if (start >= end || !isName(tokens[start])) return start;
  const nameStop = nameEnd(tokens, start, end, false);
  const parts = nameParts(state, start, nameStop);
  const span = { start: tokens[start].span.start, end: tokens[nameStop - 1].span.end };
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
  while (index < end && (isWord(tokens[index], 'overwrite') || isKeyword(tokens[index], 'into') || isWord(tokens[index], 'table'))) index++;
  index = readTarget(state, index, end, 'into');
  // Partition specs and column lists come before the query; a parenthesised SELECT is the query.
  while (index < end && !isKeyword(tokens[index], 'select') && !isKeyword(tokens[index], 'with') && !isKeyword(tokens[index], 'values')) {
    if (isPunctuation(tokens[index], '(')) {
      const inner = firstInside(state, index, end);
      if (isKeyword(tokens[inner], 'select') || isKeyword(tokens[inner], 'with')) break;
      index = Math.min(state.close[index] + 1, end);
    } else {
      index++;
    }
  }
  return index < end ? readQuery(state, index, end, undefined) : undefined;
}

/** `merge into t [as] a using source [as] s on … when … then …`. */
function readMerge(state: PassState, start: number, end: number): void {
  const tokens = state.tokens;
  state.sawQuery = true;
  let index = start;
  if (isKeyword(tokens[index], 'into')) index++;
  index = readTarget(state, index, end, 'merge');
  const usingAt = findAtDepthZero(state, index, end, (at) => isKeyword(tokens[at], 'using'));
  const onAt = findAtDepthZero(state, usingAt, end, (at) => isKeyword(tokens[at], 'on'));
  if (usingAt < end) readFrom(state, usingAt + 1, onAt, undefined, 'using', tokens[usingAt]);
  const whenAt = findAtDepthZero(state, onAt, end, (at) => isKeyword(tokens[at], 'when'));
  if (onAt < end) scanExpression(state, onAt + 1, whenAt, undefined, state.join, false);
  scanExpression(state, whenAt, end, undefined, null, false);
}

/** `update t [as] a set … [from …] [where …]`. */
function readUpdate(state: PassState, start: number, end: number): void {
  const tokens = state.tokens;
  state.sawQuery = true;
  const index = readTarget(state, start, end, 'update');
  const fromAt = findAtDepthZero(state, index, end, (at) => isKeyword(tokens[at], 'from'));
  const whereAt = findAtDepthZero(state, index, end, (at) => isKeyword(tokens[at], 'where'));
  scanExpression(state, index, Math.min(fromAt, whereAt), undefined, null, false);
  if (fromAt < whereAt) readFrom(state, fromAt + 1, whereAt, undefined, 'from', tokens[fromAt]);
  if (whereAt < end) scanExpression(state, whereAt + 1, end, undefined, state.where, false);
}

/** `delete from t [using …] [where …]`; the target is reported with clause `other`. */
function readDelete(state: PassState, start: number, end: number): void {
  const tokens = state.tokens;
  state.sawQuery = true;
  let index = start;
  if (isKeyword(tokens[index], 'from')) index++;
  index = readTarget(state, index, end, 'other');
  const usingAt = findAtDepthZero(state, index, end, (at) => isKeyword(tokens[at], 'using'));
  const whereAt = findAtDepthZero(state, index, end, (at) => isKeyword(tokens[at], 'where'));
  if (usingAt < whereAt) readFrom(state, usingAt + 1, whereAt, undefined, 'using', tokens[usingAt]);
  if (whereAt < end) scanExpression(state, whereAt + 1, end, undefined, state.where, false);
}

/** `create [or replace] [temporary|transient] table|view [if not exists] t [(…)] [options] as query`. */
function readCreate(state: PassState, start: number, end: number): OutputColumn[] | undefined {
  const tokens = state.tokens;
  const kindAt = findAtDepthZero(state, start, end, (at) => isWord(tokens[at], 'table') || isWord(tokens[at], 'view'));
  if (kindAt >= end) {
    scanExpression(state, start, end, undefined, null, false);
    return undefined;
  }
  let index = kindAt + 1;
  if (isWord(tokens[index], 'if') && isKeyword(tokens[index + 1], 'not') && isKeyword(tokens[index + 2], 'exists')) index += 3;
  index = readTarget(state, index, end, 'into');
  const asAt = findAtDepthZero(state, index, end, (at) => {
    if (!isKeyword(tokens[at], 'as') || at + 1 >= end) return false;
    const next = tokens[at + 1];
    return isKeyword(next, 'select') || isKeyword(next, 'with') || isPunctuation(next, '(');
  });
  if (asAt >= end) return undefined;
  state.sawQuery = true;
  return readQuery(state, asAt + 1, end, undefined);
}
