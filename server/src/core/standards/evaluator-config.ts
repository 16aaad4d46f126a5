/**
 * The conventions the standards rules check, with dbt-project-evaluator's defaults, overridden by the evaluator's
 * own variables when a project already sets them in dbt_project.yml (`vars:` at the top level or under
 * `dbt_project_evaluator:`), so that a team switching tools keeps its configuration.
 * See https://dbt-labs.github.io/dbt-project-evaluator/latest/customization/overriding-variables/.
 */
import type { DbtProject } from '../project/index-types';
import type { RuleOptionValues } from '../rules/rule';
import { unsafeRegexReason } from '../pattern-safety';
import type { YamlPath } from '../yaml';

/** A model type of the evaluator, with how a model is recognised as one. */
export interface ModelTypeConvention {
  type: string;
  /** Folder name that marks the type (`staging`), matched against any folder of the model's path. */
  folder: string;
  /** Name prefixes that mark the type (`stg_`). */
  prefixes: string[];
}

export interface Standards {
  /** In the evaluator's order: base, staging, intermediate, marts, other. */
  modelTypes: ModelTypeConvention[];
  modelsFanoutThreshold: number;
  tooManyJoinsThreshold: number;
  chainedViewsThreshold: number;
  /** Percentages. */
  documentationCoverageTarget: number;
  testCoverageTarget: number;
  /** Test macros that count as a primary-key test on their own, as `package.macro` or `macro`. */
  primaryKeyTestMacros: string[][];
  /**
   * `exclude_paths_from_project`: regular expressions searched, case-insensitively, in a resource's
   * `original_file_path:fqn[-2].fqn[-1]` (the evaluator's own matching); a matching resource is left out of every check.
   */
  excludePaths: RegExp[];
  /** Patterns of `exclude_paths_from_project` refused because they could backtrack catastrophically, and where each is written. */
  refusedExcludePaths: RefusedPattern[];
}

/** A regular expression from dbt_project.yml that is not run, with why and where it is written. */
export interface RefusedPattern {
  pattern: string;
  reason: string;
  /** Its place in dbt_project.yml: `vars` → (`dbt_project_evaluator` →) `exclude_paths_from_project` (→ its index). */
  yamlPath: YamlPath;
}

export const EVALUATOR_DEFAULTS: Standards = {
  modelTypes: [
    { type: 'base', folder: 'base', prefixes: ['base_'] },
    { type: 'staging', folder: 'staging', prefixes: ['stg_'] },
    { type: 'intermediate', folder: 'intermediate', prefixes: ['int_'] },
    { type: 'marts', folder: 'marts', prefixes: ['fct_', 'dim_'] },
    { type: 'other', folder: 'other', prefixes: ['rpt_'] },
  ],
  modelsFanoutThreshold: 3,
  tooManyJoinsThreshold: 7,
  // The evaluator sets 5, or 4 on Athena, Trino and ClickHouse, by target type; dag/chained-views applies the adapter's value.
  chainedViewsThreshold: 5,
  documentationCoverageTarget: 100,
  testCoverageTarget: 100,
  primaryKeyTestMacros: [['dbt.test_unique', 'dbt.test_not_null'], ['dbt_utils.test_unique_combination_of_columns']],
  excludePaths: [],
  refusedExcludePaths: [],
};

/** The evaluator's variables of a project: top-level `vars`, overridden by those scoped to the evaluator package. */
export function evaluatorVars(project: DbtProject | undefined): Record<string, unknown> {
  const vars = (project?.parsed.vars ?? {}) as Record<string, unknown>;
  const scoped = vars.dbt_project_evaluator;
  return { ...vars, ...(scoped && typeof scoped === 'object' && !Array.isArray(scoped) ? (scoped as Record<string, unknown>) : {}) };
}

const memo = new WeakMap<DbtProject, Standards>();

/** The conventions in force for a project; the defaults for files outside any project. */
export function standardsOf(project: DbtProject | undefined): Standards {
  if (!project) return EVALUATOR_DEFAULTS;
  let standards = memo.get(project);
  if (!standards) memo.set(project, (standards = readStandards(evaluatorVars(project), excludePathsPath(project))));
  return standards;
}

