/**
 * Avro schema resolution (spec, "Schema Resolution"): whether data written with one schema can be read with another,
 * and where not, why, located in both schemas. Confluent Schema Registry's compatibility modes are this check in one
 * or both directions (./modes.ts).
 *
 * The rules, as Avro's Java `SchemaCompatibility` applies them: primitives match or are promoted (int to long, float
 * or double; long to float or double; float to double; string and bytes both ways); records match by full name or a
 * reader alias, and each reader field takes the writer's field of its name or alias, else its own default; an enum
 * reads every writer symbol it has, the others only with a default; a writer union needs every branch readable, a
 * reader union needs one branch that reads the writer's type.
 */
import type { Span } from '../../text';
import { describeType, unionBranchKey, type AvroField, type AvroRecord, type AvroType } from './schema';

export type AvroIncompatibilityKind =
  /** A reader field that the writer does not have, without a default. */
  | 'missing-field'
  /** A reader field that the writer does not have, while the writer has a field of the same type at its position. */
  | 'renamed-field'
  /** A type that is neither the same nor a legal promotion. */
  | 'type-mismatch'
  /** Writer enum symbols the reader does not have, and no reader default. */
  | 'enum-symbols'
  /** Writer union branches (or a writer union's values) that the reader cannot read. */
  | 'union-branches';

export interface AvroIncompatibility {
  kind: AvroIncompatibilityKind;
  /** Where in the reader schema (the field's name, the enum's name, the type). */
  readerSpan: Span;
  /** Where in the writer schema. */
  writerSpan: Span;
  /** The record and field it is about, `com.acme.Order.total`, or the type's name. */
  location: string;
  /** The reader field, for missing and renamed fields. */
  field?: string;
  /** The writer field a reader field was probably renamed from. */
  formerName?: string;
  readerType: string;
  writerType: string;
  /** Enum symbols or union branches the reader lacks. */
  lacking?: string[];
}

const PROMOTIONS: Record<string, readonly string[]> = {
  int: ['long', 'float', 'double'],
  long: ['float', 'double'],
  float: ['double'],
  string: ['bytes'],
  bytes: ['string'],
};

/** Whether the reader's primitive reads the writer's: the same one, or a promotion of it. */
function primitiveReads(reader: string, writer: string): boolean {
  return reader === writer || (PROMOTIONS[writer] ?? []).includes(reader);
}

/** Whether a named reader type matches a writer's by full name, or by one of the reader's aliases. */
function namesMatch(reader: { fullName: string; aliases: string[] }, writer: { fullName: string }): boolean {
  return reader.fullName === writer.fullName || reader.aliases.includes(writer.fullName) || unqualified(reader.fullName) === unqualified(writer.fullName);
}

/**
 * Avro's Java resolver compares the unqualified names of named types (`SchemaCompatibility` checks `name`, not the
 * full name), so moving a record to another namespace keeps it readable; Confluent follows it.
 */
function unqualified(fullName: string): string {
  return fullName.slice(fullName.lastIndexOf('.') + 1);
}

/** Every way the reader schema fails to read data written with the writer schema; empty when it reads it all. */
export function canRead(reader: AvroType, writer: AvroType): AvroIncompatibility[] {
  const found: AvroIncompatibility[] = [];
  check(reader, writer, readerName(reader), found, new Set());
  return found;
}

function readerName(type: AvroType): string {
  return type.kind === 'record' || type.kind === 'enum' || type.kind === 'fixed' ? type.fullName : describeType(type);
}

function mismatch(reader: AvroType, writer: AvroType, location: string): AvroIncompatibility {
  return { kind: 'type-mismatch', readerSpan: reader.span, writerSpan: writer.span, location, readerType: describeType(reader), writerType: describeType(writer) };
}

/** Whether the reader type reads the writer's, ignoring where: for picking a union branch. */
function reads(reader: AvroType, writer: AvroType, visited: Set<string>): boolean {
  const found: AvroIncompatibility[] = [];
  check(reader, writer, '', found, new Set(visited));
  return found.length === 0;
}

