/**
 * `dplens contract diff FILE [--base REF]`: the classified changes of one data contract (ODCS, DCS) or one dbt
 * properties file against the git base, like a changelog. A data contract gets the breaking-change classifier's
 * changes and the version verdict; a properties file gets the findings of the `contract/*` rules (dbt model
 * contracts) located in it. Exit code 1 when a change is an error, 0 otherwise, 2 when there is nothing to compare.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RuleRunner } from '../core/check';
import { readConfigScopes } from '../core/config/config-scopes';
import { buildBaseState, type BaseState } from '../core/contract/base';
import {
  changeLabel,
  changeLocation,
  changeMessage,
  contractChangesAgainstBase,
  formatYamlPath,
  needsMajorBump,
  reportedSeverity,
  versionLocation,
  versionVerdictMessage,
} from '../core/datacontract/base-changes';
import type { Finding } from '../core/findings';
import type { FileSummary } from '../core/project/summary';
import { WorkspaceIndex, type IndexOptions } from '../core/project/workspace-index';
import { RULES } from '../core/rules/registry';
import { LineIndex } from '../core/text';
import { locateYamlPath, type YamlPath } from '../core/yaml/locate';
import { contractBaseInput } from '../io/git';
import { ignoredPaths, readExternalProfiles, readWorkspace, toWorkspacePath } from '../io/workspace-reader';
import type { ContractDiffArgs } from './args';
import { CliError, readConfigOption, resolveScope } from './check-command';

/** One line of the changelog. */
export interface ContractDiffChange {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  /** The classifier's kind (`field-removed`, `pattern-changed`); the rule's name for dbt findings. */
  kind: string;
  /** The changed thing in words: `orders.order_total`; absent for dbt findings, which name it in their message. */
  subject?: string;
  /** The YAML path of the changed key in head (`schema[0].properties[1]`); absent for dbt findings. */
  path?: string;
  /** One-based line in the file at head. */
  line: number;
  /** The diagnostic's full message, as the editor shows it. */
  message: string;
  /** A shorter sentence for the text changelog: what changed and why. */
  summary: string;
  before?: unknown;
  after?: unknown;
}

export interface ContractDiff {
  /** The file as the user named it, relative to the current folder. */
  file: string;
  kind: 'data-contract' | 'properties';
  base: { ref: string; commit: string };
  /** True when the file did not exist at the base: nothing it says can break. */
  isNew: boolean;
  /** The contract's version at the base and at head (data contracts only). */
  version?: { base?: string; head?: string; majorIncreased: boolean };
  changes: ContractDiffChange[];
}

/** The contract-change rules of dbt model contracts, minus the one that only explains a missing base. */
const DBT_CONTRACT_RULES = RULES.filter((rule) => rule.id.startsWith('contract/') && rule.id !== 'contract/base-unavailable');

export function runContractDiff(args: ContractDiffArgs, cwd: string): { output: string; exitCode: number } {
  const diff = contractDiff(args, cwd);
  const output = args.format === 'json' ? contractDiffJson(diff) : contractDiffText(diff);
  return { output, exitCode: diff.changes.some((change) => change.severity === 'error') ? 1 : 0 };
}

/** Reads the workspace around the file and its base, and classifies the file's changes. */
export function contractDiff(args: ContractDiffArgs, cwd: string): ContractDiff {
  const absolute = path.resolve(cwd, args.file);
  if (!fs.existsSync(absolute) || !fs.statSync(absolute).isFile()) throw new CliError(`${args.file}: no such file`);
  const scope = resolveScope([args.file], cwd);
  const relative = toWorkspacePath(scope.root, absolute);
  const configFile = readConfigOption(args.config, cwd);
  const workspace = readWorkspace(scope.root, { ignore: ignoredPaths(configFile, scope.root) });
  const scopes = readConfigScopes(workspace.files, configFile);
  if (scopes.problems.length > 0) {
    const { file, problems } = scopes.problems[0];
    throw new CliError(`${configFile?.path ?? file}: ${problems[0].message}`);
  }
  const indexOptions: IndexOptions = { config: scopes.root, configFor: (root) => scopes.byProjectRoot.get(root), targetName: args.target, externalProfiles: readExternalProfiles() };
  const index = WorkspaceIndex.build(workspace.files, indexOptions);
  const summary = index.file(relative);
  if (!summary || (summary.kind !== 'data-contract' && summary.kind !== 'properties')) {
    throw new CliError(`${args.file} is neither a data contract (ODCS, Data Contract Specification) nor a dbt properties file, so it has no contract changes to show`);
  }
  const input = contractBaseInput(scope.root, args.base);
  if ('problem' in input) throw new CliError(`no base to compare ${args.file} with: ${input.problem.reason}`);
  const base = buildBaseState(index, workspace.files, input, indexOptions);
  if (base.status !== 'available') throw new CliError(`no base to compare ${args.file} with: ${base.reason}`);
  const text = workspace.files.get(relative) ?? '';
  const shown = { file: toWorkspacePath(cwd, absolute), base: { ref: base.ref, commit: base.commit }, isNew: base.index.file(relative) === undefined };
  if (summary.kind === 'data-contract') return { ...shown, kind: 'data-contract', ...dataContractChanges(summary, base, text, args.file) };
  const findings = new RuleRunner(index, scopes, DBT_CONTRACT_RULES).run({ files: new Set([relative]), base }).filter((finding) => finding.file === relative);
  return { ...shown, kind: 'properties', changes: findings.map(findingChange) };
}

