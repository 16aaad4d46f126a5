/**
 * The reporters the CLI offers, by the name `--format` takes.
 */
import { formatJson, jsonChunks } from './json';
import type { CheckReport, ReporterEnvironment } from './report';
import { formatSarif } from './sarif';
import { formatText } from './text';

export const REPORT_FORMATS = ['text', 'json', 'sarif'] as const;

export type ReportFormat = (typeof REPORT_FORMATS)[number];

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

export function formatReport(format: ReportFormat, report: CheckReport, env: ReporterEnvironment): string {
  switch (format) {
    case 'text':
      return formatText(report, env);
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report, env);
  }
}

/** The report in pieces to write one after another; only the JSON report, the one large projects produce for CI, has more than one. */
export function* reportChunks(format: ReportFormat, report: CheckReport, env: ReporterEnvironment): Generator<string> {
  if (format === 'json') yield* jsonChunks(report);
  else yield formatReport(format, report, env);
}

export { formatJson, formatSarif, formatText };
export type { CheckReport, ReporterEnvironment, RuleSummary } from './report';
