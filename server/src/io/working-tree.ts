/**
 * Compares the workspace's files on disk with a commit's tree by git blob id, computed here rather than by git.
 * Any git command that reads the working tree or the index (`git diff <commit>`, `git status`, `ls-files`) can
 * run what the repository's own configuration names: an fsmonitor hook, clean filters, textconv drivers. So git
 * is only asked for objects (the tree's paths and blob ids), and the working tree is read by this module.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BUILTIN_IGNORED_DIRECTORIES } from '../core/project/layout';
import { mayBeEventSchema } from '../core/events/detect';

/**
 * A file of the base tree, as `git ls-tree` gives it. Sizes (`ls-tree -l`) are not asked for: git must open every
 * blob to give them (70 ms for 5,000 loose objects), and they would only spare hashing the files that changed.
 */
export interface BaseBlob {
  /** The blob's object id (40 hex digits, or 64 in a SHA-256 repository). */
  id: string;
}

/** A workspace file that differs from the base tree; `baseId` is the blob at the base, absent for an added file. */
export interface WorkingTreeChange {
  path: string;
  status: 'added' | 'modified' | 'deleted';
  baseId?: string;
}

/**
 * The file kinds the workspace reader lists (server/src/io/workspace-reader.ts, INTERESTING_EXTENSIONS): only
 * their base versions can matter to the rules, so no other file is hashed. Event schemas (`*.avsc`, `*.schema.json`)
 * are compared too (core/events/detect.ts).
 */
const COMPARED_EXTENSIONS = new Set(['.sql', '.py', '.yml', '.yaml', '.csv']);

/**
 * Whether a path relative to the workspace root is one the comparison covers: a file kind the reader reads,
 * outside the folders the reader never enters (node_modules, target, dbt_packages…). The base tree is filtered
 * with the same test, or a committed `target/` would look deleted.
 */
export function isComparedFile(relative: string): boolean {
  if (!COMPARED_EXTENSIONS.has(path.posix.extname(relative).toLowerCase()) && !mayBeEventSchema(relative)) return false;
  const folders = relative.split('/').slice(0, -1);
  return !folders.some((folder) => BUILTIN_IGNORED_DIRECTORIES.includes(folder));
}

/** Git's id of a blob with these bytes: the hash of `blob <byte length>\0` followed by the bytes. */
export function gitBlobId(bytes: Buffer, algorithm: 'sha1' | 'sha256' = 'sha1'): string {
  return createHash(algorithm).update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/**
 * The compared files under `root`, relative to it with `/` separators. Like the workspace reader, symbolic links
 * are not followed and the built-in ignored folders are skipped; a nested repository (a folder holding its own
 * `.git`, such as a submodule) is skipped too, as git's own comparison would only name the submodule.
 */
export function listComparedFiles(root: string): string[] {
  const files: string[] = [];
  walk(root, '', files);
  return files;
}

function walk(absoluteDir: string, relativeDir: string, into: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(absoluteDir, { withFileTypes: true });
  } catch {
    return;
  }
  if (relativeDir !== '' && entries.some((entry) => entry.name === '.git')) return;
  for (const entry of entries) {
    const relative = relativeDir === '' ? entry.name : `${relativeDir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!BUILTIN_IGNORED_DIRECTORIES.includes(entry.name)) walk(path.join(absoluteDir, entry.name), relative, into);
    } else if (entry.isFile() && (COMPARED_EXTENSIONS.has(path.extname(entry.name).toLowerCase()) || mayBeEventSchema(entry.name))) {
      into.push(relative);
    }
  }
}

/**
 * Whether the bytes on disk are the base blob. A file whose line endings git converts on checkout
 * (`core.autocrlf`, `eol=crlf`) is also compared with its CRLF turned into LF, as git stores it, so a Windows
 * checkout does not show every file as changed.
 */
function sameAsBase(bytes: Buffer, base: BaseBlob, algorithm: 'sha1' | 'sha256'): boolean {
  if (gitBlobId(bytes, algorithm) === base.id) return true;
  if (!bytes.includes('\r\n')) return false;
  const normalized = Buffer.from(bytes.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
  return gitBlobId(normalized, algorithm) === base.id;
}

/**
 * The compared files that differ between `baseTree` (paths relative to `root`, already filtered with
 * `isComparedFile`) and the files on disk: equal blob ids mean unchanged, a base file missing on disk is
 * deleted, a file on disk missing at the base is added (untracked ones included, as the reader reads them).
 */
export function compareWithBaseTree(root: string, baseTree: ReadonlyMap<string, BaseBlob>): WorkingTreeChange[] {
  const changes: WorkingTreeChange[] = [];
  const onDisk = listComparedFiles(root);
  const seen = new Set<string>();
  for (const file of onDisk) {
    seen.add(file);
    const base = baseTree.get(file);
    if (!base) {
      changes.push({ path: file, status: 'added' });
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(path.join(root, file));
    } catch {
      // Deleted or unreadable since it was listed: it is not the base version, so it counts as changed.
      changes.push({ path: file, status: 'modified', baseId: base.id });
      continue;
    }
    if (!sameAsBase(bytes, base, base.id.length === 64 ? 'sha256' : 'sha1')) changes.push({ path: file, status: 'modified', baseId: base.id });
  }
  for (const [file, base] of baseTree) {
    if (!seen.has(file)) changes.push({ path: file, status: 'deleted', baseId: base.id });
  }
  return changes;
}
