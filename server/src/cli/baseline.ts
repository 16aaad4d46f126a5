/**
 * The baseline: a committed record of accepted findings, so a project can adopt dplens
 * and fail only on new problems. Findings are matched by fingerprint, never by line number.
 */
import type { Finding } from '../core/findings';
import { fingerprintFindings } from './fingerprint';
import { compareText, type CheckReport, type ReporterEnvironment } from './reporters/report';

export interface BaselineEntry {
  file: string;
  rule: string;
  fingerprint: string;
  /** Kept for people reading the file in review; matching ignores it. */
  message: string;
}

export interface BaselineFile {
  version: 1;
  tool: 'dplens';
  findings: BaselineEntry[];
}

export interface BaselineResult {
  /** The report without the findings the baseline hides. */
  report: CheckReport;
  /** How many findings were hidden. */
  hidden: number;
  /** How many recorded entries matched nothing: problems fixed since, which a rewrite of the baseline would drop. */
  stale: number;
  /** Why the baseline could not be used, in whole or in part; empty when it was read cleanly. */
  problems: string[];
}

/**
 * Serialises the report's findings as a baseline.
 * Entries are sorted by file, rule and fingerprint rather than by position,
 * so moving code does not reorder the file and its diffs stay small.
 */
export function writeBaseline(report: CheckReport, env: Pick<ReporterEnvironment, 'lineText'>): string {
  const fingerprints = fingerprintFindings(report.findings, env);
  const findings: BaselineEntry[] = report.findings
    .map((finding, index) => ({ file: finding.file, rule: finding.rule, fingerprint: fingerprints[index], message: finding.message }))
    .sort(
      (a, b) =>
        compareText(a.file, b.file) || compareText(a.rule, b.rule) || compareText(a.fingerprint, b.fingerprint) || compareText(a.message, b.message),
    );
  const baseline: BaselineFile = { version: 1, tool: 'dplens', findings };
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

const REGENERATE = 'no findings were hidden; regenerate the baseline to fix this';

/**
 * Hides the findings whose fingerprints the baseline records, as a multiset:
 * a fingerprint recorded twice hides at most two findings, so a third identical problem still shows.
 * A malformed baseline never throws; it hides nothing and says why in `problems`.
 */
export function applyBaseline(report: CheckReport, baselineText: string, env: Pick<ReporterEnvironment, 'lineText'>): BaselineResult {
  const parsed = parseBaseline(baselineText);
  if (!parsed.entries) return { report, hidden: 0, stale: 0, problems: parsed.problems };

  const remaining = new Map<string, number>();
  for (const entry of parsed.entries) remaining.set(entry, (remaining.get(entry) ?? 0) + 1);

  const fingerprints = fingerprintFindings(report.findings, env);
  const kept: Finding[] = [];
  let hidden = 0;
  report.findings.forEach((finding, index) => {
    const count = remaining.get(fingerprints[index]) ?? 0;
    if (count > 0) {
      remaining.set(fingerprints[index], count - 1);
      hidden++;
    } else {
      kept.push(finding);
    }
  });
  let stale = 0;
  for (const count of remaining.values()) stale += count;
  return { report: { ...report, findings: kept }, hidden, stale, problems: parsed.problems };
}

/** The recorded fingerprints, or no entries at all when the file as a whole cannot be trusted. */
function parseBaseline(text: string): { entries?: string[]; problems: string[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { problems: [`The baseline is not valid JSON (${reason}): ${REGENERATE}.`] };
  }
  if (!isRecord(value)) {
    return { problems: [`The baseline must be a JSON object with "version", "tool" and "findings": ${REGENERATE}.`] };
  }
  if (value.tool !== 'dplens') {
    return { problems: [`The baseline's "tool" is ${JSON.stringify(value.tool)}, not "dplens", so it was written by another tool: ${REGENERATE}.`] };
  }
  if (value.version !== 1) {
    return { problems: [`The baseline has version ${JSON.stringify(value.version)}, but this dplens reads version 1: ${REGENERATE}.`] };
  }
  if (!Array.isArray(value.findings)) {
    return { problems: [`The baseline's "findings" must be an array: ${REGENERATE}.`] };
  }
  // One bad entry should not unhide every accepted finding, so it is skipped and reported, and the rest still apply.
  const entries: string[] = [];
  const problems: string[] = [];
  value.findings.forEach((entry: unknown, index: number) => {
    if (isRecord(entry) && typeof entry.fingerprint === 'string' && entry.fingerprint.length > 0) entries.push(entry.fingerprint);
    else problems.push(`Baseline entry ${index + 1} has no "fingerprint" string and was ignored; regenerate the baseline to fix this.`);
  });
  return { entries, problems };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