function dataContractChanges(summary: FileSummary & { kind: 'data-contract' }, base: BaseState & { status: 'available' }, text: string, shownFile: string): Pick<ContractDiff, 'changes' | 'version'> {
  if (summary.errors.length > 0) {
    throw new CliError(`${shownFile} does not load (${summary.errors[0].message}), so its changes cannot be classified; \`dplens check ${shownFile}\` shows where`);
  }
  const atBase = base.index.file(summary.path);
  if (atBase === undefined) return { changes: [] };
  const result = contractChangesAgainstBase(summary, base);
  if (!result) throw new CliError(`${shownFile} is not a data contract both at the base and at head (or does not load at the base \`${base.ref}\`), so its changes cannot be classified`);
  const lines = new LineIndex(text);
  const lineOf = (at: { yamlPath: YamlPath; target: 'key' | 'value' }) => {
    const span = locateYamlPath(text, at.yamlPath, at.target);
    return span ? lines.positionAt(span.start).line + 1 : 1;
  };
  const changes: ContractDiffChange[] = result.changes.map((change) => {
    const at = changeLocation(change);
    const entry: ContractDiffChange = {
      rule: change.rule,
      severity: reportedSeverity(change, result),
      kind: change.kind,
      subject: changeLabel(change, result),
      path: formatYamlPath(at.yamlPath),
      line: lineOf(at),
      message: changeMessage(change, result),
      summary: change.description,
    };
    if (change.before !== undefined) entry.before = change.before;
    if (change.after !== undefined) entry.after = change.after;
    return entry;
  });
  if (needsMajorBump(result)) {
    const at = versionLocation(result);
    const version = result.version.headVersion ?? '(none)';
    changes.push({
      rule: 'datacontract/version-not-bumped',
      severity: 'error',
      kind: 'version-not-bumped',
      subject: 'version',
      path: formatYamlPath(at.yamlPath),
      line: lineOf(at),
      message: versionVerdictMessage(result),
      summary: `The major version did not increase (${result.version.baseVersion ?? '(none)'} → ${version}) although ${result.breaking.length === 1 ? 'a change breaks' : `${result.breaking.length} changes break`} consumers.`,
      before: result.version.baseVersion,
      after: result.version.headVersion,
    });
  }
  changes.sort((a, b) => a.line - b.line);
  return { changes, version: { base: result.version.baseVersion, head: result.version.headVersion, majorIncreased: result.version.majorIncreased } };
}

function findingChange(finding: Finding): ContractDiffChange {
  const severity = finding.severity === 'error' || finding.severity === 'warning' ? finding.severity : 'info';
  return { rule: finding.rule, severity, kind: finding.rule.replace(/^[^/]*\//, ''), line: finding.range.start.line + 1, message: finding.message, summary: finding.message };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** The changelog as text: a heading, one line per change, and a summary line. */
export function contractDiffText(diff: ContractDiff): string {
  const against = `against ${diff.base.ref} (${diff.base.commit.slice(0, 7)})`;
  const lines = [`${diff.file} ${against}`];
  if (diff.version && (diff.version.base !== undefined || diff.version.head !== undefined)) {
    lines.push(`version ${diff.version.base ?? '(none)'} → ${diff.version.head ?? '(none)'}${diff.version.majorIncreased ? ' (major version bumped: breaking changes are acknowledged)' : ''}`);
  }
  const severityWidth = Math.max(0, ...diff.changes.map((change) => change.severity.length));
  const kindWidth = Math.max(0, ...diff.changes.map((change) => change.kind.length));
  const subjectWidth = Math.max(0, ...diff.changes.map((change) => (change.subject ?? `line ${change.line}`).length));
  for (const change of diff.changes) {
    lines.push(`${change.severity.padEnd(severityWidth)}  ${change.kind.padEnd(kindWidth)}  ${(change.subject ?? `line ${change.line}`).padEnd(subjectWidth)}  ${change.summary}`);
  }
  const errors = diff.changes.filter((change) => change.severity === 'error').length;
  const warnings = diff.changes.filter((change) => change.severity === 'warning').length;
  if (diff.isNew) lines.push(`New file since ${diff.base.ref}: nothing in it can break consumers yet.`);
  else if (diff.changes.length === 0) lines.push(`No breaking changes ${against}.`);
  else lines.push(`${plural(diff.changes.length, 'change')}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`);
  return lines.join('\n') + '\n';
}

/** The changelog as the JSON document described in README (`dplens contract diff`). */
export function contractDiffJson(diff: ContractDiff): string {
  const document: Record<string, unknown> = {
    version: 1,
    file: diff.file,
    kind: diff.kind,
    base: diff.base,
    isNew: diff.isNew,
  };
  if (diff.version) document.contractVersion = diff.version;
  document.changes = diff.changes.map((change) => ({
    rule: change.rule,
    severity: change.severity,
    kind: change.kind,
    ...(change.subject !== undefined ? { subject: change.subject } : {}),
    ...(change.path !== undefined ? { path: change.path } : {}),
    line: change.line,
    message: change.message,
    ...('before' in change ? { before: change.before } : {}),
    ...('after' in change ? { after: change.after } : {}),
  }));
  return JSON.stringify(document, null, 2) + '\n';
}
