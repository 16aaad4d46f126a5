/**
 * The items of a SELECT list: their names, expressions, source columns and kinds.
 */
import { nameEnd, scanExpression } from './expressions';
import { TokenKind, type TokenList } from './tokens';
import type { ColumnUse, OutputColumn } from './types';
import { isTemplatePlaceholder, type PassState, type Scope } from './structure';

// See `TokenKind` for why the kinds are copied into local constants.
const { IDENTIFIER, KEYWORD, NUMBER, PARAMETER, PUNCTUATION, QUOTED_IDENTIFIER, STRING } = TokenKind;

/** Keywords after which a trailing name is an alias: they end an operand (`case … end x`). */
const OPERAND_ENDING_KEYWORDS: ReadonlySet<string> = new Set([
  'end', 'null', 'true', 'false', 'current_date', 'current_time', 'current_timestamp', 'current_user',
  'localtime', 'localtimestamp',
]);

/** True when the token at `index` can end an operand, so that a name right after it is an alias. */
function endsOperand(tokens: TokenList, index: number): boolean {
  switch (tokens.kinds[index]) {
    case IDENTIFIER:
    case QUOTED_IDENTIFIER:
    case NUMBER:
    case STRING:
    case PARAMETER:
      return true;
    case PUNCTUATION:
      // `)` and `]`.
      return tokens.extras[index] === 41 || tokens.extras[index] === 93;
    case KEYWORD:
      return OPERAND_ENDING_KEYWORDS.has(tokens.keywordAt(index) as string);
    default:
      return false;
  }
}

/** The unquoted last part of a dotted name, which is the column name a warehouse gives it. */
function lastPart(tokens: TokenList, end: number): string {
  return tokens.value(end - 1);
}

function uniqueNames(uses: ColumnUse[]): string[] {
  const names: string[] = [];
  for (const use of uses) if (!names.includes(use.name)) names.push(use.name);
  return names;
}

/**
 * The span and sources of a column whose caller drops all but its name (see `wantColumns`).
 * They are shared rather than built, and never reach the facts.
 */
const DROPPED_SPAN = { start: 0, end: 0 };
const DROPPED_SOURCES: string[] = [];

/**
 * Reads one item of a SELECT list in `[start, end)`, or returns undefined for an empty item.
 * When `wantColumns` is false only the item's name is meaningful (see `readQuery`).
 */
export function readSelectItem(state: PassState, start: number, end: number, scope: Scope | undefined, wantColumns: boolean): OutputColumn | undefined {
  if (start >= end) return undefined;
  const tokens = state.tokens;
  const sql = state.sql;
  const firstStart = tokens.starts[start];

  // `*`, `t.*`, and their modifiers: `* except (a)`, `* exclude (a)`, `* replace (…)`, `* rename (…)`.
  let starEnd = -1;
  if (tokens.isOperator(start, '*')) starEnd = start + 1;
  else if (tokens.isName(start)) {
    const chainEnd = nameEnd(tokens, start, end, true);
    if (tokens.isOperator(chainEnd - 1, '*')) starEnd = chainEnd;
  }
  if (starEnd > 0) {
    // The modifiers' column references are not sources of the star, so they are not collected.
    scanExpression(state, starEnd, end, scope, null, false);
    return {
      name: sql.slice(firstStart, tokens.ends[starEnd - 1]),
      span: wantColumns ? { start: firstStart, end: tokens.ends[end - 1] } : DROPPED_SPAN,
      expression: wantColumns ? sql.slice(firstStart, tokens.ends[end - 1]) : '',
      sources: wantColumns ? [] : DROPPED_SOURCES,
      kind: 'star',
    };
  }

  // A trailing name is an alias after AS, or right after a complete operand (`sum(x) total`).
  let expressionEnd = end;
  // The index of the alias token, or -1.
  let alias = -1;
  const last = end - 1;
  if (end - start >= 2 && tokens.isName(last)) {
    const before = end - 2;
    if (tokens.isKeyword(before, 'as')) {
      alias = last;
      expressionEnd = end - 2;
    } else if (endsOperand(tokens, before) && !(end - start >= 3 && tokens.isKeyword(end - 3, 'interval'))) {
      alias = last;
      expressionEnd = end - 1;
    }
  } else if (end - start >= 2 && tokens.kinds[last] === STRING && tokens.isKeyword(end - 2, 'as')) {
    // MySQL-style `as 'name'` is rare in warehouses but costs nothing to accept.
    alias = last;
    expressionEnd = end - 2;
  }
  if (expressionEnd <= start) {
    // Only an alias and no expression: keep the item, but its meaning is unknown.
    state.columnsComplete = false;
    const name = alias >= 0 ? tokens.value(alias) : tokens.text(start);
    return { name, span: tokens.span(alias >= 0 ? alias : start), expression: '', sources: [], kind: 'transform' };
  }

  const uses: ColumnUse[] | null = wantColumns ? [] : null;
  scanExpression(state, start, expressionEnd, scope, uses, false);
  const aliasName = alias < 0 ? undefined : tokens.kinds[alias] === STRING ? tokens.text(alias).slice(1, -1) : tokens.value(alias);
  const plainReference = tokens.isName(start) && nameEnd(tokens, start, expressionEnd, false) === expressionEnd;
  const sourceName = plainReference && (wantColumns || aliasName === undefined) ? lastPart(tokens, expressionEnd) : undefined;
  const expressionText = wantColumns || (aliasName ?? sourceName) === undefined ? sql.slice(firstStart, tokens.ends[expressionEnd - 1]) : '';
  const name = aliasName ?? sourceName ?? expressionText;
  if (isTemplatePlaceholder(name)) state.columnsComplete = false;
  if (uses === null) return { name, span: DROPPED_SPAN, expression: '', sources: DROPPED_SOURCES, kind: 'transform' };

  let kind: OutputColumn['kind'];
  if (sourceName === undefined) kind = 'transform';
  else if (aliasName === undefined || aliasName.toLowerCase() === sourceName.toLowerCase()) kind = 'passthrough';
  else kind = 'rename';

  return {
    name,
    span: alias >= 0 ? tokens.span(alias) : { start: firstStart, end: tokens.ends[end - 1] },
    expression: expressionText,
    sources: uniqueNames(uses),
    kind,
  };
}

/** Reads a SELECT list in `[start, end)`, split at top-level commas. */
export function readSelectList(state: PassState, start: number, end: number, scope: Scope | undefined, wantColumns: boolean): OutputColumn[] {
  const items: OutputColumn[] = [];
  const tokens = state.tokens;
  let itemStart = start;
  let index = start;
  while (index <= end) {
    if (index === end || tokens.isPunctuation(index, ',')) {
      const item = readSelectItem(state, itemStart, index, scope, wantColumns);
      if (item) items.push(item);
      itemStart = index + 1;
      index++;
      continue;
    }
    index = tokens.isOpener(index) ? Math.min(tokens.close[index] + 1, end) : index + 1;
  }
  return items;
}
