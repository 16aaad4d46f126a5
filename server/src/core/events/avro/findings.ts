/**
 * An Avro schema's incompatibilities with its earlier versions, under its compatibility mode, as findings of the six
 * `event/*` Avro rules: each located in the head file and saying which mode it breaks and what fixes it.
 *
 * BACKWARD asks whether the new schema reads data written with the old one (reader = head); FORWARD whether the old
 * schema reads data written with the new one (reader = the earlier version); FULL asks both. The same kind of
 * incompatibility means a different change in each direction: a reader field missing from the writer is a field
 * added without a default under BACKWARD, and a field removed that had no default under FORWARD.
 */
import type { Span } from '../../text';
import type { EventSchemaSummary } from '../../project/summary';
import type { EventSchemaComparison } from '../compare';
import type { JsonNode } from '../json-tree';
import { modeDirections, type CompatibilityMode } from '../settings';
import { canRead, type AvroIncompatibility } from './compatibility';
import { readAvroSchema, type AvroSchema } from './schema';

export type AvroRuleId =
  | 'event/field-added-without-default'
  | 'event/field-removed-without-default'
  | 'event/type-not-promotable'
  | 'event/enum-symbol-removed'
  | 'event/union-narrowed'
  | 'event/field-renamed-without-alias';

export interface AvroCompatibilityFinding {
  rule: AvroRuleId;
  /** Where in the head file. */
  span: Span;
  message: string;
}

const schemas = new WeakMap<JsonNode, AvroSchema>();

/** The Avro model of a parsed document, built once per document (documents are immutable, as summaries are). */
export function avroSchemaOf(document: JsonNode): AvroSchema {
  let schema = schemas.get(document);
  if (!schema) schemas.set(document, (schema = readAvroSchema(document)));
  return schema;
}

type Direction = 'backward' | 'forward';

const NEW_SUBJECT = 'or register the schema under a new subject (a new topic) so that consumers migrate knowingly';

function code(text: string): string {
  return `\`${text}\``;
}

function list(items: readonly string[]): string {
  return items.map(code).join(', ');
}

/** The finding of one incompatibility found in one direction against one earlier version. */
export function describeIncompatibility(found: AvroIncompatibility, direction: Direction, mode: CompatibilityMode, earlier: string): AvroCompatibilityFinding {
  const breaks = `This breaks ${mode} compatibility`;
  const headSpan = direction === 'backward' ? found.readerSpan : found.writerSpan;
  const reason =
    direction === 'backward'
      ? `consumers using this schema cannot read events written with ${earlier}`
      : `consumers still using ${earlier} cannot read events written with this schema`;
  switch (found.kind) {
    case 'missing-field': {
      const [record] = splitLocation(found.location);
      if (direction === 'backward') {
        return {
          rule: 'event/field-added-without-default',
          span: headSpan,
          message: `Field ${code(found.field!)} (${found.readerType}) was added to record ${code(record)} without a default, so ${reason}: those events have no value for it. ${breaks}. Add a \`"default"\` to the field (for an optional field, the type \`["null", ...]\` with \`"default": null\`), ${NEW_SUBJECT}.`,
        };
      }
      return {
        rule: 'event/field-removed-without-default',
        span: headSpan,
        message: `Field ${code(found.field!)} (${found.readerType}) was removed from record ${code(record)}, and it has no default in ${earlier}, so ${reason}: they expect a value for it. ${breaks}. Keep the field (deprecate it in its \`doc\`), or first publish a version where it has a default and remove it afterwards, ${NEW_SUBJECT}.`,
      };
    }
    case 'renamed-field': {
      const [record] = splitLocation(found.location);
      if (direction === 'backward') {
        return {
          rule: 'event/field-renamed-without-alias',
          span: headSpan,
          message: `Field ${code(found.formerName!)} of record ${code(record)} looks renamed to ${code(found.field!)} (same type, same position), but without an alias this schema looks for ${code(found.field!)} in events written with ${earlier} and finds none. ${breaks}. Add \`"aliases": ["${found.formerName}"]\` to field ${code(found.field!)}, or give it a default, ${NEW_SUBJECT}.`,
        };
      }
      return {
        rule: 'event/field-renamed-without-alias',
        span: headSpan,
        message: `Field ${code(found.field!)} of record ${code(record)} looks renamed to ${code(found.formerName!)} (same type, same position): ${reason}, because they look for ${code(found.field!)} and it has no default there. An alias on the new field does not help them (aliases are read by the reader). ${breaks}. Keep the old name (add the new one as an alias later), or first publish a version where ${code(found.field!)} has a default, ${NEW_SUBJECT}.`,
      };
    }
    case 'type-mismatch': {
      const [from, to] = direction === 'backward' ? [found.writerType, found.readerType] : [found.readerType, found.writerType];
      return {
        rule: 'event/type-not-promotable',
        span: headSpan,
        message: `${code(found.location)} changed from ${from} to ${to}, which is not a legal Avro promotion (int to long, float or double; long to float or double; float to double; string to bytes and back), so ${reason}. ${breaks}. Keep the type (or change it only along a legal promotion, wrapped in a union with the old type), ${NEW_SUBJECT}.`,
      };
    }
    case 'enum-symbols': {
      if (direction === 'backward') {
        return {
          rule: 'event/enum-symbol-removed',
          span: headSpan,
          message: `Enum ${code(found.location)} no longer has the symbol${found.lacking!.length === 1 ? '' : 's'} ${list(found.lacking!)}, and it has no default, so ${reason} that hold ${found.lacking!.length === 1 ? 'it' : 'them'}. ${breaks}. Restore the symbol${found.lacking!.length === 1 ? '' : 's'}, or give the enum a \`"default"\` symbol that unknown symbols are read as, ${NEW_SUBJECT}.`,
        };
      }
      return {
        rule: 'event/enum-symbol-removed',
        span: headSpan,
        message: `Enum ${code(found.location)} gained the symbol${found.lacking!.length === 1 ? '' : 's'} ${list(found.lacking!)}, which ${earlier} lacks and has no default for, so ${reason} that hold ${found.lacking!.length === 1 ? 'it' : 'them'}. ${breaks}. Remove the new symbol${found.lacking!.length === 1 ? '' : 's'} until consumers use a version whose enum has a \`"default"\`, ${NEW_SUBJECT}.`,
      };
    }
    case 'union-branches': {
      if (direction === 'backward') {
        return {
          rule: 'event/union-narrowed',
          span: headSpan,
          message: `${code(found.location)} was narrowed from ${found.writerType} to ${found.readerType}: events written with ${earlier} may hold ${list(found.lacking!)}, which this schema cannot read. ${breaks}. Keep the removed branch${found.lacking!.length === 1 ? '' : 'es'} in the union, ${NEW_SUBJECT}.`,
        };
      }
      return {
        rule: 'event/union-narrowed',
        span: headSpan,
        message: `${code(found.location)} was widened from ${found.readerType} to ${found.writerType}: events written with this schema may hold ${list(found.lacking!)}, which ${earlier} cannot read. ${breaks}. Keep the earlier type until consumers read the wider one, ${NEW_SUBJECT}.`,
      };
    }
  }
}

