/**
 * The completion items the core returns, as plain data: what to show, what it replaces and what to insert.
 * The language server converts kinds to LSP kinds and snippets to plain text for clients that lack them.
 */
import type { Span } from '../../text';

export type CompletionKind =
  | 'model'
  | 'seed'
  | 'snapshot'
  | 'source'
  | 'table'
  /** A column of a relation, offered after `alias.`. */
  | 'column'
  /** A configuration or YAML key. */
  | 'property'
  /** A value from a fixed set: a materialization, an incremental strategy, a YAML enum. */
  | 'value'
  /** A dbt node selection method (`tag:`, `path:`, `config.`). */
  | 'method'
  /** A graph operator of node selection (`+`, `@`). */
  | 'operator';

export interface NavCompletion {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** The text the item replaces: the name typed so far (and the rest of the word after the cursor). */
  replace: Span;
  /**
   * What to insert, in LSP snippet syntax (`$1`, `${1:default}`, `${1|a,b|}`); the label when absent.
   * Clients without snippet support get `snippetToPlainText` of it.
   */
  snippet?: string;
  /** Orders items before the editor's own fuzzy ranking; the label when absent. */
  sortText?: string;
  /** What the editor matches the typed text against, when it differs from the label. */
  filterText?: string;
  /** True when accepting the item leaves the cursor where values can be completed, so the editor should ask again. */
  retrigger?: boolean;
}
