/**
 * Readers for the parts every described entity shares: data tests, constraints and columns.
 */
import type { YamlPath } from './locate';
import type { ColumnSpec, ConstraintSpec, DataTestSpec } from './properties-types';
import { asObject, asString, asStringList, asText, describe, isPlainObject, listAt, type PlainObject, type YamlProblem } from './read';

/**
 * Test configs that dbt also accepts beside the arguments (`- not_null: {severity: warn}`).
 * dbt moves them into the test's config, so they are not arguments of the test macro.
 */
const TOP_LEVEL_TEST_CONFIGS = new Set([
  'severity', 'where', 'limit', 'warn_if', 'error_if', 'fail_calc', 'store_failures', 'store_failures_as',
  'tags', 'meta', 'enabled', 'alias', 'schema', 'database', 'group',
]);

/** Reads `data_tests:` and the older `tests:` spelling; dbt rejects an entry that has both. */
export function readDataTests(owner: PlainObject, ownerPath: YamlPath, problems: YamlProblem[]): DataTestSpec[] {
  const hasDataTests = owner.data_tests !== undefined && owner.data_tests !== null;
  const hasTests = owner.tests !== undefined && owner.tests !== null;
  if (hasDataTests && hasTests) {
    problems.push({
      message: 'Both `tests` and `data_tests` are set here, and dbt rejects that. Move every test under `data_tests` (the name since dbt 1.8).',
      path: [...ownerPath, 'tests'],
    });
  }
  const tests: DataTestSpec[] = [];
  for (const key of ['data_tests', 'tests'] as const) {
    listAt(owner, key, ownerPath, problems, 'tests').forEach((item, index) => {
      const test = readDataTest(item, [...ownerPath, key, index], key, problems);
      if (test) tests.push(test);
    });
  }
  return tests;
}

/** Normalises the three ways to write a test: `- unique`, `- relationships: {...}`, `- {test_name: x, name: y, ...}`. */
export function readDataTest(
  item: unknown,
  path: YamlPath,
  listedUnder: 'tests' | 'data_tests',
  problems: YamlProblem[],
): DataTestSpec | undefined {
  if (typeof item === 'string') return newTest(item, {}, {}, listedUnder, path);
  if (!isPlainObject(item)) {
    problems.push({ message: `A test must be a test name or a mapping, but this is ${describe(item)}.`, path });
    return undefined;
  }
  if (item.test_name !== undefined) {
    const testName = asText(item.test_name);
    if (!testName) {
      problems.push({ message: '`test_name` must be the name of a generic test.', path: [...path, 'test_name'] });
      return undefined;
    }
    return buildTest(testName, item, listedUnder, path);
  }
  const keys = Object.keys(item);
  if (keys.length !== 1) {
    problems.push({
      message: `A test mapping must have exactly one key, the test name (or use \`test_name:\`), but it has ${keys.length}: ${keys.slice(0, 4).join(', ')}.`,
      path,
    });
    return undefined;
  }
  const testName = keys[0];
  const body = item[testName];
  if (body !== null && body !== undefined && !isPlainObject(body)) {
    problems.push({
      message: `The arguments of test \`${testName}\` must be a mapping, but they are ${describe(body)}.`,
      path: [...path, testName],
    });
    return newTest(testName, {}, {}, listedUnder, path);
  }
  return buildTest(testName, isPlainObject(body) ? body : {}, listedUnder, path);
}

function buildTest(testName: string, body: PlainObject, listedUnder: 'tests' | 'data_tests', path: YamlPath): DataTestSpec {
  // Object.assign rather than spread: spreading small objects is markedly slower in Node 20, and this runs per test.
  const config: PlainObject = Object.assign({}, asObject(body.config));
  const explicitArguments = asObject(body.arguments);
  const argumentsOut: PlainObject = Object.assign({}, explicitArguments);
  for (const key in body) {
    if (key === 'name' || key === 'test_name' || key === 'config' || key === 'arguments' || key === 'description') continue;
    if (TOP_LEVEL_TEST_CONFIGS.has(key)) {
      if (!(key in config)) config[key] = body[key];
    } else if (!explicitArguments) {
      argumentsOut[key] = body[key];
    }
  }
  const test = newTest(testName, argumentsOut, config, listedUnder, path);
  const customName = asText(body.name);
  if (customName) test.customName = customName;
  return test;
}

