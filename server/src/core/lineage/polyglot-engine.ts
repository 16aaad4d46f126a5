/**
 * Column tracing over one rendered query, with @polyglot-sql/sdk's lineage.
 *
 * The library is a 22.8 MB WebAssembly module that takes a few hundred milliseconds to instantiate, so
 * it is imported only when `loadColumnTracer` is first called (see docs/decisions/0005-column-lineage.md).
 * Everything after loading is synchronous, so the lineage functions stay plain functions of the index.
 */
import type { Dialect } from '../sql';
import { loadPolyglot, POLYGLOT_DIALECTS, type Polyglot } from '../sql/polyglot';

/** A relation's known columns, keyed by the relation name used in the rendered SQL. */
export type RelationColumns = ReadonlyMap<string, readonly string[]>;

export interface TracedInput {
  /** The relation name as it appears in the rendered SQL. */
  relation: string;
  column: string;
}

export interface TracedColumn {
  name: string;
  inputs: TracedInput[];
  /** True when some step between the input and the output is more than a column reference. */
  transformed: boolean;
  /** Why the column could not be traced; `inputs` is then empty. */
  unresolved?: string;
}

export interface TracedQuery {
  ok: boolean;
  error?: string;
  columns: TracedColumn[];
}

export interface ColumnTracer {
  trace(sql: string, dialect: Dialect, relations: RelationColumns): TracedQuery;
}

type PolyglotDialect = Parameters<Polyglot['lineage']>[2];
type Schema = Parameters<Polyglot['lineageWithSchema']>[2];
type PolyglotLineageNode = NonNullable<ReturnType<Polyglot['lineage']>['lineage']>;


/** Placeholders the static renderer leaves where a Jinja expression (usually a macro call) produced SQL. */
const PLACEHOLDER = /^__dplens_/;

/** Loads the WebAssembly library on first use (shared with full parses); everything after is synchronous. */
export async function loadColumnTracer(): Promise<ColumnTracer> {
  return new PolyglotTracer(await loadPolyglot());
}

class PolyglotTracer implements ColumnTracer {
  constructor(private readonly polyglot: Polyglot) {}

  trace(sql: string, dialect: Dialect, relations: RelationColumns): TracedQuery {
    const target = (POLYGLOT_DIALECTS[dialect] ?? 'generic') as PolyglotDialect;
    // Unknown tables and columns must not fail the trace: a relation without known columns is normal.
    const schema: Schema = {
      strict: false,
      tables: [...relations].map(([name, columns]) => ({ name, columns: columns.map((column) => ({ name: column, type: 'unknown' })) })),
    };
    try {
      const output = this.polyglot.outputColumnsWithSchema(sql, schema, target);
      if (!output.success || !output.output) return { ok: false, error: firstLine(output.error) ?? 'the SQL could not be parsed', columns: [] };
      const columns: TracedColumn[] = [];
      for (const [position, column] of output.output.columns.entries()) {
        if (column.kind === 'wildcard') {
          const star = column.qualifier ? `${column.qualifier}.*` : '*';
          columns.push({ name: star, inputs: [], transformed: false, unresolved: `\`${star}\` reads a relation whose columns are unknown (no properties columns, catalog entry or readable SQL)` });
          continue;
        }
        const name = column.kind === 'named' ? column.name : `_col_${position}`;
        columns.push(this.traceColumn(name, column.kind === 'named', column.ordinal ?? position, sql, target, relations.size > 0 ? schema : undefined));
      }
      return { ok: true, columns };
    } catch (error) {
      return { ok: false, error: firstLine(error instanceof Error ? error.message : String(error)) ?? 'the SQL could not be parsed', columns: [] };
    }
  }

