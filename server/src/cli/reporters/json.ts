/**
 * The machine-readable reporter. Its shape is a documented, stable contract:
 * fields are only ever added, and every position is one-based.
 */
import type { Finding, Fix } from '../../core/findings';
import { countSeverities, sortedFindings, toOneBased, type CheckReport } from './report';

export function formatJson(report: CheckReport): string {
  return [...jsonChunks(report)].join('');
}

/**
 * The JSON report in pieces, each diagnostic on its own, with exactly the text `JSON.stringify(report, null, 2)`
 * would give: written one piece at a time, a report of 45,000 findings (26 MB) is never one string in memory.
 */
export function* jsonChunks(report: CheckReport): Generator<string> {
  const counts = countSeverities(report.findings);
  const coverage = report.parseCoverage;
  const head = {
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
    diagnostics: [],
  };
  const findings = sortedFindings(report.findings);
  const empty = JSON.stringify(head, null, 2);
  if (findings.length === 0) {
    yield `${empty}\n`;
    return;
  }
  // `"diagnostics": []` ends the head; the array's items go where its brackets meet, indented as stringify indents them.
  yield `${empty.slice(0, -'[]\n}'.length)}[\n`;
  for (let i = 0; i < findings.length; i++) {
    yield `${diagnosticText(findings[i])}${i === findings.length - 1 ? '\n' : ',\n'}`;
  }
  yield '  ]\n}\n';
}

/**
 * One diagnostic as `JSON.stringify(diagnostic(finding), null, 2)` writes it inside the array (four more spaces),
 * written field by field for the common case without fixes: twice as fast as stringifying and re-indenting.
 */
function diagnosticText(finding: Finding): string {
  if (finding.fixes && finding.fixes.length > 0) return `    ${JSON.stringify(diagnostic(finding), null, 2).replace(/\n/g, '\n    ')}`;
  const { line, column, endLine, endColumn } = toOneBased(finding.range);
  return (
    `    {\n      "file": ${JSON.stringify(finding.file)},\n      "line": ${line},\n      "column": ${column},\n      "endLine": ${endLine},\n      "endColumn": ${endColumn},\n` +
    `      "severity": ${JSON.stringify(finding.severity)},\n      "rule": ${JSON.stringify(finding.rule)},\n      "message": ${JSON.stringify(finding.message)}\n    }`
  );
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
