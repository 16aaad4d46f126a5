/**
 * The plain data the navigation functions return: locations as offsets into workspace files, hover text as
 * Markdown, completion items and document symbols. The language server converts them at its edge.
 */
import type { Span } from '../text';

/** A place in a workspace file: a workspace-relative POSIX path and offsets into its text. */
export interface NavLocation {
  file: string;
  span: Span;
}

/** What sits under the cursor, as far as navigation is concerned. */
export type CursorTarget =
  | { kind: 'ref'; span: Span; name: string; package?: string; nodeId?: string }
  | { kind: 'source'; span: Span; part: 'source' | 'table'; source: string; table: string; nodeId?: string }
  | { kind: 'macro'; span: Span; name: string }
  /** A model, seed or snapshot named by `- name:` in properties YAML. */
  | { kind: 'yaml-resource'; span: Span; name: string; nodeId?: string }
  /** A source table named by `- name:` under a source's `tables:` in properties YAML. */
  | { kind: 'yaml-source-table'; span: Span; source: string; table: string; nodeId?: string }
  /** A rule id inside a `dplens-disable` directive. */
  | { kind: 'rule'; span: Span; ruleId: string };

export interface HoverContent {
  markdown: string;
  span: Span;
  /**
   * The model whose column lineage ran out of its time budget: tracing the models above it the first time takes
   * longer than a hover may wait, so the language server finishes it between requests (warmColumnLineage).
   */
  lineagePending?: string;
}

export type NavSymbolKind = 'cte' | 'select' | 'model' | 'seed' | 'snapshot' | 'source' | 'table' | 'column' | 'exposure' | 'macro';

export interface NavSymbol {
  name: string;
  kind: NavSymbolKind;
  detail?: string;
  /** The whole entity. */
  span: Span;
  /** The part to reveal and highlight: usually the name. */
  selectionSpan: Span;
  children: NavSymbol[];
}

/** A foldable range of lines; `comment` folds whole, `block` keeps its closing line visible. */
export interface NavFold {
  startLine: number;
  endLine: number;
  kind: 'block' | 'comment';
}
