/**
 * Typing every seed file from its first character to its last, through the language server's own session, as an
 * editor sends it: each prefix of the file is one state the user passes through (truncation at every position).
 * Each state must be analysed without an exception or an internal error, with every finding inside the text; and
 * once the file is complete, the findings kept up to date edit by edit must equal a fresh check of the same
 * files, so no per-file summary goes stale.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkWorkspace } from '../../server/src/core/check';
import type { Finding } from '../../server/src/core/findings';
import { LineIndex } from '../../server/src/core/text';
import { WorkspaceSession } from '../../server/src/lsp/workspace-session';
import { withProductStackTraceLimit } from './cases';
import { INTERNAL_ERROR } from './harness';
import { BASE_WORKSPACE, INPUT_KINDS, loadSeeds, type Seed } from './seeds';

/** The keystrokes between two checks: one character at a time for short seeds, a few for longer ones. */
const MAX_STATES_PER_SEED = Number(process.env.FUZZ_TYPING_STATES ?? 400);

function summary(findings: readonly Finding[]): string[] {
  return findings.map((finding) => `${finding.rule} ${finding.range.start.line}:${finding.range.start.character}-${finding.range.end.line}:${finding.range.end.character} ${finding.message}`).sort();
}

function outside(finding: Finding, text: string, lines: LineIndex): boolean {
  const { end } = finding.range;
  if (end.line >= lines.lineCount) return true;
  const start = lines.lineStart(end.line);
  const next = end.line + 1 < lines.lineCount ? lines.lineStart(end.line + 1) : text.length;
  return end.character > text.slice(start, next).replace(/\r?\n$|\r$/, '').length;
}

describe('fuzz: typing each seed file from empty to complete, edit by edit', () => {
  let root: string;
  withProductStackTraceLimit();
  // One seed per kind: the longest under 3,000 characters (a real model, a real properties file), else the shortest.
  const seeds: Seed[] = INPUT_KINDS.map((kind) => {
    const ofKind = loadSeeds().filter((seed) => seed.kind === kind).sort((a, b) => a.text.length - b.text.length);
    return ofKind.filter((seed) => seed.text.length <= 3000).pop() ?? ofKind[0];
  });

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'dplens-typing-'));
    for (const [file, text] of BASE_WORKSPACE) {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    }
  });

  after(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  for (const seed of seeds) {
    it(`${seed.kind}: ${seed.path} (${seed.text.length} characters)`, function () {
      this.timeout(60_000);
      const session = new WorkspaceSession(root, false);
      const step = Math.max(1, Math.ceil(seed.text.length / MAX_STATES_PER_SEED));
      const problems: string[] = [];
      let states = 0;
      for (let length = 0; ; length = Math.min(seed.text.length, length + step)) {
        const text = seed.text.slice(0, length);
        session.update(seed.path, text);
        session.settle();
        states++;
        const lines = new LineIndex(text);
        for (const finding of session.findingsFor(seed.path)) {
          if (INTERNAL_ERROR.test(finding.message)) problems.push(`at ${length}: internal error from ${finding.rule}: ${finding.message}`);
          if (outside(finding, text, lines)) problems.push(`at ${length}: ${finding.rule} ends past the text`);
        }
        assert.deepEqual(session.takeRuleFailures(), [], `a rule failed at ${length} characters`);
        if (length === seed.text.length) break;
      }
      assert.deepEqual(problems.slice(0, 10), []);
      assert.ok(states > Math.min(seed.text.length, MAX_STATES_PER_SEED) / 2, `typed ${states} states`);
      // The state reached edit by edit is the state a fresh check of the same files reaches.
      const files = new Map(BASE_WORKSPACE);
      files.set(seed.path, seed.text);
      const fresh = checkWorkspace(files).findings;
      for (const file of new Set([...files.keys()])) {
        assert.deepEqual(summary(session.findingsFor(file)), summary(fresh.filter((finding) => finding.file === file)), `findings of ${file} after typing ${seed.path}`);
      }
    });
  }
});
