/**
 * Validation of a loaded data contract against the schema of its declared version (./schemas, compiled at build
 * time into ./schemas/generated), with every ajv error turned into a located problem in plain words:
 * "`schema[0].properties[2].logicalType` must be one of string, date, …: `strnig` is not".
 * See docs/decisions/0011-data-contract-schemas.md.
 */
import type { ErrorObject } from 'ajv';
import { closestName } from '../rules/suggest';
import type { YamlPath } from '../yaml';
import type { DataContractFlavour } from './detect';
import { dataContractSchemas, DCS_LEGACY_VERSIONS, DCS_VERSIONS, ODCS_VERSIONS, schemaKey, type DataContractSchemaKey, type JsonSchema } from './schemas';
import type { GeneratedValidator } from './schemas/generated/validators';
import { pointerToYamlPath, valueAtPath } from '../yaml/json-pointer';

/** One finding about a contract: what is wrong, where (a YAML path, or offsets), and which rule reports it. */
export interface DataContractProblem {
  rule: string;
  path: YamlPath;
  /** Whether the finding points at the key of `path` or at its value. */
  target: 'key' | 'value';
  message: string;
  /** Exact offsets, when the path alone would not say which of two equal keys is meant. */
  span?: { start: number; end: number };
  /** Set when the finding is weaker than the rule's default severity. */
  severity?: 'warning' | 'info';
}

export const SCHEMA_RULE = 'datacontract/schema';

/** The versions a contract may declare, by standard, in the order they were published. */
export const SUPPORTED_VERSIONS: Readonly<Record<DataContractFlavour, readonly string[]>> = { odcs: ODCS_VERSIONS, dcs: DCS_VERSIONS };

/** The key that declares the version in each standard. */
export const VERSION_KEY: Readonly<Record<DataContractFlavour, string>> = { odcs: 'apiVersion', dcs: 'dataContractSpecification' };

const STANDARD_NAME: Readonly<Record<DataContractFlavour, string>> = { odcs: 'Open Data Contract Standard', dcs: 'Data Contract Specification' };

/** The latest ODCS schema, tried when a v3.0.x contract fails its own (decision 0011). */
const LATEST_ODCS = 'v3.1.0';

let validators: Record<string, GeneratedValidator> | undefined;

/** The compiled validators, loaded on first use: a workspace without contracts never loads their code. */
function validatorFor(key: DataContractSchemaKey): GeneratedValidator | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose, see above.
  validators ??= require('./schemas/generated/validators') as Record<string, GeneratedValidator>;
  return validators[key];
}

/** A YAML path as the contract's authors write it: `schema[0].properties[2].logicalType`. */
export function formatPath(path: YamlPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text === '' ? 'the contract' : text;
}

/**
 * Validates a loaded contract against the schema of the version it declares. An unsupported or missing version gives
 * one problem at the version key and nothing else: any other finding would be measured against the wrong standard.
 * Never throws.
 */
export function validateDataContract(flavour: DataContractFlavour, value: unknown): DataContractProblem[] {
  const versionKey = VERSION_KEY[flavour];
  const root = isObject(value) ? value : undefined;
  const declared = root?.[versionKey];
  const supported = SUPPORTED_VERSIONS[flavour];
  // DCS 0.9.x files are checked against the latest schema, which upstream keeps accepting them (decision 0011).
  const legacy = flavour === 'dcs' && typeof declared === 'string' && (DCS_LEGACY_VERSIONS as readonly string[]).includes(declared);
  if (typeof declared !== 'string' || (!supported.includes(declared) && !legacy)) return [versionProblem(flavour, declared, root !== undefined && versionKey in root)];
  const key = schemaKey(flavour, legacy ? DCS_VERSIONS[DCS_VERSIONS.length - 1] : declared);
  const problems = validateWith(key, value);
  if (problems.length === 0 || flavour !== 'odcs' || declared === LATEST_ODCS) return problems;
  // The standard's own examples declare v3.0.2 and use what v3.1.0 published (a team as a mapping, numeric exclusive
  // bounds, quality `metric`), and datacontract-cli accepts them: one hint instead of errors (decision 0011).
  if (validateWith(schemaKey('odcs', LATEST_ODCS), value).length > 0) return problems;
  return [
    {
      rule: SCHEMA_RULE,
      path: [versionKey],
      target: 'value',
      severity: 'info',
      message: `This contract declares \`apiVersion: ${declared}\` but uses what ODCS published in ${LATEST_ODCS} (first at \`${formatPath(problems[0].path)}\`). It is valid against ${LATEST_ODCS}, which datacontract-cli uses, but a validator that follows ${declared} strictly rejects it: declare \`apiVersion: ${LATEST_ODCS}\`.`,
    },
  ];
}

