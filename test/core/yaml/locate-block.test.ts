/**
 * The block scanner (server/src/core/yaml/locate-block.ts) is a fast path for locating YAML paths: wherever it
 * answers, its answer must be the exact parse's. This test asks both for every key and value path of every YAML
 * file in the fixtures, the examples and the reference data, and for hand-written tricky layouts.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadYaml } from '../../../server/src/core/yaml/load';
import { locateBlockPath } from '../../../server/src/core/yaml/locate-block';
import { locateExactly, type YamlPath } from '../../../server/src/core/yaml/locate';
import { sharedAvailable, SHARED_REFERENCE } from '../../helpers/shared';

const REPO = path.resolve(__dirname, '../../..');

function yamlFiles(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  const found: string[] = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) found.push(...yamlFiles(full));
    else if (/\.ya?ml$/.test(entry.name)) found.push(full);
  }
  return found;
}

/** Every path of a loaded document: mapping keys and list indexes, to any depth. */
function pathsOf(value: unknown, prefix: YamlPath = [], into: YamlPath[] = []): YamlPath[] {
  if (Array.isArray(value)) value.forEach((item, index) => { into.push([...prefix, index]); pathsOf(item, [...prefix, index], into); });
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      into.push([...prefix, key]);
      pathsOf(item, [...prefix, key], into);
    }
  }
  return into;
}

/** Compares the scanner with the exact parse on every path; returns how many answers the scanner gave. */
function compare(text: string, label: string): { asked: number; answered: number } {
  const value = loadYaml(text).value;
  let asked = 0;
  let answered = 0;
  // Large files are sampled evenly: 600 paths of a file cover its shapes, and keep the test within seconds.
  const all = pathsOf(value);
  const step = Math.max(1, Math.ceil(all.length / 600));
  for (let index = 0; index < all.length; index += step) {
    const yamlPath = all[index];
    for (const target of ['key', 'value'] as const) {
      asked++;
      const fast = locateBlockPath(text, yamlPath, target);
      if (!fast) continue;
      answered++;
      const exact = locateExactly(text, yamlPath, target);
      assert.deepEqual(fast, exact, `${label}: ${JSON.stringify(yamlPath)} (${target}): scanner says ${JSON.stringify(text.slice(fast.start, fast.end))}, exact parse ${exact ? JSON.stringify(text.slice(exact.start, exact.end)) : 'nothing'}`);
    }
  }
  return { asked, answered };
}

describe('YAML block scanner', () => {
  it('agrees with the exact parse on every path of every YAML file in the fixtures, examples and reference data', function () {
    this.timeout(60_000);
    const files = [...yamlFiles(path.join(REPO, 'test/fixtures')), ...yamlFiles(path.join(REPO, 'examples')), ...(sharedAvailable() ? yamlFiles(SHARED_REFERENCE) : [])];
    let asked = 0;
    let answered = 0;
    for (const file of files) {
      const result = compare(fs.readFileSync(file, 'utf8'), path.relative(REPO, file));
      asked += result.asked;
      answered += result.answered;
    }
    assert.ok(files.length > 50, `only ${files.length} files`);
    // The scanner must be the common case, or it buys nothing.
    if (process.env.DPLENS_VERBOSE) console.log(`scanner answered ${answered} of ${asked} in ${files.length} files`);
    assert.ok(answered > asked * 0.5, `the scanner answered ${answered} of ${asked}`);
  });

  it('agrees with the exact parse on tricky layouts, or leaves them to it', () => {
    const cases = [
      'models:\n- name: a\n  columns:\n  - name: id\n    tests: [unique]\n- name: b # trailing\n',
      'version: 2\n\nmodels:\n  # a comment\n  - name: "quoted"\n    description: |\n      name: not a key\n      - not an item\n    tests:\n      - unique\n  - name: \'single\'\n',
      'a: 1\na: 2\n',
      'defaults: &d\n  x: 1\nmodel:\n  <<: *d\n  y: 2\n',
      'a: "multi\n  line"\nb: plain\n  continued\nc: x\n',
      '---\nname: p\n',
      'name: p\n---\nname: q\n',
      'k: {a: 1}\nl: [1, 2]\nm: !!str 3\nn: *x\n',
      'models:\r\n  - name: crlf\r\n    config:\r\n      tags: [a]\r\n',
      '"quoted key": 1\n\'other\': 2\nurl: http://x:80/y\nkey with spaces: v\n',
      'seq:\n  - - nested\n  -\n    name: later\n  - plain\n',
      'empty:\nafter: 1\n',
      'x:\n\ty: 1\n',
    ];
    for (const text of cases) compare(text, JSON.stringify(text));
  });
});
