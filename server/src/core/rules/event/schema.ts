import { defineRule, type FileRuleContext } from '../rule';

export default defineRule({
  id: 'event/schema',
  severity: 'error',
  scope: 'file',
  description: 'An event schema (Avro `.avsc`, JSON Schema `.schema.json`) is not valid JSON, or is not a valid schema: a JSON Schema that breaks the meta-schema of its draft (draft-07, or 2020-12 when `$schema` says so), or an Avro schema with an unknown type name, a name defined twice, a default that does not match its type (for a union, its first branch), an enum default outside its symbols, a bad logical type, or a union with two branches of one type or a nested union.',
  docs: {
    why: 'Schema Registry, the Avro libraries and every producer and consumer parse the schema before anything else, and refuse it when it is invalid: the error surfaces at registration or deployment, not in review. Some mistakes are accepted silently and bite later: Avro takes a union\'s default from its first branch, so `"type": ["string", "null"], "default": null` fails only when a reader needs the default, and a logical type on the wrong primitive is ignored, so a `decimal` on an `int` is read as a plain number.',
    fix: 'Correct the value the message points at: it says what Avro expects there. Define a named type before its first use, or refer to it by its full name; put the union branch that matches the default first.',
    references: ['https://avro.apache.org/docs/1.12.0/specification/', 'https://docs.confluent.io/platform/current/schema-registry/fundamentals/schema-evolution.html'],
  },
  examples: {
    invalid: [
      `
      # @file events/order.avsc
      {
        "type": "record",
        "name": "Order",
        "namespace": "com.acme",
        "fields": [
          {"name": "id", "type": "string"},
          {"name": "coupon", "type": ["string", "null"], "default": null}  // expect: event/schema
        ]
      }
      `,
      `
      # @file events/order.avsc
      {
        "type": "record",
        "name": "Order",
        "fields": [
          {"name": "id", "type": "string"},
          {"name": "status", "type": "Status"}  // expect: event/schema
        ]
      }
      `,
      `
      # @file events/payment.avsc
      {
        "type": "record",
        "name": "Payment",
        "fields": [
          {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 12}}  // expect: event/schema
        ]
      }
      `,
      `
      # @file events/order.schema.json
      {
        "type": "object",
        "properties": {
          "id": {"type": "strnig"}  // expect: event/schema
        }
      }
      `,
    ],
    valid: [
      `
      # @file events/order.avsc
      {
        "type": "record",
        "name": "Order",
        "namespace": "com.acme",
        "fields": [
          {"name": "id", "type": "string"},
          {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["PENDING", "SHIPPED"], "default": "PENDING"}},
          {"name": "previous_status", "type": ["null", "Status"], "default": null},
          {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}},
          {"name": "placed_at", "type": {"type": "long", "logicalType": "timestamp-millis"}}
        ]
      }
      `,
      `
      # @file events/order.schema.json
      {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {"id": {"type": "string"}, "amount": {"type": "number", "minimum": 0}},
        "required": ["id"]
      }
      `,
    ],
  },
  equivalents: ['avro:Schema.Parser', 'confluent:schema-registry-validation'],
  fix: 'none',
  appliesTo: (file) => file.kind === 'event-schema',
  check(ctx: FileRuleContext) {
    if (ctx.file.kind !== 'event-schema') return;
    for (const error of ctx.file.errors) {
      ctx.report({ file: ctx.file.path, span: error.span, message: `${error.message.replace(/\.$/, '')}. The schema is not valid JSON, so neither Schema Registry nor any producer or consumer can read it.` });
    }
    for (const problem of ctx.file.problems) ctx.report({ file: ctx.file.path, span: problem.span, message: problem.message });
  },
});
