/**
 * What the analysis reports: findings with their rule, severity and location.
 * Both shells (the CLI and the language server) convert these at their edge.
 */
import type { Range } from './text';

export type Severity = 'error' | 'warning' | 'info';

/** A configured severity: a rule can also be turned off. */
export type SeveritySetting = Severity | 'off';

export interface TextEdit {
  /** Workspace-relative POSIX path of the file to change. */
  file: string;
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  /** `safe` fixes keep behaviour; `unsafe` ones may change it and are never applied in bulk. */
  kind: 'safe' | 'unsafe';
  edits: TextEdit[];
}

export interface Finding {
  /** The rule id, `family/rule-name`. */
  rule: string;
  severity: Severity;
  /** Workspace-relative POSIX path. */
  file: string;
  /** Zero-based, as in LSP; reporters convert to one-based for people. */
  range: Range;
  message: string;
  fixes?: Fix[];
}

/** Parse coverage: how many models reached each level of SQL understanding. */
export interface ParseCoverage {
  /** Models, snapshots and analyses whose SQL was examined. */
  models: number;
  /** Relations read (FROM/JOIN) were obtained. */
  relations: number;
  /** Output column names were obtained. */
  columns: number;
  /** A full syntax tree was obtained (only counted where a full parse was attempted). */
  ast: number;
  /** Full parses attempted. */
  astAttempted: number;
  /** Models whose dependencies came from rendering macros in the sandbox. */
  rendered: number;
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Where rule documentation is published; each diagnostic links its rule's page. */
export const DOCS_BASE_URL = 'https://github.com/data-platform-lens/data-platform-lens/blob/main/docs/rules/';

export function ruleDocsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}

export function ruleDocsPath(ruleId: string): string {
  return `docs/rules/${ruleId}.md`;
}
