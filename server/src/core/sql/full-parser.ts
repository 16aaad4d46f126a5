/**
 * The full SQL parser, behind the project's own interface so that the library can be swapped.
 *
 * The implementation is @polyglot-sql/sdk, a WebAssembly parser in the manner of sqlglot.
 * Its module holds a 22.8 MB WebAssembly file that takes about 100 ms to instantiate, so it is
 * imported only when `loadPolyglotParser` is first called, never on the activation path.
 * This module itself touches no files: the library reads its own WebAssembly file when loaded.
 */
import type { SyntaxIssue } from '../text';
import type { Dialect } from './dialect';
import { loadPolyglot, POLYGLOT_DIALECTS, type Polyglot } from './polyglot';

export interface FullParseResult {
  ok: boolean;
  errors: SyntaxIssue[];
  /** The library's AST (one node per statement); its shape belongs to the library and may change. */
  ast?: unknown;
  /** Output column names of the last statement, when the library could name them. */
  outputColumns?: string[];
  /** Relations read, as dotted names; CTE names are left out. */
  relations?: string[];
  millis: number;
}

export interface FullSqlParser {
  readonly name: string;
  parse(sql: string, dialect: Dialect): FullParseResult;
}

let parser: Promise<FullSqlParser> | undefined;

/** Loads the WebAssembly parser on first use (see ./polyglot.ts); later calls share the same promise. */
export function loadPolyglotParser(): Promise<FullSqlParser> {
  if (parser === undefined) {
    parser = loadPolyglot().then((polyglot) => new PolyglotParser(polyglot));
    // A failed load (a missing or corrupt WebAssembly file) may be retried later.
    parser.catch(() => {
      parser = undefined;
    });
  }
  return parser;
}

class PolyglotParser implements FullSqlParser {
  readonly name = 'polyglot';

  constructor(private readonly polyglot: Polyglot) {}

  parse(sql: string, dialect: Dialect): FullParseResult {
    const started = performance.now();
    const target = (POLYGLOT_DIALECTS[dialect] ?? 'generic') as Parameters<Polyglot['parse']>[1];
    try {
      const result = this.polyglot.parse(sql, target);
      if (!result.success) {
        return { ok: false, errors: [polyglotError(sql, result)], millis: performance.now() - started };
      }
      const ast: unknown = result.ast;
      const columns = this.polyglot.outputColumns(sql, target);
      const outputColumns = columns.success && columns.output ? columns.output.columns.map(columnLabel) : undefined;
      return { ok: true, errors: [], ast, outputColumns, relations: tablesOf(ast), millis: performance.now() - started };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, errors: [{ message, span: { start: 0, end: sql.length } }], millis: performance.now() - started };
    }
  }
}

interface PolyglotFailure {
  error?: string | null;
  errorStart?: number;
  errorEnd?: number;
}

/**
 * Locates a polyglot error.
 * Its offsets count Unicode code points, while our spans count UTF-16 units, so they are converted.
 */
function polyglotError(sql: string, failure: PolyglotFailure): SyntaxIssue {
  const message = failure.error ?? 'The SQL could not be parsed.';
  if (failure.errorStart === undefined) return { message, span: { start: 0, end: sql.length } };
  const start = codePointToUtf16(sql, failure.errorStart);
  const end = codePointToUtf16(sql, Math.max(failure.errorStart, failure.errorEnd ?? failure.errorStart));
  return { message, span: { start, end } };
}

export function codePointToUtf16(text: string, codePoints: number): number {
  let offset = 0;
  for (let counted = 0; counted < codePoints && offset < text.length; counted++) {
    const code = text.charCodeAt(offset);
    offset += code >= 0xd800 && code <= 0xdbff && offset + 1 < text.length ? 2 : 1;
  }
  return offset;
}

interface PolyglotColumn {
  kind: string;
  name?: string | null;
  qualifier?: string | null;
}

function columnLabel(column: PolyglotColumn): string {
  if (column.name) return column.name;
  if (column.kind === 'wildcard') return column.qualifier ? `${column.qualifier}.*` : '*';
  return '';
}

/**
 * The tables an AST reads, without CTE names.
 * CTE names are removed wherever they are defined, which is a simplification of SQL's scoping;
 * the token pass is the reference for exact CTE scope.
 */
function tablesOf(ast: unknown): string[] {
  const tables: string[] = [];
  const cteNames = new Set<string>();
  const stack: unknown[] = [ast];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (const child of node) stack.push(child);
      continue;
    }
    const record = node as Record<string, unknown>;
    const table = record.table as Record<string, unknown> | undefined;
    if (table && typeof table === 'object' && !Array.isArray(table) && isIdentifier(table.name)) {
      const parts = [table.catalog, table.schema, table.name].filter(isIdentifier).map((part) => part.name);
      tables.push(parts.join('.'));
    }
    const ctes = (record.with as { ctes?: unknown } | null | undefined)?.ctes;
    if (Array.isArray(ctes)) {
      for (const cte of ctes) {
        const alias = (cte as { alias?: unknown }).alias;
        if (isIdentifier(alias)) cteNames.add(alias.name.toLowerCase());
      }
    }
    for (const key in record) stack.push(record[key]);
  }
  const seen = new Set<string>();
  return tables.filter((name) => {
    if (cteNames.has(name.toLowerCase()) || seen.has(name)) return false;
    seen.add(name);
    return true;
  });
}

function isIdentifier(value: unknown): value is { name: string } {
  return value !== null && typeof value === 'object' && typeof (value as { name?: unknown }).name === 'string';
}