/** A test with its name split into namespace and test name (`dbt_utils.expression_is_true`). */
function newTest(name: string, argumentsOut: PlainObject, config: PlainObject, listedUnder: 'tests' | 'data_tests', path: YamlPath): DataTestSpec {
  const dot = name.lastIndexOf('.');
  const test: DataTestSpec = { test: name, testName: dot > 0 ? name.slice(dot + 1) : name, arguments: argumentsOut, config, listedUnder, path };
  if (dot > 0) test.namespace = name.slice(0, dot);
  return test;
}

/** Reads `constraints:` of a model or a column. */
export function readConstraints(owner: PlainObject, ownerPath: YamlPath, problems: YamlProblem[]): ConstraintSpec[] {
  const constraints: ConstraintSpec[] = [];
  listAt(owner, 'constraints', ownerPath, problems, 'constraints').forEach((item, index) => {
    const path = [...ownerPath, 'constraints', index];
    if (!isPlainObject(item)) {
      problems.push({ message: `A constraint must be a mapping with a \`type\`, but this is ${describe(item)}.`, path });
      return;
    }
    const type = asString(item.type);
    if (!type) {
      problems.push({ message: 'This constraint has no `type` (not_null, unique, primary_key, foreign_key, check or custom).', path });
      return;
    }
    const constraint: ConstraintSpec = { type, path };
    const name = asText(item.name);
    if (name) constraint.name = name;
    const expression = asText(item.expression);
    if (expression) constraint.expression = expression;
    const columns = asStringList(item.columns);
    if (columns) constraint.columns = columns;
    const to = asString(item.to);
    if (to) constraint.to = to;
    const toColumns = asStringList(item.to_columns);
    if (toColumns) constraint.toColumns = toColumns;
    constraints.push(constraint);
  });
  return constraints;
}

export interface ColumnList {
  columns: ColumnSpec[];
  /** From a model version's `{include, exclude}` entry. */
  include?: 'all' | string[];
  exclude?: string[];
}

/** Reads `columns:`; `allowIncludeExclude` accepts the `{include, exclude}` entry that model versions may have. */
export function readColumns(owner: PlainObject, ownerPath: YamlPath, problems: YamlProblem[], allowIncludeExclude = false): ColumnList {
  const result: ColumnList = { columns: [] };
  listAt(owner, 'columns', ownerPath, problems, 'columns').forEach((item, index) => {
    const path = [...ownerPath, 'columns', index];
    if (!isPlainObject(item)) {
      problems.push({ message: `A column must be a mapping with a \`name\`, but this is ${describe(item)}.`, path });
      return;
    }
    if (allowIncludeExclude && item.name === undefined && (item.include !== undefined || item.exclude !== undefined)) {
      const include = item.include;
      result.include = include === 'all' || include === '*' ? 'all' : asStringList(include) ?? 'all';
      const exclude = asStringList(item.exclude);
      if (exclude) result.exclude = exclude;
      return;
    }
    const name = asText(item.name);
    if (!name) {
      problems.push({ message: 'This column has no `name`; dbt requires one.', path });
      return;
    }
    const column: ColumnSpec = {
      name,
      constraints: readConstraints(item, path, problems),
      tests: readDataTests(item, path, problems),
      // No `raw` copy of the column's mapping: a large project has hundreds of thousands of columns, and keeping
      // each loaded mapping alive cost more memory than every other part of its properties.
      path,
    };
    const description = asText(item.description);
    if (description !== undefined) column.description = description;
    const dataType = asText(item.data_type);
    if (dataType !== undefined) column.dataType = dataType;
    if (typeof item.quote === 'boolean') column.quote = item.quote;
    const meta = asObject(item.meta) ?? asObject(asObject(item.config)?.meta);
    if (meta) column.meta = meta;
    const tags = asStringList(item.tags) ?? asStringList(asObject(item.config)?.tags);
    if (tags) column.tags = tags;
    result.columns.push(column);
  });
  return result;
}
