/**
 * One indexed workspace folder in the language server: its index, its settings and its current findings.
 * Edits go through `WorkspaceIndex.updateFile`, so only the edited file and what depends on it is re-analysed.
 */
import * as path from 'node:path';
import { RuleRunner } from '../core/check';
import { readConfigScopes } from '../core/config/config-scopes';
import type { RuleFailure } from '../core/check';
import type { Finding } from '../core/findings';
import { buildBaseState, noteEdit, type BaseInput, type BaseState } from '../core/contract/base';
import { WorkspaceIndex, type IndexOptions, type UpdateResult } from '../core/project/workspace-index';
import type { SummaryStore } from '../core/project/summary-store';
import { RULES } from '../core/rules/registry';
import type { Rule } from '../core/rules/rule';
import { readExternalProfiles, readPipelineEnvironment, readWorkspace, toWorkspacePath } from '../io/workspace-reader';

export class WorkspaceSession {
  private current: WorkspaceIndex;
  private runner: RuleRunner;
  /** File-scope findings per file, and project-scope findings, kept apart so each can be refreshed alone. */
  private fileFindings = new Map<string, Finding[]>();
  /** Project-rule findings by file: with every standards rule on, a large project has thousands, and each file's publication asks for its own. */
  private projectFindings = new Map<string, Finding[]>();
  private revision = 0;
  /**
   * Set when an edit changed the graph since the project rules last ran. They run off the keystroke path
   * (`settle`, which the scheduler calls after a pause): the edited file's diagnostics never wait for a
   * whole-project pass, which costs 100–300 ms at 5,000 models with every standards rule on.
   */
  private projectPassPending = false;
  /**
   * The workspace at the git base, for the contract rules: set once git has answered (after the first
   * diagnostics), and again when the base setting changes. Absent in an untrusted workspace, where git never runs.
   */
  private base?: BaseState;
  private baseInput?: BaseInput;
  /** The files as read from disk when the index was built: the base shares their summaries where they are the same. */
  private diskFiles: ReadonlyMap<string, string>;
  /** The files that differ from the base on disk, as git said; `base.changed` adds the ones edited since. */
  private changedOnDisk: ReadonlySet<string> = new Set();
  private indexOptions!: IndexOptions;
  /**
   * Rules that threw since the last publication: each is skipped where it failed, so the other rules' findings
   * stand, and the server reports the failures (`takeRuleFailures`) when it publishes.
   */
  private readonly ruleFailures: RuleFailure[] = [];

  constructor(
    readonly root: string,
    private readonly trusted: boolean,
    /** Summaries kept from the last session on this folder, when the client gave the server a storage folder. */
    private readonly summaryStore?: SummaryStore,
    private readonly rules: readonly Rule[] = RULES,
  ) {
    const read = readWorkspace(root, { stayInside: !trusted });
    this.diskFiles = read.files;
    ({ index: this.current, runner: this.runner } = this.build(read.files));
    this.recheckAll();
  }

  /**
   * Sets the git base the contract rules compare with (what the IO layer read, or why there is none) and runs
   * the project rules again; returns the files whose findings may have changed.
   */
  setBase(input: BaseInput | undefined): string[] {
    this.baseInput = input;
    this.base = input && buildBaseState(this.current, this.diskFiles, input, this.indexOptions, true);
    this.changedOnDisk = new Set(this.base?.status === 'available' ? this.base.changed : []);
    this.noteOpenEdits();
    // Data contracts and event schemas are compared with the base by file rules: those files are checked again,
    // and the project rules (dbt model contracts) run once more.
    const contracts = new Set([...this.current.files()].filter((file) => file.kind === 'data-contract' || file.kind === 'event-schema').map((file) => file.path));
    for (const file of contracts) this.fileFindings.delete(file);
    if (contracts.size > 0) for (const finding of this.runner.run({ files: contracts, fileRulesOnly: true, base: this.base, ruleFailures: this.ruleFailures })) this.addFileFinding(finding);
    this.projectPassPending = true;
    return [...new Set([...contracts, ...this.settle()])];
  }

  /** The git base as the rules see it, for features that compare with it too (the hover of an Avro field). */
  get baseState(): BaseState | undefined {
    return this.base;
  }

  /** How the base was resolved, for the log. */
  get baseDescription(): string {
    if (!this.base) return 'no base';
    return this.base.status === 'available' ? `base ${this.base.ref} (${this.base.commit}), ${this.base.changed.size} files differ` : `no base: ${this.base.reason}`;
  }

  private build(files: ReadonlyMap<string, string>): { index: WorkspaceIndex; runner: RuleRunner } {
    const scopes = readConfigScopes(files);
    this.indexOptions = {
      config: scopes.root,
      configFor: (projectRoot) => scopes.byProjectRoot.get(projectRoot),
      externalProfiles: this.trusted ? readExternalProfiles() : [],
      environment: this.trusted ? readPipelineEnvironment() : undefined,
    };
    const index = WorkspaceIndex.build(files, { ...this.indexOptions, summaryStore: this.summaryStore });
    return { index, runner: new RuleRunner(index, scopes, this.rules) };
  }

  /**
   * Counts the edits that changed the graph (or rebuilt the index), so features that show graph facts in files
   * other than the edited one, such as code lenses, know when to ask the client to refresh them.
   */
  get graphRevision(): number {
    return this.revision;
  }

