/**
 * References inside one contract that name nothing (`datacontract/unresolved-reference`): DCS `$ref:
 * '#/definitions/…'`, `references: model.field` and a model's `primaryKey` list; ODCS v3.1 `relationships`
 * (`from`/`to` as `object.property` or `schema/<id>/properties/<id>`). References to objects or models this contract does
 * not define, to other files or to URLs are left alone: they point elsewhere.
 */
import type { DataContractFlavour } from '../detect';
import { formatPath, type DataContractProblem } from '../validate';
import { allFields, contractObjects, isNode, type ContractNode } from '../walk';
import type { YamlPath } from '../../yaml';

export const UNRESOLVED_REFERENCE_RULE = 'datacontract/unresolved-reference';

function problem(path: YamlPath, message: string): DataContractProblem {
  return { rule: UNRESOLVED_REFERENCE_RULE, path, target: 'value', message };
}

export function unresolvedReferences(contract: unknown, flavour: DataContractFlavour): DataContractProblem[] {
  if (!isNode(contract)) return [];
  return flavour === 'dcs' ? dcsReferences(contract) : odcsReferences(contract);
}

function dcsReferences(contract: ContractNode): DataContractProblem[] {
  const problems: DataContractProblem[] = [];
  const definitions = isNode(contract.definitions) ? contract.definitions : {};
  const models = isNode(contract.models) ? contract.models : {};
  const hasField = (model: string, fieldPath: string[]): boolean => {
    let fields: unknown = isNode(models[model]) ? (models[model] as ContractNode).fields : undefined;
    for (const segment of fieldPath) {
      if (!isNode(fields) || !isNode(fields[segment])) return false;
      fields = (fields[segment] as ContractNode).fields;
    }
    return true;
  };
  for (const field of allFields(contract, 'dcs')) {
    const name = field.name ?? formatPath(field.path);
    const target = field.node.$ref;
    if (typeof target === 'string' && target.startsWith('#/definitions/')) {
      const definition = target.slice('#/definitions/'.length);
      if (!(definition in definitions)) {
        problems.push(problem([...field.path, '$ref'], `\`${name}\` refers to \`${target}\`, but this contract has no definition \`${definition}\`: the field gets no type or constraints from it. Add the definition under \`definitions:\`, or correct the reference.`));
      }
    }
    const references = field.node.references;
    if (typeof references === 'string' && !references.includes('://')) {
      const [model, ...fieldPath] = references.split('.');
      // A reference to a model this contract does not define points to another contract: nothing to check here.
      if (model in models && (fieldPath.length === 0 || !hasField(model, fieldPath))) {
        problems.push(problem([...field.path, 'references'], `\`${name}\` references \`${references}\`, but the model \`${model}\` has no field \`${fieldPath.join('.') || '(none named)'}\`: the relationship cannot be checked or drawn. Name an existing field as \`model.field\`.`));
      }
    }
  }
  for (const [model, node] of Object.entries(models)) {
    if (!isNode(node) || !Array.isArray(node.primaryKey)) continue;
    const fields = isNode(node.fields) ? node.fields : {};
    node.primaryKey.forEach((key, index) => {
      if (typeof key === 'string' && !(key in fields)) {
        problems.push(problem(['models', model, 'primaryKey', index], `The primary key of \`${model}\` names \`${key}\`, which is not one of its fields: the key cannot be checked or used. Name one of the model's fields.`));
      }
    });
  }
  return problems;
}

function odcsReferences(contract: ContractNode): DataContractProblem[] {
  const problems: DataContractProblem[] = [];
  const objects = contractObjects(contract, 'odcs')?.fields ?? [];
  const byName = new Map<string, Set<string>>();
  const byId = new Map<string, Set<string>>();
  for (const object of objects) {
    const properties = Array.isArray(object.node.properties) ? object.node.properties.filter(isNode) : [];
    if (object.name !== undefined) byName.set(object.name, new Set(properties.map((property) => property.name).filter((name): name is string => typeof name === 'string')));
    if (typeof object.node.id === 'string') byId.set(object.node.id, new Set(properties.map((property) => property.id).filter((id): id is string => typeof id === 'string')));
  }
  const resolves = (reference: string): boolean | undefined => {
    // References into other files (`other.yaml#/schema/…`) or to URLs cannot be checked from this file.
    if (reference.includes('#') || reference.includes('://')) return undefined;
    const qualified = /^\/?schema\/([^/]+)(?:\/properties\/([^/]+))?$/.exec(reference);
    // As for DCS, an object this contract does not define is taken to live elsewhere (another contract, a dbt
    // model): upstream's own full example and real contracts relate to such objects in the shorthand form.
    if (qualified) return byId.has(qualified[1]) ? qualified[2] === undefined || byId.get(qualified[1])!.has(qualified[2]) : undefined;
    const dot = reference.indexOf('.');
    if (dot < 0) return byName.has(reference) ? true : undefined;
    const object = reference.slice(0, dot);
    return byName.has(object) ? byName.get(object)!.has(reference.slice(dot + 1)) : undefined;
  };
  const check = (value: unknown, path: YamlPath, owner: string) => {
    const references: [unknown, YamlPath][] = Array.isArray(value) ? value.map((reference, index) => [reference, [...path, index]]) : [[value, path]];
    for (const [reference, at] of references) {
      if (typeof reference !== 'string' || resolves(reference) !== false) continue;
      problems.push(problem(at, `The relationship of \`${owner}\` points to \`${reference}\`, but that schema object of this contract has no such property: the relationship cannot be checked or drawn. Write \`object.property\` with names from \`schema:\`, or \`schema/<id>/properties/<id>\`.`));
    }
  };
  for (const object of objects) {
    const relationships = Array.isArray(object.node.relationships) ? object.node.relationships : [];
    relationships.forEach((relationship, index) => {
      if (!isNode(relationship)) return;
      for (const end of ['from', 'to']) check(relationship[end], [...object.path, 'relationships', index, end], object.name ?? formatPath(object.path));
    });
  }
  for (const field of allFields(contract, 'odcs')) {
    const relationships = Array.isArray(field.node.relationships) ? field.node.relationships : [];
    relationships.forEach((relationship, index) => {
      if (isNode(relationship)) check(relationship.to, [...field.path, 'relationships', index, 'to'], field.name ?? formatPath(field.path));
    });
  }
  return problems;
}
