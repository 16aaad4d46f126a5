/**
 * JSON Schema compatibility in Confluent Schema Registry's two directions, located in the edited file and phrased
 * for people: which schema reads, which one wrote, what the reader rejects, and what keeps the change compatible.
 *
 * BACKWARD: consumers on the new schema read events written with the old one (new = reader, old = writer).
 * FORWARD: consumers still on the old schema read events written with the new one (old = reader, new = writer).
 */
import type { JsonNode } from '../json-tree';
import type { Span } from '../../text';
import { isIncompatible, type IncompatibleKind } from './change-kinds';
import { diffJsonSchemas, type JsonSchemaDifference } from './compare';
import { anchorSpan, showValue } from './schema-node';

/** A difference the reader's schema does not tolerate, with its node in each document. */
export interface JsonSchemaIncompatibility {
  kind: IncompatibleKind;
  where: string;
  name?: string;
  writerValue?: unknown;
  readerValue?: unknown;
  reader: JsonNode;
  writer: JsonNode;
}

/** What in the reader's schema rejects values the writer's schema accepts. Neither document is changed. */
export function compareJsonSchemas(reader: JsonNode, writer: JsonNode): JsonSchemaIncompatibility[] {
  return diffJsonSchemas(writer, reader)
    .filter((difference): difference is JsonSchemaDifference & { kind: IncompatibleKind } => isIncompatible(difference.kind))
    .map((difference) => ({
      kind: difference.kind,
      where: difference.where,
      name: difference.name,
      writerValue: difference.originalValue,
      readerValue: difference.updateValue,
      reader: difference.update,
      writer: difference.original,
    }));
}

export type CompatibilityDirection = 'BACKWARD' | 'FORWARD';

/** An incompatibility of the head schema with the base, at its place in the head document. */
export interface JsonSchemaChange {
  kind: IncompatibleKind;
  direction: CompatibilityDirection;
  span: Span;
  /** What the reader rejects, as a sentence without the final full stop. */
  problem: string;
  /** What keeps the change compatible, as a sentence. */
  fix: string;
}

/**
 * The incompatibilities of `head` with `base` in one direction, each at the node of the head document it concerns
 * (for a property the head no longer declares, the `properties` it is missing from). Duplicates (one definition
 * reached through several `$ref`s) are reported once. `baseLabel` names the earlier version in the problem sentences.
 */
