/**
 * Validation of dbt's YAML files against the schemas of ./schemas, compiled by ajv at build time (./schemas/generated),
 * and the errors turned into findings on YAML paths: an unknown key (located on the key) or an invalid value
 * (located on the value). Deprecated keys depend on the dbt versions a project supports, so they are found by
 * `deprecatedKeys`, not by the schemas. See docs/decisions/0009-yaml-schemas.md.
 */
import type { ErrorObject } from 'ajv';
import { closestName } from '../rules/suggest';
import { blockingIssues } from '../text';
import { loadYaml } from './load';
import type { YamlPath } from './locate';
import { describe, isPlainObject } from './read';
import { DBT_YAML_SCHEMAS, type DbtYamlKind, type JsonSchema } from './schemas';
import type { GeneratedValidator } from './schemas/generated/validators';
import { plusConfigKeys } from './schemas/common';
import { pointerToYamlPath, valueAtPath } from './json-pointer';

export type { DbtYamlKind } from './schemas';

export interface YamlSchemaIssue {
  kind: 'unknown-key' | 'invalid-value';
  path: YamlPath;
  message: string;
  /** For an unknown key: the known key it most likely means. */
  suggestion?: string;
  /** Set when dbt accepts the value at parse time and only fails or ignores it later. */
  severity?: 'warning';
}

let validators: Readonly<Record<DbtYamlKind, GeneratedValidator>> | undefined;

/**
 * The compiled validator of a file kind (scripts/generate-validators.ts). The generated module is loaded on first
 * use: half a megabyte of code and schema literals that an editor opening one SQL file never needs.
 */
function validatorFor(kind: DbtYamlKind): GeneratedValidator {
  if (!validators) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose, see above.
    const generated = require('./schemas/generated/validators') as typeof import('./schemas/generated/validators');
    validators = { properties: generated.properties, 'dbt-project': generated.dbt_project, selectors: generated.selectors, packages: generated.packages, dependencies: generated.dependencies };
  }
  return validators[kind];
}

/**
 * The schema node a JSON pointer into a root schema names (`#/properties/models/items/anyOf`). The generated
 * validators report errors without their schemas (ajv's `verbose` would triple their code), and every `$ref` in
 * these schemas points into the root's own `definitions`, so the root resolves every error's schema path.
 */
function schemaAt(root: JsonSchema, pointer: string): unknown {
  let node: unknown = root;
  for (const raw of pointer.replace(/^#/, '').split('/').slice(1)) {
    const segment = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
  }
  return node;
}

/** An ajv error with the schema (`schema`) and the schema object holding its keyword (`parentSchema`), as `verbose` would give them. */
function withSchemas(root: JsonSchema, error: ErrorObject): ErrorObject {
  const parentPointer = error.schemaPath.slice(0, error.schemaPath.lastIndexOf('/'));
  return { ...error, schema: schemaAt(root, error.schemaPath), parentSchema: schemaAt(root, parentPointer) as ErrorObject['parentSchema'] };
}

/** Which schema applies to a file, by its name, or undefined when none does. */
export function dbtYamlKindOf(path: string, fileKind: string): DbtYamlKind | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (fileKind === 'properties') return 'properties';
  if (fileKind === 'dbt-project') return 'dbt-project';
  if (base === 'selectors.yml') return 'selectors';
  if (base === 'dependencies.yml') return 'dependencies';
  if (fileKind === 'packages') return 'packages';
  return undefined;
}

/** Validates an already loaded document. Never throws. */
export function validateDbtYaml(kind: DbtYamlKind, value: unknown): YamlSchemaIssue[] {
  const validate = validatorFor(kind);
  if (validate(value ?? null)) return [];
  const root = DBT_YAML_SCHEMAS[kind];
  const issues = mapErrors((validate.errors ?? []).map((error) => withSchemas(root, error)), value);
  // Before dbt 1.10 added `anchors:`, projects kept YAML anchors under top-level keys of their own
  // (`x-defaults: &defaults`), which dbt ignored: only a top-level key that looks like a misspelt one is reported.
  if (kind !== 'properties') return issues;
  return issues.filter((issue) => !(issue.kind === 'unknown-key' && issue.path.length === 1 && !issue.suggestion));
}

/** What the yaml/ schema rules report for one file; computed with its summary, so no rule parses the file again. */
export interface DbtYamlChecks {
  schema: YamlSchemaIssue[];
  deprecated: DeprecatedKey[];
}

/** Validates a loaded document and lists its deprecated keys. Never throws. */
export function checkDbtYaml(kind: DbtYamlKind, value: unknown): DbtYamlChecks {
  return { schema: validateDbtYaml(kind, value), deprecated: deprecatedKeys(kind, value) };
}

/**
 * Validates a file's text. Files with syntax errors are not validated (their recovered structure would give false
 * findings). The rules read these issues from each file's summary (`checkDbtYaml`); this is for callers holding text.
 */
export function validateDbtYamlText(kind: DbtYamlKind, text: string): YamlSchemaIssue[] {
  const loaded = loadYaml(text);
  return blockingIssues(loaded.errors).length > 0 ? [] : validateDbtYaml(kind, loaded.value);
}

