/**
 * The Data Contract Specification 1.x as the change classifier sees it: `models` is a map of models, each with a map
 * of `fields`; a field nests `fields` of its own, and an array field describes its elements under `items`.
 */
import type { ContractChange } from './change-kinds';
import { CHANGE_OUTCOMES, showValue } from './change-kinds';
import {
  absentMeansFalse,
  compareQualityLists,
  deepEqual,
  emptyListMeansAbsent,
  sameMembers,
  type AttributeSpec,
  type ContractShape,
  type NamedNodes,
  type NodeAt,
} from './changes-compare';
import { isPlainObject, type PlainObject } from '../yaml/read';
import type { YamlPath } from '../yaml/locate';

/** The entries of a map whose values are mappings; anything else is unreadable and left out. */
function mapEntries(parent: PlainObject, key: string, parentPath: YamlPath): NamedNodes {
  const map = parent[key];
  if (!isPlainObject(map)) return { entries: [] };
  const entries = Object.entries(map)
    .filter((entry): entry is [string, PlainObject] => isPlainObject(entry[1]))
    .map(([name, node]) => ({ name, node, path: [...parentPath, key, name] }));
  return { containerPath: [...parentPath, key], entries };
}

const MODEL_ATTRIBUTES: AttributeSpec[] = [
  // The specification gives `table` as the default model type, so writing it out changes nothing.
  { key: ['type'], family: 'model-type', label: 'type', normalise: (value) => value ?? 'table' },
  { key: ['primaryKey'], family: 'primary-key', label: 'primary key', normalise: emptyListMeansAbsent, equal: sameMembers },
];

const FIELD_ATTRIBUTES: AttributeSpec[] = [
  { key: ['type'], family: 'type', label: 'type' },
  { key: ['format'], family: 'format', label: 'format' },
  { key: ['$ref'], family: 'definition-ref', label: 'definition' },
  { key: ['required'], family: 'required', label: 'required', normalise: absentMeansFalse },
  { key: ['unique'], family: 'unique', label: 'unique', normalise: absentMeansFalse },
  { key: ['primaryKey'], family: 'primary-key', label: '`primaryKey`', normalise: absentMeansFalse },
  // `primary` is the DCS 1.0 spelling of `primaryKey`, still read by tools.
  { key: ['primary'], family: 'primary-key', label: '`primary`', normalise: absentMeansFalse },
  { key: ['references'], family: 'reference', label: 'reference' },
  { key: ['pii'], family: 'pii', label: '`pii`' },
  { key: ['classification'], family: 'classification', label: 'classification' },
  { key: ['pattern'], family: 'pattern', label: 'pattern' },
  { key: ['minLength'], family: 'length', label: 'minimum length' },
  { key: ['maxLength'], family: 'length', label: 'maximum length' },
  { key: ['minimum'], family: 'range', label: 'minimum' },
  { key: ['maximum'], family: 'range', label: 'maximum' },
  { key: ['exclusiveMinimum'], family: 'range', label: 'exclusive minimum' },
  { key: ['exclusiveMaximum'], family: 'range', label: 'exclusive maximum' },
  { key: ['enum'], family: 'enum', label: 'enum', normalise: emptyListMeansAbsent, equal: sameMembers },
];

/**
 * The top-level `quality` object of DCS 0.9 (`type` and `specification`), which datacontract-cli classified on its
 * own; a list written there is compared like model and field quality lists.
 */
function topLevelQualityChanges(base: NodeAt, head: NodeAt): ContractChange[] {
  const out: ContractChange[] = [];
  const subject = 'The contract';
  if (Array.isArray(base.node.quality)) {
    compareQualityLists(base, head, subject, out);
    return out;
  }
  const before = base.node.quality;
  if (!isPlainObject(before)) return out;
  const after = head.node.quality;
  const label = showValue(typeof before.type === 'string' ? before.type : 'quality');
  const { removed, changed } = CHANGE_OUTCOMES.quality;
  if (!isPlainObject(after)) {
    if (removed) out.push({ rule: removed.rule, severity: removed.severity, kind: removed.kind, description: removed.describe({ subject, label, before, after: undefined }), headPath: [], basePath: ['quality'], before });
    return out;
  }
  for (const key of ['type', 'specification']) {
    if (deepEqual(before[key], after[key]) || !changed) continue;
    out.push({
      rule: changed.rule,
      severity: changed.severity,
      kind: changed.kind,
      description: changed.describe({ subject, label, before: before[key], after: after[key] }),
      headPath: key in after ? ['quality', key] : ['quality'],
      basePath: key in before ? ['quality', key] : ['quality'],
      before: before[key],
      after: after[key],
    });
  }
  return out;
}

export const DCS_SHAPE: ContractShape = {
  flavour: 'dcs',
  standardName: 'the Data Contract Specification',
  objectNoun: 'Model',
  fieldNoun: 'Field',
  objects: (document) => mapEntries(document, 'models', []),
  objectAttributes: MODEL_ATTRIBUTES,
  fieldAttributes: FIELD_ATTRIBUTES,
  children: (parent) => mapEntries(parent.node, 'fields', parent.path),
  arrayItems: (field) =>
    field.node.type === 'array' && isPlainObject(field.node.items) ? { node: field.node.items, path: [...field.path, 'items'] } : undefined,
  documentChanges: topLevelQualityChanges,
};