export function jsonSchemaChanges(base: JsonNode, head: JsonNode, direction: CompatibilityDirection, baseLabel = 'the base schema'): JsonSchemaChange[] {
  const backward = direction === 'BACKWARD';
  const incompatibilities = backward ? compareJsonSchemas(head, base) : compareJsonSchemas(base, head);
  const labels: Labels = backward ? { reader: 'this schema', writer: baseLabel } : { reader: baseLabel, writer: 'this schema' };
  const seen = new Set<string>();
  const changes: JsonSchemaChange[] = [];
  for (const incompatibility of incompatibilities) {
    const span = anchorSpan(backward ? incompatibility.reader : incompatibility.writer);
    const key = `${incompatibility.kind}:${span.start}:${incompatibility.name ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    changes.push({ kind: incompatibility.kind, direction, span, problem: describeIncompatibility(incompatibility, labels), fix: fixFor(incompatibility, direction) });
  }
  return changes;
}

interface Labels {
  reader: string;
  writer: string;
}

function at(where: string): string {
  return where ? ` at \`${where}\`` : ' at the top level';
}

function code(value: unknown): string {
  return `\`${typeof value === 'string' ? value : showValue(value)}\``;
}

function values(list: unknown): string {
  return Array.isArray(list) ? list.map(code).join(', ') : code(list);
}

function missingValues(writer: unknown, reader: unknown): string {
  if (!Array.isArray(writer)) return 'values';
  const kept = Array.isArray(reader) ? reader.map((value) => showValue(value)) : [];
  const missing = writer.filter((value) => !kept.includes(showValue(value)));
  return missing.length > 0 ? values(missing) : 'values';
}

/** The incompatibility as a clause: which schema rejects what the other allows. */
export function describeIncompatibility(change: JsonSchemaIncompatibility, { reader, writer }: Labels): string {
  const name = change.name ? code(change.name) : 'a property';
  const where = at(change.where);
  switch (change.kind) {
    case 'PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL':
      return `${writer} declares ${name}${where}, which ${reader} does not, and ${reader} is closed (\`additionalProperties: false\`), so it rejects events that carry ${name}`;
    case 'PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL':
      return `${writer} declares ${name}${where}, which ${reader} does not, and the schema ${reader} gives undeclared properties rejects the values ${writer} allows there`;
    case 'PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL':
      return `${reader} declares ${name}${where}, which ${writer} does not, and ${writer} is open, so events written with it may carry ${name} with any value`;
    case 'PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL':
      return `${reader} declares ${name}${where} with a schema that rejects values ${writer} allows for undeclared properties`;
    case 'REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL':
      return `${reader} requires ${name}${where} without a \`default\`, and ${writer} does not declare it, so its events lack it`;
    case 'REQUIRED_ATTRIBUTE_ADDED':
      return `${reader} requires ${name}${where}, which is optional in ${writer}, so events without it are rejected`;
    case 'ADDITIONAL_PROPERTIES_REMOVED':
      return `${reader} is closed${where} (\`${change.name ?? 'additionalProperties'}: false\`) where ${writer} is open, so events with undeclared properties are rejected`;
    case 'ADDITIONAL_PROPERTIES_NARROWED':
      return `${reader} constrains undeclared properties${where} with a schema, where ${writer} allows any value`;
    case 'TYPE_NARROWED':
    case 'TYPE_CHANGED':
      if (change.name === 'items') return `${reader} constrains the items${where} where ${writer} allows any`;
      if (change.name === 'anyOf' || change.name === 'oneOf' || change.name === 'allOf') return `${reader} and ${writer} combine different schemas${where} (\`${change.name}\`), so values ${writer} allows are rejected`;
      return `${reader} allows type ${code(change.readerValue ?? 'any')}${where} where ${writer} allows ${code(change.writerValue ?? 'any')}, so values of the other types are rejected`;
    case 'ENUM_ARRAY_NARROWED':
    case 'ENUM_ARRAY_CHANGED':
      if (change.writerValue === undefined) return `${reader} restricts${where} to ${values(change.readerValue)} where ${writer} allows any value`;
      return `${reader} no longer allows ${missingValues(change.writerValue, change.readerValue)}${where}, which ${writer} allows`;
    case 'COMBINED_TYPE_CHANGED':
    case 'COMBINED_TYPE_SUBSCHEMAS_CHANGED':
    case 'SUM_TYPE_NARROWED':
    case 'PRODUCT_TYPE_EXTENDED':
      return `${reader}'s \`${change.name ?? 'anyOf'}\`${where} rejects values that ${writer}'s alternatives allow`;
    case 'ADDITIONAL_ITEMS_REMOVED':
      return `${reader} allows no items${where} beyond its positional ones, where ${writer} allows more`;
    case 'ADDITIONAL_ITEMS_NARROWED':
      return `${reader} constrains the items${where} after its positional ones, where ${writer} allows any`;
    case 'ITEM_ADDED_TO_OPEN_CONTENT_MODEL':
    case 'ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL':
      return `${reader} constrains item ${change.name ?? ''}${where}, which ${writer} allows to be anything`;
    case 'ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL':
    case 'ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL':
      return `${writer} allows item ${change.name ?? ''}${where}, which ${reader} rejects`;
    case 'UNIQUE_ITEMS_ADDED':
      return `${reader} requires unique items${where}, which ${writer} does not`;
    default:
      return describeBound(change, reader, writer, where);
  }
}

/** A tightened keyword: `maxLength`, `minimum`, `pattern`, `multipleOf` and the like. */
function describeBound(change: JsonSchemaIncompatibility, reader: string, writer: string, where: string): string {
  const keyword = `\`${change.name ?? 'a constraint'}\``;
  if (change.writerValue === undefined) return `${reader} sets ${keyword} to ${code(change.readerValue)}${where}, which ${writer} does not limit, so values it allows are rejected`;
  return `${reader} sets ${keyword} to ${code(change.readerValue)}${where} where ${writer} has ${code(change.writerValue)}, so values it allows are rejected`;
}

/** What to do, for the edit that made the head incompatible in that direction. */
function fixFor(change: JsonSchemaIncompatibility, direction: CompatibilityDirection): string {
  const elsewise = 'or register the schema under a new subject (or a new major version) if the break is intended.';
  const name = change.name ? code(change.name) : 'the property';
  switch (change.kind) {
    case 'PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL':
      return direction === 'BACKWARD' ? `Keep ${name} (mark it \`deprecated\`), or declare it \`false\` to show it is retired, ${elsewise}` : `Leave ${name} out until consumers read with a schema that declares it, ${elsewise}`;
    case 'PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL':
      return direction === 'BACKWARD'
        ? `Close the object (\`additionalProperties: false\`) in a version before adding properties, ${elsewise}`
        : `Keep ${name} declared (mark it \`deprecated\`), ${elsewise}`;
    case 'REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL':
    case 'REQUIRED_ATTRIBUTE_ADDED':
      return direction === 'BACKWARD' ? `Give ${name} a \`default\` or leave it optional, ${elsewise}` : `Keep ${name} (and keep it required) while consumers use the base schema, ${elsewise}`;
    case 'ADDITIONAL_PROPERTIES_REMOVED':
    case 'ADDITIONAL_PROPERTIES_NARROWED':
      return direction === 'BACKWARD' ? `Keep the object open, ${elsewise}` : `Keep the object closed as it was, ${elsewise}`;
    case 'ENUM_ARRAY_NARROWED':
    case 'ENUM_ARRAY_CHANGED':
      return direction === 'BACKWARD' ? `Keep the values that were allowed (add new ones only), ${elsewise}` : `Do not add values consumers on the base schema reject, ${elsewise}`;
    case 'TYPE_NARROWED':
    case 'TYPE_CHANGED':
      return direction === 'BACKWARD' ? `Keep accepting the types that were allowed (widen, never narrow), ${elsewise}` : `Do not widen the type while consumers use the base schema, ${elsewise}`;
    default:
      return direction === 'BACKWARD' ? `Loosen the constraint back to what the base allowed, ${elsewise}` : `Keep the constraint as strict as the base's while consumers use it, ${elsewise}`;
  }
}
