/**
 * The breaking-change table for data contracts: which change of which key is an error, a warning or nothing.
 *
 * It reproduces the table of datacontract-cli's `breaking` command as it stood before 0.11 removed it
 * (`datacontract/breaking/breaking_rules.py`), because that classification is the one its users know.
 * The same table applies to both flavours: a DCS model is an ODCS schema object, a DCS field an ODCS property.
 *
 * | Change (family, direction)                          | Severity | Rule id                             | Kind                          |
 * |-----------------------------------------------------|----------|-------------------------------------|-------------------------------|
 * | model / schema object removed                       | error    | datacontract/model-removed          | model-removed                 |
 * | model type changed (DCS `type`; ODCS object         | error    | datacontract/field-type-changed (1) | model-type-changed            |
 * |   `physicalType`, `logicalType`)                    |          |                                     |                               |
 * | field / property removed                            | error    | datacontract/field-removed          | field-removed                 |
 * | type, logicalType, physicalType changed             | error    | datacontract/field-type-changed     | field-type-changed            |
 * | type, logicalType, physicalType added / removed     | warning  | datacontract/field-type-changed     | field-type-added / -removed   |
 * | format changed                                      | error    | datacontract/field-type-changed     | field-format-changed          |
 * | format added / removed                              | warning  | datacontract/field-type-changed     | field-format-added / -removed |
 * | `$ref` (DCS definition) added, removed, changed     | warning  | datacontract/field-type-changed (2) | definition-ref-changed        |
 * | required changed (absent counts as false)           | error    | datacontract/field-required-changed | field-required-changed        |
 * | unique changed (absent counts as false)             | error    | datacontract/field-unique-changed   | field-unique-changed          |
 * | primaryKey, primary, primaryKeyPosition changed     | warning  | datacontract/field-unique-changed (3) | primary-key-changed         |
 * | references (DCS), relationships (ODCS) changed      | warning  | datacontract/constraint-changed (4) | reference-changed             |
 * | pii, classification added                           | warning  | datacontract/constraint-added       | pii-added, classification-added |
 * | pii, classification removed or changed              | error    | datacontract/classification-changed | pii-removed / -changed, ...   |
 * | pattern added                                       | warning  | datacontract/constraint-added       | pattern-added                 |
 * | pattern removed                                     | error    | datacontract/constraint-removed     | pattern-removed               |
 * | pattern changed                                     | error    | datacontract/constraint-changed     | pattern-changed               |
 * | minLength, maxLength added                          | warning  | datacontract/constraint-added       | length-constraint-added       |
 * | minLength, maxLength removed                        | warning  | datacontract/constraint-removed     | length-constraint-removed     |
 * | minLength, maxLength changed                        | error    | datacontract/constraint-changed     | length-constraint-changed     |
 * | minimum, maximum, exclusive* added                  | warning  | datacontract/constraint-added       | range-constraint-added        |
 * | minimum, maximum, exclusive* removed                | warning  | datacontract/constraint-removed     | range-constraint-removed      |
 * | minimum, maximum, exclusive* changed                | error    | datacontract/constraint-changed     | range-constraint-changed      |
 * | enum added                                          | warning  | datacontract/constraint-added       | enum-added                    |
 * | enum changed (compared as a set)                    | error    | datacontract/enum-changed           | enum-changed                  |
 * | quality check removed                               | warning  | datacontract/quality-changed        | quality-removed               |
 * | quality check changed                               | warning  | datacontract/quality-changed        | quality-changed               |
 * | contract flavour changed (DCS to ODCS or back)      | warning  | datacontract/model-removed (5)      | contract-flavour-changed      |
 *
 * Not reported, as in datacontract-cli: added models and fields, a removed enum, an added quality check,
 * descriptions, titles, tags, examples, links, config, precision and scale, info, contact, terms, servers,
 * definitions, `customProperties` and extension (`x-`) keys.
 *
 * Mappings onto the fixed rule ids, where no id names the change exactly:
 * (1) A model's type is its storage kind (table, view, object); `field-type-changed` is the rule about types,
 *     and its description says it is the model's type.
 * (2) A `$ref` pulls a field's definition, type included, from `definitions`, so changing it may change the type.
 * (3) A primary key is a uniqueness promise (`primaryKey` implies `unique`), so it belongs with `field-unique-changed`,
 *     as a warning, as in datacontract-cli.
 * (4) A reference constrains values to those of another field, like a foreign key: `constraint-changed`, as a warning.
 * (5) Contracts of different flavours cannot be compared key by key; every model of the base is, in effect, replaced.
 *
 * Deliberate differences from datacontract-cli, each because its raw comparison misread the specification:
 * - `required`, `unique` and `primaryKey` default to false, so an absent key and `false` are the same value, and
 *   adding `required: true` is a change of `required` (datacontract-cli fell through to its catch-all info rule).
 * - A DCS model's `type` defaults to `table`, so writing `type: table` is no change, and `type: view` on a model
 *   that declared no type is one.
 * - Model-level `primaryKey` (DCS) and model-level and field-level `quality` lists follow the primary-key and quality
 *   rows above (datacontract-cli only classified the top-level DCS 0.9 `quality` object and left the others as info).
 */
