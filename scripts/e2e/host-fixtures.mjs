// The workspaces the extension-host suite (test/e2e/host/) runs in, copied from test/fixtures/e2e/ so that nothing
// the editor, the tests or the extension write lands in the repository. Shared by the code-server runner
// (scripts/e2e/host-suite.mjs) and the @vscode/test-electron runner (scripts/e2e/electron-suite.mjs).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.mjs';

export const HOST_FIXTURES = join(REPO_ROOT, 'test/fixtures/e2e');
/** The mocha entry point the extension host loads; it picks the test files by the workspace's name. */
export const HOST_TESTS = join(REPO_ROOT, 'test/e2e/host/index.js');

/**
 * Each workspace: its name (which test/e2e/host/index.js maps to test files), the folder or `.code-workspace` file
 * to open, and whether the folder is trusted.
 */
export const HOST_WORKSPACES = [
  { name: 'shop', fixture: 'shop', open: '.', trusted: true, git: true },
  { name: 'warehouse', fixture: 'warehouse', open: 'warehouse.code-workspace', trusted: true },
  { name: 'restricted', fixture: 'restricted', open: '.', trusted: false },
];

/** Copies every fixture under `root` (emptied first) and returns the workspaces with the paths to open. */
export function prepareHostWorkspaces(root) {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  return HOST_WORKSPACES.map((workspace) => {
    const folder = join(root, workspace.fixture);
    cpSync(join(HOST_FIXTURES, workspace.fixture), folder, { recursive: true });
    if (workspace.git) createBranch(folder);
    const path = join(folder, workspace.open);
    return { ...workspace, path, kind: path.endsWith('.code-workspace') ? 'workspace' : 'folder' };
  });
}

/**
 * Makes the folder a git repository of its own (it would otherwise belong to the repository around .e2e/): `main`
 * holds the fixture, and the checked-out branch `feature` adds one model with a misspelt ref, which "Review Changes
 * Against Base" must report.
 */
function createBranch(folder) {
  const git = (...args) =>
    execFileSync('git', ['-c', 'user.name=Data Platform Lens e2e', '-c', 'user.email=e2e@example.invalid', '-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=/dev/null', ...args], {
      cwd: folder,
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    });
  git('init', '--quiet', '--initial-branch=main');
  git('add', '.');
  git('commit', '--quiet', '-m', 'base');
  git('checkout', '--quiet', '-b', 'feature');
  writeFileSync(join(folder, 'models/marts/new_customers.sql'), "select customer_id\nfrom {{ ref('stg_custmers') }}\n");
  git('add', '.');
  git('commit', '--quiet', '-m', 'feature: new_customers');
}