/** `com.acme.Order.total` as its record and field. */
function splitLocation(location: string): [string, string] {
  const dot = location.lastIndexOf('.');
  return dot < 0 ? [location, ''] : [location.slice(0, dot), location.slice(dot + 1)];
}

/** Every incompatibility of the head schema with each earlier version in the directions of `mode`, one finding per rule and place. */
export function avroCompatibilityFindings(head: AvroSchema, earlier: readonly { label: string; schema: AvroSchema }[], mode: CompatibilityMode): AvroCompatibilityFinding[] {
  const { backward, forward } = modeDirections(mode);
  const findings: AvroCompatibilityFinding[] = [];
  const seen = new Set<string>();
  const add = (finding: AvroCompatibilityFinding) => {
    // The same place broken against several versions, or in both directions, is one finding: the first says it best.
    const key = `${finding.rule}\u0000${finding.span.start}`;
    if (seen.has(key)) return;
    seen.add(key);
    findings.push(finding);
  };
  if (!head.root || head.problems.length > 0) return findings;
  for (const version of earlier) {
    if (!version.schema.root || version.schema.problems.length > 0) continue;
    if (backward) for (const found of canRead(head.root, version.schema.root)) add(describeIncompatibility(found, 'backward', mode, version.label));
    if (forward) for (const found of canRead(version.schema.root, head.root)) add(describeIncompatibility(found, 'forward', mode, version.label));
  }
  return findings;
}

const cached = new WeakMap<EventSchemaSummary, { key: EventSchemaComparison['earlier']; mode: CompatibilityMode; findings: AvroCompatibilityFinding[] }>();

/** The findings of a comparison, computed once for all six rules. */
export function avroComparisonFindings(comparison: EventSchemaComparison): AvroCompatibilityFinding[] {
  const hit = cached.get(comparison.file);
  if (hit && hit.mode === comparison.mode && hit.key.length === comparison.earlier.length && hit.key.every((version, i) => version.text === comparison.earlier[i].text)) return hit.findings;
  const earlier = comparison.earlier.filter((version) => version.document).map((version) => ({ label: version.label, schema: avroSchemaOf(version.document!) }));
  const findings = avroCompatibilityFindings(avroSchemaOf(comparison.file.document!), earlier, comparison.mode);
  cached.set(comparison.file, { key: comparison.earlier, mode: comparison.mode, findings });
  return findings;
}
