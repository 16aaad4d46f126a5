/**
 * The static reader of dbt's Jinja-SQL files: models, snapshots, analyses and macros.
 *
 * `analyzeJinja` finds what a file refers to and defines, with exact spans, without running anything.
 * `renderStatic` turns the same file into plain SQL for the SQL parser, with an offset map back.
 */
export type {
  ConfigCall,
  EnvVarCall,
  IncrementalBlock,
  JinjaBlockDef,
  JinjaBlockKind,
  JinjaComment,
  JinjaSqlAnalysis,
  MacroCall,
  RefCall,
  RelationNamer,
  RelationTarget,
  RenderedSql,
  RenderOptions,
  SetVariable,
  SourceCall,
  Substitution,
  VarCall,
} from './types';
export { analyzeJinja } from './analyze';
export { forgetTree } from './tree';
export { defaultRelationName, renderStatic } from './render';
export { parseExpressionAt, toPyValue, type Expr } from './expression';
