/**
 * The git CLI, run without a shell, with validated arguments and safe configuration.
 * Used for the base ref of `--changed`, the editor's "Review Changes Against Base", and the contract rules' base:
 * the files that differ there, read in one `git cat-file --batch`.
 */
import { execFileSync } from 'node:child_process';
import type { BaseInput, BaseProblem, BaseSnapshot } from '../core/contract/base';

export class GitError extends Error {}

const SAFE_CONFIG = ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '-c', 'protocol.allow=never', '-c', 'diff.external='];

function git(cwd: string, args: string[]): string {
  try {
    return execFileSync('git', [...SAFE_CONFIG, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new GitError(stderr || (error as Error).message);
  }
}

/** A ref given by the user: refused when it could be read as an option or holds odd characters. */
export function validateRef(ref: string): void {
  if (ref.startsWith('-') || !/^[A-Za-z0-9._\/@{}~^-]+$/.test(ref)) throw new GitError(`\`${ref}\` is not a valid git ref`);
}

/** The base for comparisons: the given ref, else the merge-base with origin/HEAD, origin/main, main, master. */
export function resolveBase(cwd: string, ref?: string): string {
  if (ref) {
    validateRef(ref);
    return git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).trim();
  }
  for (const candidate of ['origin/HEAD', 'origin/main', 'main', 'master']) {
    try {
      return git(cwd, ['merge-base', 'HEAD', candidate]).trim();
    } catch {
      // Try the next candidate.
    }
  }
  return git(cwd, ['rev-parse', 'HEAD']).trim();
}

/** Files changed between the base and the working tree (committed, staged, unstaged and untracked), relative to cwd. */
export function changedFiles(cwd: string, base: string): string[] {
  validateRef(base);
  const changed = git(cwd, ['diff', '--name-only', '--relative', base, '--']).split('\n');
  const untracked = git(cwd, ['ls-files', '--others', '--exclude-standard']).split('\n');
  return [...new Set([...changed, ...untracked].map((line) => line.trim()).filter(Boolean))];
}

/** The files the workspace reader reads: only their base versions can matter to the rules. */
const WORKSPACE_FILE = /\.(?:sql|py|ya?ml|csv|json)$/i;

/** How the contract rules' base was chosen, for messages: the ref as given, or the default that was found. */
export interface ResolvedBase {
  /** `origin/main`, or the ref the user gave. */
  ref: string;
  /** The commit compared with (for the default, the merge-base of HEAD and `ref`). */
  commit: string;
}

/** Git's answer when the executable is missing or the folder is not a repository: nothing to compare with. */
function notARepository(error: unknown): BaseProblem | undefined {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT' || /spawn(Sync)? git ENOENT|not found/i.test((error as Error).message)) {
    return { severity: 'info', reason: 'git is not installed, so contract changes against the base branch are not checked' };
  }
  if (/not a git repository/i.test((error as Error).message)) {
    return { severity: 'info', reason: 'the workspace is not in a git repository, so contract changes against a base branch are not checked' };
  }
  return undefined;
}

