/**
 * Editor navigation over the workspace index, as pure functions of (index, file, offset): what is under the
 * cursor, definitions, references, hover Markdown, completion items, document symbols and suppression edits; and
 * the editor's other views of a file: formatting, lineage code lenses and folding ranges.
 * The language server converts offsets to positions and these shapes to LSP types at its edge.
 */
export type { CursorTarget, HoverContent, NavFold, NavLocation, NavSymbol, NavSymbolKind } from './types';
export { targetAt } from './cursor';
export { definitionsAt, referencesAt, referencesOfNode } from './definition';
export { hoverAt, ruleHover, type HoverOptions } from './hover';
export { columnAt, columnHoverAt, type ColumnSite } from './column-hover';
export { COMPLETION_LIMIT, completionListAt, completionsAt, snippetToPlainText, YAML_SCHEMAS, type CompletionKind, type NavCompletion, type YamlSchemaEntry } from './completion';
export { documentSymbols } from './symbols';
export { suppressionEdit, REASON_PLACEHOLDER } from './suppress';
export { formatDocument, type DocumentFormatOptions } from './format';
export { modelLenses, type ModelLens } from './lens';
export { foldingRanges } from './folding';
export { jinjaSemanticTokens, semanticTokens, SEMANTIC_TOKEN_MODIFIERS, SEMANTIC_TOKEN_TYPES, type SemanticToken, type SemanticTokenModifier, type SemanticTokenType } from './semantic-tokens';
export { formatBytes, inlayHints, relationBytes, type InlayHintOptions, type NavInlayHint, type RelationSize } from './inlay-hints';
