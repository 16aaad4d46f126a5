/**
 * Event schema files (Avro `.avsc`, JSON Schema `.schema.json`) parsed with positions, as a plain tree.
 *
 * jsonc-parser's tree links each node to its parent, which a summary cannot hold (summaries are stored as JSON):
 * the tree is copied without those links. Comments are accepted, as in VS Code's JSON, so that a schema annotated
 * while it is being written still parses; trailing commas are syntax errors.
 */
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { Span, SyntaxIssue } from '../text';

export interface JsonNode {
  type: 'object' | 'array' | 'property' | 'string' | 'number' | 'boolean' | 'null';
  offset: number;
  length: number;
  /** The value of a string, number, boolean or null node. */
  value?: unknown;
  /** An object's `property` nodes; a property's key node and value node; an array's items. */
  children?: JsonNode[];
}

export interface ParsedJson {
  /** The positioned tree; undefined for an empty or unreadable text. */
  document: JsonNode | undefined;
  /** The value as plain data, undefined where the text does not parse. */
  value: unknown;
  errors: SyntaxIssue[];
}

function copyTree(node: Node): JsonNode {
  const copy: JsonNode = { type: node.type, offset: node.offset, length: node.length };
  if (node.type === 'string' || node.type === 'number' || node.type === 'boolean' || node.type === 'null') copy.value = node.value;
  if (node.children) copy.children = node.children.map(copyTree);
  return copy;
}

/** Parses a JSON text with positions. Never throws. */
export function parseJsonTree(text: string): ParsedJson {
  const problems: ParseError[] = [];
  const tree = parseTree(text, problems, { allowTrailingComma: false, disallowComments: false });
  // jsonc-parser reports one mistake several ways at one offset (a trailing comma: a property name expected, and a value): the first says it.
  const errors = problems.filter((problem, i) => i === 0 || problems[i - 1].offset !== problem.offset).map((problem) => ({
    message: `JSON syntax error: ${readableParseError(printParseErrorCode(problem.error))}.`,
    span: { start: problem.offset, end: problem.offset + Math.max(problem.length, 1) },
  }));
  const document = tree ? copyTree(tree) : undefined;
  if (!document && errors.length === 0) errors.push({ message: 'The file is empty: an event schema is a JSON document.', span: { start: 0, end: 0 } });
  return { document, value: document ? jsonValue(document) : undefined, errors };
}

/** `PropertyNameExpected` as `property name expected`. */
function readableParseError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** A node's value as plain data. */
export function jsonValue(node: JsonNode): unknown {
  switch (node.type) {
    case 'object': {
      const object: Record<string, unknown> = {};
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key && typeof key.value === 'string') object[key.value] = value ? jsonValue(value) : undefined;
      }
      return object;
    }
    case 'array':
      return (node.children ?? []).map(jsonValue);
    case 'property':
      return node.children?.[1] ? jsonValue(node.children[1]) : undefined;
    default:
      return node.value;
  }
}

/** An object node's property of that key (the last one when repeated, as JSON.parse keeps it). */
export function propertyNode(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (!node || node.type !== 'object') return undefined;
  let found: JsonNode | undefined;
  for (const property of node.children ?? []) if (property.children?.[0]?.value === key) found = property;
  return found;
}

/** An object node's value at that key. */
export function valueNode(node: JsonNode | undefined, key: string): JsonNode | undefined {
  return propertyNode(node, key)?.children?.[1];
}

/** The node at a path of keys and indexes, or undefined. */
export function findNode(document: JsonNode | undefined, path: readonly (string | number)[]): JsonNode | undefined {
  let current = document;
  for (const step of path) {
    if (!current) return undefined;
    current = typeof step === 'number' ? (current.type === 'array' ? current.children?.[step] : undefined) : valueNode(current, step);
  }
  return current;
}

/** The span a node covers. */
export function nodeSpan(node: JsonNode): Span {
  return { start: node.offset, end: node.offset + node.length };
}
