/**
 * The plain data that the static Jinja analysis returns.
 *
 * Every location is a `Span` of UTF-16 offsets into the analysed text, so callers can
 * cache these summaries, compare them cheaply and turn them into ranges only when needed.
 */
import type { PyValue } from '../pyvalue';
import type { Span, SyntaxIssue } from '../text';

export interface RefCall {
  name: string;
  package?: string;
  version?: string | number;
  /** The whole `ref(...)` call, from the callee name to the closing parenthesis. */
  span: Span;
  /** The model-name string literal without its quotes, or the whole argument when it is dynamic. */
  nameSpan: Span;
  /** True when an argument is not a literal, e.g. `ref(var('x'))`; `name` is then the argument's source text. */
  dynamic: boolean;
}

export interface SourceCall {
  source: string;
  table: string;
  span: Span;
  sourceSpan: Span;
  tableSpan: Span;
  dynamic: boolean;
}

export interface ConfigCall {
  args: Record<string, PyValue>;
  span: Span;
  /** The span of each keyword value. */
  argSpans: Record<string, Span>;
}

export interface VarCall {
  name: string;
  default?: PyValue;
  span: Span;
}

export interface EnvVarCall {
  name: string;
  default?: PyValue;
  span: Span;
}

export interface MacroCall {
  /** May be dotted, e.g. `dbt_utils.star`. */
  name: string;
  span: Span;
  nameSpan: Span;
}

export type JinjaBlockKind = 'macro' | 'test' | 'materialization' | 'docs' | 'snapshot';

export interface JinjaBlockDef {
  kind: JinjaBlockKind;
  name: string;
  params: string[];
  /** The whole block, end tag included. */
  span: Span;
  nameSpan: Span;
  bodySpan: Span;
}

export interface JinjaComment {
  /** The comment's content, without the delimiters and whitespace-control markers. */
  text: string;
  span: Span;
}

export interface IncrementalBlock {
  /** The whole `{% if %}...{% endif %}`. */
  span: Span;
  /** The body of the branch whose condition calls `is_incremental()`. */
  bodySpan: Span;
  /** The body of the `{% else %}` branch of the same `if`, when there is one. */
  elseSpan?: Span;
  /** True for `{% if not is_incremental() %}` (an odd number of `not` around the call). */
  negated: boolean;
}

export interface SetVariable {
  name: string;
  value?: PyValue;
  span: Span;
}

export interface JinjaSqlAnalysis {
  refs: RefCall[];
  sources: SourceCall[];
  configs: ConfigCall[];
  vars: VarCall[];
  envVars: EnvVarCall[];
  macroCalls: MacroCall[];
  blocks: JinjaBlockDef[];
  incrementalBlocks: IncrementalBlock[];
  usesThis: boolean;
  setVariables: SetVariable[];
  comments: JinjaComment[];
  errors: SyntaxIssue[];
}

export interface Substitution {
  kind: 'ref' | 'source' | 'this' | 'var' | 'macro' | 'expression';
  /** The index into `refs`, `sources`, `vars` or `macroCalls` for those kinds, and -1 otherwise. */
  index: number;
  rendered: Span;
  original: Span;
}

export interface RenderedSql {
  text: string;
  /** Maps an offset of the rendered text to the original text. */
  toOriginal(renderedOffset: number): number;
  substitutions: Substitution[];
}

export type RelationTarget = { kind: 'ref'; ref: RefCall } | { kind: 'source'; source: SourceCall } | { kind: 'this' };

export type RelationNamer = (target: RelationTarget) => string;

export interface RenderOptions {
  incremental: boolean;
  relationName?: RelationNamer;
}
