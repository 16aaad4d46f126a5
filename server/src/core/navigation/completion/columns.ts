/**
 * Completion of columns after `alias.` in a model's SQL, where the alias names a `ref()` or `source()`
 * (`from {{ ref('orders') }} as o`), a CTE over one (`o as (select * from {{ ref('orders') }})`) or a subquery.
 *
 * A relation's columns come, in order of trust, from catalog.json (what the warehouse built), the upstream
 * model's SQL (what dbt will build), the properties YAML (what was documented, contracts included) and a seed's
 * header row; types and descriptions are added from the YAML and the catalog wherever a column is found.
 */
import type { GraphNode, ProjectIndex } from '../../project/index-types';
import { isSqlSummary } from '../../project/summary';
import { propertiesEntity, seedHeader } from '../../lineage/known-columns';
import type { Dialect } from '../../sql';
import { findRefable, sourceTarget } from '../entities';
import { item, type CompletionRequest } from './context';
import { queryColumns, readScope, type JinjaRelation, type ScopeTarget, type SqlScope } from './sql-scope';
import type { NavCompletion } from './types';

export interface ColumnInfo {
  name: string;
  type?: string;
  description?: string;
}

interface ColumnList {
  columns: ColumnInfo[];
  /** Where the list came from, for the items' documentation. */
  from: string;
}

