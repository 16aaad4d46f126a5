/**
 * project/incomplete-artifact on artifacts cut off at every position, as dbt leaves them while writing: exactly one
 * info finding on the file, inside its text, and no catalog facts from entries after the cut; the whole file gives
 * none, and the index reads an artifact again when it is rewritten or deleted.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkWorkspace } from '../../../server/src/core/check';
import type { Finding } from '../../../server/src/core/findings';
import { WorkspaceIndex } from '../../../server/src/core/project/workspace-index';
import { ruleById } from '../../../server/src/core/rules/registry';

const RULE = 'project/incomplete-artifact';
const FIXTURE = path.join(__dirname, '..', '..', 'fixtures', 'cost');
const CATALOG = fs.readFileSync(path.join(FIXTURE, 'target', 'catalog.json'), 'utf8');
const MANIFEST = JSON.stringify({ metadata: { dbt_schema_version: 'https://schemas.getdbt.com/dbt/manifest/v12.json', project_name: 'cost_fixture' }, nodes: { 'model.cost_fixture.fct_orders': { resource_type: 'model', name: 'fct_orders' } }, sources: {} }, null, 2);

/** The cost fixture's files, as the workspace reader would give them, with the artifacts replaced. */
function project(artifacts: Record<string, string | undefined>): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      const relative = path.relative(FIXTURE, full).split(path.sep).join('/');
      if (entry.isDirectory()) walk(full);
      else if (!relative.startsWith('target/')) files.set(relative, fs.readFileSync(full, 'utf8'));
    }
  };
  walk(FIXTURE);
  for (const [file, text] of Object.entries(artifacts)) if (text !== undefined) files.set(file, text);
  return files;
}

function incomplete(files: Map<string, string>): Finding[] {
  return checkWorkspace(files, { rules: [ruleById(RULE)!] }).findings.filter((finding) => finding.rule === RULE);
}

/** Every cut of `text` a step apart, the empty file and the file less its last character included. */
function cuts(text: string, step: number): number[] {
  const offsets = new Set([0, text.length - 1]);
  for (let offset = 1; offset < text.length; offset += step) offsets.add(offset);
  return [...offsets].sort((a, b) => a - b);
}

function isWholeJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function insideText(finding: Finding, text: string): boolean {
  const lines = text.split('\n');
  const { start, end } = finding.range;
  return start.line < lines.length && end.line < lines.length && start.character <= lines[start.line].length + 1 && end.character <= lines[end.line].length + 1;
}

describe('project/incomplete-artifact', () => {
  it('says nothing about whole artifacts, nor when there are none', () => {
    assert.deepEqual(incomplete(project({ 'target/catalog.json': CATALOG, 'target/manifest.json': MANIFEST })), []);
    assert.deepEqual(incomplete(project({})), []);
  });

  for (const [file, text, step] of [
    ['target/catalog.json', CATALOG, 7],
    ['target/manifest.json', MANIFEST, 5],
  ] as const) {
    it(`reports ${file} cut off anywhere once, as info, inside the text, naming the file`, () => {
      let checked = 0;
      for (const offset of cuts(text, step)) {
        const cut = text.slice(0, offset);
        // Cutting off only the final newline leaves the whole JSON.
        if (isWholeJson(cut)) continue;
        // The manifest is only parsed when its text does not end as a JSON object does (see ProjectArtifacts).
        if (file === 'target/manifest.json' && cut.trimEnd().endsWith('}')) continue;
        const findings = incomplete(project({ [file]: cut }));
        assert.equal(findings.length, 1, `cut at ${offset}: ${JSON.stringify(findings)}`);
        assert.equal(findings[0].file, file);
        assert.equal(findings[0].severity, 'info');
        assert.ok(insideText(findings[0], cut), `cut at ${offset}: ${JSON.stringify(findings[0].range)}`);
        assert.match(findings[0].message, new RegExp(`^${path.posix.basename(file).replace('.', '\\.')} is incomplete or invalid .*dbt may still be writing it`));
        checked++;
      }
      assert.ok(checked > 30, `${checked} cuts checked`);
    });
  }

  it('keeps only complete catalog entries: a size after the cut is not known', () => {
    const files = project({ 'target/catalog.json': CATALOG.slice(0, CATALOG.indexOf('"value": 10737418240')) });
    const index = WorkspaceIndex.build(files);
    assert.equal(index.catalogEntry('model.cost_fixture.fct_orders')?.stats.numBytes, undefined);
    assert.equal(index.catalogEntry('model.cost_fixture.stg_orders')?.stats.numBytes, 5, 'the complete entry before the cut is kept');
    assert.deepEqual(index.artifactStatuses().map((status) => [status.file, status.partial]), [['target/catalog.json', true]]);
  });

  it('reads an artifact again when it is rewritten whole, and forgets it when it is deleted', () => {
    const files = project({ 'target/catalog.json': CATALOG.slice(0, 200), 'target/manifest.json': MANIFEST.slice(0, 40) });
    const index = WorkspaceIndex.build(files);
    assert.deepEqual(index.artifactStatuses().map((status) => status.partial), [true, true]);
    assert.equal(index.updateFile('target/catalog.json', CATALOG).graphChanged, true, 'project rules run again');
    assert.equal(index.updateFile('target/manifest.json', MANIFEST).graphChanged, true);
    assert.deepEqual(index.artifactStatuses().map((status) => [status.file, status.partial, status.issue]), [['target/manifest.json', false, undefined], ['target/catalog.json', false, undefined]]);
    assert.equal(index.catalogEntry('model.cost_fixture.fct_orders')?.stats.numBytes, 10737418240);
    assert.equal(index.removeFile('target/catalog.json').graphChanged, true);
    assert.equal(index.catalogEntry('model.cost_fixture.fct_orders'), undefined, 'a deleted catalog gives no facts');
    assert.deepEqual(index.artifactStatuses().map((status) => status.file), ['target/manifest.json']);
  });
});
