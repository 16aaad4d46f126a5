/** JSON Schema event contracts: compatibility with an earlier version, and the schema's own validity. */
export { compareJsonSchemas, jsonSchemaChanges, describeIncompatibility, type CompatibilityDirection, type JsonSchemaChange, type JsonSchemaIncompatibility } from './compatibility';
export { diffJsonSchemas, type JsonSchemaDifference } from './compare';
export { COMPATIBLE_KINDS, INCOMPATIBLE_KINDS, isIncompatible, type JsonSchemaChangeKind, type IncompatibleKind } from './change-kinds';
export { jsonSchemaProblems, jsonSchemaDraft, type JsonSchemaProblem, type JsonSchemaDraft } from './validate';
