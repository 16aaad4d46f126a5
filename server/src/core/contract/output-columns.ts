/**
 * The columns a model's SQL produces, as the contract consistency rules compare them with the contract: the output
 * columns of its final SELECT, with `select *` and `t.*` expanded from CTEs, subqueries and parents whose columns
 * are known for certain.
 *
 * A contract rule that guesses reports a column dbt would accept, so the answer is all or nothing: whenever one column
 * cannot be named for certain (unparseable SQL, a star over something whose columns are unknown, a macro or a Jinja
 * loop or condition in a select list, an unaliased expression whose name the warehouse chooses), the columns are
 * unknown and the rules stay silent.
 *
 * The model is rendered as column lineage renders it (`renderForLineage`: every ref() and source() becomes a relation
 * name that maps back to its parent), then read with the token pass one query at a time: the final query, and each
 * CTE or subquery a star reads.
 */
import { renderForLineage } from '../lineage/column-lineage';
import { knownColumns } from '../lineage/known-columns';
import type { GraphNode, ProjectIndex } from '../project/index-types';
import { isContractEnforced, modelPropertiesOf } from '../standards/resources';
import { extractSqlFacts, tokenizeSql, type Dialect, type SqlToken } from '../sql';
import type { Span } from '../text';

/** One column the model produces. */
export interface ProducedColumn {
  name: string;
  /** Where the SQL produces it, in the model's own file: its alias or expression, or the star that expands to it. */
  span: Span;
  /** True when the column comes from expanding `*` or `t.*`. */
  fromStar: boolean;
  /** The type the SQL states for it (`cast(… as int64)`, `…::int`), when it states one. */
  dataType?: string;
}

export type ProducedColumns = { known: true; file: string; columns: ProducedColumn[] } | { known: false; reason: string };

/** The columns a relation read by a query has, or undefined when they are not known for certain. */
type RelationColumns = ReadonlyMap<string, readonly ExpandedColumn[] | undefined>;

/** A column as a query produces it, with offsets in the rendered text. */
interface ExpandedColumn {
  name: string;
  renderedSpan: Span;
  fromStar: boolean;
  dataType?: string;
}

class Unknown {
  constructor(readonly reason: string) {}
}

interface Reading {
  index: ProjectIndex;
  dialect: Dialect;
  rendered: string;
  original: string;
  toOriginal: (offset: number) => number;
  /** Relation name in the rendered SQL → the parent's unique id. */
  relations: ReadonlyMap<string, string>;
  parentColumns: (uniqueId: string) => readonly ExpandedColumn[] | undefined;
}

/** Results of one index revision, since every contracted model's parents are read by several rules. */
const cacheByIndex = new WeakMap<ProjectIndex, { revision: number; results: Map<string, ProducedColumns> }>();

/** The columns the model's SQL produces, or why they cannot be known for certain. */
export function producedColumns(index: ProjectIndex, node: GraphNode): ProducedColumns {
  let cache = cacheByIndex.get(index);
  if (!cache || cache.revision !== index.revision) cacheByIndex.set(index, (cache = { revision: index.revision, results: new Map() }));
  return producedColumnsCached(index, node, cache.results, new Set());
}

function producedColumnsCached(index: ProjectIndex, node: GraphNode, results: Map<string, ProducedColumns>, inProgress: Set<string>): ProducedColumns {
  const cached = results.get(node.uniqueId);
  if (cached) return cached;
  // A dependency cycle would recurse for ever through the parents' columns; inside one, the columns are unknown.
  if (inProgress.has(node.uniqueId)) return { known: false, reason: 'the model is part of a dependency cycle' };
  inProgress.add(node.uniqueId);
  try {
    const result = readModel(index, node, (parent) => parentColumns(index, parent, results, inProgress));
    results.set(node.uniqueId, result);
    return result;
  } finally {
    inProgress.delete(node.uniqueId);
  }
}

