/**
 * The differences between a writer's JSON Schema and a reader's, after Confluent Schema Registry's `SchemaDiff`:
 * the same difference kinds, the same content models (open, closed, partially open) and the same idea of
 * compatibility (the reader's schema accepts every value the writer's accepts).
 *
 * Where this reads schemas more simply than Confluent's everit-based model:
 * - `type` is compared as a set (`["string", "null"]`), with `integer` inside `number`; Confluent models a type array
 *   as an `anyOf`, with the same verdicts for widening and narrowing.
 * - The keywords of every type are compared on the same schema node, so `{ "type": "string", "enum": [...] }` is one
 *   schema, not an `allOf` of two.
 * - `anyOf`/`oneOf`/`allOf` branches are matched greedily, in order; Confluent finds a maximum matching. The verdicts
 *   differ only for branches that are each compatible with several of the other side's.
 * - Only local `$ref`s (`#…`) are followed; a `$ref` to another file is compared as written.
 */
import type { JsonNode } from '../json-tree';
import { isIncompatible, type JsonSchemaChangeKind } from './change-kinds';
import {
  acceptsEverything,
  acceptsNothing,
  allowedValues,
  declaredTypes,
  keyword,
  keywordAnchor,
  numberKeyword,
  patternSchemas,
  propertySchemas,
  requiredNames,
  resolveRefs,
  sameValue,
  subschema,
  subschemas,
  type SchemaAt,
} from './schema-node';

/** One difference from the writer's schema (`original`) to the reader's (`update`). */
export interface JsonSchemaDifference {
  kind: JsonSchemaChangeKind;
  /** Where in the schema: `customer.address.zip`, `tags[]`, or empty for the top level. */
  where: string;
  /** The property or keyword it concerns, when there is one. */
  name?: string;
  /** The keyword's value in the writer's schema and in the reader's, when it has one. */
  originalValue?: unknown;
  updateValue?: unknown;
  /** The most specific node of each document the difference is at. */
  original: JsonNode;
  update: JsonNode;
}

interface Walk {
  originalRoot: JsonNode;
  updateRoot: JsonNode;
  differences: JsonSchemaDifference[];
  /** Pairs of schema nodes being compared, so that recursive `$ref`s end. */
  visiting: Set<string>;
}

/** Every difference between two schema documents, compatible or not; `original` is the writer's, `update` the reader's. */
export function diffJsonSchemas(original: JsonNode, update: JsonNode): JsonSchemaDifference[] {
  const walk: Walk = { originalRoot: original, updateRoot: update, differences: [], visiting: new Set() };
  compareSchemas(walk, { node: original, anchor: original }, { node: update, anchor: update }, '');
  return walk.differences;
}

/** A walk that collects into its own list, to try a comparison and keep it only if it is compatible. */
function subwalk(walk: Walk): Walk {
  return { ...walk, differences: [] };
}

function compatible(walk: Walk): boolean {
  return walk.differences.every((difference) => !isIncompatible(difference.kind));
}

function add(walk: Walk, kind: JsonSchemaChangeKind, where: string, original: JsonNode, update: JsonNode, details: Pick<JsonSchemaDifference, 'name' | 'originalValue' | 'updateValue'> = {}): void {
  walk.differences.push({ kind, where, ...details, original, update });
}

function compareSchemas(walk: Walk, originalAt: SchemaAt, updateAt: SchemaAt, where: string): void {
  const original = resolveRefs(walk.originalRoot, originalAt);
  const update = resolveRefs(walk.updateRoot, updateAt);
  const pair = `${original.node.offset}:${update.node.offset}`;
  if (walk.visiting.has(pair)) return;
  walk.visiting.add(pair);
  try {
    compareResolved(walk, original, update, where);
  } finally {
    walk.visiting.delete(pair);
  }
}

