/**
 * Writes docs/rules/<family>/<rule>.md, the rules tables in README.md and docs/rules/README.md, and the
 * `dplens.rules` setting in package.json from the rule modules. `npm run docs`; test/rules/docs.test.ts fails when the committed files are stale.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectedDocs } from './docs-files';

const root = path.join(__dirname, '..');
let written = 0;
for (const [file, content] of expectedDocs(root)) {
  const absolute = path.join(root, file);
  if (fs.existsSync(absolute) && fs.readFileSync(absolute, 'utf8') === content) continue;
  fs.mkdirSync(path.dirname(absolute), { recursive: true });
  fs.writeFileSync(absolute, content);
  written++;
  console.log(`wrote ${file}`);
}
console.log(written === 0 ? 'docs are up to date' : `${written} file(s) written`);
