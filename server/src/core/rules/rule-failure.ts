/**
 * A rule that threw, as plain data. The engine skips a rule where it fails and keeps every other finding; the
 * shells report the failure as a defect of Data Platform Lens, never as a finding about the user's code.
 */

/** Where users report defects: the `repository` of package.json with `/issues` (a test keeps the two in step). */
export const ISSUES_URL = 'https://github.com/data-platform-lens/data-platform-lens/issues';

export interface RuleFailure {
  /** The id of the rule that threw. */
  rule: string;
  /** The file being checked when it threw; absent for a project rule, which looks at the whole workspace. */
  file?: string;
  /** What threw: the rule's `check`, its `appliesTo` predicate, or locating a finding it reported. */
  phase: 'check' | 'appliesTo' | 'locate';
  message: string;
  /** The stack when the thrown value had one, else the message. */
  stack: string;
}

export function ruleFailure(rule: string, file: string | undefined, phase: RuleFailure['phase'], error: unknown): RuleFailure {
  const message = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error && typeof error.stack === 'string' ? error.stack : message;
  return file === undefined ? { rule, phase, message, stack } : { rule, file, phase, message, stack };
}

/**
 * Failures grouped by rule and message, in order of first appearance: one defect that hits every file is one
 * entry with its files, so a report names it once.
 */
export function distinctRuleFailures(failures: readonly RuleFailure[]): { failure: RuleFailure; files: string[] }[] {
  const groups = new Map<string, { failure: RuleFailure; files: Set<string> }>();
  for (const failure of failures) {
    const key = `${failure.rule}\u0000${failure.message}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { failure, files: new Set() }));
    if (failure.file !== undefined) group.files.add(failure.file);
  }
  return [...groups.values()].map(({ failure, files }) => ({ failure, files: [...files] }));
}