function compareResolved(walk: Walk, original: SchemaAt, update: SchemaAt, where: string): void {
  // A writer that accepts nothing, or a reader that accepts everything, cannot disagree (Confluent's FalseSchema and EmptySchema).
  if (acceptsNothing(original.node) || acceptsEverything(update.node)) return;
  if (acceptsEverything(original.node) || acceptsNothing(update.node)) {
    add(walk, 'TYPE_NARROWED', where, original.anchor, update.anchor, { originalValue: describeAccepted(original.node), updateValue: describeAccepted(update.node) });
    return;
  }
  if (compareCombined(walk, original, update, where)) return;
  if (!compareTypes(walk, original, update, where)) return;
  compareEnum(walk, original, update, where);
  compareStrings(walk, original, update, where);
  compareNumbers(walk, original, update, where);
  compareObjects(walk, original, update, where);
  compareArrays(walk, original, update, where);
}

function describeAccepted(schema: JsonNode): string {
  if (acceptsNothing(schema)) return 'nothing';
  if (acceptsEverything(schema)) return 'any value';
  const types = declaredTypes(schema);
  return types ? [...types].join(' or ') : 'a constrained value';
}

const COMBINATORS = ['anyOf', 'oneOf', 'allOf'] as const;
type Combinator = (typeof COMBINATORS)[number];

function combinatorOf(schema: JsonNode): Combinator | undefined {
  return COMBINATORS.find((name) => subschemas(schema, name).length > 0);
}

/**
 * Compares `anyOf`/`oneOf`/`allOf`. Returns true when that settled the comparison: a plain schema that became a union
 * it is one branch of, or two combined schemas.
 */
function compareCombined(walk: Walk, original: SchemaAt, update: SchemaAt, where: string): boolean {
  const originalCombinator = combinatorOf(original.node);
  const updateCombinator = combinatorOf(update.node);
  if (!originalCombinator && !updateCombinator) return false;
  if (!originalCombinator && updateCombinator) {
    const branches = subschemas(update.node, updateCombinator);
    // A schema that became a union with a branch it is compatible with (`string` to `anyOf: [string, null]`) widened.
    for (const branch of branches) {
      const trial = subwalk(walk);
      compareSchemas(trial, original, branch, where);
      if (compatible(trial)) {
        walk.differences.push(...trial.differences);
        if (branches.length > 1 && updateCombinator !== 'allOf') add(walk, 'SUM_TYPE_EXTENDED', where, original.anchor, keywordAnchor(update, updateCombinator));
        return true;
      }
    }
    add(walk, 'TYPE_CHANGED', where, original.anchor, keywordAnchor(update, updateCombinator), { name: updateCombinator });
    return true;
  }
  if (originalCombinator && !updateCombinator) {
    const branches = subschemas(original.node, originalCombinator);
    if (branches.length === 1) {
      compareSchemas(walk, branches[0], update, where);
      return true;
    }
    add(walk, 'TYPE_CHANGED', where, keywordAnchor(original, originalCombinator), update.anchor, { name: originalCombinator });
    return true;
  }
  compareCombinators(walk, original, update, originalCombinator!, updateCombinator!, where);
  return true;
}

function compareCombinators(walk: Walk, original: SchemaAt, update: SchemaAt, originalCombinator: Combinator, updateCombinator: Combinator, where: string): void {
  const originalBranches = subschemas(original.node, originalCombinator);
  const updateBranches = subschemas(update.node, updateCombinator);
  const originalAnchor = keywordAnchor(original, originalCombinator);
  const updateAnchor = keywordAnchor(update, updateCombinator);
  if (originalCombinator !== updateCombinator) {
    const singleton = (count: number) => count === 1;
    const extended =
      updateCombinator === 'anyOf' ||
      (updateCombinator === 'oneOf' && singleton(originalBranches.length)) ||
      (updateCombinator === 'allOf' && singleton(originalBranches.length) && singleton(updateBranches.length));
    add(walk, extended ? 'COMBINED_TYPE_EXTENDED' : 'COMBINED_TYPE_CHANGED', where, originalAnchor, updateAnchor, { name: updateCombinator, originalValue: originalCombinator, updateValue: updateCombinator });
    if (!extended) return;
  }
  if (originalBranches.length < updateBranches.length) add(walk, updateCombinator === 'allOf' ? 'PRODUCT_TYPE_EXTENDED' : 'SUM_TYPE_EXTENDED', where, originalAnchor, updateAnchor, { name: updateCombinator });
  if (originalBranches.length > updateBranches.length) add(walk, updateCombinator === 'allOf' ? 'PRODUCT_TYPE_NARROWED' : 'SUM_TYPE_NARROWED', where, originalAnchor, updateAnchor, { name: updateCombinator });
  // Each writer branch is matched with the first unmatched reader branch that accepts what it accepts.
  const matched = new Set<number>();
  for (const branch of originalBranches) {
    for (let index = 0; index < updateBranches.length; index++) {
      if (matched.has(index)) continue;
      const trial = subwalk(walk);
      compareSchemas(trial, branch, updateBranches[index], where);
      if (compatible(trial)) {
        matched.add(index);
        walk.differences.push(...trial.differences);
        break;
      }
    }
  }
  if (matched.size < Math.min(originalBranches.length, updateBranches.length)) add(walk, 'COMBINED_TYPE_SUBSCHEMAS_CHANGED', where, originalAnchor, updateAnchor, { name: updateCombinator });
}

