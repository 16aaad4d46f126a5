/**
 * The shape of a rule: one file holds its metadata, docs, examples and check,
 * in the manner of ruff's rule modules, Biome's `declare_lint_rule!` and ESLint's `meta` + `create`.
 */
import type { Fix, Severity } from '../findings';
import type { Range, Span } from '../text';
import type { ProjectIndex } from '../project/index-types';
import type { FileSummary } from '../project/summary';
import type { YamlPath } from '../yaml';
import type { BaseState } from '../contract/base';

/** Where a finding points: offsets into a file, or a YAML path resolved to a position lazily. */
export type FindingLocation =
  | { file: string; span: Span }
  | { file: string; yamlPath: YamlPath; target?: 'key' | 'value' };

export type ReportedFinding = FindingLocation & {
  message: string;
  fixes?: Fix[];
  /** Overrides the configured severity, for rules whose verdict depends on the adapter. */
  severity?: Severity;
};

/** One option of a rule: a strict schema with a default, so unknown keys are rejected. */
export interface RuleOption {
  type: 'number' | 'string' | 'boolean' | 'string[]';
  default: number | string | boolean | string[];
  description: string;
}

export type RuleOptionValues = Record<string, number | string | boolean | string[]>;

interface RuleContextBase {
  readonly index: ProjectIndex;
  readonly options: RuleOptionValues;
  /**
   * The workspace at the git base, for rules that compare with it (contract changes); absent when the check was
   * asked for no base (tests without `@base` sections, a core used without git).
   */
  readonly base?: BaseState;
  report(finding: ReportedFinding): void;
  /** Converts offsets in a file to a range, for the edits of a fix. */
  locate(file: string, span: Span): Range;
}

/** A file rule looks at one file's summary (and may consult the index); it reruns when that file changes. */
export interface FileRuleContext extends RuleContextBase {
  readonly file: FileSummary;
}

/** A project rule looks at the whole graph; it reruns when the graph changes. */
export type ProjectRuleContext = RuleContextBase;

interface RuleMetadata {
  /** `family/kebab-name`, naming the flagged pattern. */
  id: string;
  severity: Severity;
  /** One sentence: what it flags. */
  description: string;
  docs: {
    /** Why it matters, in a few sentences of Markdown. */
    why: string;
    /** What to do instead, in a sentence or two. */
    fix?: string;
    references?: string[];
  };
  /**
   * Multi-file fixtures (see test/helpers/fixture.ts): each `invalid` example must produce
   * exactly one finding of this rule, marked inline with `expect: <rule id>`; each `valid` none.
   */
  examples: { invalid: string[]; valid: string[] };
  /** The same check in other tools, as `tool:rule`. */
  equivalents: string[];
  options?: Record<string, RuleOption>;
  fix: 'safe' | 'unsafe' | 'none';
  /**
   * False for a rule that runs only when `dplens.yml` sets a severity for it (or `--rule` names it):
   * a stricter convention a team opts into. `severity` is then the severity it reports with once enabled.
   * Absent means true.
   */
  enabledByDefault?: boolean;
}

export interface FileRule extends RuleMetadata {
  scope: 'file';
  /** Which files this rule looks at. */
  appliesTo: (file: FileSummary) => boolean;
  check(ctx: FileRuleContext): void;
}

export interface ProjectRule extends RuleMetadata {
  scope: 'project';
  check(ctx: ProjectRuleContext): void;
}

export type Rule = FileRule | ProjectRule;

/** Identity helper that keeps each rule module's literal typed. */
export function defineRule<T extends Rule>(rule: T): T {
  return rule;
}
