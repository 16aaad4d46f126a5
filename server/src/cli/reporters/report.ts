/**
 * The data every reporter formats: one `dplens check` run, already decided and filtered.
 *
 * Reporters are pure functions of a `CheckReport` and a `ReporterEnvironment`,
 * so the same run can be printed, serialised and golden-tested without touching the disk.
 */
import * as path from 'node:path';
import type { Finding, ParseCoverage, Severity } from '../../core/findings';
import { SEVERITY_ORDER } from '../../core/findings';
import type { Range } from '../../core/text';

export interface RuleSummary {
  id: string;
  /** The rule's default severity, before configuration. */
  severity: Severity;
  description: string;
  /** The ids of equivalent rules in other tools, such as `sqlfluff:RF01`. */
  equivalents: string[];
  fixable: boolean;
  /** The repository-relative path of the rule's documentation page (`ruleDocsPath`). */
  docs: string;
}

export interface CheckReport {
  version: 1;
  toolVersion: string;
  /** The project root as the user gave it, for example `.`. */
  root: string;
  /** How many files were analysed. */
  files: number;
  /** Each finding's `file` is relative to `root`, in POSIX form. */
  findings: Finding[];
  parseCoverage: ParseCoverage;
  /** Every rule that ran, whether or not it reported anything. */
  rules: RuleSummary[];
}

export interface ReporterEnvironment {
  color: boolean;
  /** The text of a zero-based line of a root-relative file, or `undefined` when it cannot be read. */
  lineText(file: string, zeroBasedLine: number): string | undefined;
}

/** A range in the one-based line and column numbers that people and most tools expect. */
export interface OneBasedRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function toOneBased(range: Range): OneBasedRange {
  return {
    line: range.start.line + 1,
    column: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

/**
 * Compares strings by UTF-16 code units.
 * `localeCompare` would make the output order depend on the machine's locale, and golden files would drift.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Orders findings by file, position, then rule and message, so every output is deterministic. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareText(a.file, b.file) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.range.end.line - b.range.end.line ||
    a.range.end.character - b.range.end.character ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    compareText(a.rule, b.rule) ||
    compareText(a.message, b.message)
  );
}

export function sortedFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

export interface SeverityCounts {
  errors: number;
  warnings: number;
  infos: number;
}

export function countSeverities(findings: readonly Finding[]): SeverityCounts {
  const counts: SeverityCounts = { errors: 0, warnings: 0, infos: 0 };
  for (const finding of findings) {
    if (finding.severity === 'error') counts.errors++;
    else if (finding.severity === 'warning') counts.warnings++;
    else counts.infos++;
  }
  return counts;
}

/** The root in POSIX form without a trailing slash; `.` and the empty string both mean "here". */
export function posixRoot(root: string): string {
  const posix = path.posix.normalize(root.replace(/\\/g, '/'));
  return posix.length > 1 ? posix.replace(/\/+$/, '') : posix;
}

function isAbsoluteRoot(root: string): boolean {
  return root.startsWith('/') || /^[A-Za-z]:\//.test(root);
}

/**
 * The prefix that turns a root-relative path into one relative to the directory dplens ran in,
 * when the root lies inside that directory: `''` for `.`, `analytics/` for `./analytics`.
 * It is `undefined` for an absolute root or one above the working directory.
 */
export function workingDirectoryPrefix(root: string): string | undefined {
  const posix = posixRoot(root);
  if (posix === '.' || posix === '') return '';
  if (isAbsoluteRoot(posix) || posix === '..' || posix.startsWith('../')) return undefined;
  return `${posix}/`;
}

/** The path to show people: the root joined with the finding's file, so a terminal can open it. */
export function displayPath(root: string, file: string): string {
  const posix = posixRoot(root);
  return posix === '.' || posix === '' ? file : path.posix.join(posix, file);
}