/** Compares `type`; returns false when the types have nothing in common, so the type's keywords are not compared. */
function compareTypes(walk: Walk, original: SchemaAt, update: SchemaAt, where: string): boolean {
  const originalTypes = declaredTypes(original.node);
  const updateTypes = declaredTypes(update.node);
  if (!originalTypes && !updateTypes) return true;
  const originalAnchor = keywordAnchor(original, 'type');
  const updateAnchor = keywordAnchor(update, 'type');
  const details = { name: 'type', originalValue: keyword(original.node, 'type'), updateValue: keyword(update.node, 'type') };
  if (!updateTypes) {
    add(walk, 'TYPE_EXTENDED', where, originalAnchor, updateAnchor, details);
    return true;
  }
  if (!originalTypes) {
    add(walk, 'TYPE_NARROWED', where, originalAnchor, updateAnchor, details);
    return true;
  }
  const updateCovers = [...originalTypes].every((type) => typeAccepts(updateTypes, type));
  const originalCovers = [...updateTypes].every((type) => typeAccepts(originalTypes, type));
  if (updateCovers && originalCovers) {
    if (originalTypes.size !== updateTypes.size || [...originalTypes].some((type) => !updateTypes.has(type))) add(walk, 'TYPE_EXTENDED', where, originalAnchor, updateAnchor, details);
    return true;
  }
  if (updateCovers) add(walk, 'TYPE_EXTENDED', where, originalAnchor, updateAnchor, details);
  else if (originalCovers) add(walk, 'TYPE_NARROWED', where, originalAnchor, updateAnchor, details);
  else {
    const overlap = [...originalTypes].some((type) => typeAccepts(updateTypes, type) || (type === 'number' && updateTypes.has('integer')));
    add(walk, overlap ? 'TYPE_NARROWED' : 'TYPE_CHANGED', where, originalAnchor, updateAnchor, details);
    return overlap;
  }
  return true;
}

/** Whether a set of `type`s accepts every value of a type: `number` accepts `integer`. */
function typeAccepts(types: Set<string>, type: string): boolean {
  return types.has(type) || (type === 'integer' && types.has('number'));
}

function compareEnum(walk: Walk, original: SchemaAt, update: SchemaAt, where: string): void {
  const originalValues = allowedValues(original.node);
  const updateValues = allowedValues(update.node);
  if (!originalValues && !updateValues) return;
  const name = keyword(update.node, 'enum') !== undefined || keyword(original.node, 'enum') !== undefined ? 'enum' : 'const';
  const originalAnchor = original.node.type === 'object' ? (keywordAnchor(original, 'enum') === original.anchor ? keywordAnchor(original, 'const') : keywordAnchor(original, 'enum')) : original.anchor;
  const updateAnchor = update.node.type === 'object' ? (keywordAnchor(update, 'enum') === update.anchor ? keywordAnchor(update, 'const') : keywordAnchor(update, 'enum')) : update.anchor;
  if (!updateValues) {
    add(walk, 'ENUM_ARRAY_EXTENDED', where, originalAnchor, updateAnchor, { name, originalValue: originalValues });
    return;
  }
  if (!originalValues) {
    add(walk, 'ENUM_ARRAY_NARROWED', where, originalAnchor, updateAnchor, { name, updateValue: updateValues });
    return;
  }
  const updateHasAll = originalValues.every((value) => updateValues.some((other) => sameValue(value, other)));
  const originalHasAll = updateValues.every((value) => originalValues.some((other) => sameValue(value, other)));
  if (updateHasAll && originalHasAll) return;
  const kind = updateHasAll ? 'ENUM_ARRAY_EXTENDED' : originalHasAll ? 'ENUM_ARRAY_NARROWED' : 'ENUM_ARRAY_CHANGED';
  add(walk, kind, where, originalAnchor, updateAnchor, { name, originalValue: originalValues, updateValue: updateValues });
}

