/**
 * Runs rules over the index and turns what they report into located findings, applying
 * `dplens.yml` severities and options, path filters and inline suppressions.
 */
import picomatch from 'picomatch';
import type { BaseState } from '../contract/base';
import type { DplensConfig } from '../config/dplens-config';
import { SEVERITY_ORDER, type Finding, type Severity, type SeveritySetting } from '../findings';
import type { ProjectIndex } from '../project/index-types';
import type { FileSummary } from '../project/summary';
import type { Suppression } from '../project/suppressions';
import { isExcludedFromEvaluation } from '../standards/exclusions';
import { LineIndex, type Range, type Span } from '../text';
import { locateYamlPath, type YamlPath } from '../yaml';
import type { ReportedFinding, Rule, RuleOptionValues } from './rule';
import { ruleFailure, type RuleFailure } from './rule-failure';
import { closestName } from './suggest';

export interface EffectiveRule {
  rule: Rule;
  severity: Severity;
  options: RuleOptionValues;
}

export interface SettingsProblem {
  message: string;
  /** The rule whose settings are wrong, when the problem is about one rule. */
  rule?: string;
  /** The option key at fault, for locating it in dplens.yml. */
  option?: string;
}

/**
 * The rules that run, with severities and options from the config.
 * Problems (unknown rule ids, unknown or mistyped options) are returned for the shells to report.
 */
export function effectiveRules(rules: readonly Rule[], config: DplensConfig, only?: string[]): { rules: EffectiveRule[]; problems: SettingsProblem[] } {
  const problems: SettingsProblem[] = [];
  const known = new Map(rules.map((rule) => [rule.id, rule]));
  for (const id of Object.keys(config.rules)) {
    if (!known.has(id)) problems.push({ rule: id, message: `dplens.yml configures \`${id}\`, which is not a rule; \`dplens rules\` lists them.${suggest(id, [...known.keys()])}` });
  }
  for (const id of only ?? []) {
    if (!known.has(id)) problems.push({ rule: id, message: `--rule ${id} names no rule; \`dplens rules\` lists them.${suggest(id, [...known.keys()])}` });
  }
  const result: EffectiveRule[] = [];
  for (const rule of rules) {
    const setting = config.rules[rule.id];
    const named = only !== undefined && only.includes(rule.id);
    // A rule off by default runs only when the config gives it a severity, or `--rule` asks for it by name.
    const severity: SeveritySetting = setting?.severity ?? (rule.enabledByDefault === false && !named ? 'off' : rule.severity);
    if (only && only.length > 0 && !named) continue;
    if (severity === 'off') continue;
    const options: RuleOptionValues = {};
    for (const [key, option] of Object.entries(rule.options ?? {})) options[key] = option.default;
    for (const [key, value] of Object.entries(setting?.options ?? {})) {
      const option = rule.options?.[key];
      if (!option) {
        const names = Object.keys(rule.options ?? {});
        problems.push({ rule: rule.id, option: key, message: `${rule.id} has no option \`${key}\`; ${names.length > 0 ? `its options are ${names.join(', ')}` : 'it takes no options'}.` });
        continue;
      }
      const ok =
        option.type === 'string[]' ? Array.isArray(value) && value.every((item) => typeof item === 'string') : typeof value === option.type;
      if (!ok) {
        problems.push({ rule: rule.id, option: key, message: `Option \`${key}\` of ${rule.id} must be a ${option.type}.` });
        continue;
      }
      options[key] = value as RuleOptionValues[string];
    }
    result.push({ rule, severity, options });
  }
  return { rules: result, problems };
}

function suggest(id: string, candidates: string[]): string {
  // A rule named without its family, or a part of its name, is matched first; a typo falls back to edit distance.
  const close = candidates.find((candidate) => candidate.endsWith('/' + id.split('/').pop()) || candidate.includes(id)) ?? closestName(id, candidates);
  return close ? ` Did you mean \`${close}\`?` : '';
}

