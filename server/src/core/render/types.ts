/**
 * Public shapes of the sandboxed dbt Jinja renderer.
 *
 * The renderer exists because a static scan cannot see dependencies that macros produce
 * (for example GitLab's `simple_cte` macro calling `ref(cte_ref[1])`), so models are
 * rendered with an inert dbt context that records `ref`, `source` and `config` calls.
 */

/** One `.sql` file holding macros, from the project or from an installed package. */
export interface MacroSource {
  path: string;
  text: string;
  packageName: string;
}

export interface RecordedRef {
  name: string;
  package?: string;
  version?: string | number;
}

export interface RecordedSource {
  source: string;
  table: string;
}

export interface SandboxRenderResult {
  /** True when the template rendered to the end; recorded calls are kept even when false. */
  ok: boolean;
  sql: string;
  refs: RecordedRef[];
  sources: RecordedSource[];
  configs: Record<string, unknown>[];
  error?: { message: string; line?: number };
  fuelExhausted: boolean;
  /** The fuel budget the render used up, when `fuelExhausted`: the work limit a failure message names. */
  fuelLimit?: number;
  millis: number;
  /**
   * Names called as functions that no loaded macro or dbt context function defines. Such
   * calls render as '' so that the rest of the model still renders and records its refs.
   */
  missingMacros?: string[];
}

export interface SandboxOptions {
  projectName: string;
  /** The adapter type, such as `snowflake`, used for `adapter.dispatch` and `target.type`. */
  adapter: string;
  targetName?: string;
  targetSchema?: string;
  targetDatabase?: string;
  vars?: Record<string, unknown>;
  /** The MiniJinja fuel budget of one render; runaway templates stop when it is spent. */
  fuel?: number;
}

/** A macro that could not be loaded, kept so that callers can report it. */
export interface SkippedMacro {
  path: string;
  packageName: string;
  name?: string;
  message: string;
}

/** The node facts a model render depends on. */
export interface RenderNode {
  name: string;
  packageName: string;
  incremental: boolean;
}
