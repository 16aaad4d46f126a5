/**
 * The comparison behind `classifyContractChanges`, shared by both contract flavours.
 *
 * A flavour describes its shape (`ContractShape`): where its models and fields live, how they are named, and which
 * keys the breaking-change table covers. This module walks two documents through that description, pairs models and
 * fields by name, and turns each difference into a `ContractChange` through the table in `change-kinds.ts`.
 * It never throws: anything of an unexpected type is treated as absent.
 */
import type { DataContractFlavour } from './detect';
import {
  CHANGE_OUTCOMES,
  FIELD_REMOVED,
  MODEL_REMOVED,
  showValue,
  type AttributeFamily,
  type ChangeDirection,
  type ChangeOutcome,
  type ContractChange,
} from './change-kinds';
import { isPlainObject, type PlainObject } from '../yaml/read';
import type { YamlPath } from '../yaml/locate';

/** A model, field or array item, with where it sits in its document. */
export interface NodeAt {
  node: PlainObject;
  path: YamlPath;
}

export interface NamedNode extends NodeAt {
  name: string;
}

/** The models or fields of one parent: `containerPath` is undefined when the parent has no such key at all. */
export interface NamedNodes {
  containerPath?: YamlPath;
  entries: NamedNode[];
}

/** One key the breaking-change table covers, relative to its model or field (`['logicalTypeOptions', 'minLength']`). */
export interface AttributeSpec {
  key: string[];
  family: AttributeFamily;
  /** The key in words, for messages: `logical type`, `maximum length`. */
  label: string;
  /** Maps a value to its meaning, so that `required: false` and no `required` compare equal. */
  normalise?: (value: unknown) => unknown;
  /** Compares two present values; deep equality when absent. */
  equal?: (before: unknown, after: unknown) => boolean;
}

/** How one contract flavour lays out its models and fields. */
export interface ContractShape {
  flavour: DataContractFlavour;
  /** The standard's name for messages: `the Data Contract Specification`. */
  standardName: string;
  objectNoun: string;
  fieldNoun: string;
  objects(document: PlainObject): NamedNodes;
  objectAttributes: AttributeSpec[];
  fieldAttributes: AttributeSpec[];
  children(parent: NodeAt): NamedNodes;
  /** The element description of an array-typed field, when it has one. */
  arrayItems(field: NodeAt): NodeAt | undefined;
  /** Changes outside models, such as the top-level `quality` object of DCS 0.9. */
  documentChanges?(base: NodeAt, head: NodeAt): ContractChange[];
}

/** Structural equality of loaded YAML values (plain objects, lists and scalars); key order does not matter. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, index) => deepEqual(item, b[index]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const aKeys = Object.keys(a).filter((key) => a[key] !== undefined);
    const bKeys = Object.keys(b).filter((key) => b[key] !== undefined);
    if (aKeys.length !== bKeys.length) return false;
    return aKeys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && deepEqual(a[key], b[key]));
  }
  return false;
}

/** The value at a relative key path, or undefined when any step is missing, null or not a mapping. */
export function valueAt(node: unknown, key: readonly string[]): unknown {
  let current: unknown = node;
  for (const step of key) {
    if (!isPlainObject(current) || !Object.prototype.hasOwnProperty.call(current, step)) return undefined;
    current = current[step];
  }
  return current === null ? undefined : current;
}

/** The longest prefix of `key` that exists under `node`: where a removed key's former parent still is. */
function existingPrefix(node: PlainObject, key: readonly string[]): string[] {
  const prefix: string[] = [];
  let current: unknown = node;
  for (const step of key) {
    if (!isPlainObject(current) || !Object.prototype.hasOwnProperty.call(current, step)) break;
    prefix.push(step);
    current = current[step];
  }
  return prefix;
}

/** The path of `key` under a node when it is written there, else of its nearest existing ancestor. */
function pathOfKey(at: NodeAt, key: readonly string[]): YamlPath {
  const prefix = existingPrefix(at.node, key);
  return [...at.path, ...prefix];
}

function directionOf(before: unknown, after: unknown, equal: (a: unknown, b: unknown) => boolean): ChangeDirection | undefined {
  if (before === undefined && after === undefined) return undefined;
  if (before === undefined) return 'added';
  if (after === undefined) return 'removed';
  return equal(before, after) ? undefined : 'changed';
}

function change(outcome: ChangeOutcome, subject: string, label: string, basePath: YamlPath, headPath: YamlPath, before: unknown, after: unknown): ContractChange {
  const result: ContractChange = {
    rule: outcome.rule,
    severity: outcome.severity,
    kind: outcome.kind,
    description: outcome.describe({ subject, label, before, after }),
    headPath,
    basePath,
  };
  if (before !== undefined) result.before = before;
  if (after !== undefined) result.after = after;
  return result;
}

function compareAttributes(specs: readonly AttributeSpec[], base: NodeAt, head: NodeAt, subject: string, out: ContractChange[]): void {
  for (const spec of specs) {
    const normalise = spec.normalise ?? ((value: unknown) => value);
    const before = normalise(valueAt(base.node, spec.key));
    const after = normalise(valueAt(head.node, spec.key));
    const direction = directionOf(before, after, spec.equal ?? deepEqual);
    if (!direction) continue;
    const outcome = CHANGE_OUTCOMES[spec.family][direction];
    if (!outcome) continue;
    out.push(change(outcome, subject, spec.label, pathOfKey(base, spec.key), pathOfKey(head, spec.key), before, after));
  }
}

/** How a quality check is named in messages and paired across versions: its `name`, else its `id`. */
function qualityIdentity(check: unknown): string | undefined {
  if (!isPlainObject(check)) return undefined;
  for (const key of ['name', 'id']) {
    const value = check[key];
    if (typeof value === 'string' || typeof value === 'number') return String(value);
  }
  return undefined;
}

