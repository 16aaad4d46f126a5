/**
 * The SQL layer: a tolerant token pass for every model, and a full parser behind an interface.
 */
export type { Dialect } from './dialect';
export { tokenizeSql, type SqlToken, type SqlTokenKind } from './tokenizer';
export { extractSqlFacts } from './facts';
export type { ColumnUse, CteDefinition, OutputColumn, RelationClause, RelationRead, SqlFacts } from './types';
export { loadPolyglotParser, type FullParseResult, type FullSqlParser } from './full-parser';
