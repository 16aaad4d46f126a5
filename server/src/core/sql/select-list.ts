/**
 * The items of a SELECT list: their names, expressions, source columns and kinds.
 */
import { nameEnd, scanExpression } from './expressions';
import type { SqlToken } from './tokenizer';
import type { ColumnUse, OutputColumn } from './types';
import {
  isKeyword,
  isName,
  isOperator,
  isPunctuation,
  isTemplatePlaceholder,
  type PassState,
  type Scope,
} from './structure';

/** Keywords after which a trailing name is an alias: they end an operand (`case … end x`). */
const OPERAND_ENDING_KEYWORDS: ReadonlySet<string> = new Set([
  'end', 'null', 'true', 'false', 'current_date', 'current_time', 'current_timestamp', 'current_user',
  'localtime', 'localtimestamp',
]);

/** True when `token` can end an operand, so that a name right after it is an alias. */
function endsOperand(token: SqlToken): boolean {
  switch (token.kind) {
    case 'identifier':
    case 'quotedIdentifier':
    case 'number':
    case 'string':
    case 'parameter':
      return true;
    case 'punctuation':
      return token.text === ')' || token.text === ']';
    case 'keyword':
      return OPERAND_ENDING_KEYWORDS.has(token.value);
    default:
      return false;
  }
}

/** The unquoted last part of a dotted name, which is the column name a warehouse gives it. */
function lastPart(tokens: SqlToken[], end: number): string {
  return tokens[end - 1].value;
}

function uniqueNames(uses: ColumnUse[]): string[] {
  const names: string[] = [];
  for (const use of uses) if (!names.includes(use.name)) names.push(use.name);
  return names;
}

/** Reads one item of a SELECT list in `[start, end)`, or returns undefined for an empty item. */
export function readSelectItem(state: PassState, start: number, end: number, scope: Scope | undefined): OutputColumn | undefined {
  if (start >= end) return undefined;
  const tokens = state.tokens;
  const sql = state.sql;
  const first = tokens[start];
  const expressionSpan = { start: first.span.start, end: tokens[end - 1].span.end };

  // `*`, `t.*`, and their modifiers: `* except (a)`, `* exclude (a)`, `* replace (…)`, `* rename (…)`.
  let starEnd = -1;
  if (isOperator(first, '*')) starEnd = start + 1;
  else if (isName(first)) {
    const chainEnd = nameEnd(tokens, start, end, true);
    if (isOperator(tokens[chainEnd - 1], '*')) starEnd = chainEnd;
  }
  if (starEnd > 0) {
    const uses: ColumnUse[] = [];
    scanExpression(state, starEnd, end, scope, uses, false);
    return {
      name: sql.slice(first.span.start, tokens[starEnd - 1].span.end),
      span: expressionSpan,
      expression: sql.slice(expressionSpan.start, expressionSpan.end),
      sources: [],
      kind: 'star',
    };
  }

  // A trailing name is an alias after AS, or right after a complete operand (`sum(x) total`).
  let expressionEnd = end;
  let alias: SqlToken | undefined;
  const last = tokens[end - 1];
  if (end - start >= 2 && isName(last)) {
    const before = tokens[end - 2];
    if (isKeyword(before, 'as')) {
      alias = last;
      expressionEnd = end - 2;
    } else if (endsOperand(before) && !(end - start >= 3 && isKeyword(tokens[end - 3], 'interval'))) {
      alias = last;
      expressionEnd = end - 1;
    }
  } else if (end - start >= 2 && last.kind === 'string' && isKeyword(tokens[end - 2], 'as')) {
    // MySQL-style `as 'name'` is rare in warehouses but costs nothing to accept.
    alias = last;
    expressionEnd = end - 2;
  }
  if (expressionEnd <= start) {
    // Only an alias and no expression: keep the item, but its meaning is unknown.
    state.columnsComplete = false;
    const name = alias ? alias.value : first.text;
    return { name, span: (alias ?? first).span, expression: '', sources: [], kind: 'transform' };
  }

  const uses: ColumnUse[] = [];
  scanExpression(state, start, expressionEnd, scope, uses, false);
  const expressionText = sql.slice(first.span.start, tokens[expressionEnd - 1].span.end);
  const plainReference = isName(first) && nameEnd(tokens, start, expressionEnd, false) === expressionEnd;
  const sourceName = plainReference ? lastPart(tokens, expressionEnd) : undefined;
  const aliasName = alias === undefined ? undefined : alias.kind === 'string' ? alias.text.slice(1, -1) : alias.value;
  const name = aliasName ?? sourceName ?? expressionText;
  if (isTemplatePlaceholder(name)) state.columnsComplete = false;

  let kind: OutputColumn['kind'];
  if (sourceName === undefined) kind = 'transform';
  else if (aliasName === undefined || aliasName.toLowerCase() === sourceName.toLowerCase()) kind = 'passthrough';
  else kind = 'rename';

  return {
    name,
    span: alias ? alias.span : expressionSpan,
    expression: expressionText,
    sources: uniqueNames(uses),
    kind,
  };
}

/** Reads a SELECT list in `[start, end)`, split at top-level commas. */
export function readSelectList(state: PassState, start: number, end: number, scope: Scope | undefined): OutputColumn[] {
  const items: OutputColumn[] = [];
  const tokens = state.tokens;
  let itemStart = start;
  let index = start;
  while (index <= end) {
    if (index === end || isPunctuation(tokens[index], ',')) {
      const item = readSelectItem(state, itemStart, index, scope);
      if (item) items.push(item);
      itemStart = index + 1;
      index++;
      continue;
    }
    index = tokens[index].kind === 'punctuation' && (tokens[index].text === '(' || tokens[index].text === '[' || tokens[index].text === '{')
      ? Math.min(state.close[index] + 1, end)
      : index + 1;
  }
  return items;
}
