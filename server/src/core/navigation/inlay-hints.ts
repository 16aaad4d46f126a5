/**
 * Inlay hints of a dbt SQL file: the type of each output column of the final select, and the size of each relation
 * a `ref()` or `source()` reads.
 *
 * A column's type comes, in this order, from the `data_type` its properties YAML declares (the contract dbt
 * enforces), from a cast written in the SQL (what the next build produces), from catalog.json (what the last
 * build produced, which may be stale), or from a literal whose type the project's dialect fixes. A relation's
 * size comes from catalog.json's table statistics. Anything else gets no hint: a wrong hint is worse than none.
 */
import type { CatalogEntry } from '../artifacts';
import type { GraphNode, ProjectIndex } from '../project/index-types';
import type { SqlSummary } from '../project/summary';
import type { Dialect, OutputColumn } from '../sql';
import type { Span } from '../text';
import type { ColumnSpec } from '../yaml';
import { findRefable, modelSpecOf, sourceTarget } from './entities';

export interface InlayHintOptions {
  columnTypes: boolean;
  bytesRead: boolean;
  /** Only hints inside this span are returned; the whole file when absent. */
  within?: Span;
}

export interface NavInlayHint {
  /** The offset the hint is shown at: just after the column or the call. */
  offset: number;
  kind: 'type' | 'bytes';
  label: string;
  /** Where the value came from, in a sentence. */
  tooltip: string;
  /** True when the label needs a space before it, as `≈ 1.2 GiB` does after `}}`. */
  paddingLeft: boolean;
}

/** How many bytes a relation holds, and what says so; later estimators add their own `from`. */
export interface RelationSize {
  bytes: number;
  from: 'catalog';
}

/** Where a column's type was read. */
type TypeOrigin = 'contract' | 'cast' | 'catalog' | 'literal';

export function inlayHints(index: ProjectIndex, file: string, options: InlayHintOptions): NavInlayHint[] {
  const summary = index.file(file);
  const text = index.text(file);
  if (!summary || text === undefined || !('jinja' in summary) || summary.kind === 'macro') return [];
  const hints: NavInlayHint[] = [];
  const node = index.nodesOfFile(file)[0];
  if (options.columnTypes) hints.push(...columnTypeHints(index, file, text, summary, node));
  if (options.bytesRead) hints.push(...bytesReadHints(index, file, text, summary, node));
  const within = options.within;
  return hints.filter((hint) => !within || (hint.offset >= within.start && hint.offset <= within.end)).sort((a, b) => a.offset - b.offset);
}

/**
 * The size of a node's relation, when catalog.json recorded it (BigQuery's `num_bytes`, Snowflake's `bytes`).
 * Views and relations the warehouse gives no statistics for have none.
 */
