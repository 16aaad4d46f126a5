// The results of the extension-host suite: test/e2e/host/index.js writes one file per workspace, and the runners
// (host-suite.mjs in code-server, electron-suite.mjs in VS Code from @vscode/test-electron) add their own checks and
// write one report whose last line is `N passed, N failed`.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * One workspace's result lines (`ok   ...` / `FAIL ...`), from its results file, the exit code the extension host
 * reported (`'timeout'` when none came) and the runner's own checks (`{ ok, title, reason }`).
 */
export function readWorkspaceResults(file, exitCode, checks = []) {
  const lines = existsSync(file) ? readFileSync(file, 'utf8').trimEnd().split('\n') : [];
  const tests = lines.filter((line) => /^(ok {3}|FAIL )/.test(line));
  for (const check of checks) tests.push(check.ok ? `ok   ${check.title}` : `FAIL ${check.title}: ${check.reason}`);
  if (lines.length === 0 && exitCode !== 'timeout') tests.push(`FAIL [runner] the suite writes ${file}: it did not (exit code ${exitCode})`);
  if (exitCode !== 0 && exitCode !== 'timeout' && !tests.some((line) => line.startsWith('FAIL '))) tests.push(`FAIL [runner] the suite exits with 0: it exited with ${exitCode}`);
  return {
    header: lines.find((line) => line.startsWith('workspace ')) ?? '',
    tests,
    passed: tests.filter((line) => line.startsWith('ok ')).length,
    failed: tests.filter((line) => line.startsWith('FAIL ')).length,
  };
}

/** Collects sections and writes the report; `finish` returns whether everything passed. */
export class Report {
  constructor(file, title) {
    this.file = file;
    this.lines = [title];
    this.passed = 0;
    this.failed = 0;
  }

  add(name, trusted, duration, result) {
    this.lines.push('', `== ${name} (${trusted ? 'trusted' : 'untrusted'}) in ${duration}: ${result.header}`, ...result.tests);
    this.passed += result.passed;
    this.failed += result.failed;
  }

  fail(reason) {
    this.lines.push('', `FAIL [runner] ${reason}`);
    this.failed += 1;
  }

  finish(total) {
    this.lines.push('', `total ${total}`, `${this.passed} passed, ${this.failed} failed`);
    writeFileSync(this.file, `${this.lines.join('\n')}\n`);
    return this.failed === 0 && this.passed > 0;
  }

  toString() {
    return this.lines.join('\n');
  }
}
