/**
 * Shared pieces of the change-classifier tests: how a case is written, how YAML is loaded, how results are compared.
 * Each case is a pair of contract versions and the changes expected between them, identified by rule, severity,
 * kind and head path (descriptions are checked separately, by shape, so rewording a message does not churn the table).
 */
import { strict as assert } from 'node:assert';
import { parse } from 'yaml';
import { classifyContractChanges, type ContractChange } from '../../../server/src/core/datacontract/changes';

export interface ExpectedChange {
  rule: string;
  severity: 'error' | 'warning';
  kind: string;
  headPath: (string | number)[];
}

export interface ChangeCase {
  name: string;
  base: string;
  head: string;
  expected: ExpectedChange[];
}

/** An expected error of the rule `datacontract/<rule>`. */
export function error(rule: string, kind: string, headPath: (string | number)[]): ExpectedChange {
  return { rule: `datacontract/${rule}`, severity: 'error', kind, headPath };
}

/** An expected warning of the rule `datacontract/<rule>`. */
export function warning(rule: string, kind: string, headPath: (string | number)[]): ExpectedChange {
  return { rule: `datacontract/${rule}`, severity: 'warning', kind, headPath };
}

/** Removes the common indentation of a template literal, so cases can be indented with the code. */
export function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').replace(/\n\s*$/, '').split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)![0].length));
  return lines.map((line) => line.slice(indent)).join('\n') + '\n';
}

/** Loads YAML the way the product does: the core schema, so dates stay strings. */
export function load(text: string): unknown {
  return parse(text, { schema: 'core' });
}

/** Indents a block under a header line, so a case writes only the part that changes. */
function under(header: string, block: string, indent: number): string {
  const body = dedent(block)
    .split('\n')
    .map((line) => (line === '' ? line : ' '.repeat(indent) + line))
    .join('\n');
  return `${header}\n${body}`;
}

/** A DCS 1.1 contract whose `models:` are the given block. */
export function dcs(models: string, preamble = ''): string {
  return dedent(`
    dataContractSpecification: 1.1.0
    id: orders-contract
    info:
      title: Orders
      version: 1.0.0
  `) + (preamble ? dedent(preamble) : '') + under('models:', models, 2);
}

/** An ODCS v3.0.2 contract whose `schema:` list is the given block. */
export function odcs(schema: string, preamble = ''): string {
  return dedent(`
    apiVersion: v3.0.2
    kind: DataContract
    id: orders-contract
    version: 1.0.0
    status: active
  `) + (preamble ? dedent(preamble) : '') + under('schema:', schema, 2);
}

function key(change: { rule: string; severity: string; kind: string; headPath?: (string | number)[] }): string {
  return JSON.stringify([change.rule, change.severity, change.kind, change.headPath]);
}

/** Runs one case: the classified changes must be exactly the expected ones, in any order. */
export function assertCase(testCase: ChangeCase): ContractChange[] {
  const changes = classifyContractChanges(load(testCase.base), load(testCase.head));
  const actual = changes.map(key).sort();
  const expected = testCase.expected.map(key).sort();
  assert.deepEqual(actual, expected, changes.map((change) => change.description).join('\n'));
  for (const change of changes) {
    assert.match(change.description, /^[A-Z].*: .+\.$/, `a sentence naming the subject and saying why: ${change.description}`);
    assert.ok(Array.isArray(change.basePath));
  }
  return changes;
}