export function relationBytes(index: ProjectIndex, uniqueId: string): RelationSize | undefined {
  const bytes = index.catalogEntry(uniqueId)?.stats.numBytes;
  return bytes === undefined || bytes < 0 ? undefined : { bytes, from: 'catalog' };
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/** `1288490189` → `1.2 GiB`: one decimal below 100 of a unit, none above, in binary units as warehouses bill. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${Math.round(value)} B`;
  const shown = value < 100 ? value.toFixed(1) : String(Math.round(value));
  // Rounding can reach the next unit (1023.96 KiB shows as 1024): say 1.0 MiB instead.
  if (Number(shown) >= 1024 && unit < BYTE_UNITS.length - 1) return `1.0 ${BYTE_UNITS[unit + 1]}`;
  return `${shown} ${BYTE_UNITS[unit]}`;
}

function columnTypeHints(index: ProjectIndex, file: string, text: string, summary: SqlSummary, node: GraphNode | undefined): NavInlayHint[] {
  const columns = summary.facts?.outputColumns ?? [];
  if (columns.length === 0) return [];
  const declared = node ? declaredTypes(index, node) : new Map<string, { type: string; file: string }>();
  const catalog = node ? index.catalogEntry(node.uniqueId) : undefined;
  const dialect = index.projectOf(file)?.dialect ?? 'generic';
  const hints: NavInlayHint[] = [];
  for (const column of columns) {
    // A star has no single type, and a name the renderer made up is no column name.
    if (column.kind === 'star' || column.name.includes('__dplens_')) continue;
    const found = columnType(text, column, declared, catalog, dialect);
    if (!found) continue;
    hints.push({ offset: column.span.end, kind: 'type', label: `: ${found.type}`, tooltip: typeTooltip(found.origin, found.file), paddingLeft: false });
  }
  return hints;
}

function columnType(
  text: string,
  column: OutputColumn,
  declared: Map<string, { type: string; file: string }>,
  catalog: CatalogEntry | undefined,
  dialect: Dialect,
): { type: string; origin: TypeOrigin; file?: string } | undefined {
  const key = column.name.toLowerCase();
  const contract = declared.get(key);
  if (contract) return { type: contract.type, origin: 'contract', file: contract.file };
  const written = writtenExpression(text, column);
  const cast = castType(column.expression);
  if (cast && (written !== undefined || endsWithTail(text, column, cast.tail))) return { type: cast.type, origin: 'cast' };
  const recorded = catalog?.columns.find((entry) => entry.name.toLowerCase() === key)?.type;
  if (recorded) return { type: recorded, origin: 'catalog' };
  // A literal must be written as it is: one rendered from Jinja (a `var()` default) can change at run time.
  const literal = written !== undefined ? literalType(written, dialect) : undefined;
  if (literal) return { type: literal, origin: 'literal' };
  return undefined;
}

function typeTooltip(origin: TypeOrigin, file: string | undefined): string {
  switch (origin) {
    case 'contract':
      return `The data_type declared in ${file}.`;
    case 'cast':
      return 'The type this expression is cast to.';
    case 'catalog':
      return "The type the warehouse reported in catalog.json at the last `dbt docs generate`; it changes only when that runs again.";
    case 'literal':
      return "The type the project's SQL dialect gives this literal.";
  }
}

/** The `data_type` of each documented column of a node, keyed by lower-cased name; a version's own columns win. */
function declaredTypes(index: ProjectIndex, node: GraphNode): Map<string, { type: string; file: string }> {
  const types = new Map<string, { type: string; file: string }>();
  const spec = modelSpecOf(index, node);
  if (!spec || !node.properties) return types;
  const file = node.properties.file;
  const add = (columns: ColumnSpec[]) => {
    for (const column of columns) if (column.dataType && !types.has(column.name.toLowerCase())) types.set(column.name.toLowerCase(), { type: column.dataType, file });
  };
  if (node.version !== undefined) add(spec.versions?.find((version) => version.v === String(node.version))?.columns ?? []);
  add(spec.columns);
  return types;
}

/**
 * The column's expression when the file has it exactly as the renderer gave it, that is with no Jinja in it;
 * undefined otherwise. A column's span is its alias when it has one, and the whole item when it has none.
 */
function writtenExpression(text: string, column: OutputColumn): string | undefined {
  const expression = column.expression;
  if (expression === '') return undefined;
  if (text.slice(column.span.start, column.span.end) === expression) return expression;
  return expressionBeforeAlias(text, column, expression.length).endsWith(expression) ? expression : undefined;
}

/** How far before an alias its expression may end: room for line breaks, indentation and `as`. */
const ALIAS_GAP = 200;

/**
 * The last `length` characters of the file's text before an alias and its `as`, that is up to the end of the
 * expression the alias names. Only a window is read, so the cost does not grow with the file.
 */
function expressionBeforeAlias(text: string, column: OutputColumn, length: number): string {
  const before = text.slice(Math.max(0, column.span.start - length - ALIAS_GAP), column.span.start).replace(/\s+as\s*$/i, '').trimEnd();
  return before.slice(Math.max(0, before.length - length));
}

/**
 * Whether the cast's type is written in the file as the renderer gave it, for a column with Jinja in its
 * expression: `cast({{ x }} as int64)` keeps its type, `cast(x as {{ t }})` has none to show.
 */
function endsWithTail(text: string, column: OutputColumn, tail: string): boolean {
  const normalized = (value: string) => value.replace(/\s+/g, ' ');
  const wanted = normalized(tail);
  const window = tail.length * 2 + ALIAS_GAP;
  const beforeAlias = expressionBeforeAlias(text, column, window);
  const wholeItem = text.slice(Math.max(0, column.span.end - window), column.span.end);
  return normalized(beforeAlias).endsWith(wanted) || normalized(wholeItem).endsWith(wanted);
}

/** A SQL type name: `int64`, `double precision`, `varchar(20)`, `numeric(10, 2)`, `array<string>`. */
const TYPE_NAME = /^[A-Za-z_][A-Za-z0-9_]*(?: [A-Za-z_][A-Za-z0-9_]*)*(?:<[A-Za-z0-9_<>, ]*>)?(?: ?\( ?\d+(?: ?, ?\d+)* ?\))?$/;

/**
 * The type of an expression that is a cast as a whole: `cast(x as t)`, `safe_cast(…)`, `try_cast(…)`, or
 * `operand::t`. The `tail` is the text from the type keyword on, which must appear in the file as written.
 */
export function castType(expression: string): { type: string; tail: string } | undefined {
  const trimmed = expression.trim();
  const call = /^(?:safe_cast|try_cast|cast)\s*\(/i.exec(trimmed);
  if (call) {
    const open = call[0].length - 1;
    const scan = scanTopLevel(trimmed, open + 1);
    if (scan.close !== trimmed.length - 1 || scan.lastAs < 0) return undefined;
    return typeResult(trimmed.slice(scan.lastAs + 2, scan.close), trimmed.slice(scan.lastAs));
  }
  const scan = scanTopLevel(trimmed, 0);
  if (scan.lastCast <= 0 || !scan.operandBeforeLastCast) return undefined;
  return typeResult(trimmed.slice(scan.lastCast + 2), trimmed.slice(scan.lastCast));
}

function typeResult(written: string, tail: string): { type: string; tail: string } | undefined {
  const type = written.trim().replace(/\s+/g, ' ');
  return TYPE_NAME.test(type) && !type.includes('__dplens_') ? { type, tail } : undefined;
}

interface TopLevelScan {
  /** The offset of the `)` that closes the level the scan started in, or -1. */
  close: number;
  /** The offset of the last `as` keyword at the starting level, or -1. */
  lastAs: number;
  /** The offset of the last `::` at the starting level, or -1. */
  lastCast: number;
  /** True when everything before that `::` at the starting level is one operand: no spaces, no operators. */
  operandBeforeLastCast: boolean;
}

/** Walks `text` from `from`, skipping strings and nested brackets, noting what sits at the starting level. */
function scanTopLevel(text: string, from: number): TopLevelScan {
  const result: TopLevelScan = { close: -1, lastAs: -1, lastCast: -1, operandBeforeLastCast: false };
  let depth = 0;
  let simpleSoFar = true;
  for (let i = from; i < text.length; i++) {
    const char = text[i];
    if (char === "'" || char === '"' || char === '`') {
      const end = text.indexOf(char, i + 1);
      if (end < 0) return result;
      i = end;
      continue;
    }
    if (char === '(' || char === '[') depth++;
    else if (char === ')' || char === ']') {
      if (depth === 0) {
        result.close = i;
        return result;
      }
      depth--;
    } else if (depth === 0) {
      if (char === ':' && text[i + 1] === ':') {
        result.lastCast = i;
        result.operandBeforeLastCast = simpleSoFar;
        i++;
      } else if (/[\s+\-*/%|<>=!,;]/.test(char)) {
        simpleSoFar = false;
        if (/\s/.test(char) && /^as\s/i.test(text.slice(i + 1, i + 4))) result.lastAs = i + 1;
      }
    }
  }
  return result;
}

/** Literal types per dialect; a dialect or a kind of literal missing here gets no hint. */
const LITERAL_TYPES: Partial<Record<Dialect, { integer: string; bigInteger: string; decimal: string; string?: string; boolean: string }>> = {
  bigquery: { integer: 'int64', bigInteger: 'int64', decimal: 'float64', string: 'string', boolean: 'bool' },
  snowflake: { integer: 'number', bigInteger: 'number', decimal: 'number', string: 'varchar', boolean: 'boolean' },
  databricks: { integer: 'int', bigInteger: 'bigint', decimal: 'decimal', string: 'string', boolean: 'boolean' },
  spark: { integer: 'int', bigInteger: 'bigint', decimal: 'decimal', string: 'string', boolean: 'boolean' },
  postgres: { integer: 'integer', bigInteger: 'bigint', decimal: 'numeric', string: 'text', boolean: 'boolean' },
  redshift: { integer: 'integer', bigInteger: 'bigint', decimal: 'numeric', boolean: 'boolean' },
  trino: { integer: 'integer', bigInteger: 'bigint', decimal: 'decimal', string: 'varchar', boolean: 'boolean' },
  duckdb: { integer: 'integer', bigInteger: 'bigint', decimal: 'decimal', string: 'varchar', boolean: 'boolean' },
};

const INT32_MAX = 2147483647;

/** The type of a literal written alone, `date '2024-01-01'` included, or undefined for anything else. */
export function literalType(expression: string, dialect: Dialect): string | undefined {
  const trimmed = expression.trim();
  const typed = /^(date|datetime|time|timestamp)\s*'[^']*'$/i.exec(trimmed);
  if (typed) return typed[1].toLowerCase();
  const types = LITERAL_TYPES[dialect];
  if (!types) return undefined;
  if (/^-?\d+$/.test(trimmed)) return Math.abs(Number(trimmed)) > INT32_MAX ? types.bigInteger : types.integer;
  if (/^-?(?:\d+\.\d*|\.\d+)$/.test(trimmed)) return types.decimal;
  if (/^'(?:[^'\\]|\\.|'')*'$/.test(trimmed)) return types.string;
  if (/^(?:true|false)$/i.test(trimmed)) return types.boolean;
  return undefined;
}

