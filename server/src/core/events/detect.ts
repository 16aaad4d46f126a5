/**
 * Recognising event schema files by their path alone (no read): `*.avsc` anywhere is an Avro schema; a
 * `*.schema.json` file is a JSON Schema event contract when it matches `events.jsonSchemas` (by default, everywhere).
 */
import { DEFAULT_JSON_SCHEMA_GLOBS, globMatcher, type EventsSettings } from './settings';

export type EventSchemaFormat = 'avro' | 'json-schema';

/** The format of an event schema file, or undefined when the path names none. */
export function eventSchemaFormat(path: string, settings: EventsSettings | undefined): EventSchemaFormat | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.avsc')) return 'avro';
  if (lower.endsWith('.schema.json') && globMatcher(settings?.jsonSchemas ?? DEFAULT_JSON_SCHEMA_GLOBS)(path)) return 'json-schema';
  return undefined;
}

/** Whether a path could be an event schema under some setting: what the reader lists and the git base snapshot compares. */
export function mayBeEventSchema(path: string): boolean {
  const lower = path.toLowerCase();
  return lower.endsWith('.avsc') || lower.endsWith('.schema.json');
}

/** The format of a file the index already classified as an event schema: Avro by its extension, else JSON Schema. */
export function eventSchemaFormatOfName(path: string): EventSchemaFormat {
  return path.toLowerCase().endsWith('.avsc') ? 'avro' : 'json-schema';
}
