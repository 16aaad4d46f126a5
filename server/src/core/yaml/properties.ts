/**
 * The reader for dbt properties files: the YAML under model, seed, snapshot, analysis and macro paths
 * that declares models, sources, exposures, tests and the rest.
 *
 * It summarises what the index and the rules need, keeps each entity's `YamlPath`, and reports as problems
 * the structural mistakes dbt itself rejects at parse time (a model without `name`, `columns` that is not a list).
 */
import type { SyntaxIssue } from '../text';
import { loadYaml } from './load';
import type { YamlPath } from './locate';
import { readColumns, readConstraints, readDataTests } from './properties-columns';
import { assignText, readExposure, readSource } from './properties-sources';
import type {
  DescribedEntity,
  MacroSpec,
  ModelSpec,
  ModelVersionSpec,
  NamedEntry,
  PropertiesFile,
  SourceSpec,
  SnapshotSpec,
  UnitTestSpec,
} from './properties-types';
import { asObject, asText, describe, isPlainObject, listAt, type PlainObject, type YamlProblem } from './read';

export interface ParsedProperties {
  file: PropertiesFile;
  /** YAML syntax errors, located. */
  errors: SyntaxIssue[];
  /** Structure that dbt rejects, located by path. */
  problems: YamlProblem[];
  usedFallback: boolean;
  /** The loaded document, for checks that read it as a whole (the schema rules). */
  value: unknown;
}

export function emptyPropertiesFile(): PropertiesFile {
  return {
    models: [], sources: [], seeds: [], snapshots: [], analyses: [], exposures: [], macros: [],
    singularTests: [], unitTests: [], semanticModels: [], metrics: [], savedQueries: [], groups: [], functions: [],
  };
}

/** Reads a properties file from its text. Never throws. */
export function parseProperties(text: string): ParsedProperties {
  const loaded = loadYaml(text);
  const { file, problems } = readPropertiesValue(loaded.value);
  return { file, errors: loaded.errors, problems, usedFallback: loaded.usedFallback, value: loaded.value };
}

/** Reads an already loaded properties document, for callers that loaded it themselves. */
export function readPropertiesValue(value: unknown): { file: PropertiesFile; problems: YamlProblem[] } {
  const file = emptyPropertiesFile();
  const problems: YamlProblem[] = [];
  if (value === null || value === undefined) return { file, problems };
  if (!isPlainObject(value)) {
    problems.push({ message: `A properties file must be a mapping (version, models, sources, ...), but this one is ${describe(value)}.`, path: [] });
    return { file, problems };
  }
  if (typeof value.version === 'number' || typeof value.version === 'string') file.version = value.version;

  forEachNamed(value, 'models', 'model', problems, (entry, name, path) => file.models.push(readModel(entry, name, path, problems)));
  // dbt keys a source by its tables (`source.<package>.<source>.<table>`), so one source name may be listed twice,
  // with different tables (spellbook does); only a table declared twice is a duplicate.
  forEachNamed(value, 'sources', 'source', problems, (entry, name, path) => file.sources.push(readSource(entry, name, path, problems)), { repeatable: true });
  reportRepeatedSourceTables(file.sources, problems);
  forEachNamed(value, 'seeds', 'seed', problems, (entry, name, path) => file.seeds.push(readDescribed(entry, name, path, problems)));
  forEachNamed(value, 'snapshots', 'snapshot', problems, (entry, name, path) => {
    const snapshot: SnapshotSpec = readDescribed(entry, name, path, problems);
    assignText(snapshot, 'relation', entry.relation);
    file.snapshots.push(snapshot);
  });
  forEachNamed(value, 'analyses', 'analysis', problems, (entry, name, path) => file.analyses.push(readDescribed(entry, name, path, problems)));
  forEachNamed(value, 'exposures', 'exposure', problems, (entry, name, path) => file.exposures.push(readExposure(entry, name, path, problems)));
  forEachNamed(value, 'macros', 'macro', problems, (entry, name, path) => file.macros.push(readMacro(entry, name, path, problems)));
  forEachNamed(value, 'unit_tests', 'unit test', problems, (entry, name, path) => {
    const unitTest: UnitTestSpec = { name, path };
    assignText(unitTest, 'model', entry.model);
    file.unitTests.push(unitTest);
  });
  const named = (list: NamedEntry[]) => (entry: PlainObject, name: string, path: YamlPath) => list.push({ name, path });
  forEachNamed(value, 'data_tests', 'singular test', problems, named(file.singularTests));
  forEachNamed(value, 'semantic_models', 'semantic model', problems, named(file.semanticModels));
  forEachNamed(value, 'metrics', 'metric', problems, named(file.metrics));
  forEachNamed(value, 'saved_queries', 'saved query', problems, named(file.savedQueries));
  forEachNamed(value, 'groups', 'group', problems, named(file.groups));
  forEachNamed(value, 'functions', 'function', problems, named(file.functions));
  return { file, problems };
}

