/**
 * Reading a JSON Schema from its positioned tree: the keywords the compatibility check compares, local `$ref`s
 * resolved, and the node a finding should point at.
 *
 * The comparison works on the tree rather than on the plain value so that every difference keeps its position in
 * both documents; the helpers here are the only place that knows how keywords are spelt.
 */
import { jsonValue, propertyNode, valueNode, type JsonNode } from '../json-tree';
import type { Span } from '../../text';

/** A schema inside a document: the schema node and the node a finding about it points at. */
export interface SchemaAt {
  /** The schema itself: an object, or `true`/`false`. */
  node: JsonNode;
  /** The `"key": schema` property that holds it, or the schema node for the document's root. */
  anchor: JsonNode;
}

/** How many `$ref`s are followed in a row before a chain is taken as a loop. */
const MAX_REF_HOPS = 32;

/** The schema a local `$ref` (`#/definitions/…`, `#/$defs/…`, any JSON pointer into the document) names, or the schema itself. */
export function resolveRefs(root: JsonNode, schema: SchemaAt): SchemaAt {
  let current = schema;
  for (let hop = 0; hop < MAX_REF_HOPS; hop++) {
    const ref = valueNode(current.node, '$ref')?.value;
    if (typeof ref !== 'string' || !ref.startsWith('#')) return current;
    const target = resolvePointer(root, ref.slice(1));
    if (!target) return current;
    current = target;
  }
  return current;
}

/** A JSON pointer (`/definitions/address`) into the document, with its property node as the anchor. */
function resolvePointer(root: JsonNode, pointer: string): SchemaAt | undefined {
  if (pointer === '') return { node: root, anchor: root };
  if (!pointer.startsWith('/')) return undefined;
  let node: JsonNode | undefined = root;
  let anchor: JsonNode = root;
  for (const raw of pointer.slice(1).split('/')) {
    const step = decodePointerStep(raw);
    if (node?.type === 'array' && /^\d+$/.test(step)) {
      node = node.children?.[Number(step)];
      if (node) anchor = node;
    } else {
      const property = propertyNode(node, step);
      if (!property) return undefined;
      anchor = property;
      node = property.children?.[1];
    }
    if (!node) return undefined;
  }
  return { node, anchor };
}