/**
 * A parent's columns, when they are certain: the catalog (what the warehouse built), else the parent's own SQL, else
 * its properties `columns:` only when its contract is enforced (dbt then guarantees they are complete; documented
 * columns are otherwise often a partial list), else a seed's header row.
 */
function parentColumns(index: ProjectIndex, uniqueId: string, results: Map<string, ProducedColumns>, inProgress: Set<string>): readonly ExpandedColumn[] | undefined {
  const parent = index.node(uniqueId);
  if (!parent) return undefined;
  const fromSql = (upstream: GraphNode): string[] | undefined => {
    const produced = producedColumnsCached(index, upstream, results, inProgress);
    return produced.known ? produced.columns.map((column) => column.name) : undefined;
  };
  const known = knownColumns(index, parent, fromSql);
  if (!known) return undefined;
  const project = index.projects.get(parent.projectId);
  const resource = project && parent.resourceType === 'model' ? { project, node: parent, ...modelPropertiesOf(index, parent) } : undefined;
  if (known.from === 'properties' && !(resource && isContractEnforced(resource))) return undefined;
  const typed = new Map<string, string>();
  if (resource) for (const column of [...(resource.spec?.columns ?? []), ...(resource.version?.columns ?? [])]) if (column.dataType) typed.set(column.name.toLowerCase(), column.dataType);
  return known.columns.map((name) => ({ name, renderedSpan: { start: 0, end: 0 }, fromStar: true, dataType: typed.get(name.toLowerCase()) }));
}

function readModel(index: ProjectIndex, node: GraphNode, columnsOfParent: (uniqueId: string) => readonly ExpandedColumn[] | undefined): ProducedColumns {
  const prepared = renderForLineage(index, node);
  if ('failure' in prepared) return { known: false, reason: prepared.failure };
  const file = node.file!;
  const reading: Reading = {
    index,
    dialect: prepared.dialect,
    rendered: prepared.rendered.text,
    original: index.text(file) ?? '',
    toOriginal: (offset) => prepared.rendered.toOriginal(offset),
    relations: prepared.relations,
    parentColumns: columnsOfParent,
  };
  try {
    const columns = readQuery(reading, 0, reading.rendered.length, new Map());
    if (columns.length === 0) return { known: false, reason: 'the final SELECT lists no columns' };
    return {
      known: true,
      file,
      columns: columns.map((column) => {
        const start = reading.toOriginal(column.renderedSpan.start);
        const span = { start, end: Math.max(start, reading.toOriginal(column.renderedSpan.end)) };
        return { name: column.name, span, fromStar: column.fromStar, ...(column.dataType ? { dataType: column.dataType } : {}) };
      }),
    };
  } catch (error) {
    if (error instanceof Unknown) return { known: false, reason: error.reason };
    throw error;
  }
}

/** Keywords that end a FROM clause at its own depth. */
const FROM_CLAUSE_END = new Set(['where', 'group', 'having', 'qualify', 'window', 'order', 'limit', 'offset', 'fetch', 'union', 'intersect', 'except', 'minus', 'on', 'using']);
/** Keywords that start a join, and so end the previous FROM item. */
const JOIN_WORDS = new Set(['join', 'inner', 'left', 'right', 'full', 'outer', 'cross', 'natural', 'lateral']);

/**
 * The output columns of the query in `[start, end)` of the rendered text, whose WITH list (when it has one) adds to
 * the CTEs `outer` already knows. Throws `Unknown` when a column cannot be named for certain.
 */