const isJinjaBranch = (schema: unknown): boolean => (schema as { $comment?: string } | undefined)?.$comment === 'jinja';

/** What a schema expects, in words, for a message. */
function expected(schema: Record<string, unknown>): string[] {
  if (isJinjaBranch(schema)) return [];
  if (Array.isArray(schema.anyOf)) return schema.anyOf.flatMap((option) => expected(option as Record<string, unknown>));
  if (Array.isArray(schema.enum)) return [`one of ${schema.enum.map((value) => `\`${String(value)}\``).join(', ')}`];
  if (typeof schema.pattern === 'string' && schema.pattern.includes('Ww')) return ['`warn` or `error`'];
  const types = typeof schema.type === 'string' ? [schema.type] : Array.isArray(schema.type) ? (schema.type as string[]) : [];
  const words: Record<string, string> = { string: 'a string', number: 'a number', integer: 'a whole number', boolean: '`true` or `false`', object: 'a mapping', array: 'a list' };
  return types.filter((type) => type !== 'null').map((type) => words[type] ?? type);
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function mapErrors(errors: ErrorObject[], root: unknown): YamlSchemaIssue[] {
  // Alternatives (anyOf): keep the errors of the branch that matched the value's type; when none did, one
  // invalid-value finding for the alternative as a whole.
  const dropped = new Set<ErrorObject>();
  const sorted = [...errors].sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  for (const error of sorted) {
    if (dropped.has(error) || error.keyword !== 'anyOf') continue;
    const prefix = `${error.schemaPath}/`;
    const inside = errors.filter((other) => other.schemaPath.startsWith(prefix));
    const branches = new Map<string, ErrorObject[]>();
    for (const other of inside) {
      const branch = other.schemaPath.slice(prefix.length).split('/')[0];
      branches.set(branch, [...(branches.get(branch) ?? []), other]);
    }
    const options = (error.schema as unknown[]) ?? [];
    const matching = options
      .map((option, index) => ({ option, errors: branches.get(String(index)) ?? [] }))
      .filter(({ option, errors: branchErrors }) => !isJinjaBranch(option) && !branchErrors.some((other) => other.instancePath === error.instancePath && (other.keyword === 'type' || other.keyword === 'false schema')));
    inside.forEach((other) => dropped.add(other));
    if (matching.length > 0) {
      const best = matching.reduce((a, b) => (b.errors.length < a.errors.length ? b : a));
      best.errors.forEach((other) => dropped.delete(other));
      dropped.add(error);
    }
  }
  const issues: YamlSchemaIssue[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (dropped.has(error) || error.keyword === 'if') continue;
    const path = pointerToYamlPath(error.instancePath, root);
    const parent = (error.parentSchema ?? {}) as Record<string, unknown>;
    const what = typeof parent.title === 'string' ? parent.title : 'this mapping';
    let issue: YamlSchemaIssue;
    if (error.keyword === 'additionalProperties' || error.keyword === 'false schema') {
      const key = error.keyword === 'false schema' ? String(path[path.length - 1]) : String((error.params as { additionalProperty: string }).additionalProperty);
      const keyPath = error.keyword === 'false schema' ? path : [...path, key];
      const known = key.startsWith('+') ? plusConfigKeys() : Object.keys((parent.properties as Record<string, unknown>) ?? {});
      const suggestion = closestName(key, known);
      const owner = error.keyword === 'false schema' ? 'config' : article(what);
      issue = {
        kind: 'unknown-key',
        path: keyPath,
        suggestion,
        message: `\`${key}\` is not a key dbt knows for ${owner}: dbt ignores it (or warns since 1.10), so whatever it says has no effect. ${suggestion ? `Did you mean \`${suggestion}\`?` : `Check the spelling, or move custom values under \`meta:\`.`}`,
      };
    } else if (error.keyword === 'required') {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      issue = { kind: 'invalid-value', path, message: `This ${what} has no \`${missing}\`, which dbt requires. Add it.` };
    } else {
      const schema = error.keyword === 'anyOf' ? parent : error.keyword === 'enum' || error.keyword === 'type' || error.keyword === 'pattern' ? parent : parent;
      const wanted = unique(expected(schema));
      const key = path.length > 0 ? `\`${String(path[path.length - 1])}\`` : 'The file';
      const value = valueAtPath(root, path);
      const actual = describeValue(value);
      issue = {
        kind: 'invalid-value',
        path,
        // Inside a recursive `$ref` (a selector criterion) the schema of the failing part is not known here: the
        // value has an accepted type, so the problem is inside it, and the message must not say it has the wrong type.
        message: wanted.includes(actual)
          ? `${key} is ${actual}, but something inside it is not what dbt accepts there: dbt rejects or misreads it. Check its keys and values against the documented form.`
          : `${key} must be ${wanted.length > 0 ? wanted.join(' or ') : 'something else'}, but it is ${actual}: dbt rejects or misreads it. Write a value of the documented type.`,
      };
      if (parent.dplensSeverity === 'warning') issue.severity = 'warning';
    }
    const id = `${issue.kind}:${JSON.stringify(issue.path)}`;
    if (seen.has(id)) continue;
    seen.add(id);
    issues.push(issue);
  }
  return issues;
}