function check(reader: AvroType, writer: AvroType, location: string, found: AvroIncompatibility[], visited: Set<string>): void {
  if (writer.kind === 'union') {
    // Every branch the writer may have written must be readable.
    const lacking = writer.branches.filter((branch) => (reader.kind === 'union' ? !reader.branches.some((candidate) => reads(candidate, branch, visited)) : !reads(reader, branch, visited)));
    if (lacking.length === 0) return;
    // A writer union of one branch against a plain reader type is a plain type change.
    if (reader.kind !== 'union' && writer.branches.length === 1) return check(reader, writer.branches[0], location, found, visited);
    found.push({ kind: 'union-branches', readerSpan: reader.span, writerSpan: writer.span, location, readerType: describeType(reader), writerType: describeType(writer), lacking: lacking.map(unionBranchKey) });
    return;
  }
  if (reader.kind === 'union') {
    const branch = reader.branches.find((candidate) => reads(candidate, writer, visited));
    if (branch) return check(branch, writer, location, found, visited);
    // The closest branch (same kind of type) explains the difference best; else the union as a whole does not read it.
    const sameKind = reader.branches.find((candidate) => candidate.kind === writer.kind && (candidate.kind !== 'record' || namesMatch(candidate, writer as AvroRecord)));
    if (sameKind) return check(sameKind, writer, location, found, visited);
    found.push(mismatch(reader, writer, location));
    return;
  }
  switch (reader.kind) {
    case 'primitive':
      if (writer.kind !== 'primitive' || !primitiveReads(reader.name, writer.name)) found.push(mismatch(reader, writer, location));
      return;
    case 'array':
      if (writer.kind !== 'array') found.push(mismatch(reader, writer, location));
      else check(reader.items, writer.items, location, found, visited);
      return;
    case 'map':
      if (writer.kind !== 'map') found.push(mismatch(reader, writer, location));
      else check(reader.values, writer.values, location, found, visited);
      return;
    case 'fixed':
      if (writer.kind !== 'fixed' || !namesMatch(reader, writer) || reader.size !== writer.size) found.push(mismatch(reader, writer, location));
      return;
    case 'enum': {
      if (writer.kind !== 'enum' || !namesMatch(reader, writer)) {
        found.push(mismatch(reader, writer, location));
        return;
      }
      const lacking = writer.symbols.filter((symbol) => !reader.symbols.includes(symbol));
      if (lacking.length > 0 && reader.default === undefined) {
        found.push({ kind: 'enum-symbols', readerSpan: reader.nameSpan, writerSpan: writer.nameSpan, location: reader.fullName, readerType: describeType(reader), writerType: describeType(writer), lacking });
      }
      return;
    }
    case 'record': {
      if (writer.kind !== 'record' || !namesMatch(reader, writer)) {
        found.push(mismatch(reader, writer, location));
        return;
      }
      // A recursive record meets itself again: the pair is already being checked.
      const pair = `${reader.fullName}\u0000${writer.fullName}`;
      if (visited.has(pair)) return;
      visited.add(pair);
      checkRecord(reader, writer, found, visited);
      return;
    }
  }
}

/** The writer field a reader field reads: by name, else by one of the reader field's aliases. */
function writerFieldFor(field: AvroField, writer: AvroRecord): AvroField | undefined {
  return writer.fields.find((candidate) => candidate.name === field.name) ?? writer.fields.find((candidate) => field.aliases.includes(candidate.name));
}

function checkRecord(reader: AvroRecord, writer: AvroRecord, found: AvroIncompatibility[], visited: Set<string>): void {
  const used = new Set<AvroField>();
  for (const field of reader.fields) {
    const source = writerFieldFor(field, reader === writer ? reader : writer);
    if (source) used.add(source);
  }
  for (const field of reader.fields) {
    const location = `${reader.fullName}.${field.name}`;
    const source = writerFieldFor(field, writer);
    if (source) {
      check(field.type, source.type, location, found, visited);
      continue;
    }
    if (field.hasDefault) continue;
    // A writer field no reader field takes, of the same type at the same position: most likely the same field renamed.
    const counterpart = writer.fields[field.position];
    const renamed = counterpart && !used.has(counterpart) && describeType(counterpart.type) === describeType(field.type) ? counterpart : undefined;
    found.push({
      kind: renamed ? 'renamed-field' : 'missing-field',
      readerSpan: field.nameSpan,
      writerSpan: renamed ? renamed.nameSpan : writer.nameSpan,
      location,
      field: field.name,
      formerName: renamed?.name,
      readerType: describeType(field.type),
      writerType: renamed ? describeType(renamed.type) : describeType(writer),
    });
  }
}