import type { YamlPath } from '../yaml/locate';

/** The rule ids under which contract changes are reported. */
export type ContractChangeRuleId =
  | 'datacontract/model-removed'
  | 'datacontract/field-removed'
  | 'datacontract/field-type-changed'
  | 'datacontract/field-required-changed'
  | 'datacontract/field-unique-changed'
  | 'datacontract/constraint-changed'
  | 'datacontract/constraint-added'
  | 'datacontract/constraint-removed'
  | 'datacontract/enum-changed'
  | 'datacontract/classification-changed'
  | 'datacontract/quality-changed';

export type ContractChangeSeverity = 'error' | 'warning';

/** One classified difference between the base and the head version of a contract. */
export interface ContractChange {
  rule: ContractChangeRuleId;
  severity: ContractChangeSeverity;
  /** A stable machine name, such as `field-type-changed`; see the table above. */
  kind: string;
  /** One plain sentence: what changed, and why it matters to consumers. */
  description: string;
  /**
   * The path of the changed key in the head document; for a removal, the path of its former parent as it exists in
   * head (the nearest ancestor that still exists, `[]` at worst). ODCS lists are indexed as they are in head.
   */
  headPath?: YamlPath;
  /** The path of the key in the base document; for an addition, the path of the node that gained it. */
  basePath: YamlPath;
  before?: unknown;
  after?: unknown;
}

/** Whether a key appeared, disappeared or changed value between base and head. */
export type ChangeDirection = 'added' | 'removed' | 'changed';

/** Groups of keys that the table classifies alike. */
export type AttributeFamily =
  | 'model-type'
  | 'type'
  | 'format'
  | 'definition-ref'
  | 'required'
  | 'unique'
  | 'primary-key'
  | 'reference'
  | 'pii'
  | 'classification'
  | 'pattern'
  | 'length'
  | 'range'
  | 'enum'
  | 'quality';

/** What a message needs: who changed (`Field \`orders.total\``), which key in words, and the two values. */
export interface ChangeWording {
  subject: string;
  label: string;
  before: unknown;
  after: unknown;
}

export interface ChangeOutcome {
  rule: ContractChangeRuleId;
  severity: ContractChangeSeverity;
  kind: string;
  describe(wording: ChangeWording): string;
}

/** A value as a message shows it: code-quoted, compact, and short enough for a hover. */
export function showValue(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (value === undefined) text = 'nothing';
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  if (text.length > 80) text = `${text.slice(0, 77)}...`;
  return `\`${text.replace(/`/g, "'")}\``;
}

function outcome(rule: ContractChangeRuleId, severity: ContractChangeSeverity, kind: string, describe: (w: ChangeWording) => string): ChangeOutcome {
  return { rule, severity, kind, describe };
}

/** The enum members one list has and the other lacks, for a message that names them. */
function enumDifference(before: unknown, after: unknown): string {
  const beforeList = Array.isArray(before) ? before.map(String) : [];
  const afterList = Array.isArray(after) ? after.map(String) : [];
  const dropped = beforeList.filter((member) => !afterList.includes(member));
  const added = afterList.filter((member) => !beforeList.includes(member));
  const parts: string[] = [];
  if (dropped.length > 0) parts.push(`drops ${dropped.map(showValue).join(', ')}`);
  if (added.length > 0) parts.push(`adds ${added.map(showValue).join(', ')}`);
  return parts.join(' and ');
}

type FamilyOutcomes = Partial<Record<ChangeDirection, ChangeOutcome>>;

