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

/**
 * `dplens/reviewChanges`: the files changed since the base ref (`dplens.baseRef`, else the default branch's
 * merge-base, as `dplens check --changed` finds it), with their findings published as diagnostics.
 * Refused in untrusted workspaces, where git is never run.
 */
export const REVIEW_CHANGES_METHOD = 'dplens/reviewChanges';

export interface ReviewChangesParams {
  /** A document or folder: only its workspace folder is reviewed. Omitted, every folder is. */
  uri?: string;
}

export interface ReviewChangesResult {
  /** The commit compared against; with several workspace folders, the first folder's (see `folders`). */
  base: string;
  /** Each changed file the index analyses, with the number of findings published for it (zero included). */
  files: { file: string; uri: string; findings: number }[];
  /** Per workspace folder reviewed: its URI, the ref asked for (empty for the default) and the commit it resolved to. */
  folders: { uri: string; ref: string; base: string }[];
}
