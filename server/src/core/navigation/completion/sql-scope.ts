/**
 * What the qualifiers of a dbt model's SQL name: `o` in `from {{ ref('orders') }} as o`, a CTE `o as (…)`, a
 * subquery's alias. Completion after `o.` needs this while the model is being typed, so it is read from the
 * text alone, tolerantly: Jinja is masked first (a `ref()` or `source()` expression becomes an identifier of
 * the same length that stands for the relation, other Jinja becomes blanks), then the SQL tokens are scanned.
 *
 * Scopes are flattened: an alias defined anywhere in the file is visible everywhere. Models rarely reuse an
 * alias for two relations, and a completion list that offers the columns of the wrong one of two is still a
 * good guess.
 */
import { extractSqlFacts, tokenizeSql, type Dialect, type SqlToken } from '../../sql';
import type { Span } from '../../text';

/** A relation a `ref()` or `source()` expression names. */
export type JinjaRelation = { kind: 'ref'; name: string; package?: string } | { kind: 'source'; source: string; table: string };

export interface MaskedSql {
  text: string;
  /** Placeholder identifier (lower case) → the relation it stands for. */
  relations: Map<string, JinjaRelation>;
  /** Spans of the original text that were Jinja. */
  jinja: Span[];
}

const REF_CALL = /\bref\(\s*(?:(['"])([\w.-]+)\1\s*,\s*)?(['"])([\w.-]+)\3/;
const SOURCE_CALL = /\bsource\(\s*(['"])([\w.-]+)\1\s*,\s*(['"])([\w.-]+)\3/;

/** Replaces Jinja with text of the same length, so offsets stay those of the original. */
export function maskJinja(text: string): MaskedSql {
  const relations = new Map<string, JinjaRelation>();
  const jinja: Span[] = [];
  let masked = '';
  let at = 0;
  for (;;) {
    const open = text.indexOf('{', at);
    if (open < 0 || open + 1 >= text.length) break;
    const kind = text[open + 1];
    if (kind !== '{' && kind !== '%' && kind !== '#') {
      at = open + 1;
      continue;
    }
    const closer = kind === '{' ? '}}' : `${kind}}`;
    const close = text.indexOf(closer, open + 2);
    const end = close < 0 ? text.length : close + 2;
    masked += text.slice(masked.length, open);
    const region = text.slice(open, end);
    let replacement = blank(region);
    if (kind === '{') {
      const relation = relationOf(region);
      // The placeholder fills the expression's first line, the rest stays blank; it needs room to be unique.
      const firstLine = region.split('\n', 1)[0].length;
      const name = `_r${relations.size}_`;
      if (relation && firstLine >= name.length) {
        const placeholder = name.padEnd(firstLine, '_');
        relations.set(placeholder, relation);
        replacement = placeholder + blank(region.slice(firstLine));
      }
    }
    masked += replacement;
    jinja.push({ start: open, end });
    at = end;
  }
  masked += text.slice(masked.length);
  return { text: masked, relations, jinja };
}

function blank(region: string): string {
  return region.replace(/[^\n]/g, ' ');
}

function relationOf(expression: string): JinjaRelation | undefined {
  const ref = REF_CALL.exec(expression);
  if (ref) return { kind: 'ref', name: ref[4], package: ref[2] };
  const source = SOURCE_CALL.exec(expression);
  if (source) return { kind: 'source', source: source[2], table: source[4] };
  return undefined;
}

/** What a qualifier names. */
export type ScopeTarget =
  | { kind: 'relation'; relation: JinjaRelation }
  | { kind: 'query'; name?: string; body: Span };

export interface SqlScope {
  masked: MaskedSql;
  dialect: Dialect;
  /** Lower-cased qualifier → what it names. */
  qualifiers: Map<string, ScopeTarget>;
  /** Every relation read, with where it is read, to expand a bare `*` of the query around it. */
  reads: { at: number; target: ScopeTarget }[];
}

/** Words that may follow a relation without being its alias; the token pass treats them as identifiers. */
const NOT_ALIASES = new Set(['pivot', 'unpivot', 'match_recognize', 'sample', 'tablesample', 'changes', 'before', 'at', 'final', 'for']);

export function readScope(text: string, dialect: Dialect): SqlScope {
  const masked = maskJinja(text);
  const tokens = tokenizeSql(masked.text, dialect).filter((token) => token.kind !== 'comment');
  const qualifiers = new Map<string, ScopeTarget>();
  const reads: { at: number; target: ScopeTarget }[] = [];
  const closing = matchParens(tokens);
  const ctes = new Map<string, ScopeTarget>();
  for (let i = 0; i + 2 < tokens.length; i++) {
    // `name as (` after `with`, `recursive` or a comma: a CTE.
    const previous = tokens[i - 1];
    if (!isName(tokens[i]) || !isWord(tokens[i + 1], 'as') || tokens[i + 2].text !== '(') continue;
    if (!previous || !(isWord(previous, 'with') || isWord(previous, 'recursive') || previous.text === ',')) continue;
    const close = closing.get(i + 2);
    const body = { start: tokens[i + 2].span.end, end: close !== undefined ? tokens[close].span.start : masked.text.length };
    const target: ScopeTarget = { kind: 'query', name: tokens[i].value, body };
    ctes.set(tokens[i].value.toLowerCase(), target);
    qualifiers.set(tokens[i].value.toLowerCase(), target);
  }
  for (let i = 0; i < tokens.length; i++) {
    if (!isWord(tokens[i], 'from') && !isWord(tokens[i], 'join')) continue;
    let next = i + 1;
    for (;;) {
      const read = readRelation(tokens, next, closing, masked, ctes);
      if (!read) break;
      if (read.target) {
        reads.push({ at: tokens[next].span.start, target: read.target });
        for (const name of read.names) qualifiers.set(name.toLowerCase(), read.target);
      }
      next = read.end;
      // A comma continues the FROM list; anything else ends it.
      if (tokens[next]?.text !== ',') break;
      next++;
    }
  }
  return { masked, dialect, qualifiers, reads };
}

function readRelation(
  tokens: SqlToken[],
  start: number,
  closing: Map<number, number>,
  masked: MaskedSql,
  ctes: Map<string, ScopeTarget>,
): { target?: ScopeTarget; names: string[]; end: number } | undefined {
  const first = tokens[start];
  if (!first) return undefined;
  let target: ScopeTarget | undefined;
  const names: string[] = [];
  let end: number;
  if (first.text === '(') {
    const close = closing.get(start);
    if (close === undefined) return undefined;
    target = { kind: 'query', body: { start: first.span.end, end: tokens[close].span.start } };
    end = close + 1;
  } else if (isName(first)) {
    end = start + 1;
    while (tokens[end]?.text === '.' && tokens[end + 1] && isName(tokens[end + 1])) end += 2;
    // A table function (`unnest(…)`, `generate_series(…)`) has columns nobody declared.
    if (tokens[end]?.text === '(') {
      const close = closing.get(end);
      return { names: [], end: close === undefined ? end + 1 : close + 1 };
    }
    const last = tokens[end - 1].value;
    const relation = end === start + 1 ? masked.relations.get(first.value.toLowerCase()) : undefined;
    if (relation) {
      target = { kind: 'relation', relation };
      // Unaliased, a relation is qualified by its own name, as dbt renders it (`schema.orders`).
      names.push(relation.kind === 'ref' ? relation.name : relation.table);
    } else if (end === start + 1 && ctes.has(last.toLowerCase())) {
      target = ctes.get(last.toLowerCase());
      names.push(last);
    }
  } else {
    return undefined;
  }
  let alias = end;
  if (isWord(tokens[alias], 'as')) alias++;
  const candidate = tokens[alias];
  if (candidate && isName(candidate) && !NOT_ALIASES.has(candidate.value.toLowerCase())) {
    names.push(candidate.value);
    end = alias + 1;
  }
  return { target, names, end };
}

function isName(token: SqlToken | undefined): boolean {
  return token !== undefined && (token.kind === 'identifier' || token.kind === 'quotedIdentifier');
}

function isWord(token: SqlToken | undefined, word: string): boolean {
  return token !== undefined && token.kind === 'keyword' && token.value === word;
}

function matchParens(tokens: SqlToken[]): Map<number, number> {
  const closing = new Map<number, number>();
  const stack: number[] = [];
  tokens.forEach((token, index) => {
    if (token.text === '(') stack.push(index);
    else if (token.text === ')' && stack.length > 0) closing.set(stack.pop()!, index);
  });
  return closing;
}

/**
 * The output columns of a CTE or subquery body, by name; `*` and `x.*` are expanded with `expand`, which
 * gives the columns of a relation read in the body (all of them for a bare `*`).
 */
export function queryColumns(scope: SqlScope, body: Span, expand: (target: ScopeTarget) => string[] | undefined): string[] | undefined {
  const facts = extractSqlFacts(scope.masked.text.slice(body.start, body.end), scope.dialect);
  const columns: string[] = [];
  for (const column of facts.outputColumns) {
    if (column.kind !== 'star') {
      columns.push(column.name);
      continue;
    }
    const qualifier = /^(.+)\.\*$/.exec(column.expression.trim())?.[1];
    const targets = qualifier
      ? [scope.qualifiers.get(unquote(qualifier).toLowerCase())]
      : scope.reads.filter((read) => read.at >= body.start && read.at < body.end && !insideNestedQuery(scope, read.at, body)).map((read) => read.target);
    for (const target of targets) {
      const expanded = target ? expand(target) : undefined;
      // A star that cannot be expanded leaves the column list unknown rather than wrong.
      if (!expanded) return columns.length > 0 ? columns : undefined;
      columns.push(...expanded);
    }
  }
  return columns;
}

/** True when `at` lies in a query nested inside `body` (its reads belong to that query, not to `body`'s star). */
function insideNestedQuery(scope: SqlScope, at: number, body: Span): boolean {
  for (const target of scope.qualifiers.values()) {
    if (target.kind !== 'query') continue;
    const inner = target.body;
    if (inner.start > body.start && inner.end <= body.end && at >= inner.start && at < inner.end) return true;
  }
  return false;
}

function unquote(name: string): string {
  return /^["`[]/.test(name) ? name.slice(1, -1) : name;
}