function readQuery(reading: Reading, start: number, end: number, outer: RelationColumns): ExpandedColumn[] {
  const text = reading.rendered.slice(start, end);
  const tokens = tokenizeSql(text, reading.dialect)
    .filter((token) => token.kind !== 'comment')
    .map((token) => ({ ...token, span: { start: token.span.start + start, end: token.span.end + start } }));
  const ctes = new Map(outer);
  let at = 0;
  if (isKeyword(tokens[at], 'with')) at = readWith(reading, tokens, at + 1, ctes);

  const finalStart = tokens[at]?.span.start ?? end;
  const facts = extractSqlFacts(reading.rendered.slice(finalStart, end), reading.dialect);
  if (facts.errors.length > 0 || !facts.columnsComplete) throw new Unknown('the final SELECT cannot be read in full');
  const lastItem = facts.outputColumns[facts.outputColumns.length - 1];
  // A `{% for %}` or `{% if %}` anywhere between SELECT and the last item decides which columns exist.
  if (lastItem && containsJinjaStatement(reading, { start: finalStart, end: lastItem.span.end + finalStart })) {
    throw new Unknown('a Jinja statement (a loop or a condition) decides the select list');
  }
  const columns: ExpandedColumn[] = [];
  for (const item of facts.outputColumns) {
    const renderedSpan = { start: item.span.start + finalStart, end: item.span.end + finalStart };
    if (item.kind === 'star') {
      const starEnd = tokens.findIndex((token) => token.span.start >= renderedSpan.end);
      columns.push(...expandStar(reading, tokens, starEnd < 0 ? tokens.length : starEnd, item.expression, renderedSpan, ctes));
      continue;
    }
    if (item.name.includes('__dplens_') || item.name.includes('__lin_')) throw new Unknown('a macro or Jinja expression names a column');
    // An expression without an alias is named by the warehouse (`f0_`, `COUNT(*)`), which cannot be known here.
    if (item.kind === 'transform' && item.name === item.expression) throw new Unknown(`the expression \`${item.expression}\` has no alias`);
    columns.push({ name: item.name, renderedSpan, fromStar: false, dataType: statedType(item.expression) });
  }
  return columns;
}

/** Reads a WITH list from `at` (after the keyword) into `ctes` and returns the index of the token after it. */
function readWith(reading: Reading, tokens: SqlToken[], at: number, ctes: Map<string, readonly ExpandedColumn[] | undefined>): number {
  if (isKeyword(tokens[at], 'recursive')) at++;
  while (at < tokens.length) {
    const name = tokens[at];
    if (!isRelationName(name)) throw new Unknown('the WITH list cannot be read');
    at++;
    let declared: ExpandedColumn[] | undefined;
    if (isPunctuation(tokens[at], '(')) {
      const close = closing(tokens, at);
      declared = tokens.slice(at + 1, close).filter(isName).map((token) => ({ name: token.value, renderedSpan: token.span, fromStar: false }));
      at = close + 1;
    }
    if (isKeyword(tokens[at], 'as')) at++;
    if (isKeyword(tokens[at], 'not')) at++;
    if (tokens[at]?.value.toLowerCase() === 'materialized') at++;
    if (!isPunctuation(tokens[at], '(')) throw new Unknown('the WITH list cannot be read');
    const close = closing(tokens, at);
    const body = { start: tokens[at].span.end, end: tokens[close]?.span.start ?? reading.rendered.length };
    // A CTE's columns matter only when a star reads it, and an unreadable CTE that nothing expands is no reason for silence.
    let columns: readonly ExpandedColumn[] | undefined = declared;
    if (!columns) {
      try {
        columns = readQuery(reading, body.start, body.end, ctes);
      } catch (error) {
        if (!(error instanceof Unknown)) throw error;
      }
    }
    ctes.set(relationKey(name), columns);
    at = close + 1;
    if (isPunctuation(tokens[at], ',')) at++;
    else break;
  }
  return at;
}

