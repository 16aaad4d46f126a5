/**
 * The git CLI, run without a shell, with validated arguments and safe configuration.
 * Used for the base ref of `--changed`, the editor's "Review Changes Against Base" (and, later, for contract checks against the base).
 */
import { execFileSync } from 'node:child_process';

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
