/**
 * Completion in Avro schemas (`.avsc`): inside the string value of `"type"`, `"items"` or `"values"` (also as a
 * branch of a union array), the primitive types, the complex type keywords and the named types the file defines, by
 * full name; inside the value of `"logicalType"`, the logical types of the Avro 1.12 specification with the type
 * each annotates.
 */
import { avroSchemaOf } from '../../events/avro/findings';
import type { CompletionRequest } from './context';
import { item, replaceSpan } from './context';
import type { NavCompletion } from './types';

const PRIMITIVES: readonly [string, string][] = [
  ['null', 'No value; the first branch of an optional field\'s union (`["null", T]` with `"default": null`).'],
  ['boolean', 'A binary value.'],
  ['int', '32-bit signed integer; promotable to `long`, `float` and `double`.'],
  ['long', '64-bit signed integer; promotable to `float` and `double`.'],
  ['float', 'Single precision (32-bit) IEEE 754 floating-point number; promotable to `double`.'],
  ['double', 'Double precision (64-bit) IEEE 754 floating-point number.'],
  ['bytes', 'A sequence of 8-bit unsigned bytes; promotable to `string` and back.'],
  ['string', 'A Unicode character sequence; promotable to `bytes` and back.'],
];

/** Complex types, written as `{"type": "record", …}`: only as the `type` of a type definition. */
const COMPLEX: readonly [string, string][] = [
  ['record', 'A named record: `"name"`, `"namespace"` and `"fields"`.'],
  ['enum', 'A named enum: `"name"` and `"symbols"`, and a `"default"` symbol that unknown symbols are read as.'],
  ['array', 'An array: `"items"` is the type of its elements.'],
  ['map', 'A map with string keys: `"values"` is the type of its values.'],
  ['fixed', 'A named fixed-size byte sequence: `"name"` and `"size"`.'],
];

/** The logical types of the Avro 1.12 specification and what they annotate. */
const LOGICAL_TYPES: readonly [string, string, string][] = [
  ['decimal', 'bytes or fixed', 'An arbitrary-precision signed decimal: `"precision"` (required) and `"scale"`.'],
  ['uuid', 'string (or fixed of size 16)', 'A universally unique identifier, RFC 4122.'],
  ['date', 'int', 'A calendar date: days since the Unix epoch.'],
  ['time-millis', 'int', 'A time of day: milliseconds after midnight.'],
  ['time-micros', 'long', 'A time of day: microseconds after midnight.'],
  ['timestamp-millis', 'long', 'An instant on the global timeline: milliseconds since the Unix epoch, UTC.'],
  ['timestamp-micros', 'long', 'An instant on the global timeline: microseconds since the Unix epoch, UTC.'],
  ['local-timestamp-millis', 'long', 'A timestamp in a local time zone, whatever it is: milliseconds since 1970-01-01T00:00:00 local.'],
  ['local-timestamp-micros', 'long', 'A timestamp in a local time zone, whatever it is: microseconds since 1970-01-01T00:00:00 local.'],
  ['duration', 'fixed of size 12', 'An amount of time: months, days and milliseconds, three little-endian unsigned ints.'],
];

/** The cursor inside the string value of a type key, or of one branch of a union array there: what was typed so far. */
const TYPE_VALUE = /"(type|items|values)"\s*:\s*(?:\[[^\]]*)?"([\w.]*)$/;
const LOGICAL_TYPE_VALUE = /"logicalType"\s*:\s*"([\w-]*)$/;

/** The items at the cursor in an Avro schema, or undefined when the file is no Avro schema or the cursor is not in such a value. */
export function avroCompletions(request: CompletionRequest): NavCompletion[] | undefined {
  const summary = request.index.file(request.file);
  if (summary?.kind !== 'event-schema' || summary.format !== 'avro') return undefined;
  const logical = LOGICAL_TYPE_VALUE.exec(request.before);
  if (logical) {
    const replace = replaceSpan(request.text, request.offset, logical[1], /[\w-]/);
    return LOGICAL_TYPES.map(([name, annotates, documentation]) => item(name, 'value', replace, { detail: `logical type of ${annotates}`, documentation }));
  }
  const type = TYPE_VALUE.exec(request.before);
  if (!type) return undefined;
  const replace = replaceSpan(request.text, request.offset, type[2], /[\w.]/);
  const items = PRIMITIVES.map(([name, documentation]) => item(name, 'value', replace, { detail: 'Avro primitive type', documentation, sortText: `0${name}` }));
  // A complex type keyword opens a type definition (`{"type": "record", …}`). The line does not tell a definition's
  // `type` from a field's, so they are offered on every `type` key, after the primitives; never in a union's array.
  if (type[1] === 'type' && !type[0].includes('[')) items.push(...COMPLEX.map(([name, documentation]) => item(name, 'value', replace, { detail: 'Avro complex type', documentation, sortText: `1${name}` })));
  // The named types the file defines, by full name: a reference by full name resolves in any namespace.
  if (summary.document) {
    for (const named of avroSchemaOf(summary.document).named.values()) {
      items.push(item(named.fullName, 'value', replace, { detail: `Avro ${named.kind} defined in this file`, sortText: `2${named.fullName}` }));
    }
  }
  return items;
}
