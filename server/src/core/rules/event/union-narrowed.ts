import { defineRule, type FileRuleContext } from '../rule';
import { isAvroSchemaFile, reportAvroCompatibility } from '../../events/avro/report';

export default defineRule({
  id: 'event/union-narrowed',
  severity: 'error',
  scope: 'file',
  description: 'An Avro union lost a branch that events may hold (or, under FORWARD, gained one the earlier schema cannot read).',
  docs: {
    why: 'A union value is written with the branch it belongs to, and a reader must have a matching branch: removing `"null"` from `["null", "string"]` makes every event written with a null unreadable under BACKWARD; adding a branch makes events that use it unreadable by consumers on the earlier schema under FORWARD. Schema Registry rejects either at registration.',
    fix: "Keep the union's branches; to make an optional field required, add a new required field and deprecate the old one, or register the schema under a new subject.",
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
          {"name": "coupon", "type": ["null", "string"], "default": null}
        ]
      }
      # @file events/order.avsc
      {
        "type": "record",
        "name": "Order",
        "namespace": "com.acme",
        "fields": [
          {"name": "id", "type": "string"},
          {"name": "coupon", "type": "string"}  // expect: event/union-narrowed
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
          {"name": "coupon", "type": "string"}
        ]
      }
      # @file events/order.avsc
      {
        "type": "record",
        "name": "Order",
        "namespace": "com.acme",
        "fields": [
          {"name": "id", "type": "string"},
          {"name": "coupon", "type": ["null", "string"], "default": null}
        ]
      }
      `],
  },
  equivalents: ['confluent:schema-registry-compatibility', 'avro:SchemaCompatibility'],
  fix: 'none',
  appliesTo: isAvroSchemaFile,
  check(ctx: FileRuleContext) {
    reportAvroCompatibility(ctx, 'event/union-narrowed');
  },
});