type BoundKinds = { added: JsonSchemaChangeKind; removed: JsonSchemaChangeKind; increased: JsonSchemaChangeKind; decreased: JsonSchemaChangeKind };

/** Compares a numeric bound (`maxLength`, `minimum`…): added, removed, raised or lowered. */
function compareBound(walk: Walk, original: SchemaAt, update: SchemaAt, where: string, name: string, kinds: BoundKinds): void {
  if (original.node.type !== 'object' || update.node.type !== 'object') return;
  const before = numberKeyword(original.node, name);
  const after = numberKeyword(update.node, name);
  if (before === after) return;
  const kind = before === undefined ? kinds.added : after === undefined ? kinds.removed : before < after ? kinds.increased : kinds.decreased;
  add(walk, kind, where, keywordAnchor(original, name), keywordAnchor(update, name), { name, originalValue: before, updateValue: after });
}

function bounds(prefix: string): BoundKinds {
  return { added: `${prefix}_ADDED`, removed: `${prefix}_REMOVED`, increased: `${prefix}_INCREASED`, decreased: `${prefix}_DECREASED` } as BoundKinds;
}

function compareStrings(walk: Walk, original: SchemaAt, update: SchemaAt, where: string): void {
  compareBound(walk, original, update, where, 'maxLength', bounds('MAX_LENGTH'));
  compareBound(walk, original, update, where, 'minLength', bounds('MIN_LENGTH'));
  const before = keyword(original.node, 'pattern');
  const after = keyword(update.node, 'pattern');
  if (before === after) return;
  const kind = before === undefined ? 'PATTERN_ADDED' : after === undefined ? 'PATTERN_REMOVED' : 'PATTERN_CHANGED';
  add(walk, kind, where, keywordAnchor(original, 'pattern'), keywordAnchor(update, 'pattern'), { name: 'pattern', originalValue: before, updateValue: after });
}

function compareNumbers(walk: Walk, original: SchemaAt, update: SchemaAt, where: string): void {
  compareBound(walk, original, update, where, 'maximum', bounds('MAXIMUM'));
  compareBound(walk, original, update, where, 'minimum', bounds('MINIMUM'));
  compareBound(walk, original, update, where, 'exclusiveMaximum', bounds('EXCLUSIVE_MAXIMUM'));
  compareBound(walk, original, update, where, 'exclusiveMinimum', bounds('EXCLUSIVE_MINIMUM'));
  const before = numberKeyword(original.node, 'multipleOf');
  const after = numberKeyword(update.node, 'multipleOf');
  if (before === after) return;
  const details = { name: 'multipleOf', originalValue: before, updateValue: after };
  const originalAnchor = keywordAnchor(original, 'multipleOf');
  const updateAnchor = keywordAnchor(update, 'multipleOf');
  if (before === undefined) add(walk, 'MULTIPLE_OF_ADDED', where, originalAnchor, updateAnchor, details);
  else if (after === undefined) add(walk, 'MULTIPLE_OF_REMOVED', where, originalAnchor, updateAnchor, details);
  else if (isMultiple(after, before)) add(walk, 'MULTIPLE_OF_EXPANDED', where, originalAnchor, updateAnchor, details);
  else if (isMultiple(before, after)) add(walk, 'MULTIPLE_OF_REDUCED', where, originalAnchor, updateAnchor, details);
  else add(walk, 'MULTIPLE_OF_CHANGED', where, originalAnchor, updateAnchor, details);
}

/** Whether `value` is a whole multiple of `of`, tolerating binary fractions (`0.3` of `0.1`). */
function isMultiple(value: number, of: number): boolean {
  const quotient = value / of;
  return Math.abs(quotient - Math.round(quotient)) < 1e-9;
}

