/**
 * Stable identities for findings, shared by SARIF's `partialFingerprints` and the baseline.
 *
 * A finding's identity must survive edits elsewhere in the file, so it never includes a line number:
 * it hashes the rule, the file, the trimmed text of the finding's line and the message with numbers
 * taken out, plus an occurrence counter that tells identical findings in one file apart.
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../core/findings';
import { compareFindings, type ReporterEnvironment } from './reporters/report';

/** The SARIF `partialFingerprints` key; the version changes whenever the recipe below does. */
export const FINGERPRINT_KEY = 'dplensFindingHash/v1';

/**
 * Takes out what moves when unrelated lines are added or removed: line references
 * (`line 12`, `L12`, `:12:5`) and any free-standing number.
 * Digits inside names such as `stg_orders_v2` stay, since they tell findings apart.
 */
export function normalizeMessage(message: string): string {
  return message
    .replace(/(?<![\w$])L\d+(?![\w$])/g, 'L#')
    .replace(/(?<![\w$])\d+(?:\.\d+)?(?![\w$])/g, '#')
    .replace(/\s+/g, ' ')
    .trim();
}

function hash(parts: readonly string[]): string {
  // A NUL separator cannot occur in a path or rule id, so different splits of the same characters never collide.
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 16);
}

/**
 * The fingerprint of each finding, in the order of `findings`.
 * Occurrences are counted in position order, so two identical findings keep their relative identities when both move.
 */
export function fingerprintFindings(findings: readonly Finding[], env: Pick<ReporterEnvironment, 'lineText'>): string[] {
  const order = findings.map((_, index) => index).sort((a, b) => compareFindings(findings[a], findings[b]) || a - b);
  const occurrences = new Map<string, number>();
  const fingerprints = new Array<string>(findings.length);
  for (const index of order) {
    const finding = findings[index];
    const lineText = (env.lineText(finding.file, finding.range.start.line) ?? '').trim();
    const key = hash([finding.rule, finding.file, lineText, normalizeMessage(finding.message)]);
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    fingerprints[index] = hash([key, String(occurrence)]);
  }
  return fingerprints;
}