  /**
   * Traces one output column. With a schema, `select *` expands to the parents' known columns; but
   * documented columns are often a subset of the real ones, so a column the schema cannot match is traced
   * again without it, where polyglot follows names through `*` without needing to expand it.
   */
  private traceColumn(name: string, byName: boolean, ordinal: number, sql: string, dialect: PolyglotDialect, schema: Schema | undefined): TracedColumn {
    // Trimming the other select items out of each scope gave the same traces on the demo project and
    // cut the cost per column (docs/decisions/0005-column-lineage.md).
    const attempt = (withSchema: Schema | undefined): TracedColumn => {
      let result = withSchema ? this.polyglot.lineageAtWithSchema(ordinal, sql, withSchema, dialect, true) : this.polyglot.lineageAt(ordinal, sql, dialect, true);
      // After a star that cannot be expanded, ordinals are indeterminate, but the name still finds the column.
      if (!result.success && byName) {
        result = withSchema ? this.polyglot.lineageWithSchema(name, sql, withSchema, dialect, true) : this.polyglot.lineage(name, sql, dialect, true);
      }
      if (!result.success || !result.lineage) return { name, inputs: [], transformed: false, unresolved: firstLine(result.error) ?? 'the column could not be traced' };
      return readTrace(name, result.lineage);
    };
    const first = attempt(schema);
    if (first.unresolved === undefined || !schema) return first;
    const second = attempt(undefined);
    return second.unresolved === undefined ? second : first;
  }
}

/**
 * Reads one column's lineage tree: its leaves are the relation columns it reads, and the steps between
 * tell whether it is passed through or computed. A set operation (union) is a neutral step whose
 * branches each contribute their inputs.
 */
function readTrace(name: string, root: PolyglotLineageNode): TracedColumn {
  const inputs: TracedInput[] = [];
  const seen = new Set<string>();
  let transformed = false;
  let unresolved: string | undefined;
  const visit = (node: PolyglotLineageNode, computedAbove: boolean): void => {
    const computed = computedAbove || !isReference(node.expression);
    if (node.downstream.length > 0) {
      for (const child of node.downstream) visit(child, computed);
      return;
    }
    const column = node.name.slice(node.name.lastIndexOf('.') + 1);
    if (node === root || column === '*' || !isReference(node.expression)) {
      // A step that reads no column at all: a literal, `current_timestamp()`, `count(*)` and the like.
      transformed = true;
      return;
    }
    if (PLACEHOLDER.test(column)) {
      unresolved = 'computed by a Jinja expression (a macro call) that static rendering cannot see into';
      return;
    }
    if (node.source_kind !== 'table') {
      unresolved ??= `\`${node.name}\` could not be matched to a relation it reads`;
      return;
    }
    const relation = node.source_name;
    if (PLACEHOLDER.test(relation)) {
      unresolved ??= 'reads a ref() or source() that is dynamic or names no node';
      return;
    }
    transformed ||= computed;
    const key = `${relation}\u0000${column.toLowerCase()}`;
    if (!seen.has(key)) {
      seen.add(key);
      inputs.push({ relation, column });
    }
  };
  visit(root, false);
  if (unresolved !== undefined) return { name, inputs: [], transformed: false, unresolved };
  // The library's order of inputs is not the order they are written in; sorting keeps output stable.
  inputs.sort((a, b) => a.relation.localeCompare(b.relation) || a.column.localeCompare(b.column));
  return { name, inputs, transformed };
}

/** A column reference, possibly aliased, or a set operation: steps that do not change values. */
function isReference(expression: unknown): boolean {
  let current = expression as Record<string, unknown> | null | undefined;
  while (current && typeof current === 'object' && 'alias' in current && current.alias && typeof current.alias === 'object' && 'this' in (current.alias as object)) {
    current = (current.alias as { this: Record<string, unknown> }).this;
  }
  if (!current || typeof current !== 'object') return false;
  return 'column' in current || 'union' in current || 'intersect' in current || 'except' in current;
}

function firstLine(message: string | null | undefined): string | undefined {
  return message ? message.split('\n')[0] : undefined;
}