  /** The current index, for navigation; it is replaced when dplens.yml changes, so do not keep it. */
  get index(): WorkspaceIndex {
    return this.current;
  }

  relative(absolute: string): string | undefined {
    const relative = toWorkspacePath(this.root, absolute);
    return relative.startsWith('../') || path.isAbsolute(relative) ? undefined : relative;
  }

  private recheckAll(): void {
    this.projectPassPending = false;
    this.fileFindings.clear();
    for (const finding of this.runner.run({ fileRulesOnly: true, base: this.base, ruleFailures: this.ruleFailures })) this.addFileFinding(finding);
    this.projectFindings = byFile(this.runner.run({ projectRulesOnly: true, base: this.base, ruleFailures: this.ruleFailures }));
  }

  private addFileFinding(finding: Finding): void {
    const list = this.fileFindings.get(finding.file) ?? [];
    list.push(finding);
    this.fileFindings.set(finding.file, list);
  }

  /** Applies an edit and returns the files whose findings may have changed. */
  update(file: string, text: string): string[] {
    const before = new Set(this.filesWithFindings());
    if (path.posix.basename(file) === 'dplens.yml') {
      // Settings changed: rebuild with the new configuration (rare, and the user expects a full re-check).
      const files = readWorkspace(this.root, { stayInside: !this.trusted }).files;
      this.diskFiles = new Map(files);
      files.set(file, text);
      ({ index: this.current, runner: this.runner } = this.build(files));
      // The base index follows the new configuration, so that only the files differ between the two.
      if (this.baseInput) {
        this.base = buildBaseState(this.current, this.diskFiles, this.baseInput, this.indexOptions, true);
        this.changedOnDisk = new Set(this.base.status === 'available' ? this.base.changed : []);
        this.noteOpenEdits();
      }
      this.recheckAll();
      this.revision++;
      return [...new Set([...before, ...this.filesWithFindings()])];
    }
    const result = this.current.updateFile(file, text);
    noteEdit(this.base, file, text, this.changedOnDisk);
    return this.apply(result, before);
  }

  /** Files whose text in the index (edited in the editor) already differs from the base when the base is read. */
  private noteOpenEdits(): void {
    if (this.base?.status !== 'available') return;
    for (const [path, text] of this.diskFiles) if (this.current.text(path) !== text) noteEdit(this.base, path, this.current.text(path), this.changedOnDisk);
  }

  /** A file deleted on disk: its nodes leave the graph, and files that named them are checked again. */
  remove(file: string): string[] {
    const before = new Set(this.filesWithFindings());
    const changed = this.apply(this.current.removeFile(file), before);
    noteEdit(this.base, file, undefined, this.changedOnDisk);
    // The deleted file itself keeps no findings; its diagnostics must be cleared.
    this.fileFindings.delete(file);
    return [...new Set([...changed, file])];
  }

  /** Re-runs the rules an index update calls for; returns the files whose findings may have changed. */
  private apply(result: UpdateResult, before: Set<string>): string[] {
    if (result.rebuilt) {
      this.recheckAll();
      this.revision++;
      return [...new Set([...before, ...this.filesWithFindings()])];
    }
    const affected = new Set([...result.affected, ...result.reanalysed]);
    if (affected.size === 0 && !result.graphChanged) return [];
    for (const target of affected) this.fileFindings.delete(target);
    if (affected.size > 0) for (const finding of this.runner.run({ files: affected, fileRulesOnly: true, base: this.base, ruleFailures: this.ruleFailures })) this.addFileFinding(finding);
    if (result.graphChanged) {
      this.revision++;
      this.projectPassPending = true;
    }
    // Contract changes are found by comparing the whole base with the head, a project pass: an edit of a column's
    // type changes no graph edge, but it must be compared once typing pauses.
    if (this.base?.status === 'available' && affected.size > 0) this.projectPassPending = true;
    return [...affected];
  }

  /** Whether project rules are due to run again (an edit changed the graph since they last ran). */
  get projectPassDue(): boolean {
    return this.projectPassPending;
  }

  /** Runs the project rules if they are due; returns the files whose findings may have changed. */
  settle(): string[] {
    if (!this.projectPassPending) return [];
    this.projectPassPending = false;
    const changed = new Set(this.projectFindings.keys());
    this.projectFindings = byFile(this.runner.run({ projectRulesOnly: true, base: this.base, ruleFailures: this.ruleFailures }));
    for (const file of this.projectFindings.keys()) changed.add(file);
    return [...changed];
  }

  /** Whether rules threw since the failures were last taken. */
  get ruleFailuresPending(): boolean {
    return this.ruleFailures.length > 0;
  }

  /** The rules that threw since the last call, for the server to report. */
  takeRuleFailures(): RuleFailure[] {
    return this.ruleFailures.splice(0);
  }

  findingsFor(file: string): Finding[] {
    return [...(this.fileFindings.get(file) ?? []), ...(this.projectFindings.get(file) ?? [])];
  }

  filesWithFindings(): string[] {
    return [...new Set([...this.fileFindings.keys(), ...this.projectFindings.keys()])];
  }
}

function byFile(findings: Finding[]): Map<string, Finding[]> {
  const grouped = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = grouped.get(finding.file);
    if (list) list.push(finding);
    else grouped.set(finding.file, [finding]);
  }
  return grouped;
}
