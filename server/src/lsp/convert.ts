/**
 * Converts the core's data to LSP shapes: findings to diagnostics, fixes to workspace edits, navigation kinds
 * to symbol and completion kinds. The one place where core data meets the protocol.
 */
import { CompletionItemKind, DiagnosticSeverity, SymbolKind, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver/node';
import { ruleDocsUrl, type Finding, type TextEdit } from '../core/findings';
import type { CompletionKind, NavSymbolKind } from '../core/navigation';

const SEVERITY: Record<Finding['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toDiagnostic(finding: Finding): Diagnostic {
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.rule,
    codeDescription: { href: ruleDocsUrl(finding.rule) },
    source: 'dplens',
    message: finding.message,
    data: finding.fixes ? { fixes: finding.fixes } : undefined,
  };
}

/** Groups the core's edits (workspace-relative files) by document URI. */
export function toWorkspaceEdit(edits: TextEdit[], uriOf: (file: string) => string): WorkspaceEdit {
  const changes: NonNullable<WorkspaceEdit['changes']> = {};
  for (const edit of edits) (changes[uriOf(edit.file)] ??= []).push({ range: edit.range, newText: edit.newText });
  return { changes };
}

export const SYMBOL_KIND: Record<NavSymbolKind, SymbolKind> = {
  cte: SymbolKind.Namespace,
  select: SymbolKind.Function,
  model: SymbolKind.Class,
  seed: SymbolKind.File,
  snapshot: SymbolKind.Class,
  source: SymbolKind.Module,
  table: SymbolKind.Struct,
  column: SymbolKind.Field,
  exposure: SymbolKind.Interface,
  macro: SymbolKind.Function,
};

export const COMPLETION_KIND: Record<CompletionKind, CompletionItemKind> = {
  model: CompletionItemKind.Class,
  seed: CompletionItemKind.File,
  snapshot: CompletionItemKind.Class,
  source: CompletionItemKind.Module,
  table: CompletionItemKind.Struct,
  column: CompletionItemKind.Field,
  property: CompletionItemKind.Property,
  value: CompletionItemKind.EnumMember,
  method: CompletionItemKind.Function,
  operator: CompletionItemKind.Operator,
};
