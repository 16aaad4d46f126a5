/**
 * A small subset of JSON Schema for describing YAML files to the editor, and the suggestions it gives at a
 * cursor: which keys a mapping may hold, which values a key takes.
 *
 * It is deliberately the part of JSON Schema (draft 7, plus VS Code's `enumDescriptions`) that completion
 * needs, so a description written for dbt properties, a data contract (ODCS, Data Contract Specification)
 * or a pipeline file (dag-factory) reads like the JSON Schemas those projects publish, and can be adapted
 * from them. Values that only the workspace knows (model names, folders, tags) are named by
 * `completionValues` / `completionKeys` and supplied by the caller.
 */
import type { YamlCursor } from './cursor-path';
import type { YamlPath } from './locate';

export type YamlSchemaType = 'object' | 'array' | 'string' | 'boolean' | 'integer' | 'number' | 'null';

export interface YamlSchema {
  description?: string;
  type?: YamlSchemaType | readonly YamlSchemaType[];
  properties?: Readonly<Record<string, YamlSchema>>;
  /** The schema of keys not listed in `properties`; `false` or absent means none are expected. */
  additionalProperties?: YamlSchema | boolean;
  items?: YamlSchema;
  /** Keys an item of a list of mappings always writes first, e.g. `name`: used to start a new item. */
  required?: readonly string[];
  enum?: readonly (string | number | boolean)[];
  enumDescriptions?: readonly string[];
  anyOf?: readonly YamlSchema[];
  /** `#/definitions/<name>` of the root schema. */
  $ref?: string;
  definitions?: Readonly<Record<string, YamlSchema>>;
  deprecationMessage?: string;
  /** A link for the documentation shown with a key. */
  docsUrl?: string;
  /** Values only the caller knows (model names, tags), by a name the caller resolves. */
  completionValues?: string;
  /** Keys only the caller knows (folder names), by a name the caller resolves. */
  completionKeys?: string;
  /**
   * What to insert after `key:` when the key is accepted, in snippet syntax; derived from the type when absent.
   * A tab stands for one level of indentation below the key, wherever the key is.
   */
  insertAfterKey?: string;
}

export interface SchemaSuggestion {
  label: string;
  kind: 'key' | 'value';
  description?: string;
  docsUrl?: string;
  deprecated?: boolean;
  /** The snippet to insert for a key (`key: …`), or the value's text. */
  snippet: string;
  /** True when the snippet ends where a value can be completed. */
  retrigger?: boolean;
}

/** What the caller must supply: the names of `completionKeys` and `completionValues` met at the cursor. */
export interface SchemaRequests {
  keys: string[];
  values: string[];
}

