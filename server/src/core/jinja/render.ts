/**
 * A static rendering of Jinja-SQL into plain SQL that a SQL parser can read.
 *
 * Nothing is evaluated: relations become names, `is_incremental()` branches follow the
 * requested variant, other conditions keep their first branch, loops run once, and
 * every other expression becomes an identifier placeholder so the SQL still tokenizes.
 * An offset map leads every rendered offset back to the original text.
 */
import { isPyExpression, type PyValue } from '../pyvalue';
import type { Span } from '../text';
import { analyzeJinja } from './analyze';
import { evaluateCondition } from './incremental';
import { treeOf, type RelationAlias, type TemplateNode } from './tree';
import type { JinjaSqlAnalysis, RelationNamer, RelationTarget, RenderedSql, RenderOptions, Substitution } from './types';

/** Calls whose output is empty, so they render as nothing rather than as a placeholder. */
const SILENT_CALLS = new Set(['config', 'log', 'return', 'print', 'exceptions.warn', 'exceptions.raise_compiler_error', 'do']);

export const defaultRelationName: RelationNamer = (target: RelationTarget): string => {
  switch (target.kind) {
    case 'ref':
      return target.ref.dynamic ? '__dplens_dynamic_ref__' : target.ref.name;
    case 'source':
      return target.source.dynamic ? '__dplens_dynamic_source__' : `${target.source.source}.${target.source.table}`;
    case 'this':
      return '__this__';
  }
};

export function renderStatic(text: string, analysis: JinjaSqlAnalysis, options: RenderOptions): RenderedSql {
  let tree = treeOf(analysis);
  let source = analysis;
  if (!tree) {
    // An analysis read back from a cache has no tree: analyse again, which yields the same indices.
    source = analyzeJinja(text);
    tree = treeOf(source)!;
  }
  const renderer = new StaticRenderer(text, analysis, source, options);
  renderer.renderNodes(tree.nodes);
  return renderer.finish();
}

class StaticRenderer {
  private readonly chunks: string[] = [];
  private renderedLength = 0;
  /** Parallel arrays, one entry per emitted piece, ordered by rendered offset. */
  private readonly pieceRendered: number[] = [];
  private readonly pieceOriginal: number[] = [];
  private readonly pieceVerbatim: boolean[] = [];
  private readonly substitutions: Substitution[] = [];
  private placeholders = 0;
  /** Where the original text of the last emitted piece ends. */
  private lastOriginalEnd = 0;
  private readonly relationName: RelationNamer;

  constructor(
    private readonly text: string,
    private readonly analysis: JinjaSqlAnalysis,
    private readonly source: JinjaSqlAnalysis,
    private readonly options: RenderOptions,
  ) {
    this.relationName = options.relationName ?? defaultRelationName;
  }

  /**
   * Walks the tree with an explicit stack rather than by recursion: a generated file can nest thousands of
   * blocks, and each level of recursion would take a stack frame (5,000 nested `{% if %}` overflowed it).
   */
  renderNodes(nodes: TemplateNode[]): void {
    const pending: { nodes: TemplateNode[]; next: number }[] = [{ nodes, next: 0 }];
    while (pending.length > 0) {
      const top = pending[pending.length - 1];
      if (top.next >= top.nodes.length) {
        pending.pop();
        continue;
      }
      const node = top.nodes[top.next++];
      switch (node.k) {
        case 'text':
          this.verbatim(node.start, node.end);
          break;
        case 'output':
          this.output(node);
          break;
        case 'if': {
          const taken = node.branches.find((branch) => !branch.test || evaluateCondition(branch.test, this.options.incremental) !== false);
          if (taken) pending.push({ nodes: taken.body, next: 0 });
          break;
        }
        case 'for':
        case 'group':
          pending.push({ nodes: node.body, next: 0 });
          break;
        case 'callBlock': {
          // A call block's output is the called macro's, usually nothing (`set_sql_header`, `statement`).
          const recorded = node.call?.recorded;
          const isMacro = recorded?.kind === 'macro';
          this.substitute(isMacro ? 'macro' : 'expression', isMacro ? recorded!.index : -1, '', { start: node.start, end: node.end });
          break;
        }
      }
    }
  }