/**
 * Calls `read` for each entry of the list under `key` that is a mapping with a name.
 * dbt rejects entries without a name and a name declared twice in one list, so both are problems here,
 * except in a `repeatable` list (sources), whose duplicates are judged by what the entries hold.
 */
function forEachNamed(
  root: PlainObject,
  key: string,
  what: string,
  problems: YamlProblem[],
  read: (entry: PlainObject, name: string, path: YamlPath) => void,
  options: { repeatable?: boolean } = {},
): void {
  const seen = new Set<string>();
  listAt(root, key, [], problems, `${what} entries`).forEach((entry, index) => {
    const path: YamlPath = [key, index];
    if (!isPlainObject(entry)) {
      problems.push({ message: `Each ${what} entry must be a mapping with a \`name\`, but this is ${describe(entry)}.`, path });
      return;
    }
    const name = asText(entry.name);
    if (!name) {
      problems.push({ message: `This ${what} entry has no \`name\`; dbt requires one to know what it describes.`, path });
      return;
    }
    if (seen.has(name) && !options.repeatable) {
      problems.push({ message: `The ${what} \`${name}\` is described twice in this file; dbt rejects duplicate entries. Merge them into one.`, path: [...path, 'name'] });
    }
    seen.add(name);
    read(entry, name, path);
  });
}

/**
 * A table listed in two entries of the same source name: dbt rejects the second as a second source of that name.
 * (A table listed twice in one entry is reported where the entry's tables are read.)
 */
function reportRepeatedSourceTables(sources: SourceSpec[], problems: YamlProblem[]): void {
  const entryOf = new Map<string, SourceSpec>();
  for (const source of sources) {
    for (const table of source.tables) {
      const key = `${source.name}\u0000${table.name}`;
      const first = entryOf.get(key);
      if (first && first !== source) {
        problems.push({ message: `The source table \`${source.name}.${table.name}\` is described twice in this file; dbt rejects two sources with the same name. Merge them into one.`, path: [...table.path, 'name'] });
      }
      if (!first) entryOf.set(key, source);
    }
  }
}

function readDescribed(entry: PlainObject, name: string, path: YamlPath, problems: YamlProblem[]): DescribedEntity {
  const entity: DescribedEntity = {
    name,
    columns: readColumns(entry, path, problems).columns,
    tests: readDataTests(entry, path, problems),
    path,
  };
  assignText(entity, 'description', entry.description);
  const config = objectAt(entry, 'config', path, problems);
  if (config) entity.config = config;
  const meta = asObject(entry.meta);
  if (meta) entity.meta = meta;
  const docs = asObject(entry.docs);
  if (docs) entity.docs = docs;
  // The loaded mapping itself is not kept (a large project's properties would be held twice): what readers need is copied.
  const tags = typeof entry.tags === 'string' ? [entry.tags] : Array.isArray(entry.tags) ? entry.tags.filter((tag): tag is string => typeof tag === 'string') : undefined;
  if (tags) entity.tags = tags;
  return entity;
}

