/**
 * Rule scopes for tests whose fixtures were written for one part of the engine.
 *
 * The foundation's fixtures (project discovery, parsing, refs, cycles, suppressions, the CLI's
 * reporters, the language server's plumbing) are minimal projects: they have no properties files,
 * no tests and no layer prefixes, so the standards rules (naming, layout, docs, testing, governance,
 * DAG structure, schema-checked YAML) would flag nearly every model in them. Those rules have their
 * own fixtures (test/rules/<family>/ and test/fixtures/standards/), so the foundation's tests judge
 * only the rules they were written for, and keep asserting "these findings and no others" for them.
 */
import type { Finding } from '../../server/src/core/findings';

/** The rules of the analysis core: syntax, parsing, refs and sources, cycles, project set-up, suppressions. */
export const FOUNDATION_RULES: readonly string[] = [
  'dag/cycle',
  'dag/unknown-ref',
  'dag/unknown-source',
  'jinja/macro-render-failed',
  'jinja/syntax',
  'project/adapter-default',
  'project/packages-not-installed',
  'sql/unparseable',
  'suppression/malformed',
  'suppression/unused',
  'yaml/invalid-properties',
  'yaml/syntax',
];

/** True for a finding of one of the foundation's rules. */
export function isFoundationFinding(finding: Pick<Finding, 'rule'>): boolean {
  return FOUNDATION_RULES.includes(finding.rule);
}