const QUALIFIED = /(?:^|[^\w$."`\]])([A-Za-z_][\w$]*|"[^"]+"|`[^`]+`)\.([\w$]*)$/;
/** Upstream SQL is followed this many models up to expand `select *`. */
const MAX_DEPTH = 4;
const SQL_KINDS = new Set(['model', 'snapshot', 'analysis', 'test']);

/** Items after `qualifier.` in a SQL file, or undefined when the cursor is not after a qualifier the SQL defines. */
export function columnCompletions(request: CompletionRequest): NavCompletion[] | undefined {
  const { index, file, text, offset, before } = request;
  const kind = index.fileKind(file);
  if (kind ? !SQL_KINDS.has(kind) : !file.endsWith('.sql')) return undefined;
  const match = QUALIFIED.exec(before);
  if (!match) return undefined;
  const dialect: Dialect = request.project?.dialect ?? 'generic';
  const scope = readScope(text, dialect);
  // Inside Jinja (`{{ dbt_utils.`), a dot is no column qualifier.
  if (scope.masked.jinja.some((span) => span.start < offset && offset <= span.end)) return undefined;
  const qualifier = match[1].replace(/^["`]|["`]$/g, '');
  const target = scope.qualifiers.get(qualifier.toLowerCase());
  if (!target) return undefined;
  const list = new ColumnReader(index, file).targetColumns(scope, target, 0);
  if (!list) return [];
  const typed = match[2];
  const replace = { start: offset - typed.length, end: wordEnd(text, offset) };
  const width = String(list.columns.length).length;
  return list.columns.map((column, position) =>
    item(column.name, 'column', replace, {
      detail: column.type ? `${column.type} · ${qualifier}` : qualifier,
      documentation: [column.description, `_${list.from}_`].filter(Boolean).join('\n\n'),
      // The relation's own column order reads better than the alphabet.
      sortText: String(position).padStart(width, '0'),
    }),
  );
}

function wordEnd(text: string, offset: number): number {
  let end = offset;
  while (end < text.length && /[\w$]/.test(text[end])) end++;
  return end;
}

/** Reads columns of relations, following upstream SQL a few models up and never around a cycle. */
class ColumnReader {
  private readonly visiting = new Set<string>();
  /** A CTE read by several others is expanded once. */
  private readonly cache = new Map<ScopeTarget, ColumnList | undefined>();

  constructor(
    private readonly index: ProjectIndex,
    private readonly file: string,
  ) {}

  targetColumns(scope: SqlScope, target: ScopeTarget, depth: number): ColumnList | undefined {
    if (this.cache.has(target)) return this.cache.get(target);
    // Marked first, so a CTE that reads itself (recursive CTEs) stops here.
    this.cache.set(target, undefined);
    const list = this.uncachedColumns(scope, target, depth);
    this.cache.set(target, list);
    return list;
  }

  private uncachedColumns(scope: SqlScope, target: ScopeTarget, depth: number): ColumnList | undefined {
    if (target.kind === 'relation') {
      const node = this.nodeOf(target.relation);
      return node ? this.nodeColumns(node, depth) : undefined;
    }
    if (depth >= MAX_DEPTH) return undefined;
    // Columns a CTE passes through keep the type and description of the relation they come from.
    const known = new Map<string, ColumnInfo>();
    const upstream: string[] = [];
    for (const read of scope.reads) {
      if (read.at < target.body.start || read.at >= target.body.end || read.target === target) continue;
      for (const column of this.targetColumns(scope, read.target, depth + 1)?.columns ?? []) if (!known.has(column.name.toLowerCase())) known.set(column.name.toLowerCase(), column);
    }
    const names = queryColumns(scope, target.body, (inner) => {
      const list = inner === target ? undefined : this.targetColumns(scope, inner, depth + 1);
      for (const column of list?.columns ?? []) if (!known.has(column.name.toLowerCase())) known.set(column.name.toLowerCase(), column);
      if (list) upstream.push(list.from);
      return list?.columns.map((column) => column.name);
    });
    if (!names) return undefined;
    const own = target.name ? `Columns of the CTE \`${target.name}\`` : 'Columns of the subquery';
    return { columns: names.map((name) => known.get(name.toLowerCase()) ?? { name }), from: upstream.length > 0 ? `${own}; ${upstream[0].charAt(0).toLowerCase()}${upstream[0].slice(1)}` : own };
  }

  nodeColumns(node: GraphNode, depth: number): ColumnList | undefined {
    const documented = new Map<string, ColumnInfo>();
    for (const column of propertiesEntity(this.index, node)?.columns ?? []) {
      documented.set(column.name.toLowerCase(), { name: column.name, type: column.dataType, description: column.description });
    }
    const enrich = (column: ColumnInfo): ColumnInfo => {
      const doc = documented.get(column.name.toLowerCase());
      return { name: column.name, type: doc?.type ?? column.type, description: doc?.description ?? column.description };
    };
    const catalog = this.index.catalogEntry(node.uniqueId);
    if (catalog && catalog.columns.length > 0) {
      return { columns: catalog.columns.map((column) => enrich({ name: column.name, type: column.type, description: column.comment })), from: `From catalog.json for \`${node.name}\`` };
    }
    if ((node.resourceType === 'model' || node.resourceType === 'snapshot') && depth < MAX_DEPTH) {
      const names = this.sqlColumns(node, depth);
      if (names && names.length > 0) return { columns: names.map((name) => enrich({ name })), from: `From the SQL of \`${node.name}\`` };
    }
    if (documented.size > 0) return { columns: [...documented.values()], from: `Documented for \`${node.name}\`` };
    if (node.resourceType === 'seed' && node.file) {
      const header = seedHeader(this.index.text(node.file));
      if (header.length > 0) return { columns: header.map((name) => ({ name })), from: `From the header of the seed \`${node.name}\`` };
    }
    return undefined;
  }

  /** A model's output columns as its SQL selects them, with `*` expanded from the relations it reads. */
  private sqlColumns(node: GraphNode, depth: number): string[] | undefined {
    if (!node.file || this.visiting.has(node.uniqueId)) return undefined;
    const summary = this.index.file(node.file);
    if (!summary || !isSqlSummary(summary) || !summary.facts) return undefined;
    const output = summary.facts.outputColumns;
    if (output.length > 0 && output.every((column) => column.kind !== 'star')) return output.map((column) => column.name);
    const text = this.index.text(node.file);
    if (text === undefined) return undefined;
    this.visiting.add(node.uniqueId);
    try {
      const dialect = this.index.projects.get(node.projectId)?.dialect ?? 'generic';
      const scope = readScope(text, dialect);
      const reader = new ColumnReader(this.index, node.file);
      for (const id of this.visiting) reader.visiting.add(id);
      return queryColumns(scope, { start: 0, end: scope.masked.text.length }, (target) => reader.targetColumns(scope, target, depth + 1)?.columns.map((column) => column.name));
    } finally {
      this.visiting.delete(node.uniqueId);
    }
  }

  private nodeOf(relation: JinjaRelation): GraphNode | undefined {
    return relation.kind === 'ref' ? findRefable(this.index, this.file, relation.name, relation.package) : sourceTarget(this.index, this.file, relation.source, relation.table);
  }
}

/** The columns a node is known to have, with types and descriptions where known; for YAML completion. */
export function columnsOfNode(index: ProjectIndex, file: string, node: GraphNode): ColumnInfo[] {
  return new ColumnReader(index, file).nodeColumns(node, 0)?.columns ?? [];
}
