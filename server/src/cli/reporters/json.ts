/**
 * The machine-readable reporter. Its shape is a documented, stable contract:
 * fields are only ever added, and every position is one-based.
 */
import type { Finding, Fix } from '../../core/findings';
import { countSeverities, sortedFindings, toOneBased, type CheckReport } from './report';

export function formatJson(report: CheckReport): string {
  const counts = countSeverities(report.findings);
  const coverage = report.parseCoverage;
  const output = {
    version: 1,
    root: report.root,
    summary: {
      files: report.files,
      errors: counts.errors,
      warnings: counts.warnings,
      infos: counts.infos,
      // The fields are listed one by one so the key order, and so the output, never depends on how the core built the object.
      parseCoverage: {
        models: coverage.models,
        relations: coverage.relations,
        columns: coverage.columns,
        ast: coverage.ast,
        astAttempted: coverage.astAttempted,
        rendered: coverage.rendered,
      },
    },
    diagnostics: sortedFindings(report.findings).map(diagnostic),
  };
  return `${JSON.stringify(output, null, 2)}\n`;
}

function diagnostic(finding: Finding): object {
  const { line, column, endLine, endColumn } = toOneBased(finding.range);
  const base = { file: finding.file, line, column, endLine, endColumn, severity: finding.severity, rule: finding.rule, message: finding.message };
  return finding.fixes && finding.fixes.length > 0 ? { ...base, fixes: finding.fixes.map(fix) } : base;
}

function fix(value: Fix): object {
  return {
    title: value.title,
    kind: value.kind,
    edits: value.edits.map((edit) => ({ file: edit.file, ...toOneBased(edit.range), newText: edit.newText })),
  };
}
