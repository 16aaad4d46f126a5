/**
 * The git CLI, run without a shell, with validated arguments and safe configuration.
 * Used for the base ref of `--changed`, the editor's "Review Changes Against Base", and the contract rules' base:
 * the files that differ there, read in one `git cat-file --batch`.
 *
 * A repository's own `.git/config` and `.gitattributes` are read by git whatever we pass, and can name programs
 * (an fsmonitor hook, clean/smudge filters, textconv and external diff drivers) that run when git reads the
 * working tree or the index. So git is only ever asked for objects (`rev-parse`, `merge-base`, `ls-tree`,
 * `cat-file --batch`, which runs no filter or textconv), and the working tree is compared with the base in the
 * product (./working-tree.ts).
 */
import { execFileSync } from 'node:child_process';
import type { BaseInput, BaseProblem, BaseSnapshot, CommittedVersion } from '../core/contract/base';
import { compareWithBaseTree, isComparedFile, type BaseBlob } from './working-tree';

export class GitError extends Error {}

/**
 * Configuration for every call, overriding the repository's: no fsmonitor, no hooks, no external diff, no
 * transport (nothing here should fetch). The object commands used read none of these, so this is a second line
 * of defence should a working-tree command ever be added; an empty `diff.external` even makes git 2.39 refuse a
 * `git diff` ("cannot run"), which fails closed. Textconv and filter drivers cannot be turned off by
 * configuration (they are named per driver in `.gitattributes`): they are avoided by never running `diff`,
 * `show` or `cat-file --textconv/--filters`, the commands that apply them.
 */
const SAFE_CONFIG = ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '-c', 'diff.external=', '-c', 'protocol.allow=never'];

/**
 * The environment of every call: the system configuration is ignored, as nothing in it is needed. The user's
 * global configuration is kept, because `safe.directory` (needed in containers and CI, where the checkout often
 * belongs to another user) is read only from there; it is the user's own, not the repository's.
 */
