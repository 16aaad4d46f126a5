/**
 * The models whose contract dbt enforces at build, with the columns their contract declares, as the contract
 * consistency rules read them.
 *
 * Enforcement is the model's effective configuration: a version's `config:`, else the node's merged configuration
 * (the SQL's `config()`, the properties `config:` and dbt_project.yml's `+contract` for its folder, in dbt's order).
 * A versioned model is one node per version: each has its own SQL file and its own columns, the model's after the
 * version's `include`/`exclude` and overridden by the version's own entries.
 */
import type { ProjectIndex } from '../project/index-types';
import { columnsOf, isContractEnforced, projectModels, type ModelResource } from '../standards/resources';
import type { ColumnSpec } from '../yaml/properties-types';

export interface EnforcedContract {
  resource: ModelResource & { spec: NonNullable<ModelResource['spec']> };
  /** The columns the contract declares, as dbt resolves them for this node (version included). */
  columns: ColumnSpec[];
  /** The properties file that declares the contract's columns. */
  propertiesFile: string;
}

/** The enabled models of the workspace's own projects whose contract is enforced and that have a properties entry. */
export function enforcedContracts(index: ProjectIndex): EnforcedContract[] {
  const contracts: EnforcedContract[] = [];
  for (const resource of projectModels(index)) {
    const { spec, version, node } = resource;
    if (!spec || !node.properties || !isContractEnforced(resource)) continue;
    contracts.push({ resource: { ...resource, spec }, columns: columnsOf(spec, version), propertiesFile: node.properties.file });
  }
  return contracts;
}

/** A column's key for comparing contract columns with the warehouse's, which BigQuery and Snowflake treat without case. */
export function columnKey(name: string): string {
  return name.toLowerCase();
}
