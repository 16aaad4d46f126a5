/**
 * Small readers for plain values loaded from YAML, shared by every dbt file reader.
 *
 * Loaded values are `unknown`: users write anything. These helpers narrow without throwing and collect the
 * problems dbt itself would reject, each with the path of the offending node.
 */
import type { YamlPath } from './locate';

/** A structural problem dbt rejects when it parses the file, located by path (see `locateYamlPath`). */
export interface YamlProblem {
  message: string;
  path: YamlPath;
}

export type PlainObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Map);
}

/** A string, or a number or boolean written where dbt accepts any scalar as text (names like `2024`). */
export function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function asObject(value: unknown): PlainObject | undefined {
  return isPlainObject(value) ? value : undefined;
}

/** A list of strings, accepting a lone string as a one-item list, as dbt does for tags and similar keys. */
export function asStringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) return undefined;
  const strings: string[] = [];
  for (const item of value) {
    const text = asText(item);
    if (text !== undefined) strings.push(text);
  }
  return strings;
}

/**
 * The list under `key`, or an empty list when it is absent or null.
 * Anything else is a problem dbt reports ("is not of type 'array'").
 */
export function listAt(
  owner: PlainObject,
  key: string,
  ownerPath: YamlPath,
  problems: YamlProblem[],
  what: string,
): unknown[] {
  const value = owner[key];
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  problems.push({ message: `\`${key}\` must be a list of ${what}, but it is ${describe(value)}.`, path: [...ownerPath, key] });
  return [];
}

/** How a value looks, for messages: "a mapping", "the string \"x\"", "the number 3". */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string "${value.length > 40 ? `${value.slice(0, 37)}...` : value}"`;
  return `the ${typeof value} ${String(value)}`;
}
