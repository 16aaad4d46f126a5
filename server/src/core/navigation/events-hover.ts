/**
 * Hover on a field of an Avro schema (`.avsc`): the field's type, default, doc and aliases, and, when the git base
 * is known, what changed about the field since the base and whether the change keeps the file's compatibility mode.
 * The verdict comes from the same comparison the `event/*` rules run (core/events), so the hover and the
 * diagnostics never disagree.
 */
import type { BaseState } from '../contract/base';
import { eventSchemaComparison, eventSchemaMode, isEventSchema, valueNode, type JsonNode } from '../events';
import { avroComparisonFindings, avroSchemaOf } from '../events/avro/findings';
import { describeType, type AvroField, type AvroRecord, type AvroSchema } from '../events/avro/schema';
import type { ProjectIndex } from '../project/index-types';
import type { EventSchemaSummary } from '../project/summary';
import type { FileRuleContext } from '../rules/rule';
import type { Span } from '../text';
import type { HoverContent } from './types';

/** The hover of the Avro field whose name is under the cursor, or undefined elsewhere. */
export function eventSchemaHoverAt(index: ProjectIndex, file: string, offset: number, base: BaseState | undefined): HoverContent | undefined {
  const summary = index.file(file);
  if (!isEventSchema(summary, 'avro')) return undefined;
  const schema = avroSchemaOf(summary.document!);
  const found = fieldAt(schema, offset);
  if (!found) return undefined;
  const { record, field } = found;
  const object = fieldObject(summary.document!, field.nameSpan);
  const lines = [`**field** \`${field.name}\` of record \`${record.fullName}\``, ''];
  const doc = object && valueNode(object, 'doc');
  if (doc?.type === 'string' && String(doc.value).trim()) lines.push(String(doc.value).trim(), '');
  const facts = [`Type: \`${describeType(field.type)}\``, field.hasDefault ? `Default: \`${JSON.stringify(field.default)}\`` : 'No default'];
  if (field.aliases.length > 0) facts.push(`Aliases: ${field.aliases.map((alias) => `\`${alias}\``).join(', ')}`);
  const status = base && compatibilityStatus(index, summary, record, field, object ? { start: object.offset, end: object.offset + object.length } : field.nameSpan, base);
  if (status) facts.push(status);
  lines.push(facts.map((fact) => `- ${fact}`).join('\n'));
  return { markdown: lines.join('\n').trim(), span: field.nameSpan };
}

/** The record field whose `name` value holds the offset. Nested records are named types, so `named` lists them all. */
function fieldAt(schema: AvroSchema, offset: number): { record: AvroRecord; field: AvroField } | undefined {
  for (const type of schema.named.values()) {
    if (type.kind !== 'record') continue;
    const field = type.fields.find((candidate) => candidate.nameSpan.start <= offset && offset <= candidate.nameSpan.end);
    if (field) return { record: type, field };
  }
  return undefined;
}

/** The JSON object that declares a field: the innermost object whose `name` value is at the field's name span. */
function fieldObject(node: JsonNode, nameSpan: Span): JsonNode | undefined {
  if (nameSpan.start < node.offset || nameSpan.end > node.offset + node.length) return undefined;
  for (const child of node.children ?? []) {
    const inner = fieldObject(child, nameSpan);
    if (inner) return inner;
  }
  return node.type === 'object' && valueNode(node, 'name')?.offset === nameSpan.start ? node : undefined;
}

/**
 * One line on the field against the base: what changed and the verdict under the file's mode. `fieldSpan` is the
 * field's whole JSON object, so that a finding about its type (located at the type) counts as the field's.
 */
function compatibilityStatus(index: ProjectIndex, file: EventSchemaSummary, record: AvroRecord, field: AvroField, fieldSpan: Span, base: BaseState): string | undefined {
  if (base.status !== 'available') return `Not compared with a git base: ${base.reason}`;
  const ref = `\`${base.ref}\``;
  const mode = eventSchemaMode({ index }, file);
  if (mode === 'NONE') return 'Not compared: the compatibility mode of this file is NONE.';
  if (!base.changed.has(file.path)) return `Unchanged since ${ref}: the file is the same there.`;
  const atBase = base.index.file(file.path);
  if (!atBase) return `New since ${ref}: there is no earlier version to be compatible with.`;
  if (!isEventSchema(atBase, 'avro')) return `Not compared: the version at ${ref} is not a valid Avro schema.`;
  const comparison = eventSchemaComparison(comparisonContext(index, file, base), 'avro');
  if (!comparison) return undefined;
  const change = changeSince(avroSchemaOf(atBase.document!), record, field, ref);
  const breaking = avroComparisonFindings(comparison).filter((finding) => fieldSpan.start <= finding.span.start && finding.span.end <= fieldSpan.end);
  if (breaking.length === 0) return `${change}: compatible under ${mode}.`;
  return [`${change}: **breaks ${mode}**.`, ...breaking.map((finding) => `  - ${finding.message}`)].join('\n');
}

/** What changed about a field since the base, in a few words. */
function changeSince(atBase: AvroSchema, record: AvroRecord, field: AvroField, ref: string): string {
  const baseRecord = [...atBase.named.values()].find((type): type is AvroRecord => type.kind === 'record' && (type.fullName === record.fullName || record.aliases.includes(type.fullName)));
  if (!baseRecord) return `Record added since ${ref}`;
  const baseField = baseRecord.fields.find((candidate) => candidate.name === field.name) ?? baseRecord.fields.find((candidate) => field.aliases.includes(candidate.name));
  if (!baseField) return `Added since ${ref}, ${field.hasDefault ? 'with a default' : 'without a default'}`;
  const renamed = baseField.name !== field.name ? `Renamed from \`${baseField.name}\` (an alias) since ${ref}` : undefined;
  const [was, is] = [describeType(baseField.type), describeType(field.type)];
  const retyped = was !== is ? `type changed from \`${was}\` to \`${is}\`` : undefined;
  if (renamed) return retyped ? `${renamed}, ${retyped}` : renamed;
  if (retyped) return `The ${retyped} since ${ref}`;
  const defaultChanged = baseField.hasDefault !== field.hasDefault || JSON.stringify(baseField.default) !== JSON.stringify(field.default);
  return defaultChanged ? `Default ${field.hasDefault ? (baseField.hasDefault ? 'changed' : 'added') : 'removed'} since ${ref}` : `Unchanged since ${ref}`;
}

/**
 * The comparison reads only the index, the file and the base of a rule context; the hover reports nothing, so the
 * rest of the context is inert.
 */
function comparisonContext(index: ProjectIndex, file: EventSchemaSummary, base: BaseState): FileRuleContext {
  return {
    index,
    file,
    base,
    options: {},
    report: () => undefined,
    locate: () => ({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }),
  };
}

