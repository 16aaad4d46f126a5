/**
 * package.json `contributes` against the client's source: every declared command is registered and every
 * registered command is declared, palette titles carry the product name, menus and views name what exists.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const contributes = pkg.contributes;

function clientSources(folder = path.join(ROOT, 'client', 'src')): string {
  return fs
    .readdirSync(folder, { withFileTypes: true })
    .map((entry) => (entry.isDirectory() ? clientSources(path.join(folder, entry.name)) : entry.name.endsWith('.ts') ? fs.readFileSync(path.join(folder, entry.name), 'utf8') : ''))
    .join('\n');
}

describe('package.json contributes', () => {
  const sources = clientSources();
  const declared: string[] = contributes.commands.map((command: { command: string }) => command.command);

  it('declares exactly the commands the client registers', () => {
    const registered = [...sources.matchAll(/'(dplens\.[A-Za-z.]+)'/g)].map((match) => match[1]).filter((id) => !/^dplens\.(lineage|lineageGraph|lineageNode|status|active|trace\.server)$/.test(id));
    assert.deepEqual([...new Set(registered)].sort(), [...declared].sort());
    for (const id of ['dplens.showLineage', 'dplens.explainRule', 'dplens.openRuleDocs', 'dplens.restartServer']) assert.ok(declared.includes(id), id);
  });

  it('shows every command in the palette as "Data Platform Lens: …"', () => {
    for (const command of contributes.commands) assert.equal(command.category, 'Data Platform Lens', command.command);
  });

  it('menus name declared commands and the Lineage view', () => {
    const views = contributes.views.explorer.map((view: { id: string }) => view.id);
    assert.deepEqual(views, ['dplens.lineage']);
    for (const [menu, items] of Object.entries(contributes.menus) as [string, { command: string; when?: string }[]][]) {
      for (const item of items) {
        assert.ok(declared.includes(item.command), `${menu}: ${item.command}`);
        if (menu.startsWith('view/')) assert.match(item.when ?? '', /view == dplens\.lineage/);
      }
    }
  });

  it('offers the server trace setting the LanguageClient reads', () => {
    const trace = contributes.configuration.properties['dplens.trace.server'];
    assert.deepEqual(trace.enum, ['off', 'messages', 'verbose']);
    assert.equal(trace.default, 'off');
    assert.match(sources, /CLIENT_ID = 'dplens'/);
  });
});
