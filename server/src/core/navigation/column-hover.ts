/**
 * Hover on a column in a model's SQL: where the column comes from, one hop up (which columns of which parent
 * models or sources, and whether passed through, renamed or transformed), with its type and description
 * when the properties YAML, the contract or catalog.json give them.
 *
 * Finding the column is token-level and cheap (`columnAt`), so the language server loads the column tracer
 * only when the cursor is on a column. The lineage itself is polyglot's, through the same rendering the
 * lineage view traces (`renderForLineage`): an output column of the final select is looked up in the model's
 * column lineage, and anything else (a CTE's column, a reference in a WHERE clause, `o.amount` inside an
 * expression) is traced as a one-column query over the model's own CTEs and FROM clause.
 * Nothing here throws: SQL that cannot be read gives no hover, and SQL that cannot be traced says so.
 */
import { ColumnLineageBuilder, knownColumns, lineageId, renderForLineage, type ColumnLineage, type ColumnTracer, type KnownColumns, type LineageRendering } from '../lineage';
import type { GraphNode, ProjectIndex } from '../project/index-types';
import { tokenizeSql, type SqlToken } from '../sql';
import type { Span } from '../text';
import { modelSpecOf, sourceSpecOf } from './entities';
import type { HoverContent } from './types';

/** A column under the cursor, found without tracing anything. */
export interface ColumnSite {
  /** The model or snapshot whose SQL holds the column. */
  node: GraphNode;
  /** The column's name, unquoted. */
  column: string;
  /** The name as written, qualifier included (`o.amount`). */
  written: string;
  span: Span;
  /**
   * `output`: an output column of the model's final select; `alias`: a column that a CTE or a subquery defines;
   * `reference`: a column read from the relations of the enclosing FROM clause.
   */
  role: 'output' | 'alias' | 'reference';
  /** Where an `alias` is defined: the CTE's name, or undefined for a subquery. */
  cte?: string;
  /** The one-column query that traces an `alias` or a `reference`, over the model's rendering. */
  query?: string;
  rendering: LineageRendering;
}

/** Where a column's type and description come from. */
interface ColumnDocs {
  description?: string;
  type?: string;
  typeFrom?: 'contract' | 'properties' | 'catalog';
}

/** The column under the cursor in a model's SQL, or undefined anywhere else (Jinja, keywords, relation names). */
export function columnAt(index: ProjectIndex, file: string, offset: number): ColumnSite | undefined {
  try {
    return findColumn(index, file, offset);
  } catch {
    // A defect in reading the SQL must cost the hover, never the request.
    return undefined;
  }
}

/**
 * Hover Markdown for the column under the cursor. Without a tracer (the parser could not be loaded), the
 * column's own type and description are still shown, with a sentence saying that its origins are unknown.
 */
export function columnHoverAt(index: ProjectIndex, file: string, offset: number, tracer: ColumnTracer | undefined, traceBudgetMs?: number): HoverContent | undefined {
  const site = columnAt(index, file, offset);
  if (!site) return undefined;
  let lineage: ColumnLineage | { failure: string };
  const builder = tracer && new ColumnLineageBuilder(index, tracer, traceBudgetMs === undefined ? undefined : performance.now() + traceBudgetMs);
  try {
    lineage = builder ? traceSite(builder, site) : { failure: 'the SQL parser that traces columns could not be loaded' };
  } catch (error) {
    lineage = { failure: `the column could not be traced: ${error instanceof Error ? error.message : String(error)}` };
  }
  // Lineage from a partial trace could be wrong (a `select *` of an untraced parent is not expanded): say it is not ready.
  if (builder?.incomplete) lineage = { failure: 'the models above this one are still being traced, which takes a few seconds the first time on a long chain; hover again in a moment' };
  // A parent's columns are known from its catalog entry, its own SQL (traced, so only with the tracer) or its YAML.
  const known = (node: GraphNode): KnownColumns | undefined => knownColumns(index, node, (upstream) => (builder?.incomplete ? undefined : builder?.outputColumns(upstream)));
  const content: HoverContent = { markdown: render(index, site, lineage, known), span: site.span };
  if (builder?.incomplete) content.lineagePending = site.node.uniqueId;
  return content;
}