export interface RunOptions {
  config: DplensConfig;
  /** Report findings only for these files (all files of root projects when absent). */
  files?: ReadonlySet<string>;
  /** Run only file-scope rules (the language server's per-edit pass). */
  fileRulesOnly?: boolean;
  /** Run only project-scope rules. */
  projectRulesOnly?: boolean;
  /** The git base, for the rules that compare with it. */
  base?: BaseState;
  /**
   * Where rules that throw are recorded. When given, a rule is skipped only where it failed (one file, or its
   * project pass), and its other findings and every other rule's are kept; when absent, the exception
   * propagates, so that tests and fuzzing see every defect.
   */
  ruleFailures?: RuleFailure[];
}

const SUPPRESSION_RULES = ['suppression/unused', 'suppression/malformed'];
const EVALUATOR_EQUIVALENT = 'dbt-project-evaluator:';

/** Runs the effective rules and returns located, suppressed, sorted findings. */
export function runRules(index: ProjectIndex, rules: EffectiveRule[], options: RunOptions): Finding[] {
  const reportable = reportableFilter(index, options);
  const located = new Locator(index);
  // Reported findings by file: locating, suppressing and sorting then go file by file, and a large project's
  // thousands of findings are never sorted as one list of long, similar paths.
  const raw = new Map<string, { rule: EffectiveRule; finding: ReportedFinding }[]>();
  const locate = (file: string, span: Span) => located.range({ file, span });
  // The files the file rules look at, listed once for all of them, and the files each `appliesTo` predicate keeps:
  // rules of a family share one (nineteen data contract rules ask `isDataContractFile`), so it runs once a pass.
  let checkedFiles: FileSummary[] | undefined;
  const appliedFiles = new Map<(file: FileSummary) => boolean, AppliedFiles>();
  const failures = options.ruleFailures;
  for (const effective of rules) {
    const { rule } = effective;
    // A rule that mirrors a dbt-project-evaluator check honours the evaluator's `exclude_paths_from_project`.
    const mirrorsEvaluator = rule.equivalents?.some((equivalent) => equivalent.startsWith(EVALUATOR_EQUIVALENT)) ?? false;
    const report = (finding: ReportedFinding) => {
      if (!reportable(finding.file)) return;
      if (mirrorsEvaluator && isExcludedFromEvaluation(index, finding.file)) return;
      const list = raw.get(finding.file);
      if (list) list.push({ rule: effective, finding });
      else raw.set(finding.file, [{ rule: effective, finding }]);
    };
    if (rule.scope === 'file') {
      if (options.projectRulesOnly) continue;
      checkedFiles ??= [...filesToCheck(index, options.files)].filter((candidate) => reportable(candidate.path));
      let applied = appliedFiles.get(rule.appliesTo);
      if (!applied) appliedFiles.set(rule.appliesTo, (applied = filesApplied(rule.appliesTo, checkedFiles, failures !== undefined)));
      // A predicate that threw is recorded for every rule that shares it: none of them looked at those files.
      for (const failed of applied.failures) failures!.push(ruleFailure(rule.id, failed.file, 'appliesTo', failed.error));
      for (const file of applied.files) {
        try {
          rule.check({ index, file, options: effective.options, report, locate, base: options.base });
        } catch (error) {
          if (!failures) throw error;
          failures.push(ruleFailure(rule.id, file.path, 'check', error));
        }
      }
    } else if (!options.fileRulesOnly) {
      try {
        rule.check({ index, options: effective.options, report, locate, base: options.base });
      } catch (error) {
        if (!failures) throw error;
        failures.push(ruleFailure(rule.id, undefined, 'check', error));
      }
    }
  }
  const byFile = new Map<string, Finding[]>();
  const used = new Set<Suppression>();
  for (const [file, reported] of raw) {
    const summary = index.file(file);
    const kept: Finding[] = [];
    for (const { rule, finding } of reported) {
      let range: Range;
      try {
        range = located.range(finding);
      } catch (error) {
        // A location no position can be found for (a YAML path the rule made up) loses that finding only.
        if (!failures) throw error;
        failures.push(ruleFailure(rule.rule.id, file, 'locate', error));
        continue;
      }
      const suppression = findSuppression(summary, rule.rule.id, range);
      if (suppression) {
        used.add(suppression);
        continue;
      }
      // A finding's own severity (an adapter's verdict, a milder case of the rule) applies unless the user set the rule's.
      const severity = finding.severity !== undefined && rule.severity === rule.rule.severity ? finding.severity : rule.severity;
      kept.push({ rule: rule.rule.id, severity, file, range, message: finding.message, fixes: finding.fixes });
    }
    if (kept.length > 0) byFile.set(file, kept);
  }
  if (!options.projectRulesOnly) {
    for (const finding of suppressionFindings(index, rules, used, reportable, located, options.files)) {
      const list = byFile.get(finding.file);
      if (list) list.push(finding);
      else byFile.set(finding.file, [finding]);
    }
  }
  const findings: Finding[] = [];
  for (const file of [...byFile.keys()].sort(compareText)) {
    // A value under a YAML anchor is reached once per alias that reuses it, and a rule reports it at the anchor each
    // time (67 copies of one finding on spellbook): the same finding at the same place is reported once.
    const seen = new Set<string>();
    for (const finding of byFile.get(file)!.sort(compareFindings)) {
      const { start, end } = finding.range;
      const key = `${finding.rule}\u0000${start.line}:${start.character}-${end.line}:${end.character}\u0000${finding.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push(finding);
    }
  }
  return findings;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareText(a.file, b.file) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    compareText(a.rule, b.rule)
  );
}

/** The files a shared `appliesTo` predicate keeps, and those it threw on when failures are recorded. */
interface AppliedFiles {
  files: FileSummary[];
  failures: { file: string; error: unknown }[];
}

function filesApplied(appliesTo: (file: FileSummary) => boolean, files: FileSummary[], recordFailures: boolean): AppliedFiles {
  const applied: AppliedFiles = { files: [], failures: [] };
  for (const file of files) {
    try {
      if (appliesTo(file)) applied.files.push(file);
    } catch (error) {
      if (!recordFailures) throw error;
      applied.failures.push({ file: file.path, error });
    }
  }
  return applied;
}

/** Findings are reported for files of root projects (never installed packages), within include/exclude. */
function reportableFilter(index: ProjectIndex, options: RunOptions): (file: string) => boolean {
  const include = globMatcher(options.config.include);
  const exclude = globMatcher(options.config.exclude);
  const cache = new Map<string, boolean>();
  return (file) => {
    let verdict = cache.get(file);
    if (verdict !== undefined) return verdict;
    const project = index.projectOf(file);
    verdict = !(project?.isPackage ?? false) && (!options.files || options.files.has(file)) && (!include || include(file)) && !(exclude && exclude(file));
    cache.set(file, verdict);
    return verdict;
  };
}

/** A matcher for a list of globs, or undefined when there is none; picomatch throws on an empty pattern, so those are dropped. */
function globMatcher(globs: string[]): ((file: string) => boolean) | undefined {
  const patterns = globs.filter((glob) => glob.length > 0);
  return patterns.length > 0 ? picomatch(patterns, { dot: true }) : undefined;
}

/** The files a pass looks at: the requested ones when given (an edit), so a pass costs what it checks. */
function* filesToCheck(index: ProjectIndex, only: ReadonlySet<string> | undefined): Iterable<FileSummary> {
  if (!only) {
    yield* index.files();
    return;
  }
  for (const path of only) {
    const file = index.file(path);
    if (file) yield file;
  }
}

function findSuppression(file: FileSummary | undefined, ruleId: string, range: Range): Suppression | undefined {
  if (!file || file.suppressions.length === 0) return undefined;
  return file.suppressions.find(
    (suppression) => !suppression.problem && suppression.rules.includes(ruleId) && (suppression.scope === 'file' || suppression.line === range.start.line),
  );
}

function suppressionFindings(
  index: ProjectIndex,
  rules: EffectiveRule[],
  used: Set<Suppression>,
  reportable: (file: string) => boolean,
  located: Locator,
  only: ReadonlySet<string> | undefined,
): Finding[] {
  const ran = new Set(rules.map((rule) => rule.rule.id));
  const unused = rules.find((rule) => rule.rule.id === SUPPRESSION_RULES[0]);
  const malformed = rules.find((rule) => rule.rule.id === SUPPRESSION_RULES[1]);
  const findings: Finding[] = [];
  for (const file of filesToCheck(index, only)) {
    if (file.suppressions.length === 0 || !reportable(file.path)) continue;
    for (const suppression of file.suppressions) {
      const range = located.range({ file: file.path, span: suppression.span });
      const selfSuppressed = (id: string) => findSuppression(file, id, range);
      if (suppression.problem) {
        if (malformed && !selfSuppressed(malformed.rule.id)) {
          findings.push({
            rule: malformed.rule.id,
            severity: malformed.severity,
            file: file.path,
            range,
            message: `This suppression ${suppression.problem}: it suppresses nothing. Write \`dplens-disable-next-line <rule-id>: <reason>\`, for example \`-- dplens-disable-next-line dag/unknown-ref: generated by an external macro\`.`,
          });
        }
        continue;
      }
      if (!unused || used.has(suppression)) continue;
      // A suppression can only be judged unused when every rule it names ran.
      if (!suppression.rules.every((id) => ran.has(id))) continue;
      if (selfSuppressed(unused.rule.id)) continue;
      findings.push({
        rule: unused.rule.id,
        severity: unused.severity,
        file: file.path,
        range,
        message: `This suppression of ${suppression.rules.join(', ')} matches no finding ${suppression.scope === 'file' ? 'in this file' : 'on the next line'}: stale suppressions hide future problems. Remove it.`,
      });
    }
  }
  return findings;
}

