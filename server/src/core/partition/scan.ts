/**
 * Whether the query that reads a relation filters on given columns, read from the original text of a dbt model:
 * the scope is the SELECT whose FROM or JOIN names the relation (a CTE body, a derived table, one branch of a
 * UNION, or the main query), and a filter is one of the columns written after its `where`, `on`, `having` or
 * `qualify`. Jinja is blanked out but the text of every `{% if %}` branch is kept, so a filter inside an
 * `{% if is_incremental() %}` block is seen, and reported as counting on incremental runs only.
 *
 * A pure text scan over the file, without a parser: whenever it cannot tell (a macro call that may write the
 * filter, a relation read in a CTE that another query filters), it answers `unsure` and the rule stays silent.
 */
import type { Span } from '../text';

export type ScanFilter = 'filtered' | 'incremental-only' | 'unfiltered' | 'unsure';

/** Jinja expressions that produce a value or a relation, never SQL a filter could hide in. */
const VALUE_EXPRESSION = /^\{\{-?\s*(?:ref|source|this|var|env_var|target|config\.get|run_started_at|dbt\.current_timestamp|current_timestamp)\b/;
const FILTER_KEYWORD = /\b(?:where|on|having|qualify)\b/gi;
const SET_OPERATION = /\b(?:union|intersect|except)\b/gi;

interface Scope {
  /** The text of the query, without parentheses. */
  start: number;
  end: number;
  /** True for the file's top level, false for a parenthesised query (CTE body, derived table, subquery). */
  top: boolean;
}

/**
 * Masks a dbt SQL text without moving offsets: comments, string contents and Jinja tags become spaces, and a
 * `{{ … }}` expression becomes `x` followed by spaces (an operand). Returns the masked text and the spans of the
 * `{{ … }}` expressions that could produce SQL (macro calls).
 */
export function maskSql(text: string): { masked: string; macroCalls: Span[] } {
  // Built from slices of the text and blanked runs rather than character by character: every model reading a
  // partitioned table is masked, thousands in a large project.
  const parts: string[] = [];
  const macroCalls: Span[] = [];
  let copied = 0;
  const blank = (from: number, to: number, first = '') => {
    const end = Math.min(to, text.length);
    parts.push(text.slice(copied, from), first, text.slice(from + first.length, end).replace(/[^\n]/g, ' '));
    copied = end;
  };
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (code === 123 /* { */ && (next === 35 /* # */ || next === 37 /* % */)) {
      const end = closeAt(text, i + 2, next === 35 ? '#}' : '%}');
      blank(i, end);
      i = end;
    } else if (code === 123 && next === 123) {
      const end = closeAt(text, i + 2, '}}');
      const expression = text.slice(i, end);
      if (!VALUE_EXPRESSION.test(expression) && /\w+\s*\(/.test(expression)) macroCalls.push({ start: i, end });
      blank(i, end, 'x');
      i = end;
    } else if (code === 45 /* - */ && next === 45) {
      const end = lineEnd(text, i);
      blank(i, end);
      i = end;
    } else if (code === 47 /* / */ && next === 42 /* * */) {
      const end = closeAt(text, i + 2, '*/');
      blank(i, end);
      i = end;
    } else if (code === 39 /* ' */) {
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) !== 39) j += text.charCodeAt(j) === 92 /* \\ */ ? 2 : 1;
      blank(i + 1, j);
      i = Math.min(text.length, j + 1);
    } else i++;
  }
  parts.push(text.slice(copied));
  return { masked: parts.join(''), macroCalls };
}

function closeAt(text: string, from: number, close: string): number {
  const at = text.indexOf(close, from);
  return at < 0 ? text.length : at + close.length;
}

function lineEnd(text: string, from: number): number {
  const at = text.indexOf('\n', from);
  return at < 0 ? text.length : at;
}

/** Every parenthesised query of the masked text (a group whose first word is `select` or `with`), and the top level. */
function queryScopes(masked: string): Scope[] {
  const scopes: Scope[] = [{ start: 0, end: masked.length, top: true }];
  const stack: number[] = [];
  for (let i = 0; i < masked.length; i++) {
    const char = masked[i];
    if (char === '(') stack.push(i);
    else if (char === ')' && stack.length > 0) {
      const open = stack.pop()!;
      if (/^\s*(?:select|with)\b/i.test(masked.slice(open + 1, Math.min(i, open + 40)))) scopes.push({ start: open + 1, end: i, top: false });
    }
  }
  return scopes;
}

/** The innermost query around an offset. */
function scopeAt(scopes: Scope[], offset: number): Scope {
  let best = scopes[0];
  for (const scope of scopes) {
    if (scope.start <= offset && offset < scope.end && scope.end - scope.start <= best.end - best.start) best = scope;
  }
  return best;
}

/** The text of a query without the queries nested in it (blanked), so their predicates are not taken for its own. */
function ownTextFor(masked: string, scopes: Scope[], scope: Scope): string {
  const inner = scopes
    .filter((other) => other !== scope && !other.top && other.start >= scope.start && other.end <= scope.end)
    .sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let copied = scope.start;
  for (const other of inner) {
    // A query nested in one already blanked is blank too.
    if (other.end <= copied) continue;
    const from = Math.max(other.start, copied);
    parts.push(masked.slice(copied, from), masked.slice(from, other.end).replace(/[^\n]/g, ' '));
    copied = other.end;
  }
  parts.push(masked.slice(copied, scope.end));
  return parts.join('');
}

