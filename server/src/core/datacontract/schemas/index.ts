/**
 * The JSON Schemas of data contracts, one per supported version of each standard, bundled with the product and
 * compiled at build time (scripts/generate-datacontract-validators.ts). See docs/decisions/0011-data-contract-schemas.md.
 */
import type { JsonSchema } from './common';
import { dcsSchema, DCS_LEGACY_VERSIONS, DCS_VERSIONS, type DcsVersion } from './dcs';
import { odcsSchema, ODCS_VERSIONS, type OdcsVersion } from './odcs';

export { DCS_LEGACY_VERSIONS, DCS_VERSIONS, ODCS_VERSIONS, type DcsVersion, type OdcsVersion, type JsonSchema };

/** A schema's key: the standard and its version, as the generated module exports it (`odcs_v3_1_0`, `dcs_1_2_1`). */
export type DataContractSchemaKey = `odcs_${string}` | `dcs_${string}`;

export function schemaKey(flavour: 'odcs' | 'dcs', version: string): DataContractSchemaKey {
  return `${flavour}_${version.replace(/^v/, 'v').replace(/\./g, '_')}` as DataContractSchemaKey;
}

/** Every supported schema by key, built once on first use. */
let built: ReadonlyMap<DataContractSchemaKey, JsonSchema> | undefined;

export function dataContractSchemas(): ReadonlyMap<DataContractSchemaKey, JsonSchema> {
  if (!built) {
    const map = new Map<DataContractSchemaKey, JsonSchema>();
    for (const version of ODCS_VERSIONS) map.set(schemaKey('odcs', version), odcsSchema(version as OdcsVersion));
    for (const version of DCS_VERSIONS) map.set(schemaKey('dcs', version), dcsSchema(version as DcsVersion));
    built = map;
  }
  return built;
}