/** Resolves `$ref` and flattens `anyOf`, so callers see plain alternatives. */
export function alternatives(root: YamlSchema, schema: YamlSchema | undefined, depth = 0): YamlSchema[] {
  if (!schema || depth > 16) return [];
  if (schema.$ref) {
    const name = schema.$ref.replace(/^#\/definitions\//, '');
    const target = root.definitions?.[name];
    // Keys written beside `$ref` (a description, say) refine the target.
    const { $ref: _ref, ...rest } = schema;
    return target ? alternatives(root, { ...target, ...rest }, depth + 1) : [];
  }
  if (schema.anyOf) {
    const { anyOf, ...rest } = schema;
    return anyOf.flatMap((option) => alternatives(root, { ...rest, ...option }, depth + 1));
  }
  return [schema];
}

function types(schema: YamlSchema): readonly YamlSchemaType[] {
  if (schema.type) return typeof schema.type === 'string' ? [schema.type] : (schema.type as readonly YamlSchemaType[]);
  if (schema.properties || schema.additionalProperties || schema.completionKeys) return ['object'];
  if (schema.items) return ['array'];
  return [];
}

function isObject(schema: YamlSchema): boolean {
  return types(schema).includes('object');
}

/** The schemas that may describe the node at `path`: one per alternative that the path can walk through. */
export function schemaAt(root: YamlSchema, path: YamlPath): YamlSchema[] {
  let current = alternatives(root, root);
  for (const segment of path) {
    const next: YamlSchema[] = [];
    for (const schema of current) {
      if (typeof segment === 'number') {
        if (schema.items) next.push(...alternatives(root, schema.items));
        continue;
      }
      const property = schema.properties?.[segment];
      if (property) next.push(...alternatives(root, property));
      else if (typeof schema.additionalProperties === 'object') next.push(...alternatives(root, schema.additionalProperties));
    }
    current = next;
    if (current.length === 0) break;
  }
  return current;
}

/**
 * The keys and values to suggest at a cursor. A key typed as the first thing of a new list item may also be
 * a plain value (`- not_null` beside `- accepted_values:`), so both are offered there.
 */
export function schemaSuggestions(root: YamlSchema, cursor: YamlCursor): { suggestions: SchemaSuggestion[]; requests: SchemaRequests } {
  const suggestions: SchemaSuggestion[] = [];
  const requests: SchemaRequests = { keys: [], values: [] };
  const schemas = schemaAt(root, cursor.path);
  if (cursor.kind === 'key') {
    const present = new Set(Object.keys(cursor.siblings));
    const childIndent = ' '.repeat(cursor.keyColumn - cursor.lineIndent + 2);
    const seen = new Set<string>();
    for (const schema of schemas.filter(isObject)) {
      for (const [key, property] of Object.entries(schema.properties ?? {})) {
        if (present.has(key) || seen.has(key)) continue;
        seen.add(key);
        suggestions.push(keySuggestion(root, key, property, childIndent));
      }
      if (schema.completionKeys) requests.keys.push(schema.completionKeys);
    }
    if (cursor.freshItem) addValues(schemas.filter((schema) => !isObject(schema)), suggestions, requests);
  } else {
    const valueSchemas = cursor.listItem ? schemas.flatMap((schema) => (schema.items ? alternatives(root, schema.items) : [])) : schemas;
    // `tags: nightly` is as valid as `tags: [nightly]`: a list's items are offered for a plain value too.
    const plain = cursor.listItem ? valueSchemas : valueSchemas.flatMap((schema) => (types(schema).includes('array') && schema.items ? [schema, ...alternatives(root, schema.items)] : [schema]));
    addValues(plain, suggestions, requests);
  }
  return { suggestions, requests };
}

function addValues(schemas: YamlSchema[], suggestions: SchemaSuggestion[], requests: SchemaRequests): void {
  const seen = new Set<string>();
  for (const schema of schemas) {
    (schema.enum ?? []).forEach((value, index) => {
      const label = String(value);
      if (seen.has(label)) return;
      seen.add(label);
      suggestions.push({ label, kind: 'value', snippet: label, description: schema.enumDescriptions?.[index] });
    });
    if (types(schema).includes('boolean') && !schema.enum) {
      for (const label of ['true', 'false']) {
        if (seen.has(label)) continue;
        seen.add(label);
        suggestions.push({ label, kind: 'value', snippet: label });
      }
    }
    if (schema.completionValues) requests.values.push(schema.completionValues);
  }
}

function keySuggestion(root: YamlSchema, key: string, property: YamlSchema, childIndent: string): SchemaSuggestion {
  const options = alternatives(root, property);
  const first = options[0] ?? property;
  const description = property.description ?? options.find((option) => option.description)?.description;
  const suggestion: SchemaSuggestion = { label: key, kind: 'key', snippet: '', description, docsUrl: property.docsUrl ?? first.docsUrl };
  if (property.deprecationMessage ?? first.deprecationMessage) {
    suggestion.deprecated = true;
    suggestion.description = [description, property.deprecationMessage ?? first.deprecationMessage].filter(Boolean).join('\n\n');
  }
  const explicit = property.insertAfterKey ?? first.insertAfterKey;
  const after = explicit !== undefined ? { text: explicit.replace(/\t/g, childIndent), retrigger: offersValues(root, options) } : defaultAfterKey(root, options, childIndent);
  suggestion.snippet = `${key}:${after.text}`;
  if (after.retrigger) suggestion.retrigger = true;
  return suggestion;
}

/** True when the key's value, or an item of it, can be completed, so the editor should ask again after the key. */
function offersValues(root: YamlSchema, options: YamlSchema[]): boolean {
  const items = options.flatMap((option) => (option.items ? alternatives(root, option.items) : []));
  return [...options, ...items].some((option) => option.enum !== undefined || option.completionValues !== undefined);
}

function defaultAfterKey(root: YamlSchema, options: YamlSchema[], childIndent: string): { text: string; retrigger?: boolean } {
  const all = options.flatMap(types);
  const hasValues = options.some((option) => option.enum || option.completionValues);
  if (all.length > 0 && all.every((type) => type === 'boolean')) return { text: ' ${1|true,false|}' };
  if (hasValues && !all.includes('object') && !all.includes('array')) return { text: ' $0', retrigger: true };
  if (all.includes('object') && !all.includes('string')) return { text: `\n${childIndent}$0` };
  if (all.includes('array') && !all.includes('string')) {
    const items = options.flatMap((option) => (option.items ? alternatives(root, option.items) : []));
    const objectItems = items.find(isObject);
    if (objectItems) {
      const firstKey = objectItems.required?.[0];
      return { text: firstKey ? `\n${childIndent}- ${firstKey}: $0` : `\n${childIndent}- $0` };
    }
    return { text: ' [$0]' };
  }
  return { text: ' $0' };
}
