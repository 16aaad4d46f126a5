/**
 * `dplens check`: read the workspace, run the core, filter, report, and choose the exit code.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkWorkspace, type CheckOutcome, type RuleFailure } from '../core/check';
import { fullParseCoverage } from '../core/full-parse-coverage';
import { eventHistoryRequest } from '../core/events/history-request';
import { loadPolyglotParser } from '../core/sql/full-parser';
import { LineIndex } from '../core/text';
import type { Finding } from '../core/findings';
import { ruleDocsPath } from '../core/findings';
import type { Rule } from '../core/rules/rule';
import { distinctRuleFailures, ISSUES_URL } from '../core/rules/rule-failure';
import { changedFiles, contractBaseInput, GitError, resolveBase } from '../io/git';
import { containsProject, findEnclosingProject, ignoredPaths, readExternalProfiles, readPipelineEnvironment, readWorkspace, toWorkspacePath } from '../io/workspace-reader';
import type { CheckArgs } from './args';
import { applyBaseline, writeBaseline } from './baseline';
import { reportChunks, type CheckReport, type ReporterEnvironment } from './reporters';
import { ProgressIndicator, supportsColor } from './terminal';
import { TOOL_VERSION } from './version';

/** An error the user can act on: printed as one line, exit code 2. */
export class CliError extends Error {}

/**
 * The exit code when a rule failed (a defect of Data Platform Lens): every other rule's findings are reported, but
 * the check is incomplete, so it wins over the findings' exit code.
 */
export const EXIT_RULE_FAILED = 3;

export interface Scope {
  /** The absolute folder indexed. */
  root: string;
  /** The absolute folder report paths are relative to. */
  reportBase: string;
  /** The root as shown in reports. */
  shownRoot: string;
  /** When paths name files or sub-folders: the index-relative files to report on. */
  filter?: (indexPath: string) => boolean;
}

/** Works out what to index and what to report on from the PATH arguments. */
export function resolveScope(paths: string[], cwd: string): Scope {
  const absolutes = paths.map((given) => path.resolve(cwd, given));
  for (const [i, absolute] of absolutes.entries()) {
    if (!fs.existsSync(absolute)) throw new CliError(`${paths[i]}: no such file or folder`);
  }
  const first = absolutes[0];
  const firstIsDir = fs.statSync(first).isDirectory();
  // A folder that holds projects is a workspace; otherwise index the project that encloses the paths.
  let root: string;
  if (absolutes.length === 1 && firstIsDir && containsProject(first)) root = first;
  else {
    const enclosing = absolutes.map((absolute) => findEnclosingProject(fs.statSync(absolute).isDirectory() ? absolute : path.dirname(absolute)));
    root = enclosing[0] ?? (firstIsDir ? first : path.dirname(first));
    for (const other of enclosing.slice(1)) if (other && !other.startsWith(root)) root = commonAncestor(root, other);
  }
  const whole = absolutes.length === 1 && absolutes[0] === root;
  const reportBase = absolutes.length === 1 && firstIsDir ? first : cwd;
  return {
    root,
    reportBase,
    shownRoot: absolutes.length === 1 && firstIsDir ? paths[0] : '.',
    filter: whole
      ? undefined
      : (indexPath) => {
          const absolute = path.join(root, indexPath);
          return absolutes.some((given) => absolute === given || absolute.startsWith(given + path.sep));
        },
  };
}

function commonAncestor(a: string, b: string): string {
  const partsA = a.split(path.sep);
  const partsB = b.split(path.sep);
  let i = 0;
  while (i < partsA.length && i < partsB.length && partsA[i] === partsB[i]) i++;
  return partsA.slice(0, i).join(path.sep) || path.sep;
}

export interface CheckRun {
  /** The whole report as one string (tests, small reports). */
  readonly output: string;
  /** The report in pieces, for writing a large one without holding it in memory at once. */
  chunks(): Iterable<string>;
  exitCode: number;
  /** Lines for standard error: configuration problems, baseline notes, rules that failed. */
  notes: string[];
}

export interface CheckEnvironment {
  stderr?: NodeJS.WriteStream;
  stdout?: NodeJS.WriteStream;
  /** The rules to run instead of the registry's (an embedding tool's own rules). */
  rules?: readonly Rule[];
}

