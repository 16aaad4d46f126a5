/**
 * The template structure that the analysis builds as it goes and the static renderer walks.
 *
 * It is internal: callers get it only through `renderStatic`, which finds the tree of an
 * analysis in a WeakMap, so the public analysis stays plain, serialisable data.
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

const trees = new WeakMap<JinjaSqlAnalysis, TemplateTree>();

export function rememberTree(analysis: JinjaSqlAnalysis, tree: TemplateTree): void {
  trees.set(analysis, tree);
}

export function treeOf(analysis: JinjaSqlAnalysis): TemplateTree | undefined {
  return trees.get(analysis);
}
