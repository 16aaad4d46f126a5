import { defineRule, type FileRuleContext } from '../rule';
import { isAvroSchemaFile, reportAvroCompatibility } from '../../events/avro/report';

export default defineRule({
  id: 'event/enum-symbol-removed',
  severity: 'error',
  scope: 'file',
  description: 'An Avro enum lost a symbol (or, under FORWARD, gained one) and the reading side has no enum default, so events holding that symbol cannot be read.',
  docs: {
    why: 'An enum value is written as its symbol\'s position and resolved by name: a reader meeting a symbol it does not have fails, unless its enum declares a `"default"` symbol (Avro 1.9+), which unknown symbols are read as. Under BACKWARD, removing a symbol breaks consumers reading events written before; under FORWARD, adding one breaks consumers still on the earlier schema.',
    fix: 'Restore the symbol, or give the enum a `"default"` symbol (for instance `"UNKNOWN"`) in a version consumers use before removing or adding symbols; or register the schema under a new subject.',
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
          {"name": "id", "type": "string"},
          {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["PENDING", "SHIPPED", "CANCELLED"]}}
        ]
      }
      # @file events/order.avsc
      {
        "type": "record",
        "name": "Order",
        "namespace": "com.acme",
        "fields": [
          {"name": "id", "type": "string"},
          {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["PENDING", "SHIPPED"]}}  // expect: event/enum-symbol-removed
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
          {"name": "id", "type": "string"},
          {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["PENDING", "SHIPPED", "CANCELLED"], "default": "PENDING"}}
        ]
      }
      # @file events/order.avsc
      {
        "type": "record",
        "name": "Order",
        "namespace": "com.acme",
        "fields": [
          {"name": "id", "type": "string"},
          {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["PENDING", "SHIPPED"], "default": "PENDING"}}
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
          {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["PENDING", "SHIPPED"]}}
        ]
      }
      # @file events/order.avsc
      {
        "type": "record",
        "name": "Order",
        "namespace": "com.acme",
        "fields": [
          {"name": "id", "type": "string"},
          {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["PENDING", "SHIPPED", "CANCELLED"]}}
        ]
      }
      `],
  },
  equivalents: ['confluent:schema-registry-compatibility', 'avro:SchemaCompatibility'],
  fix: 'none',
  appliesTo: isAvroSchemaFile,
  check(ctx: FileRuleContext) {
    reportAvroCompatibility(ctx, 'event/enum-symbol-removed');
  },
});