/** What locating needs of one version of a file's text: its line index, and the YAML paths already located in it. */
interface LocatedYaml {
  text: string;
  lines?: LineIndex;
  /** Created on the first YAML path located in the file: most files with findings are SQL files, which need none. */
  spans?: Map<string, Span>;
}

/**
 * Line indexes and located YAML paths per index, kept across passes. A project pass after an edit reports mostly
 * the same findings in unchanged files (thousands at 5,000 models): remembering each file's line index and the
 * few YAML spans asked for, keyed by the text they were found in, keeps that pass from rescanning those files.
 */
const locatedYamlByIndex = new WeakMap<ProjectIndex, Map<string, LocatedYaml>>();

/** Turns offsets and YAML paths into ranges, building each file's line index once per text. */
export class Locator {
  private readonly locatedYaml: Map<string, LocatedYaml>;

  constructor(private readonly index: ProjectIndex) {
    let located = locatedYamlByIndex.get(index);
    if (!located) locatedYamlByIndex.set(index, (located = new Map()));
    this.locatedYaml = located;
  }

  lines(file: string): LineIndex {
    const located = this.locatedOf(file);
    return (located.lines ??= new LineIndex(located.text));
  }

  /** The cache entry of a file's current text, replaced when the text changed. */
  private locatedOf(file: string): LocatedYaml {
    const text = this.index.text(file) ?? '';
    let located = this.locatedYaml.get(file);
    if (!located || located.text !== text) this.locatedYaml.set(file, (located = { text }));
    return located;
  }

