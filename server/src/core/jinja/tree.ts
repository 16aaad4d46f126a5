/**
 * The template structure that the analysis builds as it goes and the static renderer walks.
 *
 * It is internal: callers get it only through `renderStatic`, and the public analysis stays
 * plain, serialisable data.
 */
import type { CallExpr, Expr } from './expression';
import type { JinjaSqlAnalysis } from './types';

/** What a set variable stands for when it was bound to a relation, as in `{% set rel = ref('x') %}`. */
export interface RelationAlias {
  kind: 'ref' | 'source' | 'this';
  index: number;
}

export interface IfBranch {
  /** Undefined for the `{% else %}` branch. */
  test: Expr | undefined;
  body: TemplateNode[];
}

export type TemplateNode =
  | { k: 'text'; start: number; end: number }
  | { k: 'output'; start: number; end: number; expr: Expr | undefined; alias?: RelationAlias }
  | { k: 'if'; start: number; branches: IfBranch[] }
  | { k: 'for'; start: number; body: TemplateNode[]; elseBody: TemplateNode[] }
  /** Blocks whose body renders as it stands: `with`, `filter`, `block`, `autoescape`, `snapshot`. */
  | { k: 'group'; body: TemplateNode[] }
  /** `{% call macro() %}...{% endcall %}`, whose output is the macro's, which is unknown. */
  | { k: 'callBlock'; start: number; end: number; call: CallExpr | undefined };

export interface TemplateTree {
  nodes: TemplateNode[];
}

/**
 * The tree rides on the analysis under a non-enumerable symbol: JSON, structured cloning and deep
 * equality all skip it, and, unlike a WeakMap, it adds no work for the garbage collector.
 */
const TREE = Symbol('dplens.jinja.tree');

export function rememberTree(analysis: JinjaSqlAnalysis, tree: TemplateTree): void {
  Object.defineProperty(analysis, TREE, { value: tree, enumerable: false, writable: true, configurable: true });
}

export function treeOf(analysis: JinjaSqlAnalysis): TemplateTree | undefined {
  return (analysis as JinjaSqlAnalysis & { [TREE]?: TemplateTree })[TREE];
}

/** Drops the tree once both renderings are done, so an index of thousands of summaries does not keep it. */
export function forgetTree(analysis: JinjaSqlAnalysis): void {
  if (treeOf(analysis)) (analysis as JinjaSqlAnalysis & { [TREE]?: TemplateTree })[TREE] = undefined;
}
