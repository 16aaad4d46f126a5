/**
 * `dplens check --base main` (the built CLI, spawned) on a git repository where an Avro schema changed: under
 * BACKWARD (the default) a field added without a default is reported, under FORWARD a field removed that had no
 * default, under FULL both, and nothing under NONE; each at the right record or field, with the fix in the message.
 * A transitive mode compares with every earlier committed version: three commits, the head breaking only the oldest.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { git, write } from '../helpers/git-workspace';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');

interface Diagnostic {
  file: string;
  line: number;
  rule: string;
  message: string;
}

function check(cwd: string): Diagnostic[] {
  assert.ok(fs.existsSync(CLI), 'dist/cli.js is missing: run `npm run build` (npm test does)');
  const run = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '--base', 'main'], { cwd, encoding: 'utf8' });
  return (JSON.parse(run.stdout).diagnostics as Diagnostic[]).filter((diagnostic) => diagnostic.rule.startsWith('event/'));
}

/** An Avro record `com.acme.Order` with the given fields, one per line, so findings can be told apart by line. */
function order(fields: string[]): string {
  return ['{', '  "type": "record",', '  "name": "Order",', '  "namespace": "com.acme",', '  "fields": [', fields.map((field) => `    ${field}`).join(',\n'), '  ]', '}', ''].join('\n');
}

const ID = '{"name": "id", "type": "string"}';
const STATUS = '{"name": "status", "type": "string"}';
const TOTAL = '{"name": "total", "type": "double"}';

describe('dplens check --base (event schemas)', function () {
  this.timeout(60_000);
  const roots: string[] = [];
  after(() => {
    for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
  });

  /** A repository whose `main` has `status`; the working tree removes it and adds `total`, both without defaults. */
  function repository(mode: string | undefined): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dplens-events-'));
    roots.push(root);
    git(root, 'init', '-q', '-b', 'main');
    write(root, 'dplens.yml', mode ? `events:\n  compatibility: ${mode}\n` : 'rules: {}\n');
    write(root, 'events/order.avsc', order([ID, STATUS]));
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'base');
    write(root, 'events/order.avsc', order([ID, TOTAL]));
    return root;
  }

  // Lines (1-based) of the head file: `"name": "Order"` is line 3, the `total` field line 7.
  const added = { rule: 'event/field-added-without-default', line: 7 };
  const removed = { rule: 'event/field-removed-without-default', line: 3 };
  const cases: [string | undefined, string, { rule: string; line: number }[]][] = [
    [undefined, 'BACKWARD', [added]],
    ['FORWARD', 'FORWARD', [removed]],
    ['FULL', 'FULL', [added, removed]],
    ['NONE', 'NONE', []],
  ];
  for (const [mode, named, expected] of cases) {
    it(`under ${mode ?? 'BACKWARD (the default)'}: ${expected.map((finding) => finding.rule).join(' and ') || 'nothing'}`, () => {
      const diagnostics = check(repository(mode));
      assert.deepEqual(diagnostics.map((diagnostic) => ({ rule: diagnostic.rule, line: diagnostic.line })).sort((a, b) => a.line - b.line), [...expected].sort((a, b) => a.line - b.line));
      for (const diagnostic of diagnostics) {
        assert.equal(diagnostic.file, 'events/order.avsc');
        assert.match(diagnostic.message, new RegExp(`breaks ${named} compatibility`));
        assert.match(diagnostic.message, /`com\.acme\.Order`/);
        assert.match(diagnostic.message, /`main`/);
        assert.match(diagnostic.message, diagnostic.rule === added.rule ? /Add a `"default"`/ : /Keep the field/);
      }
    });
  }

  it('under BACKWARD_TRANSITIVE compares with every earlier committed version, not only the base', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dplens-events-'));
    roots.push(root);
    git(root, 'init', '-q', '-b', 'main');
    write(root, 'events/order.avsc', order([ID, '{"name": "total", "type": ["null", "string"], "default": null}']));
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'first: total as a string');
    write(root, 'events/order.avsc', order([ID, '{"name": "total", "type": ["null", "long"], "default": null}']));
    git(root, 'commit', '-q', '-am', 'second: total as a long');
    write(root, 'README.md', 'an unrelated commit\n');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'third: unrelated');
    // The head adds an optional field: compatible with the base, but the type of `total` still breaks the first version.
    write(root, 'events/order.avsc', order([ID, '{"name": "total", "type": ["null", "long"], "default": null}', '{"name": "note", "type": ["null", "string"], "default": null}']));
    write(root, 'dplens.yml', 'events:\n  compatibility: BACKWARD\n');
    assert.deepEqual(check(root), []);
    write(root, 'dplens.yml', 'events:\n  compatibility: BACKWARD_TRANSITIVE\n');
    const diagnostics = check(root);
    assert.deepEqual(diagnostics.map((diagnostic) => [diagnostic.rule, diagnostic.line]), [['event/union-narrowed', 7]]);
    assert.match(diagnostics[0].message, /breaks BACKWARD_TRANSITIVE compatibility/);
    assert.match(diagnostics[0].message, /the version of commit [0-9a-f]{7}/);
  });
});
