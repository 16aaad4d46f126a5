/**
 * The whole check as one pure function over file contents: index, rules, findings.
 * The CLI, the language server, rule examples and generated docs all go through here.
 */
import { EMPTY_CONFIG, parseDplensConfig, type ConfigProblem, type DplensConfig } from './config/dplens-config';
import type { Finding, ParseCoverage } from './findings';
import { isSqlSummary } from './project/summary';
import { WorkspaceIndex, type IndexOptions } from './project/workspace-index';
import { effectiveRules, runRules, type SettingsProblem } from './rules/engine';
import { RULES } from './rules/registry';
import type { Rule } from './rules/rule';

export interface CheckOptions extends Omit<IndexOptions, 'config'> {
  /** Report findings only for these workspace-relative files. */
  files?: ReadonlySet<string>;
  /** Run only these rules. */
  only?: string[];
  /** A config to use instead of the workspace's own dplens.yml. */
  config?: { path: string; text: string };
  rules?: readonly Rule[];
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
}

/** Reads the workspace's dplens.yml (at the root) or the one given. */
export function readConfig(files: ReadonlyMap<string, string>, given?: { path: string; text: string }): { config: DplensConfig; file?: string; problems: ConfigProblem[] } {
  const source = given ?? (files.has('dplens.yml') ? { path: 'dplens.yml', text: files.get('dplens.yml')! } : undefined);
  if (!source) return { config: EMPTY_CONFIG, problems: [] };
  const parsed = parseDplensConfig(source.text);
  return { config: parsed.config, file: source.path, problems: parsed.problems };
}

export function checkWorkspace(files: ReadonlyMap<string, string>, options: CheckOptions = {}): CheckOutcome {
  const configRead = readConfig(files, options.config);
  const config = configRead.config;
  const index = WorkspaceIndex.build(files, { ...options, config });
  const rules = options.rules ?? RULES;
  const effective = effectiveRules(rules, config, options.only);
  const findings = runRules(index, effective.rules, { config, files: options.files });
  return {
    index,
    findings,
    config,
    configProblems: configRead.problems.length > 0 ? [{ file: configRead.file ?? 'dplens.yml', problems: configRead.problems }] : [],
    settingsProblems: effective.problems,
    rules,
    filesAnalysed: countAnalysedFiles(index, options.files),
    parseCoverage: parseCoverage(index, options.files),
  };
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
