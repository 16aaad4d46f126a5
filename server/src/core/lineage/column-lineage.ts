/**
 * Column-level lineage, one hop per model: each output column of a model and the columns of its direct
 * parents that it reads.
 *
 * A model's SQL is rendered statically with every ref() and source() replaced by a relation name of our
 * own choosing (`__lin_<n>__`), so that the traced relations map back to graph nodes exactly, whatever
 * the models are called. The parents' known columns are given to the tracer as a schema, which is what
 * lets it expand `select *` and `t.*`.
 */
import { analyzeJinja, renderStatic, type RelationTarget } from '../jinja';
import type { GraphNode, ProjectIndex } from '../project/index-types';
import { isSqlSummary } from '../project/summary';
import { knownColumns } from './known-columns';
import { lineageId } from './node-ids';
import type { ColumnTracer, TracedQuery } from './polyglot-engine';
import type { ColumnLineage, ColumnOrigin } from './types';

interface ModelTrace {
  query?: TracedQuery;
  /** Relation name in the rendered SQL → the parent's unique id. */
  relations: Map<string, string>;
  /** Why the model's SQL could not be traced at all. */
  failure?: string;
}

/**
 * Traces models on demand and remembers each result, because a model's output columns are also its
 * children's input schema: tracing a mart traces the chain of models above it once.
 */
export class ColumnLineageBuilder {
  private readonly traces = new Map<string, ModelTrace>();
  private readonly inProgress = new Set<string>();

  constructor(
    private readonly index: ProjectIndex,
    private readonly tracer: ColumnTracer,
  ) {}

  /** The column lineage entries of one node; sources and seeds read no parents and have none. */
  columnsOf(node: GraphNode): ColumnLineage[] {
    if (node.resourceType !== 'model' && node.resourceType !== 'snapshot') return [];
    const id = lineageId(node);
    const trace = this.trace(node);
    if (trace.failure !== undefined || !trace.query) {
      return [{ node: id, column: '*', from: [], unresolved: trace.failure ?? 'the SQL could not be traced' }];
    }
    return trace.query.columns.map((column): ColumnLineage => {
      if (column.unresolved !== undefined) return { node: id, column: column.name, from: [], unresolved: column.unresolved };
      const from: ColumnOrigin[] = [];
      for (const input of column.inputs) {
        const parentId = trace.relations.get(input.relation.toLowerCase());
        const parent = parentId ? this.index.node(parentId) : undefined;
        if (!parent) {
          return { node: id, column: column.name, from: [], unresolved: `reads \`${input.relation}\`, which is neither a ref() nor a source() of a known node` };
        }
        const transform = column.transformed ? 'transformation' : sameName(input.column, column.name) ? 'pass-through' : 'rename';
        from.push({ node: lineageId(parent), column: input.column, transform });
      }
      return { node: id, column: column.name, from };
    });
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

  private traceUncached(node: GraphNode): ModelTrace {
    const relations = new Map<string, string>();
    if (!node.file) return { relations, failure: 'the node has no SQL file' };
    const summary = this.index.file(node.file);
    if (!summary || !isSqlSummary(summary)) return { relations, failure: 'only SQL models are traced; Python models are not' };
    const text = this.index.text(node.file) ?? '';
    const jinja = analyzeJinja(text);
    if (jinja.errors.length > 0) return { relations, failure: `the Jinja could not be read: ${jinja.errors[0].message}` };
    const names = new Map<string, string>();
    const relationName = (target: RelationTarget): string => {
      const parent = this.parentOf(node, target);
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
    const schema = new Map<string, string[]>();
    for (const [name, parentId] of relations) {
      const parent = this.index.node(parentId);
      const columns = parent ? knownColumns(this.index, parent, (upstream) => this.outputColumns(upstream))?.columns : undefined;
      if (columns) schema.set(name, columns);
    }
    const project = this.index.projects.get(node.projectId);
    const query = this.tracer.trace(rendered.text, project?.dialect ?? 'generic', schema);
    if (!query.ok) return { relations, failure: `the SQL could not be parsed: ${query.error}` };
    return { relations, query };
  }

  /** The unique id a ref() or source() call of the node resolved to, from the graph's own resolution. */
  private parentOf(node: GraphNode, target: RelationTarget): string | undefined {
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
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
