/**
 * Column-level lineage, one hop per model: each output column of a model and the columns of its direct
 * parents that it reads.
 *
 * A model's SQL is rendered statically with every ref() and source() replaced by a relation name of our
 * own choosing (`__lin_<n>__`), so that the traced relations map back to graph nodes exactly, whatever
 * the models are called. The parents' known columns are given to the tracer as a schema, which is what
 * lets it expand `select *` and `t.*`.
 */
import { analyzeJinja, renderStatic, type RelationTarget, type RenderedSql } from '../jinja';
import type { GraphNode, ProjectIndex } from '../project/index-types';
import { isSqlSummary } from '../project/summary';
import type { Dialect } from '../sql';
import { knownColumns } from './known-columns';
import { lineageId } from './node-ids';
import type { ColumnTracer, TracedColumn, TracedQuery } from './polyglot-engine';
import type { ColumnLineage, ColumnOrigin } from './types';

/**
 * A model's SQL rendered for tracing: every ref() and source() replaced by a relation name of our own,
 * with the parent each name stands for. The editor's column hover reads the same rendering, so a relation
 * it finds under the cursor is the one the tracer sees.
 */
export interface LineageRendering {
  rendered: RenderedSql;
  /** Relation name in the rendered SQL → the parent's unique id. */
  relations: Map<string, string>;
  dialect: Dialect;
}

interface ModelTrace {
  query?: TracedQuery;
  /** Relation name in the rendered SQL → the parent's unique id. */
  relations: Map<string, string>;
  /** Why the model's SQL could not be traced at all. */
  failure?: string;
}

/**
 * A model's trace kept across builders with the inputs it was computed from: the file's text, how the node's
 * refs resolved, the dialect, and the parents' columns given to the tracer. Each hover builds a new builder, and
 * without this every hover on a mart traced the whole chain above it again: 4–5 s at 1,000 models.
 */
interface KeptTrace {
  text: string;
  resolution: string;
  rendering: LineageRendering | { failure: string };
  schemaKey?: string;
  trace: ModelTrace;
}

/** Kept traces per index: an index lives as long as its workspace session, and is dropped with it. */
const keptTraces = new WeakMap<ProjectIndex, Map<string, KeptTrace>>();

function keptTracesOf(index: ProjectIndex): Map<string, KeptTrace> {
  let kept = keptTraces.get(index);
  if (!kept) keptTraces.set(index, (kept = new Map()));
  return kept;
}

/** How the node's refs and sources resolved, which decides the relation names of its rendering. */
function resolutionOf(index: ProjectIndex, node: GraphNode): string {
  const project = index.projects.get(node.projectId);
  let key = project?.dialect ?? 'generic';
  for (const dependency of node.dependencies) key += `\u0000${dependency.target ?? ''}${dependency.viaMacro ? '!' : ''}`;
  return key;
}

function schemaKeyOf(schema: ReadonlyMap<string, string[]>): string {
  let key = '';
  for (const [name, columns] of schema) key += `${name}:${columns.join(',')};`;
  return key;
}

/**
 * Traces models on demand and remembers each result, because a model's output columns are also its
 * children's input schema: tracing a mart traces the chain of models above it once.
 */
export class ColumnLineageBuilder {
  private readonly traces = new Map<string, ModelTrace>();
  private readonly inProgress = new Set<string>();
  private traced = 0;
  /** Set when the time budget ran out before every model needed was traced: the answer is then incomplete. */
  incomplete = false;

  constructor(
    private readonly index: ProjectIndex,
    private readonly tracer: ColumnTracer,
    /**
     * When (`performance.now()`) to stop tracing models not traced before; at least one is traced per builder,
     * so a caller that repeats with fresh builders always makes progress. Without it, every model is traced.
     */
    private readonly deadline?: number,
  ) {}

  /** The column lineage entries of one node; sources and seeds read no parents and have none. */
  columnsOf(node: GraphNode): ColumnLineage[] {
    if (node.resourceType !== 'model' && node.resourceType !== 'snapshot') return [];
    const id = lineageId(node);
    const trace = this.trace(node);
    if (trace.failure !== undefined || !trace.query) {
      return [{ node: id, column: '*', from: [], unresolved: trace.failure ?? 'the SQL could not be traced' }];
    }
    return trace.query.columns.map((column) => this.lineageOf(id, column, trace.relations));
  }

  /**
   * Traces a query written over the model's rendering (for example one column of one of its CTEs), with the
   * same relation names and parent schemas as the model's own trace. Used by the editor's column hover.
   */
  traceSql(node: GraphNode, rendering: LineageRendering, sql: string): { columns: ColumnLineage[] } | { failure: string } {
    const query = this.tracer.trace(sql, rendering.dialect, this.schemaOf(rendering.relations));
    if (!query.ok) return { failure: `the SQL could not be parsed: ${query.error}` };
    return { columns: query.columns.map((column) => this.lineageOf(lineageId(node), column, rendering.relations)) };
  }

  private lineageOf(id: string, column: TracedColumn, relations: ReadonlyMap<string, string>): ColumnLineage {
    if (column.unresolved !== undefined) return { node: id, column: column.name, from: [], unresolved: column.unresolved };
    const from: ColumnOrigin[] = [];
    for (const input of column.inputs) {
      const parentId = relations.get(input.relation.toLowerCase());
      const parent = parentId ? this.index.node(parentId) : undefined;
      if (!parent) {
        return { node: id, column: column.name, from: [], unresolved: `reads \`${input.relation}\`, which is neither a ref() nor a source() of a known node` };
      }
      const transform = column.transformed ? 'transformation' : sameName(input.column, column.name) ? 'pass-through' : 'rename';
      from.push({ node: lineageId(parent), column: input.column, transform });
    }
    return { node: id, column: column.name, from };
  }