/** How a schema treats properties it does not declare. */
type ContentModel = 'open' | 'closed' | 'partial';

function contentModel(schema: JsonNode): ContentModel {
  if (schema.type !== 'object') return 'open';
  if (patternSchemas(schema).length > 0) return 'partial';
  const additional = closingKeyword(schema);
  if (additional === undefined || additional.value === true) return 'open';
  if (additional.value === false) return 'closed';
  return acceptsEverything(additional.node) ? 'open' : 'partial';
}

/**
 * The keyword that governs undeclared properties: `additionalProperties`, or, without it, 2020-12's
 * `unevaluatedProperties`, which closes a schema the same way when nothing else evaluates them.
 */
function closingKeyword(schema: JsonNode): { name: string; node: JsonNode; value: unknown } | undefined {
  for (const name of ['additionalProperties', 'unevaluatedProperties']) {
    const node = subschema(schema, name)?.node;
    if (node) return { name, node, value: node.type === 'boolean' ? node.value : undefined };
  }
  return undefined;
}

/** The schema an undeclared property of that name must match in a partially open model. */
function coveringSchema(schema: SchemaAt, name: string): SchemaAt | undefined {
  const pattern = patternSchemas(schema.node).find((entry) => entry.pattern.test(name));
  if (pattern) return pattern.schema;
  const closing = closingKeyword(schema.node);
  return closing && closing.node.type === 'object' ? subschema(schema.node, closing.name) : undefined;
}

function hasDefault(schema: SchemaAt): boolean {
  return schema.node.type === 'object' && keyword(schema.node, 'default') !== undefined;
}

function childPath(where: string, name: string): string {
  return where ? `${where}.${name}` : name;
}

function compareObjects(walk: Walk, original: SchemaAt, update: SchemaAt, where: string): void {
  if (original.node.type !== 'object' || update.node.type !== 'object') return;
  const originalProperties = propertySchemas(original.node);
  const updateProperties = propertySchemas(update.node);
  const originalRequired = requiredNames(original.node);
  const updateRequired = requiredNames(update.node);

  for (const [name, originalProperty] of originalProperties) {
    const updateProperty = updateProperties.get(name);
    if (!updateProperty) continue;
    if (originalRequired.has(name) && !updateRequired.has(name)) add(walk, 'REQUIRED_ATTRIBUTE_REMOVED', where, keywordAnchor(original, 'required'), updateProperty.anchor, { name });
    if (!originalRequired.has(name) && updateRequired.has(name)) add(walk, hasDefault(updateProperty) ? 'REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED' : 'REQUIRED_ATTRIBUTE_ADDED', where, originalProperty.anchor, keywordAnchor(update, 'required'), { name });
  }

  for (const [name, originalProperty] of originalProperties) {
    const updateProperty = updateProperties.get(name);
    const path = childPath(where, name);
    if (updateProperty) {
      compareSchemas(walk, originalProperty, updateProperty, path);
      continue;
    }
    // Only the reader's content model matters for a property it no longer declares.
    const readerModel = contentModel(update.node);
    const removedAt = keywordAnchor(update, 'properties');
    if (readerModel === 'open') add(walk, 'PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL', where, originalProperty.anchor, removedAt, { name });
    else if (readerModel === 'partial' && coveringSchema(update, name)) {
      const trial = subwalk(walk);
      compareSchemas(trial, originalProperty, coveringSchema(update, name)!, path);
      walk.differences.push(...trial.differences);
      add(walk, compatible(trial) ? 'PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL' : 'PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL', where, originalProperty.anchor, removedAt, { name });
    } else add(walk, acceptsNothing(originalProperty.node) ? 'PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL' : 'PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL', where, originalProperty.anchor, removedAt, { name });
  }

  for (const [name, updateProperty] of updateProperties) {
    if (originalProperties.has(name)) continue;
    const path = childPath(where, name);
    // Only the writer's content model matters for a property it did not declare.
    const writerModel = contentModel(original.node);
    const addedAt = keywordAnchor(original, 'properties');
    if (writerModel === 'open') {
      add(walk, acceptsEverything(resolveRefs(walk.updateRoot, updateProperty).node) ? 'PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL' : 'PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL', where, addedAt, updateProperty.anchor, { name });
      continue;
    }
    const covering = writerModel === 'partial' ? coveringSchema(original, name) : undefined;
    if (covering) {
      const trial = subwalk(walk);
      compareSchemas(trial, covering, updateProperty, path);
      walk.differences.push(...trial.differences);
      add(walk, compatible(trial) ? 'PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL' : 'PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL', where, addedAt, updateProperty.anchor, { name });
    }
    if (!updateRequired.has(name)) add(walk, 'OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL', where, addedAt, updateProperty.anchor, { name });
    else add(walk, hasDefault(updateProperty) ? 'REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL' : 'REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL', where, addedAt, updateProperty.anchor, { name });
  }

  compareAdditionalProperties(walk, original, update, where);
  compareBound(walk, original, update, where, 'maxProperties', bounds('MAX_PROPERTIES'));
  compareBound(walk, original, update, where, 'minProperties', bounds('MIN_PROPERTIES'));
}