export async function runCheck(args: CheckArgs, cwd: string, environment: CheckEnvironment = {}): Promise<CheckRun> {
  const { stderr = process.stderr, stdout = process.stdout } = environment;
  const scope = resolveScope(args.paths, cwd);
  const progress = new ProgressIndicator(stderr);
  const notes: string[] = [];
  const outcome = await analyseWorkspace(args, cwd, scope, progress, notes, environment.rules);
  let findings = outcome.findings;
  if (args.quiet) findings = findings.filter((finding) => finding.severity === 'error');
  // Thousands of findings share a few thousand files: each path is converted once.
  const reportPaths = new Map<string, string>();
  let report: CheckReport = {
    version: 1,
    toolVersion: TOOL_VERSION,
    root: scope.shownRoot,
    files: outcome.filesAnalysed,
    findings: findings.map((finding) => relocate(finding, scope, reportPaths)),
    parseCoverage: outcome.parseCoverage,
    rules: outcome.rules
      .filter((rule) => args.rules.length === 0 || args.rules.includes(rule.id))
      .map((rule) => ({ id: rule.id, severity: rule.severity, description: rule.description, equivalents: rule.equivalents, fixable: rule.fix !== 'none', docs: ruleDocsPath(rule.id) })),
  };
  const env = reporterEnvironment(scope, args.output ? false : supportsColor(stdout, process.env));
  if (args.baseline) {
    let text: string;
    try {
      text = fs.readFileSync(path.resolve(cwd, args.baseline), 'utf8');
    } catch (error) {
      throw new CliError(`--baseline ${args.baseline}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file (create it with --write-baseline)' : (error as Error).message}`);
    }
    const applied = applyBaseline(report, text, env);
    for (const problem of applied.problems) notes.push(`warning: ${args.baseline}: ${problem}`);
    if (applied.hidden > 0) notes.push(`${applied.hidden} finding${applied.hidden === 1 ? '' : 's'} hidden by the baseline ${args.baseline}.`);
    if (applied.stale > 0) notes.push(`${applied.stale} baseline entr${applied.stale === 1 ? 'y no longer matches' : 'ies no longer match'} anything: refresh it with --write-baseline ${args.baseline}.`);
    report = applied.report;
  }
  if (args.writeBaseline) {
    fs.writeFileSync(path.resolve(cwd, args.writeBaseline), writeBaseline(report, env));
    notes.push(`Recorded ${report.findings.length} finding${report.findings.length === 1 ? '' : 's'} in ${args.writeBaseline}.`);
  }
  const toReport = (indexPath: string) => toWorkspacePath(scope.reportBase, path.join(scope.root, indexPath));
  notes.push(...ruleFailureNotes(outcome.ruleFailures, toReport, Boolean(process.env.DPLENS_DEBUG)));
  const finalReport = report;
  const chunks = () => reportChunks(args.format, finalReport, env);
  return {
    get output() {
      return [...chunks()].join('');
    },
    chunks,
    exitCode: outcome.ruleFailures.length > 0 ? EXIT_RULE_FAILED : exitCodeFor(report.findings, args.maxWarnings),
    notes,
  };
}

/**
 * One note per distinct rule failure (a rule and its message), naming the first file it failed on and how many
 * more: a defect that hits every file is printed once. The stack follows with `DPLENS_DEBUG` set, as for any
 * internal error.
 */
export function ruleFailureNotes(failures: readonly RuleFailure[], toReport: (indexPath: string) => string, withStacks: boolean): string[] {
  return distinctRuleFailures(failures).map(({ failure, files }) => {
    const where =
      files.length === 0 ? 'while checking the whole project' : `on ${toReport(files[0])}${files.length > 1 ? ` and ${files.length - 1} other file${files.length > 2 ? 's' : ''}` : ''}`;
    const note = `dplens: internal error: the rule ${failure.rule} failed ${where} (${failure.message}) and was skipped there; the other rules still ran, and their findings are reported. Please report it with the command you ran: ${ISSUES_URL}`;
    return withStacks ? `${note}\n${failure.stack}` : note;
  });
}

/**
 * Reads and checks the workspace, and returns only what the report needs: the index and the files' texts (about
 * 350 MB at 20,000 models) become garbage before the report is built, so formatting it reuses their memory
 * instead of growing the process.
 */
