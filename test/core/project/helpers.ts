/**
 * Helpers for the workspace-index tests: build a fixture's index, read its nodes, and write a fixture
 * to disk for the tests that go through the IO layer.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkWorkspace, type CheckOptions, type CheckOutcome } from '../../../server/src/core/check';
import type { Finding } from '../../../server/src/core/findings';
import type { GraphNode } from '../../../server/src/core/project/index-types';
import type { UpdateResult, WorkspaceIndex } from '../../../server/src/core/project/workspace-index';
import { effectiveRules, runRules, type EffectiveRule } from '../../../server/src/core/rules/engine';
import { parseFixture } from '../../../server/src/core/rules/fixture';
import { RULES } from '../../../server/src/core/rules/registry';

/** Runs the whole check on a multi-file fixture (with the default dbt_project.yml and dplens.yml). */
export function checkSource(source: string, options: CheckOptions & { defaults?: boolean } = {}): CheckOutcome {
  return checkWorkspace(parseFixture(source, { defaults: options.defaults }).files, options);
}

/** The one node a file defines; fails the test when there is not exactly one. */
export function nodeOf(outcome: CheckOutcome, file: string): GraphNode {
  const nodes = outcome.index.nodesOfFile(file);
  assert.equal(nodes.length, 1, `${file} defines ${nodes.length} nodes: ${nodes.map((node) => node.uniqueId).join(', ') || '(none)'}`);
  return nodes[0];
}

/** Writes a fixture's files (defaults included unless turned off) into a fresh temporary folder. */
export function writeFixture(source: string, options: { defaults?: boolean } = {}): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dplens-fixture-'));
  for (const [file, text] of parseFixture(source, options).files) {
    const absolute = path.join(root, file);
    fs.mkdirSync(path.dirname(absolute), { recursive: true });
    fs.writeFileSync(absolute, text);
  }
  return root;
}

/** Which rules a test judges: all of them unless `onlyRules` names some (see test/helpers/rule-scopes.ts). */
export interface RuleScope {
  onlyRules?: readonly string[];
}

function inScope(scope: RuleScope, rule: string): boolean {
  return !scope.onlyRules || scope.onlyRules.includes(rule);
}

/**
 * `assertFixture` for layouts the default root dbt_project.yml would change (monorepos): the fixture's
 * `expect:` markers must match the findings exactly, by file, line and rule (of the rules in scope,
 * when `onlyRules` is given; the returned outcome still holds every finding).
 */
export function assertMarkers(source: string, options: { defaults?: boolean } & RuleScope = {}): CheckOutcome {
  const fixture = parseFixture(source, { defaults: options.defaults });
  const outcome = checkWorkspace(fixture.files);
  const judged = outcome.findings.filter((finding) => inScope(options, finding.rule));
  const key = (finding: { file: string; line: number; rule: string }) => `${finding.file}:${finding.line + 1} ${finding.rule}`;
  const actual = judged.map((finding) => key({ file: finding.file, line: finding.range.start.line, rule: finding.rule })).sort();
  const expected = fixture.expectations.filter((expectation) => inScope(options, expectation.rule)).map(key).sort();
  assert.deepEqual(actual, expected, `findings differ from the fixture's expectations:\n${judged.map((finding) => `  ${finding.file}:${finding.range.start.line + 1} ${finding.rule} ${finding.message}`).join('\n')}`);
  return outcome;
}

/**
 * Drives a WorkspaceIndex the way the language server does: after each edit, file rules run again only
 * for the files the UpdateResult names, and project rules only when the graph changed. `findings()` is
 * what a user would then see, so comparing it with `fullFindings()` (a fresh build of the same files)
 * proves that `affected` names every file whose findings can change.
 */
export class IncrementalSession {
  readonly files: Map<string, string>;
  readonly outcome: CheckOutcome;
  private readonly rules: EffectiveRule[];
  private readonly fileFindings = new Map<string, Finding[]>();
  private projectFindings: Finding[];

  constructor(source: string) {
    this.files = new Map(parseFixture(source).files);
    this.outcome = checkWorkspace(this.files);
    this.rules = effectiveRules(RULES, this.outcome.config).rules;
    for (const finding of runRules(this.index, this.rules, { config: this.outcome.config, fileRulesOnly: true })) this.fileFindingsOf(finding.file).push(finding);
    this.projectFindings = runRules(this.index, this.rules, { config: this.outcome.config, projectRulesOnly: true });
  }

  get index(): WorkspaceIndex {
    return this.outcome.index;
  }

  /** Writes a file (new or changed), or removes it when `text` is undefined. */
  edit(file: string, text: string | undefined): UpdateResult {
    let result: UpdateResult;
    if (text === undefined) {
      this.files.delete(file);
      result = this.index.removeFile(file);
    } else {
      this.files.set(file, text);
      result = this.index.updateFile(file, text);
    }
    const rerun = new Set([...result.affected, ...result.reanalysed, file]);
    for (const path of rerun) this.fileFindings.delete(path);
    for (const finding of runRules(this.index, this.rules, { config: this.outcome.config, files: rerun, fileRulesOnly: true })) this.fileFindingsOf(finding.file).push(finding);
    if (result.graphChanged) this.projectFindings = runRules(this.index, this.rules, { config: this.outcome.config, projectRulesOnly: true });
    return result;
  }

  /** The findings as the incremental passes left them, one line each (of the rules in scope, if given). */
  findings(scope: RuleScope = {}): string[] {
    return describeFindings([...this.fileFindings.values()].flat().concat(this.projectFindings).filter((finding) => inScope(scope, finding.rule)));
  }

  /** The findings of a fresh full check of the same files (of the rules in scope, if given). */
  fullFindings(scope: RuleScope = {}): string[] {
    return describeFindings(checkWorkspace(this.files).findings.filter((finding) => inScope(scope, finding.rule)));
  }

  private fileFindingsOf(file: string): Finding[] {
    let list = this.fileFindings.get(file);
    if (!list) this.fileFindings.set(file, (list = []));
    return list;
  }
}

function describeFindings(findings: Finding[]): string[] {
  return findings.map((finding) => `${finding.file}:${finding.range.start.line + 1}:${finding.range.start.character + 1} ${finding.rule} ${finding.message}`).sort();
}
