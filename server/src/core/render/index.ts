/**
 * Sandboxed rendering of dbt Jinja, used to find dependencies that macros produce.
 */

export { MacroSandbox, DEFAULT_FUEL } from './sandbox';
export { macrosProducingRefs } from './refs-closure';
export { defaultSchemaName, defaultAliasName } from './naming';
export type {
  MacroSource,
  RecordedRef,
  RecordedSource,
  SandboxRenderResult,
  SandboxOptions,
  SkippedMacro,
  RenderNode,
} from './types';
