/**
 * The in-product comparison of the working tree with a base tree (server/src/io/working-tree.ts): blob ids agree
 * with git's own, and which files count as added, modified, deleted or unchanged, case by case.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compareWithBaseTree, gitBlobId, isComparedFile, type BaseBlob } from '../../server/src/io/working-tree';

/** git's id for these bytes, from `git hash-object --stdin` (which reads no repository). */
function gitHashObject(bytes: Buffer): string {
  return execFileSync('git', ['hash-object', '--stdin'], { input: bytes, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull } }).trim();
}

const id = (text: string) => gitBlobId(Buffer.from(text));

describe('working-tree comparison', () => {
  describe('gitBlobId', () => {
    const CASES: [string, Buffer][] = [
      ['empty', Buffer.alloc(0)],
      ['ASCII SQL', Buffer.from('select 1 as id\n')],
      ['UTF-8 with a BOM and CRLF', Buffer.from('\ufeffname: café\r\n', 'utf8')],
      ['binary bytes with NUL', Buffer.from([0, 255, 10, 13, 0, 1])],
    ];
    for (const [name, bytes] of CASES) {
      it(`agrees with git hash-object: ${name}`, () => assert.equal(gitBlobId(bytes), gitHashObject(bytes)));
    }
  });

  describe('isComparedFile', () => {
    const CASES: [string, boolean][] = [
      ['models/a.sql', true],
      ['models/a.SQL', true],
      ['models/_models.yaml', true],
      ['seeds/s.csv', true],
      ['scripts/load.py', true],
      ['README.md', false],
      ['target/manifest.json', false],
      ['target/compiled/a.sql', false],
      ['dbt_packages/p/models/a.sql', false],
      ['sub/node_modules/x.yml', false],
      ['models/target.sql', true],
    ];
    for (const [file, expected] of CASES) {
      it(`${file}: ${expected ? 'compared' : 'not compared'}`, () => assert.equal(isComparedFile(file), expected));
    }
  });

  describe('compareWithBaseTree', () => {
    let root: string;

    beforeEach(() => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'dplens-working-tree-'));
    });

    afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

    function write(files: Record<string, string>): void {
      for (const [file, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        fs.writeFileSync(path.join(root, file), text);
      }
    }

    const CASES: { name: string; base: Record<string, string>; disk: Record<string, string>; expected: [string, string][] }[] = [
      { name: 'the same bytes are unchanged', base: { 'models/a.sql': 'select 1\n' }, disk: { 'models/a.sql': 'select 1\n' }, expected: [] },
      { name: 'other bytes of the same length are modified', base: { 'models/a.sql': 'select 1\n' }, disk: { 'models/a.sql': 'select 2\n' }, expected: [['models/a.sql', 'modified']] },
      { name: 'a file only on disk is added, untracked or not', base: {}, disk: { 'models/new.sql': 'select 1\n' }, expected: [['models/new.sql', 'added']] },
      { name: 'a file only at the base is deleted', base: { 'models/gone.sql': 'select 1\n' }, disk: {}, expected: [['models/gone.sql', 'deleted']] },
      { name: 'CRLF on disk for LF at the base (autocrlf) is unchanged', base: { 'models/a.sql': 'select 1\nfrom x\n' }, disk: { 'models/a.sql': 'select 1\r\nfrom x\r\n' }, expected: [] },
      { name: 'CRLF with other content is modified', base: { 'models/a.sql': 'select 1\n' }, disk: { 'models/a.sql': 'select 2\r\n' }, expected: [['models/a.sql', 'modified']] },
      { name: 'files in ignored folders and of other kinds are not compared', base: {}, disk: { 'target/run/a.sql': 'x', 'node_modules/p/a.yml': 'x', 'README.md': 'x', 'logs/dbt.sql': 'x' }, expected: [] },
      { name: 'a nested repository is skipped', base: {}, disk: { 'vendor/lib/.git/HEAD': 'ref: refs/heads/main\n', 'vendor/lib/models/a.sql': 'select 1\n' }, expected: [] },
    ];
    for (const { name, base, disk, expected } of CASES) {
      it(name, () => {
        write(disk);
        const tree = new Map<string, BaseBlob>(Object.entries(base).map(([file, text]) => [file, { id: id(text) }]));
        const changes = compareWithBaseTree(root, tree).map((change): [string, string] => [change.path, change.status]);
        assert.deepEqual(changes, expected);
      });
    }

    it('gives the base blob id of modified and deleted files, for reading their base text', () => {
      write({ 'models/a.sql': 'select 2\n' });
      const tree = new Map<string, BaseBlob>([
        ['models/a.sql', { id: id('select 1\n') }],
        ['models/b.sql', { id: id('select 3\n') }],
      ]);
      assert.deepEqual(compareWithBaseTree(root, tree), [
        { path: 'models/a.sql', status: 'modified', baseId: id('select 1\n') },
        { path: 'models/b.sql', status: 'deleted', baseId: id('select 3\n') },
      ]);
    });
  });
});