function compareAdditionalProperties(walk: Walk, original: SchemaAt, update: SchemaAt, where: string): void {
  const before = closingKeyword(original.node);
  const after = closingKeyword(update.node);
  const name = after?.name ?? before?.name ?? 'additionalProperties';
  const originalAnchor = keywordAnchor(original, before?.name ?? name);
  const updateAnchor = keywordAnchor(update, after?.name ?? name);
  const permits = (closing: typeof before) => closing?.value !== false;
  const constrains = (closing: typeof before) => closing !== undefined && closing.node.type === 'object' && !acceptsEverything(closing.node);
  if (permits(before) !== permits(after)) {
    add(walk, permits(after) ? 'ADDITIONAL_PROPERTIES_ADDED' : 'ADDITIONAL_PROPERTIES_REMOVED', where, originalAnchor, updateAnchor, { name });
  } else if (!constrains(before) && constrains(after)) {
    add(walk, 'ADDITIONAL_PROPERTIES_NARROWED', where, originalAnchor, updateAnchor, { name });
  } else if (constrains(before) && !constrains(after)) {
    add(walk, 'ADDITIONAL_PROPERTIES_EXTENDED', where, originalAnchor, updateAnchor, { name });
  } else if (constrains(before) && constrains(after)) {
    compareSchemas(walk, subschema(original.node, before!.name)!, subschema(update.node, after!.name)!, childPath(where, `(${name})`));
  }
}

function compareArrays(walk: Walk, original: SchemaAt, update: SchemaAt, where: string): void {
  if (original.node.type !== 'object' || update.node.type !== 'object') return;
  const originalItems = listItems(original);
  const updateItems = listItems(update);
  const itemsPath = `${where}[]`;
  if (originalItems.each && updateItems.each) compareSchemas(walk, originalItems.each, updateItems.each, itemsPath);
  else if (originalItems.each && !updateItems.each && updateItems.tuple.length === 0) add(walk, 'TYPE_EXTENDED', itemsPath, originalItems.each.anchor, keywordAnchor(update, 'items'), { name: 'items' });
  else if (!originalItems.each && updateItems.each && originalItems.tuple.length === 0) {
    // Items that could be anything now have to match a schema.
    if (!acceptsEverything(resolveRefs(walk.updateRoot, updateItems.each).node)) add(walk, 'TYPE_NARROWED', itemsPath, keywordAnchor(original, 'items'), updateItems.each.anchor, { name: 'items' });
  }
  compareTuples(walk, original, update, originalItems, updateItems, where);
  compareBound(walk, original, update, where, 'maxItems', bounds('MAX_ITEMS'));
  compareBound(walk, original, update, where, 'minItems', bounds('MIN_ITEMS'));
  const uniqueBefore = keyword(original.node, 'uniqueItems') === true;
  const uniqueAfter = keyword(update.node, 'uniqueItems') === true;
  if (uniqueBefore !== uniqueAfter) add(walk, uniqueAfter ? 'UNIQUE_ITEMS_ADDED' : 'UNIQUE_ITEMS_REMOVED', where, keywordAnchor(original, 'uniqueItems'), keywordAnchor(update, 'uniqueItems'), { name: 'uniqueItems' });
}

/**
 * An array schema's items: one schema for every item (`items` as a schema), or positional schemas (draft 2020-12's
 * `prefixItems`, draft-07's `items` as an array) and what the items after them must match (`items`/`additionalItems`).
 */
