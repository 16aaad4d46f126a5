/**
 * The SARIF 2.1.0 reporter, shaped for GitHub code scanning:
 * rules carry their docs and default level, and results carry relative URIs and stable fingerprints.
 */
import type { Finding, Severity } from '../../core/findings';
import { ruleDocsUrl } from '../../core/findings';
import { FINGERPRINT_KEY, fingerprintFindings } from '../fingerprint';
import {
  posixRoot,
  sortedFindings,
  toOneBased,
  workingDirectoryPrefix,
  type CheckReport,
  type ReporterEnvironment,
  type RuleSummary,
} from './report';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const TOOL_INFORMATION_URI = 'https://github.com/data-platform-lens/data-platform-lens';
const SOURCE_ROOT = '%SRCROOT%';

type SarifLevel = 'error' | 'warning' | 'note';

const LEVELS: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

export function formatSarif(report: CheckReport, env: Pick<ReporterEnvironment, 'lineText'>): string {
  const findings = sortedFindings(report.findings);
  const rules = ruleDescriptors(report.rules, findings);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const fingerprints = fingerprintFindings(findings, env);
  const base = sourceRoot(report.root);
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'dplens',
            informationUri: TOOL_INFORMATION_URI,
            semanticVersion: report.toolVersion,
            rules: rules.map(ruleDescriptor),
          },
        },
        originalUriBaseIds: { [SOURCE_ROOT]: base.description },
        columnKind: 'utf16CodeUnits',
        results: findings.map((finding, index) => ({
          ruleId: finding.rule,
          ruleIndex: ruleIndex.get(finding.rule),
          level: LEVELS[finding.severity],
          message: { text: finding.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodePath(base.prefix + finding.file), uriBaseId: SOURCE_ROOT },
                region: region(finding),
              },
            },
          ],
          partialFingerprints: { [FINGERPRINT_KEY]: fingerprints[index] },
        })),
        properties: { parseCoverage: report.parseCoverage, filesAnalyzed: report.files },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/**
 * The rules that ran, sorted by id, plus a stand-in for any rule that reported without being listed,
 * so every result's `ruleIndex` points at a descriptor.
 */
function ruleDescriptors(rules: readonly RuleSummary[], findings: readonly Finding[]): RuleSummary[] {
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  for (const finding of findings) {
    if (byId.has(finding.rule)) continue;
    byId.set(finding.rule, {
      id: finding.rule,
      severity: finding.severity,
      description: `Findings of ${finding.rule}.`,
      equivalents: [],
      fixable: false,
      docs: '',
    });
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** `dag/unknown-ref` becomes `DagUnknownRef`, the reporting-descriptor name style SARIF viewers show. */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join('');
}

/** The first sentence, since viewers show `shortDescription` in lists where a paragraph does not fit. */
function firstSentence(text: string): string {
  const match = /^.*?[.!?](?=\s|$)/s.exec(text.trim());
  return match ? match[0] : text.trim();
}

function ruleDescriptor(rule: RuleSummary): object {
  const docsUrl = ruleDocsUrl(rule.id);
  const equivalents = rule.equivalents.length > 0 ? `Equivalent rules: ${rule.equivalents.join(', ')}.` : undefined;
  const markdownEquivalents = rule.equivalents.length > 0 ? `Equivalent rules: ${rule.equivalents.map((id) => `\`${id}\``).join(', ')}.` : undefined;
  const family = rule.id.includes('/') ? rule.id.slice(0, rule.id.indexOf('/')) : rule.id;
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: firstSentence(rule.description) },
    fullDescription: { text: rule.description },
    helpUri: docsUrl,
    help: {
      text: [rule.description, equivalents, `Documentation: ${docsUrl}`].filter(Boolean).join('\n\n'),
      markdown: [rule.description, markdownEquivalents, `[Documentation for \`${rule.id}\`](${docsUrl})`].filter(Boolean).join('\n\n'),
    },
    defaultConfiguration: { level: LEVELS[rule.severity] },
    properties: { tags: ['dbt', family], equivalents: rule.equivalents, fixable: rule.fixable },
  };
}

function region(finding: Finding): object {
  const { line, column, endLine, endColumn } = toOneBased(finding.range);
  return { startLine: line, startColumn: column, endLine, endColumn };
}

/**
 * Where `%SRCROOT%` points, and the prefix that makes a finding's file relative to it.
 * When the project root lies inside the working directory (the repository checkout, in CI),
 * `%SRCROOT%` is that directory and URIs include the root, so GitHub finds `analytics/models/x.sql`
 * for a project checked as `analytics`. Otherwise `%SRCROOT%` is the project root itself.
 */
function sourceRoot(root: string): { prefix: string; description: object } {
  const prefix = workingDirectoryPrefix(root);
  if (prefix !== undefined) {
    return { prefix, description: { description: { text: 'The directory dplens check ran in; file URIs are relative to it.' } } };
  }
  const posix = posixRoot(root);
  const description = { text: `The project root given to dplens check: ${root}` };
  const absolute = posix.startsWith('/') || /^[A-Za-z]:\//.test(posix);
  if (!absolute) return { prefix: '', description: { description } };
  // SARIF requires a base URI to be absolute and to end with a slash.
  const drive = /^[A-Za-z]:/.exec(posix)?.[0] ?? '';
  const uri = `file://${drive ? `/${drive}` : ''}${encodePath(posix.slice(drive.length)).replace(/\/?$/, '/')}`;
  return { prefix: '', description: { uri, description } };
}

/** Percent-encodes each segment of a POSIX path, leaving the slashes, so it is a valid relative URI reference. */
export function encodePath(posixPath: string): string {
  return posixPath
    .split('/')
    .map(encodeURIComponent)
    .join('/');
}