/** The columns `*` or `t.*` stands for, from the FROM clause of its SELECT, which starts after `after`. */
function expandStar(reading: Reading, tokens: SqlToken[], after: number, expression: string, starSpan: Span, ctes: RelationColumns): ExpandedColumn[] {
  const modifiers = /^\s*(?:([\w"`]+)\s*\.\s*)?\*\s*(?:(?:except|exclude)\s*\(([^)]*)\)|exclude\s+([\w"`]+)|replace\s*\(.*\))?\s*$/is.exec(expression);
  if (!modifiers) throw new Unknown(`\`${expression}\` cannot be expanded`);
  const qualifier = modifiers[1] ? unquote(modifiers[1]).toLowerCase() : undefined;
  const excluded = new Set((modifiers[2] ?? modifiers[3] ?? '').split(',').map((name) => unquote(name.trim()).toLowerCase()).filter((name) => name !== ''));
  const from = readFromItems(reading, tokens, after, ctes);
  const chosen = qualifier === undefined ? from.items : from.items.filter((item) => item.alias === qualifier);
  if (chosen.length === 0) throw new Unknown(`\`${expression}\` reads nothing this reader can name`);
  // `using (…)` and natural joins merge the join columns, which a plain concatenation would count twice.
  if (qualifier === undefined && chosen.length > 1 && from.mergesColumns) throw new Unknown(`\`${expression}\` over a join with merged columns`);
  const columns: ExpandedColumn[] = [];
  for (const item of chosen) {
    if (!item.columns) throw new Unknown(`\`${expression}\` reads \`${item.alias}\`, whose columns are unknown`);
    for (const column of item.columns) {
      if (excluded.has(column.name.toLowerCase())) continue;
      columns.push({ name: column.name, renderedSpan: starSpan, fromStar: true, dataType: column.dataType });
    }
  }
  return columns;
}

interface FromItem {
  /** The alias, else the relation's last name part, lower-cased. */
  alias: string;
  columns: readonly ExpandedColumn[] | undefined;
}

/** The relations of the FROM clause that follows `after` at the same depth. */
function readFromItems(reading: Reading, tokens: SqlToken[], after: number, ctes: RelationColumns): { items: FromItem[]; mergesColumns: boolean } {
  let at = after;
  while (at < tokens.length && !isKeyword(tokens[at], 'from')) {
    if (isPunctuation(tokens[at], ')')) throw new Unknown('the star has no FROM clause');
    at = isOpener(tokens[at]) ? closing(tokens, at) + 1 : at + 1;
  }
  at++;
  const items: FromItem[] = [];
  let mergesColumns = false;
  let expectItem = true;
  while (at < tokens.length) {
    const token = tokens[at];
    if (isPunctuation(token, ')') || isPunctuation(token, ';')) break;
    const word = token.kind === 'keyword' ? token.value : undefined;
    if (word === 'natural' || word === 'using') mergesColumns = true;
    if (word !== undefined && FROM_CLAUSE_END.has(word) && word !== 'on' && word !== 'using') break;
    if (isPunctuation(token, ',') || (word !== undefined && JOIN_WORDS.has(word))) {
      expectItem = true;
      at++;
      continue;
    }
    if (word === 'on' || word === 'using') {
      // The join condition runs to the next join or the end of the clause.
      expectItem = false;
      at = isOpener(tokens[at + 1]) ? closing(tokens, at + 1) + 1 : at + 1;
      continue;
    }
    if (!expectItem) {
      at = isOpener(token) ? closing(tokens, at) + 1 : at + 1;
      continue;
    }
    expectItem = false;
    const read = readFromItem(reading, tokens, at, ctes);
    items.push(read.item);
    at = read.next;
  }
  return { items, mergesColumns };
}

/** One FROM item: a relation name or a parenthesised subquery, with its alias. */
function readFromItem(reading: Reading, tokens: SqlToken[], at: number, ctes: RelationColumns): { item: FromItem; next: number } {
  let columns: readonly ExpandedColumn[] | undefined;
  let alias: string | undefined;
  if (isPunctuation(tokens[at], '(')) {
    const close = closing(tokens, at);
    try {
      columns = readQuery(reading, tokens[at].span.end, tokens[close]?.span.start ?? reading.rendered.length, ctes);
    } catch (error) {
      if (!(error instanceof Unknown)) throw error;
    }
    at = close + 1;
  } else {
    const parts: SqlToken[] = [];
    while (at < tokens.length && isRelationName(tokens[at])) {
      parts.push(tokens[at]);
      if (tokens[at + 1]?.text === '.') at += 2;
      else {
        at++;
        break;
      }
    }
    if (parts.length === 0) throw new Unknown('the FROM clause cannot be read');
    // A table function (`unnest(…)`, `table(…)`) produces columns of its own.
    if (isPunctuation(tokens[at], '(')) throw new Unknown('the FROM clause reads a table function');
    const last = parts[parts.length - 1];
    alias = relationKey(last);
    if (parts.length === 1 && ctes.has(relationKey(last))) columns = ctes.get(relationKey(last));
    else {
      const parent = parts.length === 1 ? reading.relations.get(last.value.toLowerCase()) : undefined;
      columns = parent ? reading.parentColumns(parent) : undefined;
    }
  }
  if (isKeyword(tokens[at], 'as')) at++;
  if (isName(tokens[at])) {
    alias = relationKey(tokens[at]);
    at++;
  }
  return { item: { alias: alias ?? '', columns }, next: at };
}

/** Whether the original text behind a rendered span holds a `{% … %}` tag: its columns then depend on a loop or a condition. */
function containsJinjaStatement(reading: Reading, span: Span): boolean {
  const start = reading.toOriginal(span.start);
  const end = Math.max(start, reading.toOriginal(span.end));
  return reading.original.slice(start, end).includes('{%');
}

/** The type a select item states with `cast(… as type)` or `…::type`, when the whole expression is that cast. */
function statedType(expression: string): string | undefined {
  const cast = /^\s*(?:safe_|try_)?cast\s*\(.*\bas\s+([a-z_][\w ]*(?:\([^()]*\))?)\s*\)\s*$/is.exec(expression);
  if (cast) return cast[1].trim().toLowerCase();
  const colons = /^[^:]*::\s*([a-z_]\w*(?:\([^()]*\))?)\s*$/is.exec(expression);
  return colons ? colons[1].toLowerCase() : undefined;
}

function relationKey(token: SqlToken): string {
  return token.kind === 'quotedIdentifier' ? token.value : token.value.toLowerCase();
}

function unquote(name: string): string {
  return name.replace(/^["`]|["`]$/g, '');
}

function isName(token: SqlToken | undefined): boolean {
  return token !== undefined && (token.kind === 'identifier' || token.kind === 'quotedIdentifier');
}

/** A name in a relation's place: non-reserved words such as `source` or `final` are often CTE names. */
function isRelationName(token: SqlToken | undefined): token is SqlToken {
  if (isName(token)) return true;
  return token !== undefined && token.kind === 'keyword' && !FROM_CLAUSE_END.has(token.value) && !JOIN_WORDS.has(token.value) && token.value !== 'select' && token.value !== 'from';
}

function isKeyword(token: SqlToken | undefined, word: string): boolean {
  return token !== undefined && token.kind === 'keyword' && token.value === word;
}

function isPunctuation(token: SqlToken | undefined, text: string): boolean {
  return token !== undefined && token.kind === 'punctuation' && token.text === text;
}

function isOpener(token: SqlToken | undefined): boolean {
  return isPunctuation(token, '(') || isPunctuation(token, '[');
}

/** The index of the bracket closing the one at `open`, or the last index when it is never closed. */
function closing(tokens: SqlToken[], open: number): number {
  let depth = 0;
  for (let at = open; at < tokens.length; at++) {
    if (isOpener(tokens[at])) depth++;
    else if (isPunctuation(tokens[at], ')') || isPunctuation(tokens[at], ']')) {
      depth--;
      if (depth === 0) return at;
    }
  }
  return tokens.length;
}