  /** The known columns of the parents a rendering names, which lets the tracer expand `select *`. */
  private schemaOf(relations: ReadonlyMap<string, string>): Map<string, string[]> {
    const schema = new Map<string, string[]>();
    for (const [name, parentId] of relations) {
      const parent = this.index.node(parentId);
      const columns = parent ? knownColumns(this.index, parent, (upstream) => this.outputColumns(upstream))?.columns : undefined;
      if (columns) schema.set(name, columns);
    }
    return schema;
  }

  /** A model's output column names, when every one of them is known (no unexpanded star). */
  outputColumns(node: GraphNode): string[] | undefined {
    const query = this.trace(node).query;
    if (!query || query.columns.length === 0) return undefined;
    if (query.columns.some((column) => column.name.endsWith('*'))) return undefined;
    return query.columns.map((column) => column.name);
  }

  private trace(node: GraphNode): ModelTrace {
    const cached = this.traces.get(node.uniqueId);
    if (cached) return cached;
    // A dependency cycle would recurse for ever through the parents' schemas; inside one, stop and say so.
    if (this.inProgress.has(node.uniqueId)) return { relations: new Map(), failure: 'the model is part of a dependency cycle' };
    this.inProgress.add(node.uniqueId);
    try {
      const trace = this.traceUncached(node);
      this.traces.set(node.uniqueId, trace);
      return trace;
    } finally {
      this.inProgress.delete(node.uniqueId);
    }
  }

  /**
   * Traces a model, or reuses its kept trace when nothing it was computed from changed. Checking costs a string
   * comparison per model and the parents' columns, which come from their own kept traces.
   */
  private traceUncached(node: GraphNode): ModelTrace {
    const kept = keptTracesOf(this.index);
    const text = node.file ? this.index.text(node.file) : undefined;
    const resolution = resolutionOf(this.index, node);
    let entry = kept.get(node.uniqueId);
    if (!entry || text === undefined || entry.text !== text || entry.resolution !== resolution) {
      entry = { text: text ?? '', resolution, rendering: renderForLineage(this.index, node), trace: { relations: new Map() } };
      kept.set(node.uniqueId, entry);
    }
    const prepared = entry.rendering;
    if ('failure' in prepared) return { relations: new Map(), failure: prepared.failure };
    const { rendered, relations, dialect } = prepared;
    const schema = this.schemaOf(relations);
    const schemaKey = schemaKeyOf(schema);
    if (entry.schemaKey === schemaKey) return entry.trace;
    if (this.deadline !== undefined && this.traced > 0 && performance.now() > this.deadline) {
      this.incomplete = true;
      return { relations, failure: NOT_TRACED_IN_TIME };
    }
    this.traced++;
    const query = this.tracer.trace(rendered.text, dialect, schema);
    entry.schemaKey = schemaKey;
    entry.trace = query.ok ? { relations, query } : { relations, failure: `the SQL could not be parsed: ${query.error}` };
    return entry.trace;
  }
}

const NOT_TRACED_IN_TIME = 'the model was not traced within the time budget';

/**
 * Traces the models a node's column lineage needs, for at most about `budgetMs` (at least one model), keeping
 * every finished trace for later builders. Returns true once nothing is left to trace. The language server
 * calls it in slices between requests after a hover that ran out of time, so the next hover is instant.
 */
export function warmColumnLineage(index: ProjectIndex, node: GraphNode, tracer: ColumnTracer, budgetMs: number): boolean {
  const builder = new ColumnLineageBuilder(index, tracer, performance.now() + budgetMs);
  builder.columnsOf(node);
  return !builder.incomplete;
}

/** Renders a model's SQL for tracing, or says why it cannot be traced. */
export function renderForLineage(index: ProjectIndex, node: GraphNode): LineageRendering | { failure: string } {
  const relations = new Map<string, string>();
  if (!node.file) return { failure: 'the node has no SQL file' };
  const summary = index.file(node.file);
  if (!summary || !isSqlSummary(summary)) return { failure: 'only SQL models are traced; Python models are not' };
  const text = index.text(node.file) ?? '';
  const jinja = analyzeJinja(text);
  if (jinja.errors.length > 0) return { failure: `the Jinja could not be read: ${jinja.errors[0].message}` };
  const names = new Map<string, string>();
  const relationName = (target: RelationTarget): string => {
    const parent = lineageParent(node, target);
    if (!parent) return '__dplens_unresolved__';
    let name = names.get(parent);
    if (name === undefined) {
      name = `__lin_${names.size}__`;
      names.set(parent, name);
      relations.set(name, parent);
    }
    return name;
  };
  // The full-refresh rendering is traced: it is the query that defines the model's columns.
  const rendered = renderStatic(text, jinja, { incremental: false, relationName });
  const project = index.projects.get(node.projectId);
  return { rendered, relations, dialect: project?.dialect ?? 'generic' };
}

/** The unique id a ref() or source() call of the node resolved to, from the graph's own resolution. */
export function lineageParent(node: GraphNode, target: RelationTarget): string | undefined {
  if (target.kind === 'this') return undefined;
  for (const dependency of node.dependencies) {
    if (dependency.target === undefined || dependency.viaMacro) continue;
    if (target.kind === 'ref' && dependency.kind === 'ref') {
      const ref = target.ref;
      if (ref.dynamic || dependency.name !== ref.name || (dependency.package ?? '') !== (ref.package ?? '')) continue;
      if (String(dependency.version ?? '') !== String(ref.version ?? '')) continue;
      return dependency.target;
    }
    if (target.kind === 'source' && dependency.kind === 'source') {
      const source = target.source;
      if (!source.dynamic && dependency.sourceName === source.source && dependency.tableName === source.table) return dependency.target;
    }
  }
  return undefined;
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
