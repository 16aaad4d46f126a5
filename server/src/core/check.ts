/**
 * The whole check as one pure function over file contents: index, rules, findings.
 * The CLI, the language server, rule examples and generated docs all go through here.
 */
import type { ConfigProblem, DplensConfig } from './config/dplens-config';
import type { Finding, ParseCoverage } from './findings';
import { isSqlSummary } from './project/summary';
import { WorkspaceIndex, type IndexOptions } from './project/workspace-index';
import { compareFindings, effectiveRules, runRules, type EffectiveRule, type RunOptions, type SettingsProblem } from './rules/engine';
import { readConfigScopes, type ConfigScopes } from './config/config-scopes';
import { RULES } from './rules/registry';
import { buildBaseState, type BaseInput } from './contract/base';
import type { Rule } from './rules/rule';
import type { RuleFailure } from './rules/rule-failure';

export type { RuleFailure };

export interface CheckOptions extends Omit<IndexOptions, 'config'> {
  /** Report findings only for these workspace-relative files. */
  files?: ReadonlySet<string>;
  /** Run only these rules. */
  only?: string[];
  /** A config to use instead of the workspace's own dplens.yml. */
  config?: { path: string; text: string };
  rules?: readonly Rule[];
  /** The git base that contract rules compare with: what the IO layer read of it, or why there is none. */
  base?: BaseInput;
  /**
   * Skip a rule that throws where it failed and return the failure in `ruleFailures`, instead of ending the check.
   * The shells set it; tests and fuzzing leave it off, so that no defect goes unnoticed.
   */
  isolateRules?: boolean;
}

export interface CheckOutcome {
  index: WorkspaceIndex;
  findings: Finding[];
  config: DplensConfig;
  /** Problems in dplens.yml (located) and in rule settings: the shells treat them as configuration errors. */
  configProblems: { file: string; problems: ConfigProblem[] }[];
  settingsProblems: SettingsProblem[];
  rules: readonly Rule[];
  filesAnalysed: number;
  parseCoverage: ParseCoverage;
  /** Rules that threw, when `isolateRules` asked for them to be skipped; their other findings are kept. */
  ruleFailures: RuleFailure[];
}

export function checkWorkspace(files: ReadonlyMap<string, string>, options: CheckOptions = {}): CheckOutcome {
  const scopes = readConfigScopes(files, options.config);
  const indexOptions: IndexOptions = { ...options, config: scopes.root, configFor: (root) => scopes.byProjectRoot.get(root) };
  const index = WorkspaceIndex.build(files, indexOptions);
  const runner = new RuleRunner(index, scopes, options.rules ?? RULES, options.only);
  // Both indexes resolve configuration alike, so a difference between them is a difference in the files.
  const base = options.base && buildBaseState(index, files, options.base, indexOptions);
  const ruleFailures: RuleFailure[] = [];
  return {
    index,
    findings: runner.run({ files: options.files, base, ruleFailures: options.isolateRules ? ruleFailures : undefined }),
    config: scopes.root,
    configProblems: scopes.problems,
    settingsProblems: runner.settingsProblems,
    rules: runner.rules,
    filesAnalysed: countAnalysedFiles(index, options.files),
    parseCoverage: parseCoverage(index, options.files),
    ruleFailures,
  };
}

/**
 * Runs the rules with the configuration that applies to each file: the workspace's dplens.yml, or a
 * project's own over it. The CLI runs it once; the language server after every edit, on the affected files.
 */
export class RuleRunner {
  readonly settingsProblems: SettingsProblem[];
  private readonly effective = new Map<DplensConfig, EffectiveRule[]>();

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly scopes: ConfigScopes,
    readonly rules: readonly Rule[],
    only?: string[],
  ) {
    const problems = new Map<string, SettingsProblem>();
    for (const config of [scopes.root, ...scopes.byProjectRoot.values()]) {
      const effective = effectiveRules(rules, config, only);
      this.effective.set(config, effective.rules);
      for (const problem of effective.problems) problems.set(problem.message, problem);
    }
    this.settingsProblems = [...problems.values()];
  }

  run(options: Omit<RunOptions, 'config'>): Finding[] {
    const findings: Finding[] = [];
    for (const { config, files } of this.groups(options.files)) {
      findings.push(...runRules(this.index, this.effective.get(config) ?? [], { ...options, config, files }));
    }
    return findings.sort(compareFindings);
  }

  /**
   * The files each configuration applies to. Without project-level dplens.yml files there is one group:
   * the root configuration over every file (or the requested ones).
   */
  private groups(only: ReadonlySet<string> | undefined): { config: DplensConfig; files?: ReadonlySet<string> }[] {
    if (this.scopes.byProjectRoot.size === 0) return [{ config: this.scopes.root, files: only }];
    const groups = new Map<DplensConfig, Set<string>>();
    for (const file of only ? [...only] : [...this.index.files()].map((summary) => summary.path)) {
      const project = this.index.projectOf(file);
      const config = (project && this.index.configOf(project)) ?? this.scopes.root;
      let group = groups.get(config);
      if (!group) groups.set(config, (group = new Set()));
      group.add(file);
    }
    return [...groups].map(([config, files]) => ({ config, files }));
  }
}

/** Files analysed: SQL, Python, YAML and JSON files the index read, not seeds and not ignored files. */
export function countAnalysedFiles(index: WorkspaceIndex, only?: ReadonlySet<string>): number {
  let count = 0;
  for (const file of index.files()) {
    if (file.kind === 'seed') continue;
    if (index.projectOf(file.path)?.isPackage) continue;
    if (only && !only.has(file.path)) continue;
    count++;
  }
  return count;
}

export function parseCoverage(index: WorkspaceIndex, only?: ReadonlySet<string>): ParseCoverage {
  const coverage: ParseCoverage = { models: 0, relations: 0, columns: 0, ast: 0, astAttempted: 0, rendered: index.macroRendering.renderedModels.size };
  for (const file of index.files()) {
    if (!isSqlSummary(file) || !file.facts || (only && !only.has(file.path))) continue;
    if (index.projectOf(file.path)?.isPackage) continue;
    coverage.models++;
    if (file.jinja.errors.length === 0 && file.facts.relationsComplete) coverage.relations++;
    if (file.jinja.errors.length === 0 && file.facts.columnsComplete && file.facts.outputColumns.length > 0) coverage.columns++;
  }
  return coverage;
}
