/**
 * Event schemas (Avro `.avsc`, JSON Schema `.schema.json`): what the `event/*` rules and the JSON Schema
 * compatibility rule share.
 */
export { eventSchemaFormat, mayBeEventSchema, type EventSchemaFormat } from './detect';
export { parseJsonTree, findNode, nodeSpan, propertyNode, valueNode, jsonValue, type JsonNode, type ParsedJson } from './json-tree';
export { COMPATIBILITY_MODES, compatibilityModeOf, modeDirections, type CompatibilityMode, type EventsSettings } from './settings';
export { eventSchemaComparison, eventSchemaMode, eventHistoryDepth, isEventSchema, type EarlierVersion, type EventSchemaComparison } from './compare';
export { summarizeEventSchema, type EventSchemaFacts } from './summary';
