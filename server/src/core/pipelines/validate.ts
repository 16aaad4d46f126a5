/**
 * Validating a loaded dag-factory file against its schema (schemas/index.ts, compiled at build time) and turning ajv's
 * errors into located, plain-word problems for `pipeline/schema`.
 */
import type { ErrorObject } from 'ajv';
import type { Span } from '../text';
import { pointerToYamlPath, valueAtPath } from '../yaml/json-pointer';
import type { PipelineFileRole, PipelinePathSegment, PipelineValue } from './dag-model';
import type { GeneratedValidator } from './schemas/generated/validators';

/** A schema problem: what is wrong, located on the key that holds the value. */
export interface PipelineSchemaProblem {
  message: string;
  span: Span;
  path: PipelinePathSegment[];
}

let validators: Record<string, GeneratedValidator> | undefined;

/** The compiled validators, loaded on first use: a workspace without dag-factory files never loads their code. */
function validatorFor(role: PipelineFileRole): GeneratedValidator {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose, see above.
  validators ??= require('./schemas/generated/validators') as Record<string, GeneratedValidator>;
  return validators[role];
}

/** The schema problems of a loaded document; `locate` gives the span of a YAML path's key. Never throws. */
export function validatePipelineDocument(role: PipelineFileRole, document: PipelineValue, locate: (path: PipelinePathSegment[]) => Span | undefined): PipelineSchemaProblem[] {
  if (document === null) return [];
  const validate = validatorFor(role);
  if (validate(document)) return [];
  const errors = (validate.errors ?? []).filter((error) => !error.instancePath.includes('/$kind'));
  const problems: PipelineSchemaProblem[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    // A failed `anyOf` reports one error per alternative; where an alternative failed deeper inside the value, those
    // deeper errors say what is wrong, otherwise one message lists what the value may be.
    const deeper = errors.some((other) => other.instancePath.startsWith(error.instancePath + '/'));
    if (error.keyword !== 'required' && deeper) continue;
    if (error.keyword !== 'anyOf' && error.keyword !== 'required' && errors.some((other) => other.keyword === 'anyOf' && other.instancePath === error.instancePath)) continue;
    const path = pointerToYamlPath(error.instancePath, document) as PipelinePathSegment[];
    const message = messageFor(error, path, document, errors);
    if (!message || seen.has(`${error.instancePath}\n${message}`)) continue;
    seen.add(`${error.instancePath}\n${message}`);
    problems.push({ message, path, span: locate(path) ?? { start: 0, end: 0 } });
  }
  return problems;
}

function messageFor(error: ErrorObject, path: PipelinePathSegment[], document: PipelineValue, all: ErrorObject[]): string | undefined {
  const where = describePath(path);
  const value = valueAtPath(document, path);
  switch (error.keyword) {
    case 'required': {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      if (missing === '$kind' || missing === 'type') return undefined;
      return `${where} has no \`${missing}\`: dag-factory rejects the DAG without it, because it names the ${missing === 'task_id' ? 'task' : 'task group'}. Add \`${missing}: <name>\`.`;
    }
    case 'pattern':
      return `${where} is ${describeValue(value)}, which is no date dag-factory can read: it fails to build the DAG. Write a date such as "2025-01-01" (or "2025-01-01T06:00:00"), or a relative time such as "2 days".`;
    case 'anyOf': {
      const wanted = new Set<string>();
      for (const other of all) {
        if (other.instancePath !== error.instancePath || other.keyword !== 'type') continue;
        const type = (other.params as { type: string | string[] }).type;
        for (const name of Array.isArray(type) ? type : [type]) wanted.add(typeWord(name));
      }
      if (all.some((other) => other.instancePath === error.instancePath && other.keyword === 'required' && (other.params as { missingProperty: string }).missingProperty === '$kind')) wanted.add('a `__type__` value');
      if (all.some((other) => other.instancePath === error.instancePath && other.keyword === 'pattern')) {
        return `${where} is ${describeValue(value)}, which is no date dag-factory can read: it fails to build the DAG. Write a date such as "2025-01-01" (or "2025-01-01T06:00:00"), or a relative time such as "2 days".`;
      }
      return `${where} must be ${[...wanted].join(' or ') || 'of another type'}, but it is ${describeValue(value)}: dag-factory or Airflow rejects the DAG. Write a value of that type.`;
    }
    case 'type': {
      const type = (error.params as { type: string | string[] }).type;
      const names = (Array.isArray(type) ? type : [type]).map(typeWord);
      return `${where} must be ${names.join(' or ')}, but it is ${describeValue(value)}: dag-factory or Airflow rejects the DAG. Write a value of that type.`;
    }
    default:
      return `${where} ${error.message ?? 'is invalid'}: dag-factory or Airflow rejects the DAG. Change the value.`;
  }
}

function describePath(path: PipelinePathSegment[]): string {
  if (path.length === 0) return 'The file';
  const dotted = path.map((segment) => (typeof segment === 'number' ? `[${segment}]` : segment)).join('.').replace(/\.\[/g, '[');
  return `\`${dotted}\``;
}

function typeWord(type: string): string {
  switch (type) {
    case 'object':
      return 'a mapping';
    case 'array':
      return 'a list';
    case 'integer':
      return 'a whole number';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'null':
      return 'empty';
    default:
      return `a ${type}`;
  }
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return (value as { $kind?: string }).$kind === 'typed' ? `a \`${(value as { type: string }).type}\` value` : 'a mapping';
  if (typeof value === 'string') return `"${value}"`;
  return String(value);
}
