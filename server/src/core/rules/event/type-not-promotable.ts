import { defineRule, type FileRuleContext } from '../rule';
import { isAvroSchemaFile, reportAvroCompatibility } from '../../events/avro/report';

export default defineRule({
  id: 'event/type-not-promotable',
  severity: 'error',
  scope: 'file',
  description: 'The type of an Avro field changed in a way schema resolution cannot bridge: not the same type, nor a legal promotion (int to long, float or double; long to float or double; float to double; string to bytes and back).',
  docs: {
    why: 'Avro reads a value written as one type with another only along its promotions: an `int` can be read as a `long`, a `float` or a `double`, a `string` as `bytes` and back, and nothing else. Any other change (a `long` read as an `int`, a `string` read as a `long`, a record renamed) fails on the first event, and Schema Registry rejects the schema under every mode but NONE. Under BACKWARD the new type must be a promotion of the old; under FORWARD, the old of the new; under FULL, both, so only the identity passes.',
    fix: 'Keep the type, or change it only along a legal promotion for the mode in use. To change a type otherwise, add a new field with the new type (with a default) and deprecate the old one, or register the schema under a new subject.',
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
          {"name": "quantity", "type": "long"}
        ]
      }
      # @file events/order.avsc
      {
        "type": "record",
        "name": "Order",
        "namespace": "com.acme",
        "fields": [
          {"name": "id", "type": "string"},
          {"name": "quantity", "type": "string"}  // expect: event/type-not-promotable
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
          {"name": "quantity", "type": "int"}
        ]
      }
      # @file events/order.avsc
      {
        "type": "record",
        "name": "Order",
        "namespace": "com.acme",
        "fields": [
          {"name": "id", "type": "string"},
          {"name": "quantity", "type": "long"}
        ]
      }
      `],
  },
  equivalents: ['confluent:schema-registry-compatibility', 'avro:SchemaCompatibility'],
  fix: 'none',
  appliesTo: isAvroSchemaFile,
  check(ctx: FileRuleContext) {
    reportAvroCompatibility(ctx, 'event/type-not-promotable');
  },
});
