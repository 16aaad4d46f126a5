// A small sequential test runner for UI tests. The checks of one suite share one workbench, and each one starts
// from where the previous left it (a file open, a panel shown), so they run in order, stop at nothing, and say
// why they failed. A failed check saves a screenshot of the whole window. The results file ends with the line
// `N passed, N failed`, which CI reads.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class Suite {
  /**
   * Results go to `<outputDir>/<fileName>.txt` and failure screenshots to `<outputDir>/<fileName>-failure-N.png`.
   * Only this suite's files of an earlier run are removed: other suites write to the same folder.
   */
  constructor(name, outputDir, fileName) {
    this.name = name;
    this.outputDir = outputDir;
    this.fileName = fileName;
    this.results = [];
    this.started = Date.now();
    this.page = undefined;
    mkdirSync(outputDir, { recursive: true });
    for (const file of readdirSync(outputDir)) {
      if (file === `${fileName}.txt` || (file.startsWith(`${fileName}-failure-`) && file.endsWith('.png'))) rmSync(join(outputDir, file), { force: true });
    }
  }

  log(...parts) {
    console.log(`[${((Date.now() - this.started) / 1000).toFixed(1)}s]`, ...parts);
  }

  /** Runs one check; a thrown error fails it. `requires` names earlier checks that must have passed. */
  async check(title, body, { requires = [] } = {}) {
    const started = Date.now();
    const missing = requires.filter((name) => !this.results.some((result) => result.title === name && result.ok));
    if (missing.length > 0) {
      this.record(title, false, started, `not run: it needs "${missing.join('", "')}", which failed`);
      return;
    }
    try {
      const detail = await body();
      this.record(title, true, started, detail);
    } catch (error) {
      const shot = join(this.outputDir, `${this.fileName}-failure-${this.results.length + 1}.png`);
      const saved = this.page ? await this.page.screenshot({ path: shot }).then(() => true, () => false) : false;
      this.record(title, false, started, `${error?.message ?? error}${saved ? `\n       screenshot: ${shot}` : ''}`);
    }
  }

  record(title, ok, started, detail) {
    const result = { title, ok, milliseconds: Date.now() - started, detail };
    this.results.push(result);
    const detailText = typeof detail === 'string' && detail ? `\n       ${detail}` : '';
    this.log(`${ok ? 'ok  ' : 'FAIL'} ${title} (${result.milliseconds} ms)${detailText}`);
  }

  get failed() {
    return this.results.filter((result) => !result.ok).length;
  }

  /** Writes the results file and returns its path. */
  finish(extraLines = []) {
    const passed = this.results.length - this.failed;
    const lines = [
      `# ${this.name}`,
      ...this.results.map((result) => `${result.ok ? 'ok  ' : 'FAIL'} ${result.title} (${result.milliseconds} ms)${!result.ok && result.detail ? `: ${result.detail.split('\n')[0]}` : ''}`),
      ...extraLines,
      `${passed} passed, ${this.failed} failed`,
    ];
    const file = join(this.outputDir, `${this.fileName}.txt`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  }
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}
