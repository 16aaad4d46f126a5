import { defineRule, type FileRuleContext } from '../rule';
import { isAvroSchemaFile, reportAvroCompatibility } from '../../events/avro/report';

export default defineRule({
  id: 'event/field-removed-without-default',
  severity: 'error',
  scope: 'file',
  description: 'A field without a default was removed from an Avro record, which breaks FORWARD (and FULL) compatibility: consumers on the earlier schema cannot read events written with the new one.',
  docs: {
    why: "Under FORWARD compatibility, producers upgrade first: consumers still on the earlier schema must read events written with the new one. Those events lack the removed field, and the earlier schema has no default to fill it with, so the read fails; Schema Registry rejects the schema at registration. Confluent's table: FORWARD allows adding fields and deleting optional ones (with a default).",
    fix: 'Keep the field and deprecate it in its `doc`; or first publish a version that gives it a default, and remove it once consumers use that version; or register the new schema under a new subject.',
    references: [
      'https://avro.apache.org/docs/1.12.0/specification/#schema-resolution',
      'https://docs.confluent.io/platform/current/schema-registry/fundamentals/schema-evolution.html#compatibility-types',
    ],
  },
  examples: {
    invalid: [`
      # @file dplens.yml
      adapter: bigquery
      events:
        compatibility: FORWARD
      # @base events/order.avsc
      {
        "type": "record",
        "name": "Order",
        "namespace": "com.acme",
        "fields": [
          {"name": "id", "type": "string"},
          {"name": "total", "type": "double"}
        ]
      }
      # @file events/order.avsc
      {
        "type": "record",
        "name": "Order",  // expect: event/field-removed-without-default
        "namespace": "com.acme",
        "fields": [
          {"name": "id", "type": "string"}
        ]
      }
      `],
    valid: [`
      # @file dplens.yml
      adapter: bigquery
      events:
        compatibility: FORWARD
      # @base events/order.avsc
      {
        "type": "record",
        "name": "Order",
        "namespace": "com.acme",
        "fields": [
          {"name": "id", "type": "string"},
          {"name": "total", "type": ["null", "double"], "default": null}
        ]
      }
      # @file events/order.avsc
      {
        "type": "record",
        "name": "Order",
        "namespace": "com.acme",
        "fields": [
          {"name": "id", "type": "string"}
        ]
      }
      `, `
      # @base events/order.avsc
      {
        "type": "record",
        "name": "Order",
        "namespace": "com.acme",
        "fields": [
          {"name": "id", "type": "string"},
          {"name": "total", "type": "double"}
        ]
      }
      # @file events/order.avsc
      {
        "type": "record",
        "name": "Order",
        "namespace": "com.acme",
        "fields": [
          {"name": "id", "type": "string"}
        ]
      }
      `],
  },
  equivalents: ['confluent:schema-registry-compatibility', 'avro:SchemaCompatibility'],
  fix: 'none',
  appliesTo: isAvroSchemaFile,
  check(ctx: FileRuleContext) {
    reportAvroCompatibility(ctx, 'event/field-removed-without-default');
  },
});
