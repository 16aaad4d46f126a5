/**
 * The custom requests of the Data Platform Lens language server, shared with the client.
 * This file imports nothing, so the client (and its webview bundle) can use it without pulling in the server.
 */

/** `dplens/lineage`: the lineage graph around a model, as the CLI's JSON document. */
export const LINEAGE_METHOD = 'dplens/lineage';

export interface LineageParams {
  /** A document: its session answers, and without `model` the node it defines is the root. */
  uri?: string;
  /** A lineage id: a model name, `source:<source>.<table>`, `seed:<name>` or `snapshot:<name>`. */
  model?: string;
  /** Hops upstream and downstream; omitted means all. */
  upstream?: number;
  downstream?: number;
  /** Column lineage for every node of the graph; slow the first time, while the tracer loads. */
  columns?: boolean;
}
