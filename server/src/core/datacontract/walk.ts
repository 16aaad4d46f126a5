/**
 * The two standards' shapes, walked alike: a contract holds objects (ODCS schema objects, DCS models and
 * definitions), objects hold fields (ODCS `properties` lists, DCS `fields` mappings), and fields nest (`properties`,
 * `fields`, `items`, `keys`, `values`). The lint checks read contracts through these walkers only.
 */
import type { YamlPath } from '../yaml';
import type { DataContractFlavour } from './detect';

export type ContractNode = Record<string, unknown>;

export function isNode(value: unknown): value is ContractNode {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** One field with where it sits: its YAML path, its name, and the object it belongs to. */
export interface ContractField {
  node: ContractNode;
  path: YamlPath;
  name: string | undefined;
}

/** A group of sibling fields (one object's fields, or one field's nested fields), with the path of the group. */
export interface FieldGroup {
  path: YamlPath;
  fields: ContractField[];
  /** How the group is written: an ODCS list of named entries, or a DCS mapping keyed by name. */
  form: 'list' | 'map';
}

function groupOf(value: unknown, path: YamlPath): FieldGroup | undefined {
  if (Array.isArray(value)) {
    return { path, form: 'list', fields: value.flatMap((node, index) => (isNode(node) ? [{ node, path: [...path, index], name: typeof node.name === 'string' ? node.name : undefined }] : [])) };
  }
  if (isNode(value)) {
    return { path, form: 'map', fields: Object.entries(value).flatMap(([name, node]) => (isNode(node) ? [{ node, path: [...path, name], name }] : [])) };
  }
  return undefined;
}

/** The top-level objects: ODCS `schema[]` entries, DCS `models` (and `definitions`, which are fields themselves). */
export function contractObjects(contract: unknown, flavour: DataContractFlavour): FieldGroup | undefined {
  if (!isNode(contract)) return undefined;
  return flavour === 'odcs' ? groupOf(contract.schema, ['schema']) : groupOf(contract.models, ['models']);
}

/** Every group of sibling fields in the contract, outermost first. */
export function fieldGroups(contract: unknown, flavour: DataContractFlavour): FieldGroup[] {
  const groups: FieldGroup[] = [];
  const objects = contractObjects(contract, flavour);
  const childrenKey = flavour === 'odcs' ? 'properties' : 'fields';
  const visitField = (field: ContractField) => {
    const nested = groupOf(field.node[childrenKey], [...field.path, childrenKey]);
    if (nested) {
      groups.push(nested);
      nested.fields.forEach(visitField);
    }
    for (const key of flavour === 'odcs' ? ['items'] : ['items', 'keys', 'values']) {
      const child = field.node[key];
      if (isNode(child)) visitField({ node: child, path: [...field.path, key], name: undefined });
    }
  };
  for (const object of objects?.fields ?? []) visitField(object);
  if (flavour === 'dcs' && isNode(contract)) {
    const definitions = groupOf(contract.definitions, ['definitions']);
    for (const definition of definitions?.fields ?? []) visitField(definition);
  }
  return groups;
}

/** Every field of the contract, nested ones and DCS definitions included (not the top-level objects). */
export function allFields(contract: unknown, flavour: DataContractFlavour): ContractField[] {
  const fields = fieldGroups(contract, flavour).flatMap((group) => group.fields);
  if (flavour === 'dcs' && isNode(contract)) {
    for (const definition of groupOf(contract.definitions, ['definitions'])?.fields ?? []) fields.push(definition);
  }
  // Array items are fields too (`items:` of an array field), reached through their parent.
  const withItems: ContractField[] = [];
  const seen = new Set<string>(fields.map((field) => JSON.stringify(field.path)));
  const addItems = (field: ContractField) => {
    for (const key of flavour === 'odcs' ? ['items'] : ['items', 'keys', 'values']) {
      const child = field.node[key];
      if (!isNode(child)) continue;
      const item = { node: child, path: [...field.path, key], name: undefined };
      const id = JSON.stringify(item.path);
      if (seen.has(id)) continue;
      seen.add(id);
      withItems.push(item);
      addItems(item);
    }
  };
  for (const field of fields) addItems(field);
  return [...fields, ...withItems];
}

export function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