function gitEnvironment(): NodeJS.ProcessEnv {
  return { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0' };
}

/**
 * Marks the end of options before a user-supplied ref (git 2.24+; git 2.39 here), so a ref can never be read as
 * an option even if `validateRef` were bypassed.
 */
const END_OF_OPTIONS = '--end-of-options';

function git(cwd: string, args: string[]): string {
  try {
    return execFileSync('git', [...SAFE_CONFIG, ...args], { cwd, encoding: 'utf8', env: gitEnvironment(), stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
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
    return git(cwd, ['rev-parse', '--verify', '--quiet', END_OF_OPTIONS, `${ref}^{commit}`]).trim();
  }
  for (const candidate of ['origin/HEAD', 'origin/main', 'main', 'master']) {
    try {
      return git(cwd, ['merge-base', END_OF_OPTIONS, 'HEAD', candidate]).trim();
    } catch {
      // Try the next candidate.
    }
  }
  return git(cwd, ['rev-parse', '--verify', END_OF_OPTIONS, 'HEAD^{commit}']).trim();
}

/**
 * The workspace files (the kinds the reader reads) that differ between the base commit and the working tree:
 * committed, staged, unstaged and untracked changes alike, deletions included, relative to cwd.
 */
export function changedFiles(cwd: string, base: string): string[] {
  return compareWithBaseTree(cwd, baseTree(cwd, base)).map((change) => change.path);
}

/**
 * The compared files of a commit's tree below cwd, keyed by their path relative to cwd, with their blob ids.
 * `ls-tree` reads objects only; `--full-tree` lists from the repository's top whatever the cwd, and the prefix of
 * cwd (`rev-parse --show-prefix`) is then cut, so paths match the workspace's. Symbolic links and submodules are
 * left out, as the workspace reader does not follow them.
 */
function baseTree(cwd: string, commit: string): Map<string, BaseBlob> {
  validateRef(commit);
  const prefix = git(cwd, ['rev-parse', '--show-prefix']).trim();
  const listed = git(cwd, ['ls-tree', '-r', '-z', '--full-tree', END_OF_OPTIONS, commit]);
  const tree = new Map<string, BaseBlob>();
  for (const entry of listed.split('\0')) {
    // `<mode> SP <type> SP <id> TAB <path>`
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, id] = entry.slice(0, tab).split(' ');
    const file = entry.slice(tab + 1);
    if (type !== 'blob' || (mode !== '100644' && mode !== '100755') || !file.startsWith(prefix)) continue;
    const relative = file.slice(prefix.length);
    if (isComparedFile(relative)) tree.set(relative, { id });
  }
  return tree;
}

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
    return git(cwd, ['rev-parse', '--verify', '--quiet', END_OF_OPTIONS, `${ref}^{commit}`]).trim() || undefined;
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
      return { ref: candidate, commit: git(cwd, ['merge-base', END_OF_OPTIONS, 'HEAD', candidate]).trim() };
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
export function readBaseSnapshot(root: string, base: ResolvedBase, options: BaseReadOptions = {}): BaseSnapshot {
  const changed = new Map<string, string | undefined>();
  const atBase: { path: string; id: string }[] = [];
  for (const change of compareWithBaseTree(root, baseTree(root, base.commit))) {
    if (change.baseId === undefined) changed.set(change.path, undefined);
    else atBase.push({ path: change.path, id: change.baseId });
  }
  if (atBase.length > 0) {
    const texts = catBlobs(root, atBase.map((file) => file.id));
    atBase.forEach((file, i) => changed.set(file.path, texts[i]));
  }
  const history = new Map<string, CommittedVersion[]>();
  for (const file of changed.keys()) {
    const depth = options.historyDepth?.(file);
    if (depth === undefined || depth <= 0 || changed.get(file) === undefined) continue;
    history.set(file, readFileHistory(root, base.commit, file, depth));
  }
  return history.size > 0 ? { ref: base.ref, commit: base.commit.slice(0, 12), changed, history } : { ref: base.ref, commit: base.commit.slice(0, 12), changed };
}

/** What else to read of the base: earlier committed versions of the files a transitive compatibility mode applies to. */
export interface BaseReadOptions {
  /** How many earlier versions of a changed file to read, or undefined for none (core/events/settings.ts historyDepthFor). */
  historyDepth?: (path: string) => number | undefined;
}

/**
 * A file's last `count` committed versions reachable from `commit`, newest first: `git rev-list` lists the commits that
 * touched it (objects only; pathspecs taken literally), and one `cat-file --batch` reads each version as
 * `<commit>:<path>`. A commit that deleted the file has no version there and is left out.
 */
export function readFileHistory(root: string, commit: string, file: string, count: number): CommittedVersion[] {
  validateRef(commit);
  if (/[\n\r]/.test(file) || !Number.isSafeInteger(count) || count <= 0) return [];
  let commits: string[];
  try {
    commits = git(root, ['--literal-pathspecs', 'rev-list', `--max-count=${count}`, END_OF_OPTIONS, commit, '--', file]).split('\n').filter((line) => /^[0-9a-f]{7,64}$/.test(line));
  } catch {
    return [];
  }
  if (commits.length === 0) return [];
  const prefix = git(root, ['rev-parse', '--show-prefix']).trim();
  const texts = catBlobs(root, commits.map((id) => `${id}:${prefix}${file}`));
  const versions: CommittedVersion[] = [];
  commits.forEach((id, i) => {
    const text = texts[i];
    if (text !== undefined) versions.push({ commit: id, text });
  });
  return versions;
}

/**
 * The contents of blobs by object id, undefined for a missing one, in one git process. `cat-file --batch` gives
 * the stored bytes: it applies no filter, textconv or end-of-line conversion (only `--filters`/`--textconv` would).
 */
function catBlobs(cwd: string, ids: string[]): (string | undefined)[] {
  let output: Buffer;
  try {
    output = execFileSync('git', [...SAFE_CONFIG, 'cat-file', '--batch'], { cwd, input: ids.join('\n') + '\n', env: gitEnvironment(), stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 1024 * 1024 * 1024 });
  } catch (error) {
    throw new GitError((error as { stderr?: Buffer }).stderr?.toString().trim() || (error as Error).message);
  }
  const texts: (string | undefined)[] = [];
  let at = 0;
  for (let i = 0; i < ids.length; i++) {
    const headerEnd = output.indexOf(10, at);
    if (headerEnd < 0) break;
    const header = output.toString('utf8', at, headerEnd);
    at = headerEnd + 1;
    const match = /^\S+ (\w+) (\d+)$/.exec(header);
    if (!match) {
      // `<id> missing`: an object absent from a partial clone; the file is then treated as new.
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
export function contractBaseInput(root: string, ref?: string, options: BaseReadOptions = {}): BaseInput {
  const resolved = resolveContractBase(root, ref);
  if ('reason' in resolved) return { problem: resolved };
  try {
    return { snapshot: readBaseSnapshot(root, resolved, options) };
  } catch (error) {
    return { problem: { severity: 'warning', reason: `the files of the base \`${resolved.ref}\` could not be read (${(error as Error).message}), so contract changes are not checked` } };
  }
}
