/**
 * package.json's settings against what the language server reads (server/src/lsp/settings.ts): the same keys,
 * the same defaults, values the server accepts, per-folder scope, and a description for each.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../server/src/core/rules/registry';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../server/src/lsp/settings';

const ROOT = path.join(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const properties: Record<string, Record<string, unknown>> = pkg.contributes.configuration.properties;

/** The client-side settings that the LanguageClient itself reads; the server never sees them. */
const CLIENT_ONLY = ['dplens.trace.server'];

/** The server's settings as dotted keys: objects are sections, except `rules`, which is one object-valued setting. */
function flatten(value: Record<string, unknown>, prefix = 'dplens'): Map<string, unknown> {
  const keys = new Map<string, unknown>();
  for (const [key, child] of Object.entries(value)) {
    const name = `${prefix}.${key}`;
    if (typeof child === 'object' && child !== null && !Array.isArray(child) && key !== 'rules') for (const [inner, leaf] of flatten(child as Record<string, unknown>, name)) keys.set(inner, leaf);
    else keys.set(name, child);
  }
  return keys;
}

/** The nested object VS Code hands the server for the `dplens` section, built from dotted keys. */
function nest(values: Map<string, unknown>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of values) {
    const parts = key.split('.').slice(1);
    let node = root;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1]] = value;
  }
  return root;
}

describe('package.json settings', () => {
  const server = flatten(DEFAULT_SETTINGS as unknown as Record<string, unknown>);
  const declared = Object.keys(properties).filter((key) => !CLIENT_ONLY.includes(key));

  it('declares exactly the settings the server reads', () => {
    assert.deepEqual([...declared].sort(), [...server.keys()].sort());
  });

  it("gives each the server's default, so the settings editor shows what applies", () => {
    for (const [key, value] of server) assert.deepEqual(properties[key].default, value, key);
    assert.deepEqual(normalizeSettings(nest(new Map(declared.map((key) => [key, properties[key].default])))), DEFAULT_SETTINGS);
  });

  it('offers only values the server accepts', () => {
    for (const key of declared) {
      for (const value of (properties[key].enum as unknown[] | undefined) ?? []) {
        const read = flatten(normalizeSettings(nest(new Map([[key, value]]))) as unknown as Record<string, unknown>).get(key);
        assert.deepEqual(read, value, `${key}: ${String(value)}`);
      }
    }
    const format = properties['dplens.format.indent'];
    assert.deepEqual([format.type, format.minimum, format.maximum], ['integer', 0, 16]);
    assert.match('EUR', new RegExp(String(properties['dplens.cost.currency'].pattern)));
  });

  it('lets every server setting differ per folder, and describes each in Markdown', () => {
    for (const key of declared) {
      assert.equal(properties[key].scope, 'resource', key);
      assert.ok(typeof properties[key].markdownDescription === 'string' && (properties[key].markdownDescription as string).length > 20, key);
    }
  });

  it('lists every rule in dplens.rules with the severities the server accepts', () => {
    const rules = properties['dplens.rules'];
    const ids = Object.keys(rules.properties as Record<string, unknown>);
    assert.deepEqual(ids, RULES.map((rule) => rule.id));
    for (const id of ids) assert.deepEqual((rules.properties as Record<string, { enum: string[] }>)[id].enum, ['error', 'warning', 'info', 'off']);
    assert.equal(rules.additionalProperties, false, 'a misspelt rule id is flagged in settings.json');
    assert.deepEqual(normalizeSettings({ rules: { 'dag/cycle': 'off', 'dag/unknown-ref': 'info' } }).rules, { 'dag/cycle': 'off', 'dag/unknown-ref': 'info' });
  });
});