/** Where `exclude_paths_from_project` is written: scoped to the evaluator package when set there, as that wins. */
function excludePathsPath(project: DbtProject): YamlPath {
  const scoped = (project.parsed.vars as Record<string, unknown> | undefined)?.dbt_project_evaluator;
  const inScope = scoped !== null && typeof scoped === 'object' && !Array.isArray(scoped) && 'exclude_paths_from_project' in scoped;
  return inScope ? ['vars', 'dbt_project_evaluator', 'exclude_paths_from_project'] : ['vars', 'exclude_paths_from_project'];
}

function readStandards(vars: Record<string, unknown>, excludePathsAt: YamlPath): Standards {
  const excludePatterns = excludePatternsOf(vars.exclude_paths_from_project, excludePathsAt);
  const typeNames = stringList(vars.model_types) ?? EVALUATOR_DEFAULTS.modelTypes.map((entry) => entry.type);
  const modelTypes = typeNames.map((type) => {
    const fallback = EVALUATOR_DEFAULTS.modelTypes.find((entry) => entry.type === type);
    return {
      type,
      folder: typeof vars[`${type}_folder_name`] === 'string' ? (vars[`${type}_folder_name`] as string) : (fallback?.folder ?? type),
      prefixes: stringList(vars[`${type}_prefixes`]) ?? fallback?.prefixes ?? [],
    };
  });
  return {
    modelTypes,
    modelsFanoutThreshold: numberOr(vars.models_fanout_threshold, EVALUATOR_DEFAULTS.modelsFanoutThreshold),
    tooManyJoinsThreshold: numberOr(vars.too_many_joins_threshold, EVALUATOR_DEFAULTS.tooManyJoinsThreshold),
    chainedViewsThreshold: numberOr(vars.chained_views_threshold, EVALUATOR_DEFAULTS.chainedViewsThreshold),
    documentationCoverageTarget: numberOr(vars.documentation_coverage_target, EVALUATOR_DEFAULTS.documentationCoverageTarget),
    testCoverageTarget: numberOr(vars.test_coverage_target, EVALUATOR_DEFAULTS.testCoverageTarget),
    primaryKeyTestMacros: macroGroups(vars.primary_key_test_macros) ?? EVALUATOR_DEFAULTS.primaryKeyTestMacros,
    excludePaths: excludePatterns.accepted,
    refusedExcludePaths: excludePatterns.refused,
  };
}

/**
 * Compiles `exclude_paths_from_project`. A pattern that could backtrack catastrophically is refused before it
 * runs (see pattern-safety.ts): it is searched in every resource's path, and one such pattern in a repository
 * would hang the check. An invalid one is dropped too: dbt would fail on it when the evaluator runs.
 */
function excludePatternsOf(value: unknown, at: YamlPath): { accepted: RegExp[]; refused: RefusedPattern[] } {
  const accepted: RegExp[] = [];
  const refused: RefusedPattern[] = [];
  const patterns = stringList(value) ?? [];
  patterns.forEach((pattern, position) => {
    const reason = unsafeRegexReason(pattern);
    if (reason) {
      refused.push({ pattern, reason, yamlPath: typeof value === 'string' ? at : [...at, position] });
      return;
    }
    try {
      accepted.push(new RegExp(pattern, 'i'));
    } catch {
      // Excludes nothing, as the evaluator would exclude nothing before failing.
    }
  });
  return { accepted, refused };
}

/**
 * A threshold for a rule: the dplens.yml option when it differs from the rule's default (an explicit setting),
 * else the evaluator variable the project sets, else the rule's default.
 */
export function thresholdOf(options: RuleOptionValues, option: string, ruleDefault: number, evaluatorValue: number): number {
  const configured = options[option];
  if (typeof configured === 'number' && configured !== ruleDefault) return configured;
  return evaluatorValue;
}

function stringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : undefined;
}

function numberOr(value: unknown, fallback: number): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return fallback;
}

/** `[["dbt.test_unique", "dbt.test_not_null"], ["dbt_utils.test_unique_combination_of_columns"]]`. */
function macroGroups(value: unknown): string[][] | undefined {
  if (!Array.isArray(value)) return undefined;
  const groups = value.map((group) => stringList(group));
  return groups.every((group): group is string[] => group !== undefined) ? groups : undefined;
}
