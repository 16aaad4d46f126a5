import { defineRule, type FileRuleContext } from '../rule';
import { isAvroSchemaFile, reportAvroCompatibility } from '../../events/avro/report';

export default defineRule({
  id: 'event/field-added-without-default',
  severity: 'error',
  scope: 'file',
  description: 'A field was added to an Avro record without a default, which breaks BACKWARD (and FULL) compatibility: the new schema cannot read events written before.',
  docs: {
    why: "Under BACKWARD compatibility, Schema Registry's default, consumers upgrade first: a consumer on the new schema must read events still written with the old one. Those events have no value for a new field, and Avro fills it from the field's default; without one the read fails, and Schema Registry rejects the schema at registration. Confluent's table: BACKWARD allows adding optional fields (with a default) and deleting fields.",
    fix: 'Give the field a default: for an optional field, the type `["null", T]` with `"default": null`. If the field must be required, register the schema under a new subject.',
    references: [
      'https://avro.apache.org/docs/1.12.0/specification/#schema-resolution',
      'https://docs.confluent.io/platform/current/schema-registry/fundamentals/schema-evolution.html#compatibility-types',
    ],
  },
  examples: {
    invalid: [`
      # @base events/order.avsc
      {
        "type": "record",
        "name": "Order",
        "namespace": "com.acme",
        "fields": [
          {"name": "id", "type": "string"}
        ]
      }
      # @file events/order.avsc
      {
        "type": "record",
        "name": "Order",
        "namespace": "com.acme",
        "fields": [
          {"name": "id", "type": "string"},
          {"name": "total", "type": "double"}  // expect: event/field-added-without-default
        ]
      }
      `],
    valid: [`
      # @base events/order.avsc
      {
        "type": "record",
        "name": "Order",
        "namespace": "com.acme",
        "fields": [
          {"name": "id", "type": "string"}
        ]
      }
      # @file events/order.avsc
      {
        "type": "record",
        "name": "Order",
        "namespace": "com.acme",
        "fields": [
          {"name": "id", "type": "string"},
          {"name": "total", "type": ["null", "double"], "default": null}
        ]
      }
      `, `
      # @file dplens.yml
      adapter: bigquery
      events:
        compatibility: NONE
      # @base events/order.avsc
      {
        "type": "record",
        "name": "Order",
        "namespace": "com.acme",
        "fields": [
          {"name": "id", "type": "string"}
        ]
      }
      # @file events/order.avsc
      {
        "type": "record",
        "name": "Order",
        "namespace": "com.acme",
        "fields": [
          {"name": "id", "type": "string"},
          {"name": "total", "type": "double"}
        ]
      }
      `],
  },
  equivalents: ['confluent:schema-registry-compatibility', 'avro:SchemaCompatibility'],
  fix: 'none',
  appliesTo: isAvroSchemaFile,
  check(ctx: FileRuleContext) {
    reportAvroCompatibility(ctx, 'event/field-added-without-default');
  },
});