interface Items {
  each?: SchemaAt;
  tuple: SchemaAt[];
  rest?: SchemaAt;
  restKeyword: string;
}

function listItems(schema: SchemaAt): Items {
  const prefix = subschemas(schema.node, 'prefixItems');
  if (prefix.length > 0) return { tuple: prefix, rest: subschema(schema.node, 'items'), restKeyword: 'items' };
  const items = subschemas(schema.node, 'items');
  if (items.length > 0) return { tuple: items, rest: subschema(schema.node, 'additionalItems'), restKeyword: 'additionalItems' };
  return { each: subschema(schema.node, 'items'), tuple: [], restKeyword: 'additionalItems' };
}

function compareTuples(walk: Walk, original: SchemaAt, update: SchemaAt, originalItems: Items, updateItems: Items, where: string): void {
  if (originalItems.tuple.length === 0 && updateItems.tuple.length === 0) return;
  const shared = Math.min(originalItems.tuple.length, updateItems.tuple.length);
  for (let index = 0; index < shared; index++) compareSchemas(walk, originalItems.tuple[index], updateItems.tuple[index], `${where}[${index}]`);
  const openModel = (items: Items) => !items.rest || acceptsEverything(items.rest.node);
  const closedModel = (items: Items) => items.rest !== undefined && acceptsNothing(items.rest.node);
  for (let index = shared; index < originalItems.tuple.length; index++) {
    const item = originalItems.tuple[index];
    const at = keywordAnchor(update, updateItems.restKeyword);
    if (openModel(updateItems)) add(walk, 'ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL', where, item.anchor, at, { name: String(index) });
    else if (closedModel(updateItems)) add(walk, acceptsNothing(item.node) ? 'ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL' : 'ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL', where, item.anchor, at, { name: String(index) });
    else {
      const trial = subwalk(walk);
      compareSchemas(trial, item, updateItems.rest!, `${where}[${index}]`);
      walk.differences.push(...trial.differences);
      add(walk, compatible(trial) ? 'ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL' : 'ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL', where, item.anchor, at, { name: String(index) });
    }
  }
  for (let index = shared; index < updateItems.tuple.length; index++) {
    const item = updateItems.tuple[index];
    const at = keywordAnchor(original, originalItems.restKeyword);
    if (openModel(originalItems)) add(walk, acceptsEverything(item.node) ? 'ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL' : 'ITEM_ADDED_TO_OPEN_CONTENT_MODEL', where, at, item.anchor, { name: String(index) });
    else if (closedModel(originalItems)) add(walk, 'ITEM_ADDED_TO_CLOSED_CONTENT_MODEL', where, at, item.anchor, { name: String(index) });
    else {
      const trial = subwalk(walk);
      compareSchemas(trial, originalItems.rest!, item, `${where}[${index}]`);
      walk.differences.push(...trial.differences);
      add(walk, compatible(trial) ? 'ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL' : 'ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL', where, at, item.anchor, { name: String(index) });
    }
  }
  const restBefore = !closedModel(originalItems);
  const restAfter = !closedModel(updateItems);
  const originalAnchor = keywordAnchor(original, originalItems.restKeyword);
  const updateAnchor = keywordAnchor(update, updateItems.restKeyword);
  if (restBefore !== restAfter) add(walk, restAfter ? 'ADDITIONAL_ITEMS_ADDED' : 'ADDITIONAL_ITEMS_REMOVED', where, originalAnchor, updateAnchor, { name: updateItems.restKeyword });
  else if (openModel(originalItems) && !openModel(updateItems) && restAfter) add(walk, 'ADDITIONAL_ITEMS_NARROWED', where, originalAnchor, updateAnchor, { name: updateItems.restKeyword });
  else if (!openModel(originalItems) && openModel(updateItems) && restBefore) add(walk, 'ADDITIONAL_ITEMS_EXTENDED', where, originalAnchor, updateAnchor, { name: updateItems.restKeyword });
  else if (originalItems.rest && updateItems.rest && !openModel(originalItems) && !openModel(updateItems) && restBefore && restAfter) compareSchemas(walk, originalItems.rest, updateItems.rest, `${where}[]`);
}