function readModel(entry: PlainObject, name: string, path: YamlPath, problems: YamlProblem[]): ModelSpec {
  // Extending the described entity in place avoids an object spread, which is slow in Node 20 on this hot path.
  const model = readDescribed(entry, name, path, problems) as ModelSpec;
  model.constraints = readConstraints(entry, path, problems);
  model.versions = [];
  assignText(model, 'access', entry.access);
  assignText(model, 'group', entry.group);
  assignText(model, 'latestVersion', entry.latest_version);
  assignText(model, 'deprecationDate', entry.deprecation_date);
  if (entry.time_spine !== undefined && entry.time_spine !== null) model.timeSpine = true;
  const seenVersions = new Set<string>();
  listAt(entry, 'versions', path, problems, 'versions').forEach((item, index) => {
    const versionPath = [...path, 'versions', index];
    if (!isPlainObject(item)) {
      problems.push({ message: `A model version must be a mapping with \`v\`, but this is ${describe(item)}.`, path: versionPath });
      return;
    }
    const v = asText(item.v);
    if (v === undefined) {
      problems.push({ message: 'This model version has no `v`; dbt requires the version identifier.', path: versionPath });
      return;
    }
    if (seenVersions.has(v)) {
      problems.push({ message: `Version ${v} of model \`${name}\` is declared twice; dbt rejects that.`, path: [...versionPath, 'v'] });
    }
    seenVersions.add(v);
    model.versions.push(readModelVersion(item, v, versionPath, problems));
  });
  if (model.latestVersion !== undefined && model.versions.length > 0 && !seenVersions.has(model.latestVersion)) {
    problems.push({
      message: `\`latest_version: ${model.latestVersion}\` names no declared version of \`${name}\` (declared: ${[...seenVersions].join(', ')}); dbt rejects that.`,
      path: [...path, 'latest_version'],
    });
  }
  return model;
}

function readModelVersion(item: PlainObject, v: string, path: YamlPath, problems: YamlProblem[]): ModelVersionSpec {
  const { columns, include, exclude } = readColumns(item, path, problems, true);
  const version: ModelVersionSpec = { v, columns, tests: readDataTests(item, path, problems), path };
  if (include !== undefined) version.include = include;
  if (exclude !== undefined) version.exclude = exclude;
  assignText(version, 'definedIn', item.defined_in);
  assignText(version, 'deprecationDate', item.deprecation_date);
  const config = objectAt(item, 'config', path, problems);
  if (config) version.config = config;
  return version;
}

function readMacro(entry: PlainObject, name: string, path: YamlPath, problems: YamlProblem[]): MacroSpec {
  const macro: MacroSpec = { name, arguments: [], path };
  assignText(macro, 'description', entry.description);
  const docs = asObject(entry.docs);
  if (docs) macro.docs = docs;
  const meta = asObject(entry.meta);
  if (meta) macro.meta = meta;
  listAt(entry, 'arguments', path, problems, 'arguments').forEach((item, index) => {
    const argumentPath = [...path, 'arguments', index];
    const argumentName = isPlainObject(item) ? asText(item.name) : undefined;
    if (!isPlainObject(item) || !argumentName) {
      problems.push({ message: 'A macro argument must be a mapping with a `name`.', path: argumentPath });
      return;
    }
    const argument: MacroSpec['arguments'][number] = { name: argumentName, path: argumentPath };
    assignText(argument, 'type', item.type);
    assignText(argument, 'description', item.description);
    macro.arguments.push(argument);
  });
  return macro;
}

/** The mapping under `key`; anything else but absence or null is a problem, as dbt validates `config` as an object. */
function objectAt(owner: PlainObject, key: string, ownerPath: YamlPath, problems: YamlProblem[]): PlainObject | undefined {
  const value = owner[key];
  if (value === undefined || value === null) return undefined;
  if (isPlainObject(value)) return value;
  problems.push({ message: `\`${key}\` must be a mapping, but it is ${describe(value)}.`, path: [...ownerPath, key] });
  return undefined;
}