function revParse(cwd: string, ref: string): string | undefined {
  try {
    return git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The base of the contract rules: the given ref, else the merge-base of HEAD with origin/HEAD, origin/main, main or
 * master, else HEAD itself (uncommitted changes only). A ref that exists but has no merge-base with HEAD (a
 * shallow clone in CI) is a problem to report, never a reason to fall back silently: that would hide every change.
 */
export function resolveContractBase(cwd: string, ref?: string): ResolvedBase | BaseProblem {
  try {
    git(cwd, ['rev-parse', '--git-dir']);
  } catch (error) {
    const problem = notARepository(error);
    if (problem) return problem;
    return { severity: 'warning', reason: `git failed: ${(error as Error).message}` };
  }
  const shallowFix = 'In CI, fetch the history: actions/checkout with `fetch-depth: 0`, or `git fetch --unshallow origin main`.';
  if (ref !== undefined) {
    try {
      validateRef(ref);
    } catch (error) {
      return { severity: 'warning', reason: `${(error as Error).message}, so contract changes are not checked` };
    }
    const commit = revParse(cwd, ref);
    if (!commit) return { severity: 'warning', reason: `the base \`${ref}\` cannot be resolved in this repository, so contract changes are not checked. Fetch it (\`git fetch origin ${ref.replace(/^origin\//, '')}\`) or name another base. ${shallowFix}` };
    return { ref, commit };
  }
  for (const candidate of ['origin/HEAD', 'origin/main', 'main', 'master']) {
    if (!revParse(cwd, candidate)) continue;
    try {
      return { ref: candidate, commit: git(cwd, ['merge-base', 'HEAD', candidate]).trim() };
    } catch {
      return { severity: 'warning', reason: `HEAD has no common history with \`${candidate}\` here (a shallow clone?), so contract changes against it are not checked. ${shallowFix}` };
    }
  }
  const head = revParse(cwd, 'HEAD');
  if (!head) return { severity: 'info', reason: 'the repository has no commit yet, so there is no base to compare contracts with' };
  return { ref: 'HEAD', commit: head };
}

/**
 * The workspace files that differ between the base commit and the working tree (committed, staged, unstaged and
 * untracked), each with its text at the base or undefined when it did not exist there. Paths are relative to `root`.
 * One `git cat-file --batch` reads every base version, however many files changed.
 */
export function readBaseSnapshot(root: string, base: ResolvedBase): BaseSnapshot {
  validateRef(base.commit);
  const changed = new Map<string, string | undefined>();
  const atBase: string[] = [];
  const listed = git(root, ['diff', '--no-renames', '--name-status', '-z', '--relative', base.commit, '--']).split('\0');
  for (let i = 0; i + 1 < listed.length; i += 2) {
    const status = listed[i];
    const file = listed[i + 1];
    if (!WORKSPACE_FILE.test(file)) continue;
    if (status.startsWith('A')) changed.set(file, undefined);
    else atBase.push(file);
  }
  for (const file of git(root, ['ls-files', '--others', '--exclude-standard', '-z']).split('\0')) {
    if (file && WORKSPACE_FILE.test(file) && !changed.has(file)) changed.set(file, undefined);
  }
  if (atBase.length > 0) {
    const prefix = git(root, ['rev-parse', '--show-prefix']).trim();
    const texts = catFiles(root, atBase.map((file) => `${base.commit}:${prefix}${file}`));
    atBase.forEach((file, i) => changed.set(file, texts[i]));
  }
  return { ref: base.ref, commit: base.commit.slice(0, 12), changed };
}

/** The contents of objects named `<commit>:<path>`, undefined for a missing one, in one git process. */
function catFiles(cwd: string, names: string[]): (string | undefined)[] {
  let output: Buffer;
  try {
    output = execFileSync('git', [...SAFE_CONFIG, 'cat-file', '--batch'], { cwd, input: names.join('\n') + '\n', stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 1024 * 1024 * 1024 });
  } catch (error) {
    throw new GitError((error as { stderr?: Buffer }).stderr?.toString().trim() || (error as Error).message);
  }
  const texts: (string | undefined)[] = [];
  let at = 0;
  for (let i = 0; i < names.length; i++) {
    const headerEnd = output.indexOf(10, at);
    if (headerEnd < 0) break;
    const header = output.toString('utf8', at, headerEnd);
    at = headerEnd + 1;
    const match = /^\S+ (\w+) (\d+)$/.exec(header);
    if (!match) {
      // `<name> missing` (or ambiguous): the file did not exist at the base.
      texts.push(undefined);
      continue;
    }
    const size = Number(match[2]);
    texts.push(match[1] === 'blob' ? output.toString('utf8', at, at + size) : undefined);
    at += size + 1;
  }
  return texts;
}

/** The base input of a check: the snapshot of the resolved base, or why there is none. */
export function contractBaseInput(root: string, ref?: string): BaseInput {
  const resolved = resolveContractBase(root, ref);
  if ('reason' in resolved) return { problem: resolved };
  try {
    return { snapshot: readBaseSnapshot(root, resolved) };
  } catch (error) {
    return { problem: { severity: 'warning', reason: `the files of the base \`${resolved.ref}\` could not be read (${(error as Error).message}), so contract changes are not checked` } };
  }
}