function traceSite(builder: ColumnLineageBuilder, site: ColumnSite): ColumnLineage | { failure: string } {
  if (site.role === 'output') {
    const columns = builder.columnsOf(site.node);
    const failed = columns.find((entry) => entry.column === '*' && entry.unresolved !== undefined && columns.length === 1);
    if (failed) return { failure: failed.unresolved! };
    const found = columns.find((entry) => sameName(entry.column, site.column));
    if (found) return found;
    // A column the model's trace does not list by this name (a later branch of a union): trace it alone.
  }
  if (site.query === undefined) return { failure: 'the column is read from no relation' };
  const traced = builder.traceSql(site.node, site.rendering, site.query);
  if ('failure' in traced) return traced;
  return traced.columns[0] ?? { failure: 'the column could not be traced' };
}

/** Where a parent's known columns come from, for the note on a column that is not among them. */
const KNOWN_FROM: Record<KnownColumns['from'], string> = {
  catalog: 'not in its catalog.json entry',
  sql: 'not among the columns its SQL produces',
  properties: 'not among its documented columns',
  'seed-header': "not in the seed's header",
};

function render(index: ProjectIndex, site: ColumnSite, lineage: ColumnLineage | { failure: string }, known: (node: GraphNode) => KnownColumns | undefined): string {
  const model = `${site.node.resourceType} \`${site.node.name}\``;
  const where = site.role === 'output' ? model : site.role === 'alias' ? (site.cte ? `CTE \`${site.cte}\` of ${model}` : `a subquery of ${model}`) : `read in ${model}`;
  const lines = [`**column** \`${site.written}\` · ${where}`, ''];
  if (site.role === 'output') {
    const docs = columnDocs(index, site.node, site.column);
    if (docs.description) lines.push(docs.description, '');
    if (docs.type) lines.push(`Type: \`${docs.type}\` (${docs.typeFrom})`, '');
  }
  if ('failure' in lineage) {
    lines.push(`Lineage unknown: ${lineage.failure}.`);
    return lines.join('\n').trim();
  }
  if (lineage.unresolved !== undefined) {
    lines.push(`Lineage unknown: ${lineage.unresolved}.`);
    return lines.join('\n').trim();
  }
  if (lineage.from.length === 0) {
    lines.push('Reads no column of a parent: it is computed from literals or functions alone.');
    return lines.join('\n').trim();
  }
  lines.push('**One hop up**', '');
  for (const origin of lineage.from) {
    const parent = nodeByLineageId(index, site.node, origin.node);
    const docs = parent ? columnDocs(index, parent, origin.column) : {};
    const parts = [`\`${origin.column}\` of ${parent ? describeNode(parent) : `\`${origin.node}\``}`, origin.transform];
    if (docs.type) parts.push(`\`${docs.type}\``);
    if (docs.description) parts.push(oneLine(docs.description));
    // The tracer accepts any name for a relation it knows too little about; a typo shows up here. Documented
    // columns are often a subset of the real ones, so only the authoritative lists are written in bold.
    const columns = parent ? known(parent) : undefined;
    if (columns && !columns.columns.some((name) => sameName(name, origin.column))) parts.push(columns.from === 'properties' ? KNOWN_FROM.properties : `**${KNOWN_FROM[columns.from]}**`);
    lines.push(`- ${parts.join(' · ')}`);
  }
  return lines.join('\n').trim();
}

function describeNode(node: GraphNode): string {
  return node.resourceType === 'source' ? `source \`${node.sourceName}.${node.tableName}\`` : `${node.resourceType} \`${node.name}\``;
}

/** The parent a lineage id names: the node's own parents are searched, which is where one hop leads. */
function nodeByLineageId(index: ProjectIndex, child: GraphNode, id: string): GraphNode | undefined {
  for (const parentId of index.parents(child.uniqueId)) {
    const parent = index.node(parentId);
    if (parent && lineageId(parent) === id) return parent;
  }
  return undefined;
}

