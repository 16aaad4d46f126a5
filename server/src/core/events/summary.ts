/**
 * The per-file summary of an event schema: its format, the JSON as a positioned tree and as plain data, JSON syntax
 * errors, and (for Avro) every way the schema itself is invalid, located. Computed from the file's text alone, like
 * every summary (core/project/summary.ts); the Avro model itself holds cycles (recursive records), so rules rebuild
 * it from `document` (./avro/model-cache.ts) rather than the summary keeping it.
 */
import type { SyntaxIssue } from '../text';
import { readAvroSchema, type AvroSchemaProblem } from './avro/schema';
import type { EventSchemaFormat } from './detect';
import { parseJsonTree, type JsonNode } from './json-tree';
import { jsonSchemaProblems } from './json-schema';

export interface EventSchemaFacts {
  format: EventSchemaFormat;
  /** The positioned JSON tree; undefined for an empty or unreadable file. */
  document: JsonNode | undefined;
  /** The JSON as plain data. */
  value: unknown;
  /** JSON syntax errors. */
  errors: SyntaxIssue[];
  /** Why the schema itself is invalid: Avro's rules, or a JSON Schema's draft meta-schema. */
  problems: AvroSchemaProblem[];
  /** The full names of the schema's top-level record (Avro), its subject's name by default. */
  subjectNames: string[];
}

/** Reads an event schema file. Never throws. Without `checks` (an oversize file) the schema is parsed but not validated. */
export function summarizeEventSchema(format: EventSchemaFormat, text: string, options: { checks?: boolean } = {}): EventSchemaFacts {
  const parsed = parseJsonTree(text);
  if (format !== 'avro') {
    // A JSON Schema is checked against its draft's meta-schema (precompiled: ./json-schema/validate.ts).
    const problems = parsed.errors.length > 0 || options.checks === false || !parsed.document ? [] : jsonSchemaProblems(parsed.value, parsed.document);
    return { format, ...parsed, problems, subjectNames: [] };
  }
  const schema = parsed.document ? readAvroSchema(parsed.document) : undefined;
  const root = schema?.root;
  const subjectNames = root && (root.kind === 'record' || root.kind === 'enum' || root.kind === 'fixed') && root.fullName !== '' ? [root.fullName] : [];
  // A file with syntax errors has a partial tree: schema problems on it would be noise beside the real error.
  const problems = parsed.errors.length > 0 || options.checks === false || !schema ? [] : schema.problems;
  return { format, ...parsed, problems, subjectNames };
}