function article(title: string): string {
  return title === 'this mapping' ? title : `${/^[aeiou]/.test(title) ? 'an' : 'a'} ${title}`;
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return `\`${value.length > 40 ? `${value.slice(0, 40)}…` : value}\``;
  if (typeof value === 'number' || typeof value === 'boolean') return `\`${String(value)}\``;
  return describe(value);
}

/** A key dbt still accepts but has renamed or moved, with the dbt version from which the replacement exists. */
export interface DeprecatedKey {
  path: YamlPath;
  key: string;
  since: string;
  message: string;
}

const RESOURCE_LISTS = ['models', 'seeds', 'snapshots', 'analyses', 'sources'];

/**
 * Keys the dbt documentation marks as replaced: `tests:` by `data_tests:` (dbt 1.8), `meta:`/`tags:` outside
 * `config:` (moved into it in dbt 1.10), and dbt_project.yml's `target-path`/`log-path` (flags since dbt 1.5).
 */
export function deprecatedKeys(kind: DbtYamlKind, value: unknown): DeprecatedKey[] {
  const found: DeprecatedKey[] = [];
  if (!isPlainObject(value)) return found;
  if (kind === 'dbt-project') {
    if ('tests' in value && !('data_tests' in value)) found.push(renamedTests(['tests'], 'the project\'s test configs'));
    for (const key of ['target-path', 'log-path']) {
      if (key in value) {
        const flag = key === 'target-path' ? '`--target-path` or `DBT_TARGET_PATH`' : '`--log-path` or `DBT_LOG_PATH`';
        found.push({ path: [key], key, since: '1.5', message: `\`${key}\` in dbt_project.yml is deprecated since dbt 1.5 and will stop working: set it with ${flag} instead, and remove it here.` });
      }
    }
    return found;
  }
  if (kind !== 'properties') return found;
  const visit = (entry: unknown, path: YamlPath, what: string, moveMeta: boolean) => {
    if (!isPlainObject(entry)) return;
    if ('tests' in entry && !('data_tests' in entry)) found.push(renamedTests([...path, 'tests'], what));
    if (moveMeta) {
      for (const key of ['meta', 'tags']) {
        if (key in entry) found.push({ path: [...path, key], key, since: '1.10', message: `\`${key}\` on ${what} belongs under \`config:\` since dbt 1.10, which warns about it here and will stop reading it. Move it to \`config: ${key}:\`.` });
      }
    }
    for (const [listKey, child] of [['columns', 'a column'], ['tables', 'a source table'], ['versions', 'a model version']] as const) {
      const items = entry[listKey];
      if (Array.isArray(items)) items.forEach((item, index) => visit(item, [...path, listKey, index], child, listKey !== 'versions'));
    }
  };
  for (const list of RESOURCE_LISTS) {
    const items = value[list];
    if (Array.isArray(items)) items.forEach((item, index) => visit(item, [list, index], `a ${list === 'analyses' ? 'analysis' : list.slice(0, -1)}`, true));
  }
  return found;
}

function renamedTests(path: YamlPath, what: string): DeprecatedKey {
  return { path, key: 'tests', since: '1.8', message: `\`tests:\` on ${what} is the spelling dbt used before 1.8; it is now \`data_tests:\`, which tells data tests from unit tests. Rename the key to \`data_tests:\`.` };
}

/**
 * The oldest dbt version a project's `require-dbt-version` allows, as [major, minor], or undefined when it names
 * no lower bound. Specifiers are dbt's: `>=1.8.0`, `>1.7`, `1.9.0`, `~=1.8`, several per string separated by commas.
 */
export function oldestSupportedDbt(requirements: readonly string[]): [number, number] | undefined {
  let oldest: [number, number] | undefined;
  for (const spec of requirements.flatMap((requirement) => requirement.split(','))) {
    const match = /^\s*(>=|>|==|=|~=)?\s*v?(\d+)(?:\.(\d+))?/.exec(spec);
    if (!match || spec.trim().startsWith('<')) continue;
    let bound: [number, number] = [Number(match[2]), Number(match[3] ?? 0)];
    if (match[1] === '>') bound = [bound[0], bound[1] + (match[3] === undefined ? 0 : 0)];
    if (!oldest || bound[0] > oldest[0] || (bound[0] === oldest[0] && bound[1] > oldest[1])) oldest = bound;
  }
  return oldest;
}

/** Whether every dbt version the project allows knows the replacement introduced in `since` (`1.8`). */
export function projectSupportsOnlyFrom(requirements: readonly string[] | undefined, since: string): boolean {
  // A project that says nothing runs on whatever dbt is installed: today's.
  if (requirements === undefined) return true;
  const oldest = oldestSupportedDbt(requirements);
  if (!oldest) return false;
  const [major, minor] = since.split('.').map(Number);
  return oldest[0] > major || (oldest[0] === major && oldest[1] >= minor);
}
