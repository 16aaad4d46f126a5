/**
 * Whether a JSON Schema event contract is itself a valid schema: checked against the meta-schema of its draft
 * (`$schema`: draft-07, the default, or 2020-12), with validators compiled from ajv's meta-schemas at build time
 * (scripts/generate-event-schema-validators.ts), so the product neither bundles ajv nor compiles anything at run time.
 *
 * The validators are loaded on first use: a workspace without JSON Schema event contracts never loads them.
 */
import type { ErrorObject } from 'ajv';
import type { Span } from '../../text';
import { findNode, type JsonNode } from '../json-tree';
import { anchorSpan } from './schema-node';
import type { GeneratedValidator } from './schemas/generated/validators';

export interface JsonSchemaProblem {
  message: string;
  span: Span;
}

export type JsonSchemaDraft = 'draft-07' | '2020-12';

let validators: { draft07: GeneratedValidator; draft2020: GeneratedValidator } | undefined;

function validatorFor(draft: JsonSchemaDraft): GeneratedValidator {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose, see above.
  validators ??= require('./schemas/generated/validators') as { draft07: GeneratedValidator; draft2020: GeneratedValidator };
  return draft === '2020-12' ? validators.draft2020 : validators.draft07;
}

/**
 * The draft a schema is checked against, from its `$schema`: 2020-12 (and 2019-09, its nearest) or draft-07 (and the
 * drafts before it, and a schema that does not say, as Confluent Schema Registry assumes).
 */
export function jsonSchemaDraft(value: unknown): JsonSchemaDraft {
  const declared = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>).$schema : undefined;
  return typeof declared === 'string' && /(2020-12|2019-09)/.test(declared) ? '2020-12' : 'draft-07';
}

/** Every way a parsed JSON Schema document breaks its draft's meta-schema, located. Never throws. */
export function jsonSchemaProblems(value: unknown, document: JsonNode): JsonSchemaProblem[] {
  const draft = jsonSchemaDraft(value);
  const validate = validatorFor(draft);
  if (validate(value)) return [];
  const errors = validate.errors ?? [];
  // Each value gets one finding, from its most telling error; a value whose part is reported is not reported again.
  const byPath = new Map<string, ErrorObject[]>();
  for (const error of errors) byPath.set(error.instancePath, [...(byPath.get(error.instancePath) ?? []), error]);
  const paths = [...byPath.keys()].filter((path) => ![...byPath.keys()].some((other) => other !== path && other.startsWith(`${path}/`)));
  return paths.map((path) => {
    const steps = pointerSteps(path);
    const node = locate(document, steps);
    return { message: problemMessage(steps, byPath.get(path)!, draft), span: anchorSpan(node) };
  });
}

function pointerSteps(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((step) => step.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The property node at a path (so the finding points at the key), or the nearest node above it. */
function locate(document: JsonNode, steps: string[]): JsonNode {
  for (let length = steps.length; length > 0; length--) {
    const parent = findNode(document, toPath(document, steps.slice(0, length - 1)));
    const last = steps[length - 1];
    if (parent?.type === 'object') {
      const property = (parent.children ?? []).filter((child) => child.children?.[0]?.value === last).pop();
      if (property) return property;
    }
    if (parent?.type === 'array' && /^\d+$/.test(last) && parent.children?.[Number(last)]) return parent.children[Number(last)];
  }
  return document;
}

/** Pointer steps as a path for `findNode`: array indexes as numbers. */
function toPath(document: JsonNode, steps: string[]): (string | number)[] {
  const path: (string | number)[] = [];
  for (const step of steps) {
    const parent = findNode(document, path);
    path.push(parent?.type === 'array' && /^\d+$/.test(step) ? Number(step) : step);
  }
  return path;
}

const PREFERRED = ['enum', 'required', 'type', 'minimum', 'minItems', 'uniqueItems', 'format', 'pattern'];

function problemMessage(steps: string[], errors: ErrorObject[], draft: JsonSchemaDraft): string {
  const error = PREFERRED.map((keyword) => errors.find((candidate) => candidate.keyword === keyword)).find(Boolean) ?? errors[0];
  const where = steps.length === 0 ? 'The schema' : `\`${steps.join('.')}\``;
  const params = error.params as Record<string, unknown>;
  let what: string;
  switch (error.keyword) {
    case 'enum':
      what = `must be one of ${(params.allowedValues as unknown[]).map((value) => `\`${String(value)}\``).join(', ')}`;
      break;
    case 'type':
      what = `must be ${article(String(params.type).replace(/,/g, ' or '))}${errors.some((other) => other.keyword === 'anyOf') ? ' or one of its other allowed forms' : ''}`;
      break;
    default:
      what = error.message ?? 'does not match the meta-schema';
  }
  return `${where} ${what} in a ${draft} JSON Schema: Schema Registry, producers and consumers refuse a schema that breaks its meta-schema, or read it differently. Correct it; declare another draft with \`$schema\` if the keyword belongs to one.`;
}

/** `an array`, `a string`. */
function article(noun: string): string {
  return `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
}
