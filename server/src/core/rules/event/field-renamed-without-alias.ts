import { defineRule, type FileRuleContext } from '../rule';
import { isAvroSchemaFile, reportAvroCompatibility } from '../../events/avro/report';

export default defineRule({
  id: 'event/field-renamed-without-alias',
  severity: 'error',
  scope: 'file',
  description: 'An Avro field was renamed (one removed and one of the same type added at its position) without an alias, so the new schema cannot find the field in events written before.',
  docs: {
    why: 'Avro resolves record fields by name. A renamed field is, to a reader, a removed field and an added one without a default, so consumers on the new schema fail on every event written before (BACKWARD). A reader field\'s `aliases` name the fields it reads from earlier data: with `"aliases": ["old_name"]` the rename is compatible under BACKWARD. Under FORWARD an alias does not help, since consumers on the earlier schema do not know the new name.',
    fix: 'Add the former name to the renamed field\'s `aliases` (`"aliases": ["customer"]`); under FORWARD or FULL, keep the old name instead, or register the schema under a new subject.',
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
          {"name": "customer", "type": "string"}
        ]
      }
      # @file events/order.avsc
      {
        "type": "record",
        "name": "Order",
        "namespace": "com.acme",
        "fields": [
          {"name": "id", "type": "string"},
          {"name": "customer_id", "type": "string"}  // expect: event/field-renamed-without-alias
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
          {"name": "customer", "type": "string"}
        ]
      }
      # @file events/order.avsc
      {
        "type": "record",
        "name": "Order",
        "namespace": "com.acme",
        "fields": [
          {"name": "id", "type": "string"},
          {"name": "customer_id", "type": "string", "aliases": ["customer"]}
        ]
      }
      `],
  },
  equivalents: ['confluent:schema-registry-compatibility', 'avro:SchemaCompatibility'],
  fix: 'none',
  appliesTo: isAvroSchemaFile,
  check(ctx: FileRuleContext) {
    reportAvroCompatibility(ctx, 'event/field-renamed-without-alias');
  },
});