async function analyseWorkspace(
  args: CheckArgs,
  cwd: string,
  scope: Scope,
  progress: ProgressIndicator,
  notes: string[],
  rules: readonly Rule[] | undefined,
): Promise<Pick<CheckOutcome, 'findings' | 'filesAnalysed' | 'parseCoverage' | 'rules' | 'ruleFailures'>> {
  progress.update('Reading the workspace');
  const configFile = readConfigOption(args.config, cwd);
  // `ignore:` in dplens.yml skips paths during discovery, so it must be known before the workspace is read.
  const workspace = readWorkspace(scope.root, { ignore: ignoredPaths(configFile, scope.root) });
  for (const problem of workspace.problems) notes.push(`warning: could not read ${problem.path}: ${problem.message}`);
  let files: Set<string> | undefined;
  if (scope.filter) files = new Set([...workspace.files.keys()].filter(scope.filter));
  if (args.changed) {
    try {
      const base = resolveBase(scope.root, args.base);
      const changed = new Set(changedFiles(scope.root, base));
      files = new Set([...(files ?? workspace.files.keys())].filter((file) => changed.has(file)));
    } catch (error) {
      if (error instanceof GitError) throw new CliError(`--changed needs a git repository and a base ref: ${error.message}. In CI, fetch the history (actions/checkout with fetch-depth: 0, or git fetch origin main).`);
      throw error;
    }
  }
  // Contract rules compare with the git base: `--base`, else the merge-base with the default branch.
  // The transitive compatibility modes of event schemas also need earlier committed versions of the changed schemas.
  const historyDepth = eventHistoryRequest(configFile?.text ?? workspace.files.get('dplens.yml'));
  const base = comparesWithBase(args.rules) ? contractBaseInput(scope.root, args.base, { historyDepth }) : undefined;
  progress.update(`Analysing ${workspace.files.size} files`);
  const outcome = checkWorkspace(workspace.files, {
    base,
    files,
    only: args.rules,
    config: configFile,
    targetName: args.target,
    externalProfiles: readExternalProfiles(),
    environment: readPipelineEnvironment(),
    rules,
    // A rule with a defect must not cost the user the other rules' findings: it is reported and the run fails with its own code.
    isolateRules: true,
  });
  progress.clear();
  for (const { file, problems } of outcome.configProblems) {
    const text = configFile?.text ?? workspace.files.get(file) ?? '';
    const lines = new LineIndex(text);
    const first = problems[0];
    const at = lines.positionAt(first.span.start);
    throw new CliError(`${configFile?.path ?? file}:${at.line + 1}:${at.character + 1}: ${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : ''}`);
  }
  if (outcome.settingsProblems.length > 0) {
    throw new CliError(outcome.settingsProblems.map((problem) => problem.message).join('; '));
  }
  if (args.fullParse) {
    progress.update('Parsing every model fully');
    const parser = await loadPolyglotParser();
    Object.assign(outcome.parseCoverage, fullParseCoverage(outcome.index, parser, { files }));
    progress.clear();
  }
  return { findings: outcome.findings, filesAnalysed: outcome.filesAnalysed, parseCoverage: outcome.parseCoverage, rules: outcome.rules, ruleFailures: outcome.ruleFailures };
}

/** Whether the rules asked for compare contracts with the git base: no git runs for a check that needs none. */
function comparesWithBase(rules: string[]): boolean {
  return rules.length === 0 || rules.some((rule) => rule.startsWith('contract/') || rule.startsWith('datacontract/') || rule.startsWith('event/'));
}

/** The file given with `--config`, read, or a one-line error naming it. */
export function readConfigOption(configPath: string | undefined, cwd: string): { path: string; text: string } | undefined {
  if (!configPath) return undefined;
  try {
    return { path: configPath, text: fs.readFileSync(path.resolve(cwd, configPath), 'utf8') };
  } catch (error) {
    throw new CliError(`--config ${configPath}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
}

export function exitCodeFor(findings: Finding[], maxWarnings: number | undefined): number {
  if (findings.some((finding) => finding.severity === 'error')) return 1;
  const warnings = findings.filter((finding) => finding.severity === 'warning').length;
  if (maxWarnings !== undefined && maxWarnings >= 0 && warnings > maxWarnings) return 1;
  return 0;
}

/**
 * Index paths are relative to the indexed root; reports are relative to what the user named. The findings are the
 * check's own, fresh and referenced nowhere else, so their paths are rewritten in place rather than copied.
 */
function relocate(finding: Finding, scope: Scope, reportPaths: Map<string, string>): Finding {
  const toReport = (indexPath: string) => {
    let reported = reportPaths.get(indexPath);
    if (reported === undefined) reportPaths.set(indexPath, (reported = toWorkspacePath(scope.reportBase, path.join(scope.root, indexPath))));
    return reported;
  };
  finding.file = toReport(finding.file);
  if (finding.fixes) finding.fixes = finding.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((edit) => ({ ...edit, file: toReport(edit.file) })) }));
  return finding;
}

function reporterEnvironment(scope: Scope, color: boolean): ReporterEnvironment {
  const cache = new Map<string, string[] | undefined>();
  return {
    color,
    lineText(file, line) {
      if (!cache.has(file)) {
        try {
          cache.set(file, fs.readFileSync(path.join(scope.reportBase, file), 'utf8').split(/\r?\n|\r/));
        } catch {
          cache.set(file, undefined);
        }
      }
      return cache.get(file)?.[line];
    },
  };
}
