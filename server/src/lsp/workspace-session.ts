/**
 * One indexed workspace folder in the language server: its index, its settings and its current findings.
 * Edits go through `WorkspaceIndex.updateFile`, so only the edited file and what depends on it is re-analysed.
 */
import * as path from 'node:path';
import { readConfig } from '../core/check';
import type { DplensConfig } from '../core/config/dplens-config';
import type { Finding } from '../core/findings';
import { WorkspaceIndex } from '../core/project/workspace-index';
import { effectiveRules, runRules, type EffectiveRule } from '../core/rules/engine';
import { RULES } from '../core/rules/registry';
import { readExternalProfiles, readWorkspace, toWorkspacePath } from '../io/workspace-reader';

export class WorkspaceSession {
  readonly index: WorkspaceIndex;
  private config: DplensConfig;
  private rules: EffectiveRule[];
  /** File-scope findings per file, and project-scope findings, kept apart so each can be refreshed alone. */
  private fileFindings = new Map<string, Finding[]>();
  private projectFindings: Finding[] = [];

  constructor(readonly root: string, trusted: boolean) {
    const read = readWorkspace(root);
    const configRead = readConfig(read.files);
    this.config = configRead.config;
    this.rules = effectiveRules(RULES, this.config).rules;
    this.index = WorkspaceIndex.build(read.files, { config: this.config, externalProfiles: trusted ? readExternalProfiles() : [] });
    this.recheckAll();
  }

  relative(absolute: string): string | undefined {
    const relative = toWorkspacePath(this.root, absolute);
    return relative.startsWith('../') || path.isAbsolute(relative) ? undefined : relative;
  }

  private recheckAll(): void {
    this.fileFindings.clear();
    for (const finding of runRules(this.index, this.rules, { config: this.config, fileRulesOnly: true })) {
      const list = this.fileFindings.get(finding.file) ?? [];
      list.push(finding);
      this.fileFindings.set(finding.file, list);
    }
    this.projectFindings = runRules(this.index, this.rules, { config: this.config, projectRulesOnly: true });
  }

  /** Applies an edit and returns the files whose findings may have changed. */
  update(file: string, text: string): string[] {
    const result = this.index.updateFile(file, text);
    if (result.rebuilt) {
      const before = new Set([...this.fileFindings.keys(), ...this.projectFindings.map((finding) => finding.file)]);
      if (path.basename(file) === 'dplens.yml') {
        this.config = readConfig(new Map([['dplens.yml', text]])).config;
        this.rules = effectiveRules(RULES, this.config).rules;
      }
      this.recheckAll();
      return [...new Set([...before, ...this.fileFindings.keys(), ...this.projectFindings.map((finding) => finding.file)])];
    }
    const affected = new Set([...result.affected, ...result.reanalysed]);
    if (affected.size === 0) return [];
    for (const target of affected) this.fileFindings.delete(target);
    for (const finding of runRules(this.index, this.rules, { config: this.config, files: affected, fileRulesOnly: true })) {
      const list = this.fileFindings.get(finding.file) ?? [];
      list.push(finding);
      this.fileFindings.set(finding.file, list);
    }
    const changed = new Set(affected);
    if (result.graphChanged) {
      for (const finding of this.projectFindings) changed.add(finding.file);
      this.projectFindings = runRules(this.index, this.rules, { config: this.config, projectRulesOnly: true });
      for (const finding of this.projectFindings) changed.add(finding.file);
    }
    return [...changed];
  }

  findingsFor(file: string): Finding[] {
    return [...(this.fileFindings.get(file) ?? []), ...this.projectFindings.filter((finding) => finding.file === file)];
  }

  filesWithFindings(): string[] {
    return [...new Set([...this.fileFindings.keys(), ...this.projectFindings.map((finding) => finding.file)])];
  }
}