function bytesReadHints(index: ProjectIndex, file: string, text: string, summary: SqlSummary, node: GraphNode | undefined): NavInlayHint[] {
  const hints: NavInlayHint[] = [];
  const add = (span: Span, targetId: string | undefined, name: string) => {
    const size = targetId ? relationBytes(index, targetId) : undefined;
    if (!size) return;
    const bytes = new Intl.NumberFormat('en-US').format(size.bytes);
    hints.push({
      offset: afterOutputTag(text, span),
      kind: 'bytes',
      label: `≈ ${formatBytes(size.bytes)}`,
      tooltip: `${name} holds ${bytes} bytes, according to catalog.json. A query reads at most this much of it, less when it selects fewer columns or prunes partitions.`,
      paddingLeft: true,
    });
  };
  for (const ref of summary.jinja.refs) {
    if (ref.dynamic) continue;
    add(ref.span, dependencyTarget(node, 'ref', file, ref.span) ?? (node ? undefined : findRefable(index, file, ref.name, ref.package)?.uniqueId), `\`${ref.name}\``);
  }
  for (const source of summary.jinja.sources) {
    if (source.dynamic) continue;
    const target = dependencyTarget(node, 'source', file, source.span) ?? (node ? undefined : sourceTarget(index, file, source.source, source.table)?.uniqueId);
    add(source.span, target, `\`${source.source}.${source.table}\``);
  }
  return hints;
}

/** What the graph resolved the call at `span` to; a call it could not resolve has no target to size. */
function dependencyTarget(node: GraphNode | undefined, kind: 'ref' | 'source', file: string, span: Span): string | undefined {
  return node?.dependencies.find((dependency) => dependency.kind === kind && dependency.file === file && dependency.span?.start === span.start)?.target;
}

/**
 * Just after the `}}` of a tag that holds nothing but the call (`{{ ref('x') }}`), else just after the call's
 * closing parenthesis, so a call nested in a macro's arguments gets its hint beside it.
 */
function afterOutputTag(text: string, call: Span): number {
  let before = call.start;
  while (before > 0 && /\s/.test(text[before - 1])) before--;
  if (text[before - 1] === '-' || text[before - 1] === '+') before--;
  if (text.slice(before - 2, before) !== '{{') return call.end;
  let after = call.end;
  while (after < text.length && /\s/.test(text[after])) after++;
  if (text[after] === '-' || text[after] === '+') after++;
  return text.startsWith('}}', after) ? after + 2 : call.end;
}
