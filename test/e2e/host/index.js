// The extension-tests entry point (extensionTestsPath): VS Code loads it inside the extension host, with the
// extension under test loaded from its development path, and calls run(). It runs the mocha files that belong to the
// workspace the window has open, and writes a results file whose last line is `N passed, N failed`.
// Started by scripts/e2e/host-suite.mjs (code-server) or scripts/e2e/electron-suite.mjs (@vscode/test-electron).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vscode = require('vscode');

/** The workspaces of test/fixtures/e2e/ by name (a folder's name, or a `.code-workspace` file's), and their tests. */
const SUITES = {
  shop: ['project.test.js', 'commands.test.js'],
  warehouse: ['multi-root.test.js'],
  restricted: ['untrusted.test.js'],
};

function workspaceName() {
  const file = vscode.workspace.workspaceFile;
  if (file && file.scheme !== 'untitled') return path.basename(file.path, '.code-workspace');
  return vscode.workspace.workspaceFolders?.[0]?.name;
}

exports.run = async function run() {
  const name = workspaceName();
  const lines = [`workspace ${name ?? '(none)'}: ${(vscode.workspace.workspaceFolders || []).map((folder) => folder.uri.fsPath).join(', ')}`];
  const results = path.join(process.env.DPLENS_E2E_RESULTS_DIR || os.tmpdir(), `host-${name ?? 'none'}.txt`);
  const write = () => {
    fs.mkdirSync(path.dirname(results), { recursive: true });
    fs.writeFileSync(results, `${lines.join('\n')}\n`);
  };
  const files = SUITES[name];
  if (!files) {
    lines.push(`FAIL no suite for workspace ${JSON.stringify(name)}: expected one of ${Object.keys(SUITES).join(', ')}`, '0 passed, 1 failed');
    write();
    throw new Error(lines.at(-2));
  }
  // Mocha 12 is an ES module; import() loads it in every extension host, whether its Node can require() ES modules or not.
  const { default: Mocha } = await import('mocha');
  // Mocha's own timeout is a backstop; the polling helpers fail first, with a message saying what they waited for.
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 90000, reporter: 'spec' });
  if (process.env.DPLENS_E2E_GREP) mocha.grep(process.env.DPLENS_E2E_GREP);
  for (const file of files) mocha.addFile(path.join(__dirname, file));
  let runner;
  let failures;
  try {
    failures = await new Promise((resolve) => {
      runner = mocha.run(resolve);
      runner.on('pass', (test) => lines.push(`ok   ${test.fullTitle()} (${test.duration} ms)`));
      runner.on('fail', (test, error) => lines.push(`FAIL ${test.fullTitle()}: ${String(error?.message ?? error).replace(/\n+/g, ' ')}`));
    });
  } catch (error) {
    // A test file that cannot be loaded throws from mocha.run().
    lines.push(`FAIL loading ${files.join(', ')}: ${String(error?.stack ?? error).replace(/\n\s*/g, ' ').slice(0, 600)}`, '0 passed, 1 failed');
    write();
    throw error;
  }
  lines.push(`${runner.stats.passes} passed, ${failures} failed`);
  write();
  console.log(lines.join('\n'));
  if (failures > 0) throw new Error(`${failures} extension-host test${failures === 1 ? '' : 's'} failed in workspace ${name}; see ${results}`);
};