  range(location: ReportedFinding | { file: string; span: Span }): Range {
    let span: Span;
    if ('span' in location) span = location.span;
    else span = this.yamlSpan(location.file, location.yamlPath, location.target ?? 'key');
    // An end between the CR and LF of a CRLF (a parser's one-character span over a line break) would be one character
    // past the line's end, which LSP cannot address (found by fuzzing); it is moved back to the end of the line.
    const text = this.locatedOf(location.file).text;
    const inCrlf = (offset: number) => offset > 0 && text.charCodeAt(offset - 1) === 13 && text.charCodeAt(offset) === 10;
    if (inCrlf(span.start) || inCrlf(span.end)) span = { start: inCrlf(span.start) ? span.start - 1 : span.start, end: inCrlf(span.end) ? span.end - 1 : span.end };
    return this.lines(location.file).rangeOf(span);
  }

  private yamlSpan(file: string, path: YamlPath, target: 'key' | 'value'): Span {
    const located = this.locatedOf(file);
    const text = located.text;
    const key = `${target}\u0000${path.join('\u0000')}`;
    const spans = (located.spans ??= new Map());
    let span = spans.get(key);
    if (!span) spans.set(key, (span = locateYamlPath(text, path, target) ?? { start: 0, end: 0 }));
    return span;
  }
}

/** Code-unit order: stable across machines and locales, unlike localeCompare, and much faster. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
