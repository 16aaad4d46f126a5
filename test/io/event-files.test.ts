/**
 * The workspace reader and the git base comparison cover event schemas: `*.avsc` and `*.schema.json` files are read
 * wherever they are (the core decides by `events.jsonSchemas` which JSON Schemas are event contracts), other JSON
 * files are not; the file history of `readFileHistory` lists committed versions newest first.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readFileHistory } from '../../server/src/io/git';
import { isComparedFile } from '../../server/src/io/working-tree';
import { readWorkspace } from '../../server/src/io/workspace-reader';
import { write } from '../helpers/git-workspace';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=test@example.com', '-c', 'user.name=test', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
}

describe('event schema files in the IO layer', () => {
  const roots: string[] = [];
  after(() => {
    for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
  });
  const temporary = () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dplens-event-io-'));
    roots.push(root);
    return root;
  };

  it('reads Avro and JSON Schema files, and no other JSON', () => {
    const root = temporary();
    write(root, 'events/order.avsc', '{"type": "string"}');
    write(root, 'contracts/order.schema.json', '{"type": "object"}');
    write(root, 'package.json', '{}');
    write(root, 'node_modules/x/y.avsc', '"int"');
    const read = readWorkspace(root);
    assert.deepEqual([...read.files.keys()].sort(), ['contracts/order.schema.json', 'events/order.avsc']);
  });

  it('compares event schemas with the base', () => {
    assert.equal(isComparedFile('events/order.avsc'), true);
    assert.equal(isComparedFile('contracts/order.schema.json'), true);
    assert.equal(isComparedFile('tsconfig.json'), false);
    assert.equal(isComparedFile('target/order.avsc'), false);
  });

  it('lists the committed versions of a file, newest first, up to the count', () => {
    const root = temporary();
    git(root, 'init', '-q', '-b', 'main');
    for (const version of ['"int"', '"long"', '"double"']) {
      write(root, 'events/value.avsc', version);
      git(root, 'add', '-A');
      git(root, 'commit', '-q', '-m', version);
    }
    write(root, 'other.sql', 'select 1');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'unrelated');
    const head = git(root, 'rev-parse', 'HEAD').trim();
    assert.deepEqual(readFileHistory(root, head, 'events/value.avsc', 5).map((version) => version.text), ['"double"', '"long"', '"int"']);
    assert.deepEqual(readFileHistory(root, head, 'events/value.avsc', 2).map((version) => version.text), ['"double"', '"long"']);
    assert.deepEqual(readFileHistory(root, head, 'events/missing.avsc', 5), []);
  });
});
