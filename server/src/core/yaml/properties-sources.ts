/**
 * Readers for `sources:` and `exposures:` entries of a properties file.
 */
import type { YamlPath } from './locate';
import { readColumns, readDataTests } from './properties-columns';
import type { ExposureDependency, ExposureSpec, SourceSpec, SourceTableSpec } from './properties-types';
import { asObject, asString, asStringList, asText, describe, isPlainObject, listAt, type PlainObject, type YamlProblem } from './read';

export function readSource(entry: PlainObject, name: string, path: YamlPath, problems: YamlProblem[]): SourceSpec {
  const source: SourceSpec = { name, tables: [], path };
  assignText(source, 'description', entry.description);
  assignText(source, 'database', entry.database ?? entry.catalog);
  assignText(source, 'schema', entry.schema);
  assignText(source, 'loader', entry.loader);
  assignText(source, 'loadedAtField', entry.loaded_at_field);
  if (isPlainObject(entry.freshness) || entry.freshness === null) source.freshness = entry.freshness;
  const config = asObject(entry.config);
  if (config) source.config = config;
  const meta = asObject(entry.meta);
  if (meta) source.meta = meta;
  const quoting = asObject(entry.quoting);
  if (quoting) source.quoting = quoting;
  const tags = asStringList(entry.tags);
  if (tags) source.tags = tags;
  const seen = new Set<string>();
  listAt(entry, 'tables', path, problems, 'tables').forEach((item, index) => {
    const tablePath = [...path, 'tables', index];
    if (!isPlainObject(item)) {
      problems.push({ message: `A source table must be a mapping with a \`name\`, but this is ${describe(item)}.`, path: tablePath });
      return;
    }
    const tableName = asText(item.name);
    if (!tableName) {
      problems.push({ message: `This table of source \`${name}\` has no \`name\`; dbt requires one.`, path: tablePath });
      return;
    }
    if (seen.has(tableName)) {
      problems.push({ message: `Source \`${name}\` lists table \`${tableName}\` twice; dbt rejects duplicate tables. Remove one.`, path: [...tablePath, 'name'] });
    }
    seen.add(tableName);
    source.tables.push(readSourceTable(item, tableName, tablePath, problems));
  });
  return source;
}

function readSourceTable(item: PlainObject, name: string, path: YamlPath, problems: YamlProblem[]): SourceTableSpec {
  const table: SourceTableSpec = {
    name,
    columns: readColumns(item, path, problems).columns,
    tests: readDataTests(item, path, problems),
    path,
  };
  assignText(table, 'description', item.description);
  assignText(table, 'identifier', item.identifier);
  assignText(table, 'loadedAtField', item.loaded_at_field);
  if (isPlainObject(item.freshness) || item.freshness === null) table.freshness = item.freshness;
  const external = asObject(item.external);
  if (external) table.external = external;
  const config = asObject(item.config);
  if (config) table.config = config;
  const meta = asObject(item.meta);
  if (meta) table.meta = meta;
  const quoting = asObject(item.quoting);
  if (quoting) table.quoting = quoting;
  const docs = asObject(item.docs);
  if (docs) table.docs = docs;
  return table;
}

export function readExposure(entry: PlainObject, name: string, path: YamlPath, problems: YamlProblem[]): ExposureSpec {
  const exposure: ExposureSpec = { name, dependsOn: [], path };
  assignText(exposure, 'type', entry.type);
  assignText(exposure, 'label', entry.label);
  assignText(exposure, 'maturity', entry.maturity);
  assignText(exposure, 'url', entry.url);
  assignText(exposure, 'description', entry.description);
  const owner = asObject(entry.owner);
  if (owner) {
    exposure.owner = {};
    assignText(exposure.owner, 'name', owner.name);
    assignText(exposure.owner, 'email', owner.email);
  }
  const meta = asObject(entry.meta) ?? asObject(asObject(entry.config)?.meta);
  if (meta) exposure.meta = meta;
  const tags = asStringList(entry.tags) ?? asStringList(asObject(entry.config)?.tags);
  if (tags) exposure.tags = tags;
  listAt(entry, 'depends_on', path, problems, 'ref(...) or source(...) strings').forEach((item, index) => {
    const itemPath = [...path, 'depends_on', index];
    if (typeof item !== 'string') {
      problems.push({ message: `An exposure dependency must be a string such as "ref('orders')", but this is ${describe(item)}.`, path: itemPath });
      return;
    }
    exposure.dependsOn.push(parseDependency(item, itemPath));
  });
  return exposure;
}

const CALL = /^\s*(?:\{\{\s*)?(ref|source|metric)\s*\(([^)]*)\)\s*(?:\}\})?\s*$/;
const STRING_ARGUMENT = /^\s*(?:'([^']*)'|"([^"]*)")\s*$/;
const VERSION_ARGUMENT = /^\s*v(?:ersion)?\s*=\s*(?:'([^']*)'|"([^"]*)"|([\w.]+))\s*$/;

/** Parses `ref('x')`, `ref('pkg', 'x')`, `ref('x', v=2)`, `source('s', 't')` and `metric('m')`. */
export function parseDependency(text: string, path: YamlPath): ExposureDependency {
  const call = CALL.exec(text);
  if (!call) return { kind: 'unknown', text, path };
  const positional: string[] = [];
  let version: string | undefined;
  for (const argument of splitArguments(call[2])) {
    const literal = STRING_ARGUMENT.exec(argument);
    if (literal) {
      positional.push(literal[1] ?? literal[2]);
      continue;
    }
    const versionMatch = VERSION_ARGUMENT.exec(argument);
    if (versionMatch && call[1] === 'ref') {
      version = versionMatch[1] ?? versionMatch[2] ?? versionMatch[3];
      continue;
    }
    return { kind: 'unknown', text, path };
  }
  if (call[1] === 'ref' && (positional.length === 1 || positional.length === 2)) {
    const name = positional[positional.length - 1];
    return {
      kind: 'ref',
      name,
      ...(positional.length === 2 ? { package: positional[0] } : {}),
      ...(version !== undefined ? { version } : {}),
      text,
      path,
    };
  }
  if (call[1] === 'source' && positional.length === 2) return { kind: 'source', source: positional[0], table: positional[1], text, path };
  if (call[1] === 'metric' && positional.length >= 1) return { kind: 'metric', name: positional[positional.length - 1], text, path };
  return { kind: 'unknown', text, path };
}

function splitArguments(argumentText: string): string[] {
  if (argumentText.trim() === '') return [];
  const parts: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (const character of argumentText) {
    if (quote) {
      if (character === quote) quote = undefined;
    } else if (character === "'" || character === '"') {
      quote = character;
    } else if (character === ',') {
      parts.push(current);
      current = '';
      continue;
    }
    current += character;
  }
  parts.push(current);
  return parts;
}

/** Sets `target[key]` to the value as text when it is a scalar; leaves it unset otherwise. */
export function assignText<T extends object>(target: T, key: keyof T & string, value: unknown): void {
  const text = asString(value) ?? asText(value);
  if (text !== undefined) (target as Record<string, unknown>)[key] = text;
}