/**
 * A column's description and type. The properties YAML is what the team wrote and, with an enforced contract,
 * what dbt checks at build time; catalog.json is what the warehouse built and fills in what the YAML leaves out.
 */
function columnDocs(index: ProjectIndex, node: GraphNode, column: string): ColumnDocs {
  const specs = node.resourceType === 'source' ? sourceSpecOf(index, node)?.table.columns : modelSpecOf(index, node)?.columns;
  const spec = specs?.find((entry) => sameName(entry.name, column));
  const catalog = index.catalogEntry(node.uniqueId)?.columns.find((entry) => sameName(entry.name, column));
  const contract = node.config.contract as { enforced?: unknown } | undefined;
  const docs: ColumnDocs = { description: text(spec?.description) ?? text(catalog?.comment) };
  if (text(spec?.dataType)) {
    docs.type = spec!.dataType!.trim();
    docs.typeFrom = contract?.enforced === true ? 'contract' : 'properties';
  } else if (text(catalog?.type)) {
    docs.type = catalog!.type.trim();
    docs.typeFrom = 'catalog';
  }
  return docs;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

// The token-level reading of the rendered SQL.

/** Keywords that end a FROM clause (or start the next part of a query) at its own depth. */
const AFTER_FROM = new Set(['where', 'group', 'having', 'qualify', 'window', 'order', 'limit', 'union', 'intersect', 'except', 'minus', 'fetch', 'offset']);
const SET_OPERATIONS = new Set(['union', 'intersect', 'except', 'minus']);
/** Keywords that start the next relation of a FROM clause, after which names are relations again. */
const JOIN_WORDS = new Set(['join', 'inner', 'left', 'right', 'full', 'cross', 'natural', 'outer', 'lateral', 'semi', 'anti', 'positional', 'asof']);

interface Scan {
  tokens: SqlToken[];
  /** Per token: the index of the `(` it is inside, or -1 at the top of the statement. */
  group: number[];
  /** Per `(` token: the index of its `)`, or the statement's end when it is not closed. */
  close: Map<number, number>;
  /** Per token: its span in the model's file. */
  original: Span[];
  /** Per token: whether Jinja produced it (a relation name, a macro's placeholder). */
  templated: boolean[];
}

function findColumn(index: ProjectIndex, file: string, offset: number): ColumnSite | undefined {
  const node = index.nodesOfFile(file).find((candidate) => candidate.file === file && candidate.enabled && (candidate.resourceType === 'model' || candidate.resourceType === 'snapshot'));
  if (!node) return undefined;
  const prepared = renderForLineage(index, node);
  if ('failure' in prepared) return undefined;
  const rendering: LineageRendering = prepared;
  const sql = rendering.rendered.text;
  const scan = scanRendered(rendering);
  const at = tokenAt(scan, offset);
  if (at === undefined) return undefined;
  const { tokens, group } = scan;
  const [start, end] = statementOf(tokens, group, at);
  const next = tokens[at + 1];
  // A qualifier (`o` in `o.amount`) or a function name is not a column.
  if (next && at + 1 < end && (next.text === '.' || next.text === '(')) return undefined;
  const withClause = readWith(scan, start, end);
  if (withClause.ctes.some((cte) => cte.name === at)) return undefined;
  const select = enclosingSelect(tokens, start, at);
  if (select === undefined) return undefined;
  const core = readCore(scan, select, end);
  if (core.from !== undefined && at > core.from && at < core.fromEnd && !inJoinCondition(scan, core.from, at)) return undefined;

  const token = tokens[at];
  const withText = withClause.end === undefined ? '' : `${sql.slice(tokens[withClause.start].span.start, tokens[withClause.end].span.end)}\n`;
  const topLevel = group[select] === -1;
  const cte = withClause.ctes.find((candidate) => candidate.open === group[select]);
  const base = { node, column: token.value, span: scan.original[at], rendering };

  const aliasSite = (): ColumnSite => {
    if (topLevel) {
      const body = withClause.end === undefined ? start : withClause.end + 1;
      const finalQuery = sql.slice(tokens[body].span.start, tokens[end - 1].span.end);
      return { ...base, written: token.value, role: 'output', query: `${withText}select ${token.text} from (${finalQuery}) as __dplens_query__` };
    }
    const name = token.text;
    if (cte) return { ...base, written: token.value, role: 'alias', cte: tokens[cte.name].value, query: `${withText}select ${name} from ${tokens[cte.name].text}` };
    const open = group[select];
    const query = sql.slice(tokens[open + 1].span.start, tokens[scan.close.get(open)! - 1].span.end);
    return { ...base, written: token.value, role: 'alias', query: `${withText}select ${name} from (${query}) as __dplens_query__` };
  };

  const referenceQuery = (): string | undefined => {
    const from = core.from;
    if (from === undefined) return undefined;
    const fromText = sql.slice(tokens[from].span.start, tokens[core.fromEnd - 1].span.end);
    const first = chainStart(tokens, at);
    return `${withText}select ${sql.slice(tokens[first].span.start, token.span.end)} ${fromText}`;
  };

  const item = selectItemOf(scan, core, at);
  if (item && item.alias === at) return aliasSite();
  if (item && topLevel && item.plain && item.end - 1 === at) return { ...base, written: token.value, role: 'output', query: referenceQuery() };
  // An unqualified name after GROUP BY, HAVING, QUALIFY or ORDER BY may name an alias of the same select list.
  if (!item && !isQualified(tokens, at) && at >= core.fromEnd && /^(group|having|qualify|order)$/.test(clauseOf(scan, core, at) ?? '')) {
    const named = selectItems(scan, core).find((candidate) => candidate.alias !== undefined && sameName(tokens[candidate.alias].value, token.value));
    if (named) return aliasSite();
  }
  const first = chainStart(tokens, at);
  return { ...base, written: sql.slice(tokens[first].span.start, token.span.end), role: 'reference', query: referenceQuery() };
}

function scanRendered(rendering: LineageRendering): Scan {
  const { rendered } = rendering;
  const tokens = tokenizeSql(rendered.text, rendering.dialect).filter((token) => token.kind !== 'comment');
  const group: number[] = [];
  const close = new Map<number, number>();
  const stack: number[] = [];
  for (const [i, token] of tokens.entries()) {
    if (token.text === ')' && token.kind === 'punctuation') {
      const open = stack.pop();
      if (open !== undefined) close.set(open, i);
    }
    group.push(stack.length > 0 ? stack[stack.length - 1] : -1);
    if (token.text === '(' && token.kind === 'punctuation') stack.push(i);
  }
  for (const open of stack) close.set(open, tokens.length);
  const original = tokens.map((token) => {
    const start = rendered.toOriginal(token.span.start);
    return { start, end: Math.max(start, rendered.toOriginal(token.span.end)) };
  });
  const templated = tokens.map((token) => rendered.substitutions.some((sub) => sub.rendered.start < token.span.end && token.span.start < sub.rendered.end));
  return { tokens, group, close, original, templated };
}

/** The name token under the cursor; a cursor just after a name still counts, as it does for the other hovers. */
function tokenAt(scan: Scan, offset: number): number | undefined {
  let touching: number | undefined;
  for (const [i, token] of scan.tokens.entries()) {
    const span = scan.original[i];
    if (scan.templated[i] || offset < span.start || offset > span.end) continue;
    const name = token.kind === 'identifier' || token.kind === 'quotedIdentifier' || (token.kind === 'keyword' && isQualified(scan.tokens, i));
    if (!name) continue;
    if (offset < span.end) return i;
    touching = i;
  }
  return touching;
}

function isQualified(tokens: SqlToken[], at: number): boolean {
  return at >= 2 && tokens[at - 1].text === '.' && isName(tokens[at - 2]);
}

function isName(token: SqlToken | undefined): boolean {
  return token !== undefined && (token.kind === 'identifier' || token.kind === 'quotedIdentifier');
}

/** The first part of a dotted name ending at `at`. */
function chainStart(tokens: SqlToken[], at: number): number {
  let first = at;
  while (isQualified(tokens, first)) first -= 2;
  return first;
}

function isKeyword(token: SqlToken | undefined, word: string): boolean {
  return token !== undefined && token.kind === 'keyword' && token.value === word;
}

/** The statement around a token, between top-level semicolons: `[start, end)`. */
function statementOf(tokens: SqlToken[], group: number[], at: number): [number, number] {
  let start = at;
  while (start > 0 && !(tokens[start - 1].text === ';' && group[start - 1] === -1)) start--;
  let end = at;
  while (end < tokens.length && !(tokens[end].text === ';' && group[end] === -1)) end++;
  return [start, end];
}

interface WithClause {
  start: number;
  /** The `)` that ends the last CTE, or undefined when the statement has no readable WITH clause. */
  end?: number;
  /** Each CTE's name token and the `(` of its body. */
  ctes: { name: number; open: number }[];
}

/** The statement's leading `with name as (…), …`, read only as far as it follows that shape. */
function readWith(scan: Scan, start: number, end: number): WithClause {
  const { tokens, close } = scan;
  const clause: WithClause = { start, ctes: [] };
  if (!isKeyword(tokens[start], 'with')) return clause;
  let i = start + 1;
  if (isKeyword(tokens[i], 'recursive')) i++;
  while (i < end && isName(tokens[i])) {
    const name = i++;
    // An optional column list: `name (a, b) as (…)`.
    if (tokens[i]?.text === '(') i = (close.get(i) ?? end) + 1;
    if (!isKeyword(tokens[i], 'as')) break;
    i++;
    while (i < end && tokens[i].kind === 'identifier' && /^(not|materialized)$/i.test(tokens[i].text)) i++;
    if (tokens[i]?.text !== '(') break;
    const open = i;
    const closing = close.get(open) ?? end;
    if (closing >= end) break;
    clause.ctes.push({ name, open });
    clause.end = closing;
    i = closing + 1;
    if (tokens[i]?.text !== ',') break;
    i++;
  }
  return clause;
}

/**
 * The SELECT whose clauses hold the token: the nearest `select` before it at its own depth or an enclosing
 * one, so a name inside a function call or a window belongs to the select around them.
 */
function enclosingSelect(tokens: SqlToken[], start: number, at: number): number | undefined {
  let nested = 0;
  for (let i = at - 1; i >= start; i--) {
    const token = tokens[i];
    if (token.kind === 'punctuation' && token.text === ')') nested++;
    else if (token.kind === 'punctuation' && token.text === '(') {
      if (nested > 0) nested--;
    } else if (nested === 0 && isKeyword(token, 'select')) return i;
  }
  return undefined;
}

interface Core {
  select: number;
  /** The end of the select list: the FROM keyword, or the end of the select core. */
  listEnd: number;
  from?: number;
  /** The first token after the FROM clause. */
  fromEnd: number;
}

/** The parts of one select core: its select list and its FROM clause, up to WHERE, GROUP BY, a UNION and the like. */
function readCore(scan: Scan, select: number, end: number): Core {
  const { tokens, group, close } = scan;
  const own = group[select];
  const limit = own === -1 ? end : Math.min(end, close.get(own) ?? end);
  const endsPart = (i: number): boolean => {
    if (group[i] !== own || tokens[i].kind !== 'keyword' || !AFTER_FROM.has(tokens[i].value)) return false;
    // BigQuery's `select * except (a)` is a star modifier, not a set operation.
    return !(tokens[i].value === 'except' && tokens[i - 1]?.text === '*');
  };
  let from: number | undefined;
  let listEnd = select + 1;
  while (listEnd < limit && !endsPart(listEnd) && !(group[listEnd] === own && isKeyword(tokens[listEnd], 'from'))) listEnd++;
  if (listEnd < limit && isKeyword(tokens[listEnd], 'from')) from = listEnd;
  if (from === undefined) return { select, listEnd, fromEnd: listEnd };
  let fromEnd = from + 1;
  while (fromEnd < limit && !endsPart(fromEnd)) fromEnd++;
  return { select, listEnd, from, fromEnd };
}

/** The clause keyword (`where`, `group`, `order`, ...) a token after the FROM clause belongs to. */
function clauseOf(scan: Scan, core: Core, at: number): string | undefined {
  const own = scan.group[core.select];
  for (let i = at - 1; i >= core.fromEnd; i--) {
    const token = scan.tokens[i];
    if (scan.group[i] === own && token.kind === 'keyword' && AFTER_FROM.has(token.value)) return token.value;
  }
  return undefined;
}

/** Whether a token of a FROM clause is in a join's ON condition, where names are columns, not relations. */
function inJoinCondition(scan: Scan, from: number, at: number): boolean {
  const { tokens, group } = scan;
  const own = group[from];
  // A name inside brackets in a FROM clause is in a subquery (read as its own select), a USING list or a call.
  let level = at;
  while (level !== -1 && group[level] !== own) level = group[level];
  if (level === -1) return false;
  if (level !== at && tokens[level - 1] && isKeyword(tokens[level - 1], 'using')) return false;
  let condition = false;
  for (let i = from + 1; i <= level; i++) {
    if (group[i] !== own) continue;
    if (isKeyword(tokens[i], 'on')) condition = true;
    else if (tokens[i].text === ',' || (tokens[i].kind === 'keyword' && JOIN_WORDS.has(tokens[i].value))) condition = false;
  }
  return condition;
}

interface SelectItem {
  start: number;
  end: number;
  /** The alias token, after AS or right after a complete expression. */
  alias?: number;
  /** Whether the item is a plain (possibly qualified) column name without an alias. */
  plain: boolean;
}

function selectItems(scan: Scan, core: Core): SelectItem[] {
  const { tokens, group } = scan;
  const own = group[core.select];
  const items: SelectItem[] = [];
  let start = core.select + 1;
  // DISTINCT and the like qualify the whole list, not its first item.
  while (start < core.listEnd && tokens[start].kind === 'keyword' && /^(distinct|all)$/.test(tokens[start].value)) start++;
  for (let i = start; i <= core.listEnd; i++) {
    if (i < core.listEnd && !(group[i] === own && tokens[i].text === ',')) continue;
    if (i > start) items.push(describeItem(tokens, start, i));
    start = i + 1;
  }
  return items;
}

function selectItemOf(scan: Scan, core: Core, at: number): SelectItem | undefined {
  if (at <= core.select || at >= core.listEnd) return undefined;
  return selectItems(scan, core).find((item) => item.start <= at && at < item.end);
}

function describeItem(tokens: SqlToken[], start: number, end: number): SelectItem {
  const last = end - 1;
  // `a`, `o.a`, `db.o.a`: names joined by dots, ending in a name.
  let plain = (end - start) % 2 === 1;
  for (let i = start; i < end && plain; i++) plain = (i - start) % 2 === 0 ? isName(tokens[i]) || (i > start && tokens[i].kind === 'keyword') : tokens[i].text === '.';
  if (plain) return { start, end, plain: true };
  if (end - start >= 2 && isName(tokens[last])) {
    if (isKeyword(tokens[last - 1], 'as')) return { start, end, alias: last, plain: false };
    if (endsOperand(tokens[last - 1])) return { start, end, alias: last, plain: false };
  }
  return { start, end, plain: false };
}

/** Whether a token can end an expression, so that a name right after it is an alias (`sum(x) total`). */
function endsOperand(token: SqlToken): boolean {
  if (token.kind === 'identifier' || token.kind === 'quotedIdentifier' || token.kind === 'number' || token.kind === 'string') return true;
  if (token.kind === 'punctuation') return token.text === ')' || token.text === ']';
  return token.kind === 'keyword' && /^(end|null|true|false|current_date|current_timestamp|current_time)$/.test(token.value);
}
