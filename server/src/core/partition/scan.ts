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

/** Jinja expressions that produce a value or a relation (or nothing, as `config()`), never SQL a filter could hide in. */
const VALUE_EXPRESSION = /^\{\{-?\s*(?:ref|source|this|var|env_var|target|config\.get|config(?=\s*\()|run_started_at|dbt\.current_timestamp|current_timestamp)\b/;
// The scan searches a lower-cased copy of the masked text: case-sensitive patterns run about twice as fast.
const FILTER_KEYWORD = /\b(?:where|on|having|qualify)\b/g;
const SET_OPERATION = /\b(?:union|intersect|except)\b/g;
/** The characters that can start a comment, a string or a Jinja tag: the masking jumps from one to the next. */
const MASK_START = /[{'\-/]/g;

interface Scope {
  /** The text of the query, without parentheses. */
  start: number;
  end: number;
  /** True for the file's top level, false for a parenthesised query (CTE body, derived table, subquery). */
  top: boolean;
  /**
   * The queries nested directly in this one, in order: their text is not this query's own, so their predicates
   * are not taken for its filters. Each starts just after a `(` and ends at its `)`, so no word crosses their edges.
   */
  children: Scope[];
}

/** Blanks a run of text without moving offsets; most runs (a string, a Jinja tag) are on one line. */
function blankRun(run: string): string {
  return run.includes('\n') ? run.replace(/[^\n]/g, ' ') : ' '.repeat(run.length);
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
    parts.push(text.slice(copied, from), first, blankRun(text.slice(from + first.length, end)));
    copied = end;
  };
  let i = 0;
  while (i < text.length) {
    MASK_START.lastIndex = i;
    if (!MASK_START.exec(text)) break;
    i = MASK_START.lastIndex - 1;
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

const QUERY_START = /\s*(?:select|with)\b/y;

/**
 * Every parenthesised query of the masked text (a group whose first word is `select` or `with`), and the top
 * level first, each with the queries nested directly in it.
 */
function queryScopes(masked: string): Scope[] {
  const top: Scope = { start: 0, end: masked.length, top: true, children: [] };
  const scopes: Scope[] = [top];
  // Open parentheses, each with the queries closed inside it so far; a query that closes adopts them.
  const stack: { open: number; inner: Scope[] }[] = [];
  let inner: Scope[] = [];
  for (let i = masked.indexOf('('); i >= 0 && i < masked.length; ) {
    const paren = nextParen(masked, i);
    if (paren < 0) break;
    if (masked.charCodeAt(paren) === 40 /* ( */) {
      stack.push({ open: paren, inner });
      inner = [];
    } else if (stack.length > 0) {
      const { open, inner: outer } = stack.pop()!;
      QUERY_START.lastIndex = open + 1;
      if (QUERY_START.test(masked) && QUERY_START.lastIndex <= paren) {
        const scope: Scope = { start: open + 1, end: paren, top: false, children: inner };
        scopes.push(scope);
        outer.push(scope);
      } else outer.push(...inner);
      inner = outer;
    }
    i = paren + 1;
  }
  // Queries in parentheses left open belong to the top level, as do those closed at it.
  for (const { inner: outer } of stack) top.children.push(...outer);
  top.children.push(...inner);
  top.children.sort((a, b) => a.start - b.start);
  return scopes;
}

function nextParen(text: string, from: number): number {
  const open = text.indexOf('(', from);
  const close = text.indexOf(')', from);
  if (open < 0) return close;
  if (close < 0) return open;
  return Math.min(open, close);
}

/** The innermost query around an offset. */
function scopeAt(scopes: Scope[], offset: number): Scope {
  let best = scopes[0];
  for (const scope of scopes) {
    if (scope.start <= offset && offset < scope.end && scope.end - scope.start <= best.end - best.start) best = scope;
  }
  return best;
}

/**
 * The offsets of a pattern's matches in a query's own text between `from` and `to`: matches inside the queries
 * nested in it are skipped. `limit` stops at the first few. The search runs on a slice, which V8 makes without
 * copying, so that a search with no match in the range does not run on to the end of the file.
 */
function ownMatches(masked: string, scope: Scope, pattern: RegExp, from: number, to: number, limit = Infinity): number[] {
  const hits: number[] = [];
  const { children } = scope;
  let child = 0;
  while (child < children.length && children[child].end <= from) child++;
  const text = masked.slice(from, to);
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const at = from + match.index;
    while (child < children.length && children[child].end <= at) child++;
    const hole = children[child];
    if (hole && hole.start <= at) {
      pattern.lastIndex = hole.end - from;
      continue;
    }
    hits.push(at);
    if (hits.length >= limit) break;
    if (match[0].length === 0) pattern.lastIndex++;
  }
  pattern.lastIndex = 0;
  return hits;
}

/** The branch of a UNION/INTERSECT/EXCEPT holding an offset, in file offsets. */
function branchAt(masked: string, scope: Scope, offset: number): { start: number; end: number } {
  let start = scope.start;
  let end = scope.end;
  for (const at of ownMatches(masked, scope, SET_OPERATION, scope.start, scope.end)) {
    if (at <= offset) start = at + masked.slice(at, at + 9).match(/^\w+/)![0].length;
    else {
      end = at;
      break;
    }
  }
  return { start, end };
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const columnPatterns = new Map<string, RegExp>();

/** A pattern matching any of the column names, bare or quoted; compiled once per set of names. */
function columnPattern(columns: string[]): RegExp {
  const key = columns.join('\u0000');
  let pattern = columnPatterns.get(key);
  if (!pattern) {
    const names = columns.map((column) => escapeRegExp(column.toLowerCase())).join('|');
    columnPatterns.set(key, (pattern = new RegExp(`(?<![\\w$])["\`]?(?:${names})["\`]?(?![\\w$])`, 'g')));
  }
  return pattern;
}

/**
 * Offsets where one of the columns is written in a filter of a query's branch (after its first `where`, `on`,
 * `having` or `qualify`), or where the first filter starts when `columns` is empty.
 */
function filterHits(masked: string, scope: Scope, branch: { start: number; end: number }, columns: string[]): number[] {
  const [first] = ownMatches(masked, scope, FILTER_KEYWORD, branch.start, branch.end, 1);
  if (first === undefined) return [];
  if (columns.length === 0) return [first];
  return ownMatches(masked, scope, columnPattern(columns), first, branch.end);
}

export interface ScanOptions {
  /** The partition columns; empty when only the fact of partitioning is known (any filter then counts). */
  columns: string[];
  /** The parts of the file that run only on incremental runs. */
  incrementalParts: Span[];
}

/** The masked text (lower-cased) and query scopes of the last file asked about: a model reading several partitioned tables asks once per table. */
let lastAnalysis: { text: string; masked: string; macroCalls: Span[]; scopes: Scope[] } | undefined;

function analysed(text: string): NonNullable<typeof lastAnalysis> {
  if (lastAnalysis?.text === text) return lastAnalysis;
  const { masked: original, macroCalls } = maskSql(text);
  let masked = original.toLowerCase();
  // A few characters change length when lower-cased (`İ`); blanking what is not ASCII keeps the offsets.
  if (masked.length !== original.length) masked = original.replace(/[^\x00-\x7f]/g, ' ').toLowerCase();
  return (lastAnalysis = { text, masked, macroCalls, scopes: queryScopes(masked) });
}

/** Whether the query that reads the relation at `relation` filters on the partition columns. */
export function partitionFilterOf(text: string, relation: Span, options: ScanOptions): ScanFilter {
  const { masked, macroCalls, scopes } = analysed(text);
  const scope = scopeAt(scopes, relation.start);
  const branch = branchAt(masked, scope, relation.start);
  const judge = (hits: number[]): ScanFilter => {
    const incrementalOnly = hits.every((hit) => options.incrementalParts.some((part) => part.start <= hit && hit < part.end));
    return incrementalOnly ? 'incremental-only' : 'filtered';
  };
  const hits = filterHits(masked, scope, branch, options.columns);
  if (hits.length > 0) return judge(hits);
  // A macro call in the query may write the filter (`{{ partition_filter('event_date') }}`).
  if (macroCalls.some((call) => branch.start <= call.start && call.start < branch.end)) return 'unsure';
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
  // One pass over the whole file first: when no query filters on the names at all, none of the others does.
  const whole: Scope = { start: 0, end: masked.length, top: true, children: [] };
  const elsewhere: number[] = [];
  if (filterHits(masked, whole, whole, names).length > 0) {
    for (const other of scopes) {
      // Hits in the scope's own text are not its filters (it has none); macro calls elsewhere may filter too.
      if (other !== scope) elsewhere.push(...filterHits(masked, other, other, names));
    }
  }
  if (elsewhere.length > 0) return judge(elsewhere);
  if (macroCalls.length > 0) return 'unsure';
  return 'unfiltered';
}
