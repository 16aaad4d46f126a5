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
import { scanSql } from './tokenizer';
import type { OutputColumn, SqlFacts } from './types';

export function extractSqlFacts(sql: string, dialect: Dialect): SqlFacts {
  const text = typeof sql === 'string' ? sql : '';
  const scan = scanSql(text, dialect, false);
  const tokens = scan.tokens;
  const state: PassState = {
    sql: text,
    dialect,
    tokens,
    close: new Int32Array(tokens.length).fill(-1),
    relations: [],
    ctes: [],
    where: [],
    join: [],
    groupBy: [],
    errors: scan.errors.slice(),
    relationsComplete: scan.errors.length === 0,
    columnsComplete: scan.errors.length === 0,
    sawQuery: false,
    depth: 0,
  };

  let statements = 0;
  let outputColumns: OutputColumn[] | undefined;
  try {
    let start = 0;
    while (start < tokens.length) {
      let end = start;
      while (end < tokens.length && !(tokens[end].kind === 'punctuation' && tokens[end].text === ';')) end++;
      if (end > start) {
        statements++;
        if (!matchBrackets(tokens, start, end, state.close, state.errors)) {
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
