/**
 * `extractSqlFacts`: the tolerant token-level pass over SQL rendered from a dbt model.
 *
 * It finds the relations a model reads, its CTEs, the output columns of its final SELECT, and the
 * columns its filters, joins and groupings use.
 * It never throws: problems become located `errors`, and the `…Complete` flags say whether the
 * facts can be trusted in full.
 */
import type { SyntaxIssue } from '../text';
import type { Dialect } from './dialect';
import { readStatement } from './statements';
import { matchBrackets, type PassState } from './structure';
import { scanTokens } from './tokenizer';
import { TokenKind, TokenList } from './tokens';
import type { OutputColumn, SqlFacts } from './types';

// See `TokenKind` for why the kinds are copied into local constants.
const { PUNCTUATION } = TokenKind;

/**
 * The token list and bracket arrays are reused from one call to the next: the pass is synchronous
 * and nothing it returns refers to them, so one set serves every model without new allocations.
 * A nested call (which the pass never makes) would take fresh ones, because `busy` is set.
 */
const shared = { tokens: new TokenList(), stack: new Int32Array(256), busy: false };

export function extractSqlFacts(sql: string, dialect: Dialect): SqlFacts {
  if (shared.busy) return extractWith(sql, dialect, { tokens: new TokenList(), stack: new Int32Array(256), busy: true });
  shared.busy = true;
  try {
    return extractWith(sql, dialect, shared);
  } finally {
    shared.tokens.release();
    if (shared.stack.length > shared.tokens.kinds.length) shared.stack = new Int32Array(256);
    shared.busy = false;
  }
}

function extractWith(sql: string, dialect: Dialect, buffers: typeof shared): SqlFacts {
  const text = typeof sql === 'string' ? sql : '';
  const tokens = buffers.tokens;
  const scanErrors = scanTokens(text, dialect, false, tokens);
  const count = tokens.count;
  tokens.prepareBrackets();
  // The bracket stack of one statement holds at most one entry per token.
  if (buffers.stack.length < count) buffers.stack = new Int32Array(tokens.close.length);
  const state: PassState = {
    sql: text,
    dialect,
    tokens,
    relations: [],
    ctes: [],
    where: [],
    join: [],
    groupBy: [],
    errors: scanErrors,
    relationsComplete: scanErrors.length === 0,
    columnsComplete: scanErrors.length === 0,
    sawQuery: false,
    depth: 0,
  };

  let statements = 0;
  let outputColumns: OutputColumn[] | undefined;
  try {
    let start = 0;
    const kinds = tokens.kinds;
    const extras = tokens.extras;
    while (start < count) {
      let end = start;
      // 59 is `;`. Most models are one statement without one, and need no search.
      if (tokens.semicolons === 0) end = count;
      else while (end < count && !(kinds[end] === PUNCTUATION && extras[end] === 59)) end++;
      if (end > start) {
        statements++;
        if (!matchBrackets(tokens, start, end, state.errors, buffers.stack)) {
          state.relationsComplete = false;
          state.columnsComplete = false;
        }
        const columns = readStatement(state, start, end);
        // The model's columns are those of its last query; earlier statements are usually set-up.
        if (columns !== undefined) outputColumns = columns;
      }
      start = end + 1;
    }
  } catch (error) {
    // A defect in the pass must not take the caller down; report it and keep what was found.
    state.errors.push(internalError(error, text.length));
    state.relationsComplete = false;
    state.columnsComplete = false;
  }

  if (!state.sawQuery) {
    state.errors.push({ message: statements === 0 ? 'No SQL statement found.' : 'No SELECT statement found.', span: { start: 0, end: text.length } });
    state.relationsComplete = false;
    state.columnsComplete = false;
  }

  const columns = outputColumns ?? [];
  return {
    relations: state.relations,
    ctes: state.ctes,
    outputColumns: columns,
    selectStar: columns.some((column) => column.kind === 'star'),
    columnsUsed: { where: state.where, join: state.join, groupBy: state.groupBy },
    statements,
    errors: state.errors.sort((a, b) => a.span.start - b.span.start),
    relationsComplete: state.relationsComplete,
    columnsComplete: state.columnsComplete,
  };
}

function internalError(error: unknown, length: number): SyntaxIssue {
  const detail = error instanceof Error ? error.message : String(error);
  return { message: `Internal error in the SQL token pass: ${detail}`, span: { start: 0, end: length } };
}