function versionProblem(flavour: DataContractFlavour, declared: unknown, present: boolean): DataContractProblem {
  const versionKey = VERSION_KEY[flavour];
  const list = SUPPORTED_VERSIONS[flavour].join(', ');
  const standard = STANDARD_NAME[flavour];
  if (!present) {
    return { rule: SCHEMA_RULE, path: [], target: 'key', message: `This ${standard} contract has no \`${versionKey}\`: without it no tool knows which version of the standard to check it against. Add \`${versionKey}: ${SUPPORTED_VERSIONS[flavour].at(-1)}\` (supported: ${list}).` };
  }
  return {
    rule: SCHEMA_RULE,
    path: [versionKey],
    target: 'value',
    message: `\`${versionKey}: ${String(declared)}\` is not ${flavour === 'odcs' ? 'an' : 'a'} ${standard} version Data Platform Lens can check (it knows ${list}${flavour === 'dcs' ? `, and ${DCS_LEGACY_VERSIONS.slice().reverse().join(', ')} through the ${DCS_VERSIONS[DCS_VERSIONS.length - 1]} schema` : ''}), so nothing else in this contract is validated. Declare one of those versions, or migrate the contract to it.`,
  };
}

function validateWith(key: DataContractSchemaKey, value: unknown): DataContractProblem[] {
  const validate = validatorFor(key);
  const schema = dataContractSchemas().get(key);
  if (!validate || !schema) return [];
  if (validate(value ?? null)) return [];
  return mapErrors(validate.errors ?? [], value, schema);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Follows `$ref`s into the root's `definitions`. */
function resolve(root: JsonSchema, node: unknown): Record<string, unknown> | undefined {
  let current = node;
  for (let depth = 0; depth < 10 && isObject(current) && typeof current.$ref === 'string'; depth++) {
    current = (root.definitions as Record<string, unknown> | undefined)?.[current.$ref.replace('#/definitions/', '')];
  }
  return isObject(current) ? current : undefined;
}

/**
 * The schema that describes the value at a YAML path. The generated validators report each error's `schemaPath`
 * relative to the definition it is in (shared definitions are compiled as functions of their own), so the schema is
 * found again by walking the root schema along the value's path instead.
 */
function schemaForPath(root: JsonSchema, path: YamlPath, value: unknown): Record<string, unknown> | undefined {
  let node = resolve(root, root);
  let current = value;
  for (const segment of path) {
    if (!node) return undefined;
    if (Array.isArray(node.anyOf)) {
      // Of alternatives (ODCS 3.1 `team`: a mapping or a list), the one whose type the value has.
      const options = node.anyOf.map((option) => resolve(root, option)).filter((option): option is Record<string, unknown> => option !== undefined);
      node = options.find((option) => (option.type === 'array') === Array.isArray(current)) ?? options[0];
      if (!node) return undefined;
    }
    const next: unknown = typeof segment === 'number' ? node.items : ((node.properties as Record<string, unknown> | undefined)?.[segment] ?? (isObject(node.additionalProperties) ? node.additionalProperties : undefined));
    node = resolve(root, next);
    current = (current as Record<string | number, unknown> | undefined)?.[segment];
  }
  return node;
}

/** What a schema expects, in words. */
function expected(schema: Record<string, unknown>): string[] {
  if (Array.isArray(schema.anyOf)) return schema.anyOf.flatMap((option) => expected(option as Record<string, unknown>));
  if (isObject(schema.items) && schema.type === 'array') return ['a list'];
  if (typeof schema.$ref === 'string') return [schema.$ref.endsWith('Team') ? 'a mapping' : 'a list'];
  const types = typeof schema.type === 'string' ? [schema.type] : Array.isArray(schema.type) ? (schema.type as string[]) : [];
  const words: Record<string, string> = { string: 'a string', number: 'a number', integer: 'a whole number', boolean: '`true` or `false`', object: 'a mapping', array: 'a list', null: 'empty' };
  return types.map((type) => words[type] ?? type);
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return `\`${value.length > 40 ? `${value.slice(0, 40)}…` : value}\``;
  if (typeof value === 'number' || typeof value === 'boolean') return `\`${String(value)}\``;
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  return 'a mapping';
}

function article(title: string): string {
  return title.startsWith('a ') || title.startsWith('an ') || title.startsWith('the ') || title.startsWith('`') ? title : `a ${title}`;
}

function mapErrors(errors: ErrorObject[], root: unknown, schema: JsonSchema): DataContractProblem[] {
  // Alternatives (anyOf): keep the errors of the branch that matched the value's type, or one finding for the
  // alternative as a whole when none did.
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
    const options = (schemaForPath(schema, pointerToYamlPath(error.instancePath, root), root)?.anyOf as unknown[] | undefined) ?? [];
    const matching = options
      .map((option, index) => ({ option, errors: branches.get(String(index)) ?? [] }))
      .filter(({ errors: branchErrors }) => !branchErrors.some((other) => other.instancePath === error.instancePath && other.keyword === 'type'));
    inside.forEach((other) => dropped.add(other));
    if (matching.length > 0) {
      const best = matching.reduce((a, b) => (b.errors.length < a.errors.length ? b : a));
      best.errors.forEach((other) => dropped.delete(other));
      dropped.add(error);
    }
  }
  const problems: DataContractProblem[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (dropped.has(error) || error.keyword === 'if') continue;
    const path = pointerToYamlPath(error.instancePath, root);
    const holder = error.keyword === 'additionalProperties' || error.keyword === 'required' ? path : path.slice(0, -1);
    const parent = schemaForPath(schema, error.keyword === 'additionalProperties' || error.keyword === 'required' ? path : path, root) ?? {};
    const owner = schemaForPath(schema, holder, root) ?? {};
    const what = typeof owner.title === 'string' ? owner.title : 'this mapping';
    const where = formatPath(path);
    let problem: DataContractProblem;
    if (error.keyword === 'additionalProperties') {
      const key = String((error.params as { additionalProperty: string }).additionalProperty);
      const suggestion = closestName(key, Object.keys((parent.properties as Record<string, unknown>) ?? {}));
      problem = {
        rule: SCHEMA_RULE,
        path: [...path, key],
        target: 'key',
        message: `\`${key}\` is not a key the standard defines for ${article(what)}${path.length > 0 ? ` (\`${where}\`)` : ''}: validators reject the contract, and tools ignore what it says. ${suggestion ? `Did you mean \`${suggestion}\`?` : 'Check the spelling, or move the value under `customProperties`.'}`,
      };
    } else if (error.keyword === 'required') {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      problem = {
        rule: SCHEMA_RULE,
        path,
        target: 'key',
        message: `${path.length === 0 ? 'The contract' : `\`${where}\``} has no \`${missing}\`, which the standard requires of ${article(what)}: validators reject the contract without it. Add \`${missing}:\`.`,
      };
    } else if (error.keyword === 'enum') {
      const values = ((error.params as { allowedValues?: unknown[] }).allowedValues ?? []).map(String);
      const value = valueAtPath(root, path);
      const suggestion = typeof value === 'string' ? closestName(value, values) : undefined;
      problem = {
        rule: SCHEMA_RULE,
        path,
        target: 'value',
        message: `\`${where}\` must be one of ${values.join(', ')}: ${describeValue(value)} is not, so validators reject the contract and tools cannot read the value. ${suggestion ? `Did you mean \`${suggestion}\`?` : 'Write one of the listed values.'}`,
      };
    } else if (error.keyword === 'type' || error.keyword === 'anyOf') {
      const wanted = [...new Set(error.keyword === 'type' ? expected({ type: String((error.params as { type: unknown }).type).split(',') }) : expected(parent))];
      problem = {
        rule: SCHEMA_RULE,
        path,
        target: 'value',
        message: `\`${where}\` must be ${wanted.length > 0 ? wanted.join(' or ') : 'of another type'}, but it is ${describeValue(valueAtPath(root, path))}: validators reject the contract. Write a value of that type.`,
      };
    } else {
      // minimum, minItems, pattern, uniqueItems, maxItems, exclusiveMinimum: ajv's own sentence is plain enough.
      problem = {
        rule: SCHEMA_RULE,
        path,
        target: 'value',
        message: `\`${where}\` ${error.message ?? 'is invalid'}, but it is ${describeValue(valueAtPath(root, path))}: validators reject the contract. Change the value.`,
      };
    }
    const id = `${problem.target}:${JSON.stringify(problem.path)}:${problem.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    problems.push(problem);
  }
  return problems;
}
