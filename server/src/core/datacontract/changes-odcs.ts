/**
 * The Open Data Contract Standard v3 as the change classifier sees it: `schema` is a list of objects, each with a list
 * of `properties`; a property nests `properties` of its own, and an array property describes its elements under
 * `items`. Lists are matched by `name`, so reordering objects or properties is no change.
 */
import { absentMeansFalse, type AttributeSpec, type ContractShape, type NamedNodes } from './changes-compare';
import { isPlainObject, type PlainObject } from '../yaml/read';
import type { YamlPath } from '../yaml/locate';

/** The named mappings of a list; entries without a name cannot be paired across versions and are left out. */
function namedListEntries(parent: PlainObject, key: string, parentPath: YamlPath): NamedNodes {
  const list = parent[key];
  if (!Array.isArray(list)) return { entries: [] };
  const entries: NamedNodes['entries'] = [];
  list.forEach((node, index) => {
    if (!isPlainObject(node)) return;
    const name = node.name;
    if (typeof name === 'string' || typeof name === 'number') entries.push({ name: String(name), node, path: [...parentPath, key, index] });
  });
  return { containerPath: [...parentPath, key], entries };
}

const OBJECT_ATTRIBUTES: AttributeSpec[] = [
  { key: ['physicalType'], family: 'model-type', label: 'physical type' },
  { key: ['logicalType'], family: 'model-type', label: 'logical type' },
  { key: ['relationships'], family: 'reference', label: 'relationships' },
];

const PROPERTY_ATTRIBUTES: AttributeSpec[] = [
  { key: ['logicalType'], family: 'type', label: 'logical type' },
  { key: ['physicalType'], family: 'type', label: 'physical type' },
  { key: ['logicalTypeOptions', 'format'], family: 'format', label: 'format' },
  { key: ['required'], family: 'required', label: 'required', normalise: absentMeansFalse },
  { key: ['unique'], family: 'unique', label: 'unique', normalise: absentMeansFalse },
  { key: ['primaryKey'], family: 'primary-key', label: '`primaryKey`', normalise: absentMeansFalse },
  // ODCS gives -1 as the default position, meaning "not part of the key".
  { key: ['primaryKeyPosition'], family: 'primary-key', label: 'primary key position', normalise: (value) => value ?? -1 },
  { key: ['relationships'], family: 'reference', label: 'relationships' },
  { key: ['classification'], family: 'classification', label: 'classification' },
  { key: ['logicalTypeOptions', 'pattern'], family: 'pattern', label: 'pattern' },
  { key: ['logicalTypeOptions', 'minLength'], family: 'length', label: 'minimum length' },
  { key: ['logicalTypeOptions', 'maxLength'], family: 'length', label: 'maximum length' },
  { key: ['logicalTypeOptions', 'minimum'], family: 'range', label: 'minimum' },
  { key: ['logicalTypeOptions', 'maximum'], family: 'range', label: 'maximum' },
  { key: ['logicalTypeOptions', 'exclusiveMinimum'], family: 'range', label: 'exclusive minimum' },
  { key: ['logicalTypeOptions', 'exclusiveMaximum'], family: 'range', label: 'exclusive maximum' },
];

export const ODCS_SHAPE: ContractShape = {
  flavour: 'odcs',
  standardName: 'ODCS v3',
  objectNoun: 'Schema object',
  fieldNoun: 'Property',
  objects: (document) => namedListEntries(document, 'schema', []),
  objectAttributes: OBJECT_ATTRIBUTES,
  fieldAttributes: PROPERTY_ATTRIBUTES,
  children: (parent) => namedListEntries(parent.node, 'properties', parent.path),
  arrayItems: (property) =>
    property.node.logicalType === 'array' && isPlainObject(property.node.items)
      ? { node: property.node.items, path: [...property.path, 'items'] }
      : undefined,
};
