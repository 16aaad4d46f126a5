/**
 * One helper for every rule test: run the core on a multi-file fixture and compare its findings
 * with the fixture's inline `expect:` markers (file, line and rule; nothing more, nothing less).
 */
import assert from 'node:assert/strict';
import { checkWorkspace, type CheckOptions } from '../../server/src/core/check';
import type { Finding } from '../../server/src/core/findings';
import { parseFixture } from '../../server/src/core/rules/fixture';
import { ruleById } from '../../server/src/core/rules/registry';
import { fixtureBase } from '../../server/src/core/contract/base';

export function checkFixture(source: string, options: CheckOptions = {}): { findings: Finding[]; files: Map<string, string> } {
  const fixture = parseFixture(source);
  const outcome = checkWorkspace(fixture.files, withFixtureBase(fixture.baseFiles, options));
  return { findings: outcome.findings, files: fixture.files };
}

/** The fixture's `@base` sections as the check's git base, unless the test gives its own. */
export function withFixtureBase<T extends CheckOptions>(baseFiles: ReadonlyMap<string, string>, options: T): T {
  if (options.base) return options;
  const base = fixtureBase(baseFiles);
  return base ? { ...options, base } : options;
}

function describeFinding(finding: { file: string; line: number; rule: string; message?: string }): string {
  return `${finding.file}:${finding.line + 1} ${finding.rule}${finding.message ? ` (${finding.message})` : ''}`;
}

/**
 * Asserts that the findings are exactly the fixture's expectations, optionally for some rules only
 * (`onlyRules`, or a `keep` predicate over findings, which is also asked about each expectation's rule).
 */
export function assertFixture(
  source: string,
  options: CheckOptions & { rules?: undefined; onlyRules?: readonly string[]; keep?: (finding: Pick<Finding, 'rule' | 'severity'>) => boolean } = {},
): Finding[] {
  const fixture = parseFixture(source);
  const outcome = checkWorkspace(fixture.files, withFixtureBase(fixture.baseFiles, options));
  const keepFinding = (finding: Pick<Finding, 'rule' | 'severity'>) => (!options.onlyRules || options.onlyRules.includes(finding.rule)) && (!options.keep || options.keep(finding));
  const keep = (rule: string) => keepFinding({ rule, severity: ruleById(rule)?.severity ?? 'error' });
  const actual = outcome.findings.filter((finding) => keepFinding(finding)).map((finding) => ({ file: finding.file, line: finding.range.start.line, rule: finding.rule, message: finding.message }));
  const expected = fixture.expectations.filter((expectation) => keep(expectation.rule));
  const key = (finding: { file: string; line: number; rule: string }) => `${finding.file}:${finding.line}:${finding.rule}`;
  const actualKeys = actual.map(key).sort();
  const expectedKeys = expected.map(key).sort();
  assert.deepEqual(
    actualKeys,
    expectedKeys,
    `findings differ from the fixture's expectations.\n  actual:\n    ${actual.map(describeFinding).join('\n    ') || '(none)'}\n  expected:\n    ${expected.map(describeFinding).join('\n    ') || '(none)'}`,
  );
  return outcome.findings;
}