/** The table, by family and direction; a missing direction is not reported. */
export const CHANGE_OUTCOMES: Record<AttributeFamily, FamilyOutcomes> = {
  'model-type': {
    changed: outcome('datacontract/field-type-changed', 'error', 'model-type-changed', (w) =>
      `${w.subject} changed its ${w.label} from ${showValue(w.before)} to ${showValue(w.after)}: consumers that rely on how it is stored and queried break.`),
  },
  type: {
    changed: outcome('datacontract/field-type-changed', 'error', 'field-type-changed', (w) =>
      `${w.subject} changed ${w.label} from ${showValue(w.before)} to ${showValue(w.after)}: consumers reading it as ${showValue(w.before)} break.`),
    added: outcome('datacontract/field-type-changed', 'warning', 'field-type-added', (w) =>
      `${w.subject} now declares ${w.label} ${showValue(w.after)} where it declared none: consumers that read other values may break.`),
    removed: outcome('datacontract/field-type-changed', 'warning', 'field-type-removed', (w) =>
      `${w.subject} no longer declares ${w.label} (it was ${showValue(w.before)}): consumers lose the guarantee they read it by.`),
  },
  format: {
    changed: outcome('datacontract/field-type-changed', 'error', 'field-format-changed', (w) =>
      `${w.subject} changed ${w.label} from ${showValue(w.before)} to ${showValue(w.after)}: consumers parsing the old format break.`),
    added: outcome('datacontract/field-type-changed', 'warning', 'field-format-added', (w) =>
      `${w.subject} now declares ${w.label} ${showValue(w.after)} where it declared none: values in other formats were valid before.`),
    removed: outcome('datacontract/field-type-changed', 'warning', 'field-format-removed', (w) =>
      `${w.subject} no longer declares ${w.label} (it was ${showValue(w.before)}): consumers parsing that format may receive other values.`),
  },
  'definition-ref': {
    changed: outcome('datacontract/field-type-changed', 'warning', 'definition-ref-changed', (w) =>
      `${w.subject} changed its definition reference from ${showValue(w.before)} to ${showValue(w.after)}: its type and constraints may have changed with it.`),
    added: outcome('datacontract/field-type-changed', 'warning', 'definition-ref-changed', (w) =>
      `${w.subject} now takes its definition from ${showValue(w.after)}: its type and constraints may have changed with it.`),
    removed: outcome('datacontract/field-type-changed', 'warning', 'definition-ref-changed', (w) =>
      `${w.subject} no longer takes its definition from ${showValue(w.before)}: its type and constraints may have changed with it.`),
  },
  required: {
    changed: outcome('datacontract/field-required-changed', 'error', 'field-required-changed', (w) =>
      w.after === true
        ? `${w.subject} became required: producers that leave it empty now break the contract.`
        : `${w.subject} is no longer required: consumers that rely on it never being null break.`),
  },
  unique: {
    changed: outcome('datacontract/field-unique-changed', 'error', 'field-unique-changed', (w) =>
      w.after === true
        ? `${w.subject} became unique: producers that write duplicates now break the contract.`
        : `${w.subject} is no longer unique: consumers that join or deduplicate on it break.`),
  },
  'primary-key': {
    changed: outcome('datacontract/field-unique-changed', 'warning', 'primary-key-changed', (w) =>
      `${w.subject} changed ${w.label} from ${showValue(w.before)} to ${showValue(w.after)}: consumers that join or deduplicate on the key may break.`),
    added: outcome('datacontract/field-unique-changed', 'warning', 'primary-key-changed', (w) =>
      `${w.subject} now declares ${w.label} ${showValue(w.after)}: consumers that join or deduplicate on the key may break.`),
    removed: outcome('datacontract/field-unique-changed', 'warning', 'primary-key-changed', (w) =>
      `${w.subject} no longer declares ${w.label} (it was ${showValue(w.before)}): consumers that join or deduplicate on the key may break.`),
  },
  reference: {
    changed: outcome('datacontract/constraint-changed', 'warning', 'reference-changed', (w) =>
      `${w.subject} changed its ${w.label} from ${showValue(w.before)} to ${showValue(w.after)}: joins built on the old reference may break.`),
    added: outcome('datacontract/constraint-changed', 'warning', 'reference-changed', (w) =>
      `${w.subject} now declares ${w.label} ${showValue(w.after)}: values without a match there were valid before.`),
    removed: outcome('datacontract/constraint-changed', 'warning', 'reference-changed', (w) =>
      `${w.subject} no longer declares ${w.label} (it was ${showValue(w.before)}): joins built on that reference lose their guarantee.`),
  },
  pii: {
    added: outcome('datacontract/constraint-added', 'warning', 'pii-added', (w) =>
      `${w.subject} now declares ${w.label} ${showValue(w.after)}: consumers may have to handle it under stricter rules.`),
    removed: outcome('datacontract/classification-changed', 'error', 'pii-removed', (w) =>
      `${w.subject} no longer declares ${w.label} (it was ${showValue(w.before)}): consumers may handle personal data without the protection it needs.`),
    changed: outcome('datacontract/classification-changed', 'error', 'pii-changed', (w) =>
      `${w.subject} changed ${w.label} from ${showValue(w.before)} to ${showValue(w.after)}: consumers' handling of personal data no longer matches.`),
  },
  classification: {
    added: outcome('datacontract/constraint-added', 'warning', 'classification-added', (w) =>
      `${w.subject} now declares ${w.label} ${showValue(w.after)}: consumers may have to handle it under stricter rules.`),
    removed: outcome('datacontract/classification-changed', 'error', 'classification-removed', (w) =>
      `${w.subject} no longer declares ${w.label} (it was ${showValue(w.before)}): consumers may handle it without the protection it needs.`),
    changed: outcome('datacontract/classification-changed', 'error', 'classification-changed', (w) =>
      `${w.subject} changed ${w.label} from ${showValue(w.before)} to ${showValue(w.after)}: consumers' access and handling rules no longer match.`),
  },
  pattern: {
    added: outcome('datacontract/constraint-added', 'warning', 'pattern-added', (w) =>
      `${w.subject} now requires the ${w.label} ${showValue(w.after)}: values that do not match were valid before.`),
    removed: outcome('datacontract/constraint-removed', 'error', 'pattern-removed', (w) =>
      `${w.subject} no longer requires the ${w.label} ${showValue(w.before)}: consumers that rely on the format may receive values that do not match.`),
    changed: outcome('datacontract/constraint-changed', 'error', 'pattern-changed', (w) =>
      `${w.subject} changed its ${w.label} from ${showValue(w.before)} to ${showValue(w.after)}: values valid under one are invalid under the other.`),
  },
  length: {
    added: outcome('datacontract/constraint-added', 'warning', 'length-constraint-added', (w) =>
      `${w.subject} now has a ${w.label} of ${showValue(w.after)}: values outside it were valid before.`),
    removed: outcome('datacontract/constraint-removed', 'warning', 'length-constraint-removed', (w) =>
      `${w.subject} no longer has a ${w.label} (it was ${showValue(w.before)}): consumers that rely on the bound may receive values outside it.`),
    changed: outcome('datacontract/constraint-changed', 'error', 'length-constraint-changed', (w) =>
      `${w.subject} changed its ${w.label} from ${showValue(w.before)} to ${showValue(w.after)}: values valid under one bound are invalid under the other.`),
  },
  range: {
    added: outcome('datacontract/constraint-added', 'warning', 'range-constraint-added', (w) =>
      `${w.subject} now has a ${w.label} of ${showValue(w.after)}: values outside it were valid before.`),
    removed: outcome('datacontract/constraint-removed', 'warning', 'range-constraint-removed', (w) =>
      `${w.subject} no longer has a ${w.label} (it was ${showValue(w.before)}): consumers that rely on the bound may receive values outside it.`),
    changed: outcome('datacontract/constraint-changed', 'error', 'range-constraint-changed', (w) =>
      `${w.subject} changed its ${w.label} from ${showValue(w.before)} to ${showValue(w.after)}: values valid under one bound are invalid under the other.`),
  },
  enum: {
    added: outcome('datacontract/constraint-added', 'warning', 'enum-added', (w) =>
      `${w.subject} now restricts its values to ${showValue(w.after)}: other values were valid before.`),
    changed: outcome('datacontract/enum-changed', 'error', 'enum-changed', (w) =>
      `${w.subject} changed its allowed values (it ${enumDifference(w.before, w.after)}): consumers that handle the old list break.`),
  },
  quality: {
    removed: outcome('datacontract/quality-changed', 'warning', 'quality-removed', (w) =>
      `${w.subject} lost the quality check ${w.label}: consumers no longer get the guarantee it gave.`),
    changed: outcome('datacontract/quality-changed', 'warning', 'quality-changed', (w) =>
      `${w.subject} changed the quality check ${w.label}: consumers may now receive data the old check rejected.`),
  },
};

/** A removed model or schema object: the largest break, every consumer of it fails. */
export const MODEL_REMOVED = outcome('datacontract/model-removed', 'error', 'model-removed', (w) =>
  `${w.subject} was removed: every consumer reading it breaks.`);

/** A removed field or property. */
export const FIELD_REMOVED = outcome('datacontract/field-removed', 'error', 'field-removed', (w) =>
  `${w.subject} was removed: consumers reading it break.`);

/** Base and head follow different standards, so no key-by-key comparison is possible. */
export const FLAVOUR_CHANGED = outcome('datacontract/model-removed', 'warning', 'contract-flavour-changed', (w) =>
  `The contract moved from ${w.before} to ${w.after}: its models cannot be compared key by key, so review what consumers read by hand.`);