/** The branch of a UNION/INTERSECT/EXCEPT holding an offset (relative to the query's own text). */
function branchAt(own: string, offset: number): { start: number; end: number } {
  let start = 0;
  let end = own.length;
  for (const match of own.matchAll(SET_OPERATION)) {
    if (match.index! <= offset) start = match.index! + match[0].length;
    else {
      end = match.index!;
      break;
    }
  }
  return { start, end };
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Offsets (in the file) where one of the columns is written in a filter of a branch, or where any filter starts when `columns` is empty. */
const columnPatterns = new Map<string, RegExp>();

/** A pattern matching any of the column names, bare or quoted; compiled once per set of names. */
function columnPattern(columns: string[]): RegExp {
  const key = columns.join('\u0000');
  let pattern = columnPatterns.get(key);
  if (!pattern) {
    const names = columns.map(escapeRegExp).join('|');
    columnPatterns.set(key, (pattern = new RegExp(`(?<![\\w$])["\`]?(?:${names})["\`]?(?![\\w$])`, 'gi')));
  }
  return pattern;
}

function filterHits(own: string, base: number, branch: { start: number; end: number }, columns: string[]): number[] {
  const text = own.slice(branch.start, branch.end);
  FILTER_KEYWORD.lastIndex = 0;
  const first = FILTER_KEYWORD.exec(text);
  FILTER_KEYWORD.lastIndex = 0;
  if (!first) return [];
  if (columns.length === 0) return [base + branch.start + first.index];
  const pattern = columnPattern(columns);
  const hits: number[] = [];
  for (const match of text.slice(first.index).matchAll(pattern)) hits.push(base + branch.start + first.index + match.index!);
  return hits;
}

export interface ScanOptions {
  /** The partition columns; empty when only the fact of partitioning is known (any filter then counts). */
  columns: string[];
  /** The parts of the file that run only on incremental runs. */
  incrementalParts: Span[];
}

/** The masked text and query scopes of the last file asked about: a model reading several partitioned tables asks once per table. */
let lastAnalysis: { text: string; masked: string; macroCalls: Span[]; scopes: Scope[]; ownTextOf: (scope: Scope) => string } | undefined;

function analysed(text: string): NonNullable<typeof lastAnalysis> {
  if (lastAnalysis?.text === text) return lastAnalysis;
  const { masked, macroCalls } = maskSql(text);
  const scopes = queryScopes(masked);
  const own = new Map<Scope, string>();
  const ownTextOf = (scope: Scope) => {
    let found = own.get(scope);
    if (found === undefined) own.set(scope, (found = ownTextFor(masked, scopes, scope)));
    return found;
  };
  return (lastAnalysis = { text, masked, macroCalls, scopes, ownTextOf });
}

/** Whether the query that reads the relation at `relation` filters on the partition columns. */
export function partitionFilterOf(text: string, relation: Span, options: ScanOptions): ScanFilter {
  const analysis = analysed(text);
  const { masked, macroCalls, scopes } = analysis;
  const ownText = (_masked: string, _scopes: Scope[], target: Scope) => analysis.ownTextOf(target);
  const scope = scopeAt(scopes, relation.start);
  const own = ownText(masked, scopes, scope);
  const branch = branchAt(own, relation.start - scope.start);
  const judge = (hits: number[]): ScanFilter => {
    const incrementalOnly = hits.every((hit) => options.incrementalParts.some((part) => part.start <= hit && hit < part.end));
    return incrementalOnly ? 'incremental-only' : 'filtered';
  };
  const hits = filterHits(own, scope.start, branch, options.columns);
  if (hits.length > 0) return judge(hits);
  // A macro call in the query may write the filter (`{{ partition_filter('event_date') }}`).
  const branchStart = scope.start + branch.start;
  const branchEnd = scope.start + branch.end;
  if (macroCalls.some((call) => branchStart <= call.start && call.start < branchEnd)) return 'unsure';
  if (scope.top) return 'unfiltered';
  // A CTE or derived table read by another query: BigQuery and Spark push a filter written there down to the scan.
  // Any filter on the column (or a name it is given in this query) elsewhere in the file counts.
  if (options.columns.length === 0) return 'unsure';
  const names = [...options.columns];
  const scopeText = masked.slice(scope.start, scope.end);
  for (const column of options.columns) {
    for (const match of scopeText.matchAll(new RegExp(`(?<![\\w$])${escapeRegExp(column)}\\s+as\\s+([\\w$]+)`, 'gi'))) names.push(match[1]);
  }
  if (/\*/.test(scopeText) === false && !options.columns.some((column) => new RegExp(`(?<![\\w$])${escapeRegExp(column)}(?![\\w$])`, 'i').test(scopeText))) {
    // The query neither passes the column on nor selects `*`: nothing outside it can filter the scan.
    return 'unfiltered';
  }
  const elsewhere: number[] = [];
  // One pass over the whole file first: when no query filters on the names at all, none of the others does.
  const anyHit = filterHits(masked, 0, { start: 0, end: masked.length }, names).length > 0;
  for (const other of anyHit ? scopes : []) {
    if (other === scope) continue;
    const otherOwn = ownText(masked, scopes, other);
    elsewhere.push(...filterHits(otherOwn, other.start, { start: 0, end: otherOwn.length }, names));
    // Hits in the scope's own text are not its filters (it has none); macro calls elsewhere may filter too.
  }
  if (elsewhere.length > 0) return judge(elsewhere);
  if (macroCalls.length > 0) return 'unsure';
  return 'unfiltered';
}
