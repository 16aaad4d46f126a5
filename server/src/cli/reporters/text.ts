/**
 * The human-readable reporter: one `path:line:col severity rule message` line per finding,
 * in the manner of ESLint's and ruff's compact output, then a summary and the parse coverage.
 */
import type { Finding, ParseCoverage, Severity } from '../../core/findings';
import { escapeControlCharacters, styler, type Styler } from './ansi';
import { countSeverities, displayPath, sortedFindings, type CheckReport, type ReporterEnvironment } from './report';

/** Continuation lines of a multi-line message are indented, so each finding still starts at column one. */
const CONTINUATION_INDENT = '    ';

export function formatText(report: CheckReport, env: Pick<ReporterEnvironment, 'color'>): string {
  const style = styler(env.color);
  const lines: string[] = [];
  for (const finding of sortedFindings(report.findings)) {
    lines.push(...findingLines(report.root, finding, style));
  }
  if (lines.length > 0) lines.push('');
  lines.push(summaryLine(report, style));
  lines.push(style.dim(coverageLine(report.parseCoverage)));
  return `${lines.join('\n')}\n`;
}

function findingLines(root: string, finding: Finding, style: Styler): string[] {
  const location = `${escapeControlCharacters(displayPath(root, finding.file))}:${finding.range.start.line + 1}:${finding.range.start.character + 1}`;
  const [first, ...rest] = finding.message.split(/\r\n|\r|\n/).map(escapeControlCharacters);
  const head = `${style.bold(location)} ${severityStyle(finding.severity, style)(finding.severity)} ${style.dim(finding.rule)} ${first}`;
  return [head, ...rest.map((line) => (line.length > 0 ? CONTINUATION_INDENT + line : line))];
}

function severityStyle(severity: Severity, style: Styler): (text: string) => string {
  switch (severity) {
    case 'error':
      return style.red;
    case 'warning':
      return style.yellow;
    case 'info':
      return style.cyan;
  }
}

function plural(count: number, singular: string): string {
  return `${count} ${singular}${count === 1 ? '' : 's'}`;
}

function summaryLine(report: CheckReport, style: Styler): string {
  const files = plural(report.files, 'file');
  const total = report.findings.length;
  if (total === 0) return style.green(style.bold(`✔ No problems in ${files}`));
  const counts = countSeverities(report.findings);
  const text = `✖ ${plural(total, 'problem')} (${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}, ${plural(counts.infos, 'info')}) in ${files}`;
  // The summary takes the colour of the worst severity present, as ESLint's does.
  const colour = counts.errors > 0 ? style.red : counts.warnings > 0 ? style.yellow : style.cyan;
  return colour(style.bold(text));
}

/** Floors, so a run that missed one model in a thousand never claims 100%. */
function ratio(count: number, of: number): string {
  const percent = of === 0 ? 0 : Math.floor((count / of) * 100);
  return `${count}/${of} (${percent}%)`;
}

function coverageLine(coverage: ParseCoverage): string {
  if (coverage.models === 0) return 'Parse coverage: no models examined';
  const parts = [
    `relations ${ratio(coverage.relations, coverage.models)}`,
    `columns ${ratio(coverage.columns, coverage.models)}`,
  ];
  if (coverage.astAttempted > 0) parts.push(`full parse ${ratio(coverage.ast, coverage.astAttempted)}`);
  parts.push(`rendered ${coverage.rendered}`);
  return `Parse coverage of ${plural(coverage.models, 'model')}: ${parts.join(', ')}`;
}
