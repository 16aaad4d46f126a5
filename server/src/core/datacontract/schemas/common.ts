/**
 * Building blocks of the data contract schemas (JSON Schema draft 7, compiled by ajv at build time).
 *
 * Two annotations ride along, ignored by ajv (it runs with `strict: false`): `title` names what a mapping describes
 * in messages ("a schema object", "a property"), and `dplensList` marks a mapping whose keys are names the author
 * chose (DCS `models`, `fields`), so a message says "the model `orders`" rather than "the key `orders`".
 */
export type JsonSchema = Record<string, unknown>;

export const str: JsonSchema = { type: 'string' };
export const bool: JsonSchema = { type: 'boolean' };
export const int: JsonSchema = { type: 'integer' };
export const num: JsonSchema = { type: 'number' };
export const anything: JsonSchema = {};
export const strings: JsonSchema = { type: 'array', items: str };

export const ref = (name: string): JsonSchema => ({ $ref: `#/definitions/${name}` });
export const list = (items: JsonSchema, extra: JsonSchema = {}): JsonSchema => ({ type: 'array', items, ...extra });
export const oneOfValues = (values: readonly string[]): JsonSchema => ({ type: 'string', enum: [...values] });

/** A mapping whose keys are all known: an unknown key is an error (upstream: `additionalProperties` or `unevaluatedProperties: false`). */
export function strict(title: string, properties: Record<string, JsonSchema>, extra: JsonSchema = {}): JsonSchema {
  return { type: 'object', title, properties, additionalProperties: false, ...extra };
}

/** A mapping whose known keys are typed and whose other keys are free, as the standard leaves them. */
export function open(title: string, properties: Record<string, JsonSchema>, extra: JsonSchema = {}): JsonSchema {
  return { type: 'object', title, properties, ...extra };
}

/** `if` a mapping's `key` equals `value`, `then` the given schema applies too. */
export function when(key: string, value: string, then: JsonSchema, requireKey = true): JsonSchema {
  return { if: { properties: { [key]: { const: value } }, ...(requireKey ? { required: [key] } : {}) }, then };
}

/** Versions compared as dotted numbers (`3.0.2` < `3.1.0`), for "added in" conditions. */
export function atLeast(version: string, minimum: string): boolean {
  const a = version.replace(/^v/, '').split('.').map(Number);
  const b = minimum.replace(/^v/, '').split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}