  finish(): RenderedSql {
    const text = this.chunks.join('');
    const rendered = this.pieceRendered;
    const original = this.pieceOriginal;
    const verbatim = this.pieceVerbatim;
    const total = this.renderedLength;
    // The end of a file that ends in a substitution maps to the end of that substitution, not its start: without
    // this, a relation rendered from `{{ my_macro() }}` at the very end of a file maps back to an empty span.
    if (rendered.length > 0 && !verbatim[verbatim.length - 1] && rendered[rendered.length - 1] < total) {
      rendered.push(total);
      original.push(this.lastOriginalEnd);
      verbatim.push(true);
    }
    return {
      text,
      substitutions: this.substitutions,
      toOriginal(renderedOffset: number): number {
        if (rendered.length === 0) return 0;
        const offset = Math.max(0, Math.min(renderedOffset, total));
        let low = 0;
        let high = rendered.length - 1;
        while (low < high) {
          const mid = (low + high + 1) >> 1;
          if (rendered[mid] <= offset) low = mid;
          else high = mid - 1;
        }
        return verbatim[low] ? original[low] + (offset - rendered[low]) : original[low];
      },
    };
  }

  private verbatim(start: number, end: number): void {
    if (end <= start) return;
    this.pieceRendered.push(this.renderedLength);
    this.pieceOriginal.push(start);
    this.pieceVerbatim.push(true);
    this.chunks.push(this.text.slice(start, end));
    this.renderedLength += end - start;
    this.lastOriginalEnd = end;
  }

  private substitute(kind: Substitution['kind'], index: number, replacement: string, original: Span): void {
    const start = this.renderedLength;
    if (replacement.length > 0) {
      this.pieceRendered.push(start);
      this.pieceOriginal.push(original.start);
      this.pieceVerbatim.push(false);
      this.chunks.push(replacement);
      this.renderedLength += replacement.length;
      this.lastOriginalEnd = original.end;
    }
    this.substitutions.push({ kind, index, rendered: { start, end: this.renderedLength }, original });
  }

  private placeholder(): string {
    return `__dplens_expr_${this.placeholders++}__`;
  }

  private relation(alias: RelationAlias, original: Span): void {
    if (alias.kind === 'this') {
      this.substitute('this', -1, this.relationName({ kind: 'this' }), original);
      return;
    }
    if (alias.kind === 'ref') {
      const ref = this.analysis.refs[alias.index] ?? this.source.refs[alias.index];
      this.substitute('ref', alias.index, this.relationName({ kind: 'ref', ref }), original);
      return;
    }
    const source = this.analysis.sources[alias.index] ?? this.source.sources[alias.index];
    this.substitute('source', alias.index, this.relationName({ kind: 'source', source }), original);
  }

  private output(node: Extract<TemplateNode, { k: 'output' }>): void {
    const original = { start: node.start, end: node.end };
    const expr = node.expr;
    if (node.alias) return this.relation(node.alias, original);
    if (!expr) return this.substitute('expression', -1, this.placeholder(), original);
    if (expr.t === 'name' && expr.name === 'this') return this.relation({ kind: 'this', index: -1 }, original);
    const recorded = expr.t === 'call' ? expr.recorded : undefined;
    switch (recorded?.kind) {
      case 'ref':
      case 'source':
        return this.relation({ kind: recorded.kind, index: recorded.index }, original);
      case 'var':
      case 'env_var': {
        const list = recorded.kind === 'var' ? this.source.vars : this.source.envVars;
        const fallback = list[recorded.index]?.default;
        const rendered = fallback === undefined ? undefined : pythonStr(fallback);
        return this.substitute(recorded.kind === 'var' ? 'var' : 'expression', recorded.kind === 'var' ? recorded.index : -1, rendered ?? this.placeholder(), original);
      }
      case 'macro':
        return this.substitute('macro', recorded.index, this.placeholder(), original);
      case 'config':
        return this.substitute('expression', -1, '', original);
      case 'builtin':
        if (SILENT_CALLS.has(recorded.name)) return this.substitute('expression', -1, '', original);
    }
    this.substitute('expression', -1, this.placeholder(), original);
  }
}

/**
 * What Jinja prints for a literal value, as Python's `str()` would: strings bare, containers as `repr`.
 * Returns undefined for values that are not literal, which then render as a placeholder.
 */
export function pythonStr(value: PyValue): string | undefined {
  return typeof value === 'string' ? value : pythonRepr(value);
}

function pythonRepr(value: PyValue): string | undefined {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(value)) {
    const items: string[] = [];
    for (const item of value) {
      const repr = pythonRepr(item);
      if (repr === undefined) return undefined;
      items.push(repr);
    }
    return `[${items.join(', ')}]`;
  }
  if (isPyExpression(value)) return undefined;
  const entries: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    const repr = pythonRepr(item);
    if (repr === undefined) return undefined;
    entries.push(`${pythonRepr(key)}: ${repr}`);
  }
  return `{${entries.join(', ')}}`;
}