function qualityLabel(check: unknown, index: number): string {
  const identity = qualityIdentity(check);
  if (identity !== undefined) return showValue(identity);
  if (isPlainObject(check)) {
    for (const key of ['rule', 'metric', 'type']) {
      const value = check[key];
      if (typeof value === 'string') return `${showValue(value)} (number ${index + 1})`;
    }
  }
  return `number ${index + 1}`;
}

/**
 * Compares the `quality` lists of two nodes. A check found unchanged anywhere in head is kept, so reordering is no
 * change; the others pair by name or id, then, for unnamed checks, in order; an unpaired base check was removed.
 * Added checks are not reported.
 */
export function compareQualityLists(base: NodeAt, head: NodeAt, subject: string, out: ContractChange[]): void {
  const baseChecks = Array.isArray(base.node.quality) ? base.node.quality : [];
  const headChecks = Array.isArray(head.node.quality) ? head.node.quality : [];
  if (baseChecks.length === 0) return;
  const unpairedHead = new Set(headChecks.map((_, index) => index));
  const leftOver: number[] = [];
  baseChecks.forEach((check, index) => {
    const same = [...unpairedHead].find((headIndex) => deepEqual(check, headChecks[headIndex]));
    if (same === undefined) leftOver.push(index);
    else unpairedHead.delete(same);
  });
  const headQualityPath: YamlPath = Array.isArray(head.node.quality) ? [...head.path, 'quality'] : head.path;
  const quality = CHANGE_OUTCOMES.quality;
  for (const index of leftOver) {
    const check = baseChecks[index];
    const identity = qualityIdentity(check);
    const partner = [...unpairedHead].find((headIndex) => {
      const headIdentity = qualityIdentity(headChecks[headIndex]);
      return identity !== undefined ? headIdentity === identity : headIdentity === undefined;
    });
    const basePath: YamlPath = [...base.path, 'quality', index];
    if (partner !== undefined && quality.changed) {
      unpairedHead.delete(partner);
      out.push(change(quality.changed, subject, qualityLabel(check, index), basePath, [...headQualityPath, partner], check, headChecks[partner]));
    } else if (quality.removed) {
      out.push(change(quality.removed, subject, qualityLabel(check, index), basePath, headQualityPath, check, undefined));
    }
  }
}

function compareField(shape: ContractShape, base: NodeAt, head: NodeAt, displayName: string, out: ContractChange[]): void {
  const subject = `${shape.fieldNoun} \`${displayName}\``;
  compareAttributes(shape.fieldAttributes, base, head, subject, out);
  compareQualityLists(base, head, subject, out);
  compareChildren(shape, base, head, displayName, out);
  const baseItems = shape.arrayItems(base);
  const headItems = shape.arrayItems(head);
  if (baseItems && headItems) compareField(shape, baseItems, headItems, `${displayName}[]`, out);
}

function byName(nodes: NamedNodes): Map<string, NamedNode> {
  const map = new Map<string, NamedNode>();
  // A duplicate name is a lint error of its own; the first occurrence is the one compared.
  for (const entry of nodes.entries) if (!map.has(entry.name)) map.set(entry.name, entry);
  return map;
}

function compareChildren(shape: ContractShape, base: NodeAt, head: NodeAt, parentName: string, out: ContractChange[]): void {
  const headChildren = shape.children(head);
  const headByName = byName(headChildren);
  for (const child of byName(shape.children(base)).values()) {
    const displayName = `${parentName}.${child.name}`;
    const headChild = headByName.get(child.name);
    if (headChild) {
      compareField(shape, child, headChild, displayName, out);
      continue;
    }
    const subject = `${shape.fieldNoun} \`${displayName}\``;
    out.push(change(FIELD_REMOVED, subject, child.name, child.path, headChildren.containerPath ?? head.path, child.node, undefined));
  }
}

/** Every classified change between two documents of the same flavour. */
export function compareContracts(shape: ContractShape, base: PlainObject, head: PlainObject): ContractChange[] {
  const out: ContractChange[] = [];
  const baseRoot: NodeAt = { node: base, path: [] };
  const headRoot: NodeAt = { node: head, path: [] };
  if (shape.documentChanges) out.push(...shape.documentChanges(baseRoot, headRoot));
  const headObjects = shape.objects(head);
  const headByName = byName(headObjects);
  for (const object of byName(shape.objects(base)).values()) {
    const subject = `${shape.objectNoun} \`${object.name}\``;
    const headObject = headByName.get(object.name);
    if (!headObject) {
      out.push(change(MODEL_REMOVED, subject, object.name, object.path, headObjects.containerPath ?? [], object.node, undefined));
      continue;
    }
    compareAttributes(shape.objectAttributes, object, headObject, subject, out);
    compareQualityLists(object, headObject, subject, out);
    compareChildren(shape, object, headObject, object.name, out);
  }
  return out;
}

/** Normalisers shared by both flavours. */
export const absentMeansFalse = (value: unknown): unknown => (value === undefined ? false : value);
export const emptyListMeansAbsent = (value: unknown): unknown => (Array.isArray(value) && value.length === 0 ? undefined : value);

/** Enum members compare as a set: reordering them changes nothing. */
export function sameMembers(before: unknown, after: unknown): boolean {
  if (!Array.isArray(before) || !Array.isArray(after)) return deepEqual(before, after);
  const key = (value: unknown) => JSON.stringify(value) ?? String(value);
  const beforeKeys = new Set(before.map(key));
  const afterKeys = new Set(after.map(key));
  return beforeKeys.size === afterKeys.size && [...beforeKeys].every((member) => afterKeys.has(member));
}
