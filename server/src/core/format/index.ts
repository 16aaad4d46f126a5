/**
 * Formatting, as pure functions of text: model SQL with its Jinja preserved exactly.
 */
export { formatModelSql, type FormatDialect, type FormatModelOptions, type FormatModelResult } from './model-sql';
