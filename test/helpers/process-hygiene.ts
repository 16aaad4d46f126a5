/**
 * A mocha root-hook plugin (loaded by `.mocharc.json`) that keeps a test run from outliving its tests.
 *
 * A test that forgets to stop a child process (a language server, git, the CLI) leaves a handle that keeps Node's
 * event loop alive after mocha prints its summary, and CI then waits for its timeout instead of failing fast. The
 * run exits on its own (`exit: true` in `.mocharc.json`); this hook names what was left running, so the leak is
 * seen and fixed rather than hidden, and stops left-over child processes so none survives the run.
 */

interface ActiveHandle {
  constructor?: { name?: string };
  pid?: number;
  spawnfile?: string;
  spawnargs?: string[];
  kill?: () => boolean;
}

function leftOverChildren(): ActiveHandle[] {
  const handles = (process as unknown as { _getActiveHandles(): ActiveHandle[] })._getActiveHandles();
  return handles.filter((handle) => handle.constructor?.name === 'ChildProcess' && typeof handle.pid === 'number');
}

export const mochaHooks = {
  afterAll(): void {
    const children = leftOverChildren();
    for (const child of children) {
      process.stderr.write(`test run: a child process was left running and is stopped now: pid ${child.pid}, ${(child.spawnargs ?? [child.spawnfile]).join(' ')}\n`);
      child.kill?.();
    }
  },
};