function decodePointerStep(raw: string): string {
  let step = raw;
  try {
    step = decodeURIComponent(raw);
  } catch {
    // A malformed percent escape is read literally, as a key may hold a `%`.
  }
  return step.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** A schema's value at a keyword, as plain data; undefined when absent. */
export function keyword(schema: JsonNode, name: string): unknown {
  const node = valueNode(schema, name);
  return node ? jsonValue(node) : undefined;
}

/** A schema's numeric keyword (`maxLength`, `maximum`…), or undefined when absent or not a number. */
export function numberKeyword(schema: JsonNode, name: string): number | undefined {
  const value = keyword(schema, name);
  return typeof value === 'number' ? value : undefined;
}

/** The sub-schema at a keyword (`items`, `additionalProperties`), with its property as the anchor. */
export function subschema(schema: JsonNode, name: string): SchemaAt | undefined {
  const property = propertyNode(schema, name);
  const node = property?.children?.[1];
  return node && isSchemaNode(node) ? { node, anchor: property } : undefined;
}

/** The sub-schemas of a keyword that holds an array (`anyOf`, `prefixItems`) or a map (`properties`). */
export function subschemas(schema: JsonNode, name: string): SchemaAt[] {
  const node = valueNode(schema, name);
  if (node?.type === 'array') return (node.children ?? []).filter(isSchemaNode).map((child) => ({ node: child, anchor: child }));
  return [];
}

/** The `properties` of a schema, by name, in document order. */
export function propertySchemas(schema: JsonNode): Map<string, SchemaAt> {
  const properties = new Map<string, SchemaAt>();
  const node = valueNode(schema, 'properties');
  if (node?.type !== 'object') return properties;
  for (const property of node.children ?? []) {
    const [key, value] = property.children ?? [];
    if (typeof key?.value === 'string' && value && isSchemaNode(value)) properties.set(key.value, { node: value, anchor: property });
  }
  return properties;
}

/** The `patternProperties` of a schema, as regular expressions; a pattern JavaScript cannot compile is left out. */
export function patternSchemas(schema: JsonNode): { pattern: RegExp; schema: SchemaAt }[] {
  const node = valueNode(schema, 'patternProperties');
  if (node?.type !== 'object') return [];
  const patterns: { pattern: RegExp; schema: SchemaAt }[] = [];
  for (const property of node.children ?? []) {
    const [key, value] = property.children ?? [];
    if (typeof key?.value !== 'string' || !value || !isSchemaNode(value)) continue;
    try {
      patterns.push({ pattern: new RegExp(key.value, 'u'), schema: { node: value, anchor: property } });
    } catch {
      // An ECMA-262-invalid pattern is the schema check's finding; here it only stops matching.
    }
  }
  return patterns;
}

/** The names in a schema's `required` array. */
export function requiredNames(schema: JsonNode): Set<string> {
  const required = keyword(schema, 'required');
  return new Set(Array.isArray(required) ? required.filter((name): name is string => typeof name === 'string') : []);
}

/** The JSON types a schema's `type` allows, or undefined when it does not say (any type). */
export function declaredTypes(schema: JsonNode): Set<string> | undefined {
  const type = keyword(schema, 'type');
  if (typeof type === 'string') return new Set([type]);
  if (Array.isArray(type)) return new Set(type.filter((name): name is string => typeof name === 'string'));
  return undefined;
}

/** The values an `enum` (or a `const`, as a one-value enum) allows, or undefined when the schema has neither. */
export function allowedValues(schema: JsonNode): unknown[] | undefined {
  const values = keyword(schema, 'enum');
  if (Array.isArray(values)) return values;
  return propertyNode(schema, 'const') ? [keyword(schema, 'const')] : undefined;
}

/** A node that can be a schema: an object or a boolean. */
export function isSchemaNode(node: JsonNode): boolean {
  return node.type === 'object' || node.type === 'boolean';
}

/** `true` or `{}` (or a schema holding only annotations): it accepts every value. */
export function acceptsEverything(schema: JsonNode): boolean {
  if (schema.type === 'boolean') return schema.value === true;
  if (schema.type !== 'object') return false;
  return (schema.children ?? []).every((property) => ANNOTATIONS.has(String(property.children?.[0]?.value)));
}

/** `false`: it accepts no value. */
export function acceptsNothing(schema: JsonNode): boolean {
  return schema.type === 'boolean' && schema.value === false;
}

/** Keywords that describe a schema without constraining its values. */
const ANNOTATIONS = new Set(['$schema', '$id', '$comment', 'title', 'description', 'default', 'examples', 'deprecated', 'readOnly', 'writeOnly', '$defs', 'definitions']);

/** The property node of a keyword in a schema, or the schema's own anchor when the keyword is absent. */
export function keywordAnchor(schema: SchemaAt, name: string): JsonNode {
  return propertyNode(schema.node, name) ?? schema.anchor;
}

/** Where a finding at a node is shown: a property's key, the opening bracket of an object or array, or the node. */
export function anchorSpan(node: JsonNode): Span {
  if (node.type === 'property') {
    const key = node.children?.[0] ?? node;
    return { start: key.offset, end: key.offset + key.length };
  }
  if (node.type === 'object' || node.type === 'array') return { start: node.offset, end: node.offset + 1 };
  return { start: node.offset, end: node.offset + node.length };
}

/** A value as it is written in JSON, for messages. */
export function showValue(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/** Two JSON values are equal, whatever the order of their objects' keys. */
export function sameValue(left: unknown, right: unknown): boolean {
  return canonical(left) === canonical(right);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}
