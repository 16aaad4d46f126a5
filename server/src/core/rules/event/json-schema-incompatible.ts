import { defineRule, type FileRuleContext } from '../rule';
import { eventSchemaComparison, modeDirections } from '../../events';
import { jsonSchemaChanges, type CompatibilityDirection } from '../../events/json-schema';

const RULE_ID = 'event/json-schema-incompatible';

/** What each direction asks of the two versions, for messages. */
const DIRECTION_MEANING: Record<CompatibilityDirection, string> = {
  BACKWARD: 'consumers on this schema must read events written with the earlier one',
  FORWARD: 'consumers still on the earlier schema must read events written with this one',
};

/** Names the direction only when the mode has two (FULL), or when it differs from the mode's name. */
function inDirection(mode: string, direction: CompatibilityDirection): string {
  return mode.startsWith(direction) ? '' : ` in its ${direction} direction`;
}

export default defineRule({
  id: RULE_ID,
  severity: 'error',
  scope: 'file',
  description:
    'A JSON Schema event contract changed since the git base in a way its compatibility mode forbids: a property removed from a closed content model, `required` added, a type narrowed, `additionalProperties` tightened, an enum narrowed, a bound tightened, or (FORWARD) the reverse.',
  docs: {
    why:
      "Confluent Schema Registry checks each new version of a JSON Schema subject against the earlier ones and rejects it at registration, in production, when it breaks the subject's compatibility mode. BACKWARD, the default, lets consumers upgrade first: the new schema must accept every event the old one accepted, so it may not narrow a type, drop an enum value, add `required`, close an open object, or drop a property from a closed one. FORWARD lets producers upgrade first: the old schema must accept every event written with the new one, which forbids the reverse edits. FULL asks for both. Whether a property may be added or removed depends on the content model: an open object (no `additionalProperties: false`) may already carry any property, so adding a typed one breaks BACKWARD, and a closed object rejects properties it does not declare.",
    fix:
      'Make the change compatible the way the message says (keep the property, give it a `default`, keep the value or the type), or, if the break is intended, register the schema under a new subject. Set the mode per file, glob or subject under `events:` in `dplens.yml`.',
    references: [
      'https://docs.confluent.io/platform/current/schema-registry/fundamentals/schema-evolution.html',
      'https://docs.confluent.io/platform/current/schema-registry/fundamentals/serdes-develop/serdes-json.html',
      'https://json-schema.org/understanding-json-schema/reference/object',
    ],
  },
  examples: {
    invalid: [
      `
      # @base events/order.schema.json
      {
        "type": "object",
        "properties": {
          "id": {"type": "string"},
          "status": {"type": "string", "enum": ["placed", "paid", "shipped"]}
        },
        "required": ["id"]
      }
      # @file events/order.schema.json
      {
        "type": "object",
        "properties": {
          "id": {"type": "string"},
          "status": {"type": "string", "enum": ["placed", "paid"]}  // expect: event/json-schema-incompatible
        },
        "required": ["id"]
      }
      `,
      `
      # @file dplens.yml
      adapter: bigquery
      events:
        compatibility: FORWARD
      # @base events/order.schema.json
      {
        "type": "object",
        "properties": {
          "id": {"type": "string"},
          "coupon": {"type": "string"}
        }
      }
      # @file events/order.schema.json
      {
        "type": "object",
        "properties": {  // expect: event/json-schema-incompatible
          "id": {"type": "string"}
        }
      }
      `,
    ],
    valid: [
      `
      # @base events/order.schema.json
      {
        "type": "object",
        "properties": {
          "id": {"type": "string"}
        },
        "additionalProperties": false
      }
      # @file events/order.schema.json
      {
        "type": "object",
        "properties": {
          "id": {"type": "string"},
          "coupon": {"type": ["string", "null"]}
        },
        "additionalProperties": false
      }
      `,
      `
      # @file dplens.yml
      adapter: bigquery
      events:
        compatibility: NONE
      # @base events/order.schema.json
      {
        "type": "object",
        "properties": {
          "status": {"type": "string", "enum": ["placed", "paid", "shipped"]}
        }
      }
      # @file events/order.schema.json
      {
        "type": "object",
        "properties": {
          "status": {"type": "string", "enum": ["placed", "paid"]}
        }
      }
      `,
    ],
  },
  equivalents: ['confluent:schema-registry-compatibility'],
  fix: 'none',
  appliesTo: (file) => file.kind === 'event-schema' && file.format === 'json-schema',
  check(ctx: FileRuleContext) {
    const comparison = eventSchemaComparison(ctx, 'json-schema');
    const head = comparison?.file.document;
    if (!comparison || !head) return;
    const { backward, forward } = modeDirections(comparison.mode);
    const directions: CompatibilityDirection[] = [...(backward ? (['BACKWARD'] as const) : []), ...(forward ? (['FORWARD'] as const) : [])];
    // Under a transitive mode the same edit usually breaks several earlier versions alike: it is reported once, against the newest.
    const reported = new Set<string>();
    comparison.earlier.forEach((earlier, position) => {
      if (!earlier.document) return;
      const earlierLabel = position === 0 ? 'the base schema' : 'the earlier schema';
      const against = position === 0 ? comparison.against : `against ${earlier.label}`;
      for (const direction of directions) {
        for (const change of jsonSchemaChanges(earlier.document, head, direction, earlierLabel)) {
          const key = `${direction}:${change.kind}:${change.span.start}`;
          if (reported.has(key)) continue;
          reported.add(key);
          const problem = change.problem.charAt(0).toUpperCase() + change.problem.slice(1);
          ctx.report({
            file: comparison.file.path,
            span: change.span,
            message: `${problem}. This breaks ${comparison.mode} compatibility ${against}${inDirection(comparison.mode, direction)} (${DIRECTION_MEANING[direction]}), and Schema Registry rejects the schema. ${change.fix}`,
          });
        }
      }
    });
  },
});
