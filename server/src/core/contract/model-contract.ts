/**
 * A dbt model's contract as dbt-core's `same_contract` compares it: whether it is enforced, the columns with their
 * data types and constraints, the model-level constraints, the materialization, and what the rules beyond dbt
 * compare (access, relation, deprecation date, not_null/unique tests). Read from an index, so the head and the base
 * of a workspace give comparable views.
 */
import type { Adapter } from '../config/dplens-config';
import type { Severity } from '../findings';
import type { DbtProject, GraphNode, ProjectIndex } from '../project/index-types';
import type { FindingLocation } from '../rules/rule';
import { now } from '../standards/clock';
import { accessOf, columnsOf, isContractEnforced, projectModels, resourceLocation, type ModelResource } from '../standards/resources';
import { firstLineSpan } from '../text';
import type { BaseState } from './base';
import type { YamlPath } from '../yaml';
import type { ConstraintSpec } from '../yaml/properties-types';

export interface ContractColumn {
  name: string;
  dataType?: string;
  constraints: ConstraintSpec[];
  /** Generic tests on the column (`not_null`, `unique`, `accepted_values`...), by test name. */
  tests: string[];
  /** The column's entry in the properties file. */
  location?: FindingLocation;
}

export interface ModelContract {
  uniqueId: string;
  name: string;
  /** The version, for a versioned model. */
  version?: string;
  resource: ModelResource;
  project: DbtProject;
  enforced: boolean;
  materialized: string;
  access: string;
  deprecationDate?: string;
  relation?: { database?: string; schema?: string; identifier: string };
  /** Columns by lower-cased name. */
  columns: Map<string, ContractColumn>;
  constraints: ConstraintSpec[];
  /** The model's entry in its properties file, else its SQL file's first line. */
  location?: FindingLocation;
  /** The YAML path of the model's (or its version's) entry, with the file. */
  entry?: { file: string; path: YamlPath };
}

/** The contracts of one index revision, by unique id: the rules of a pass share them. */
const contractsByIndex = new WeakMap<ProjectIndex, { revision: number; contracts: Map<string, ModelContract> }>();

export function modelContracts(index: ProjectIndex): Map<string, ModelContract> {
  const cached = contractsByIndex.get(index);
  if (cached && cached.revision === index.revision) return cached.contracts;
  const contracts = new Map<string, ModelContract>();
  for (const resource of projectModels(index)) contracts.set(resource.node.uniqueId, contractOf(index, resource));
  contractsByIndex.set(index, { revision: index.revision, contracts });
  return contracts;
}

/** What a contract view holds that depends only on the model's node and properties entry. */
type ContractFacts = Omit<ModelContract, 'resource' | 'project' | 'relation'>;

/**
 * The facts of each node's contract, kept while its node and properties entry are the same objects: an edit
 * re-creates only the nodes and entries of the edited file, so a project pass after it rebuilds a few views,
 * not one per model (about 100 ms at 5,000 models).
 */
const factsByNode = new WeakMap<GraphNode, { resource: Pick<ModelResource, 'spec' | 'version'>; facts: ContractFacts }>();

function contractOf(index: ProjectIndex, resource: ModelResource): ModelContract {
  const { node, spec, version, project } = resource;
  let cached = factsByNode.get(node);
  if (!cached || cached.resource.spec !== spec || cached.resource.version !== version) {
    cached = { resource: { spec, version }, facts: contractFacts(index, resource) };
    factsByNode.set(node, cached);
  }
  let relation: ModelContract['relation'] | null | undefined;
  return {
    ...cached.facts,
    resource,
    project,
    // Naming a relation renders dbt's schema and alias macros: about 70 µs a model, so only relation-moved pays it,
    // and it is named again in each revision (a macro edit can move every relation).
    get relation() {
      if (relation === undefined) relation = index.relationOf(node.uniqueId) ?? null;
      return relation ?? undefined;
    },
  };
}

function contractFacts(index: ProjectIndex, resource: ModelResource): ContractFacts {
  const { node, spec, version } = resource;
  const columns = new Map<string, ContractColumn>();
  const file = node.properties?.file;
  for (const column of columnsOf(spec, version)) {
    columns.set(column.name.toLowerCase(), {
      name: column.name,
      dataType: column.dataType,
      constraints: column.constraints,
      tests: column.tests.map((test) => test.testName),
      location: file ? { file, yamlPath: [...column.path, 'name'], target: 'value' } : undefined,
    });
  }
  const config = version?.config ? { ...node.config, ...version.config } : node.config;
  return {
    uniqueId: node.uniqueId,
    name: node.name,
    version: node.version === undefined ? undefined : String(node.version),
    enforced: isContractEnforced(resource),
    materialized: typeof config.materialized === 'string' ? config.materialized : 'view',
    access: accessOf(resource),
    deprecationDate: version?.deprecationDate ?? spec?.deprecationDate ?? (typeof config.deprecation_date === 'string' ? config.deprecation_date : undefined),
    columns,
    constraints: spec?.constraints ?? [],
    location: resourceLocation(index, node),
    entry: node.properties && { file: node.properties.file, path: version ? version.path : node.properties.path },
  };
}

/** A model of the base, found at the head by unique id (a versioned model keeps its version in the id). */
export function headContractOf(head: Map<string, ModelContract>, base: ModelContract): ModelContract | undefined {
  return head.get(base.uniqueId);
}

/** dbt's comparison of data types: lower-cased, without the size (`varchar(3)` and `VARCHAR(10)` are the same). */
export function comparableDataType(dataType: string | undefined): string | undefined {
  if (dataType === undefined) return undefined;
  const open = dataType.indexOf('(');
  return (open < 0 ? dataType : dataType.slice(0, open)).trim().toLowerCase();
}

export type ConstraintSupport = 'enforced' | 'not-enforced' | 'not-supported';

/**
 * Each adapter's `CONSTRAINT_SUPPORT`, as its dbt adapter declares it: dbt reports a removed constraint as breaking
 * only when the warehouse enforces that kind.
 */
const CONSTRAINT_SUPPORT: Record<Adapter, Record<string, ConstraintSupport>> = {
  postgres: { check: 'enforced', not_null: 'enforced', unique: 'enforced', primary_key: 'enforced', foreign_key: 'enforced' },
  snowflake: { check: 'not-supported', not_null: 'enforced', unique: 'not-enforced', primary_key: 'not-enforced', foreign_key: 'not-enforced' },
  bigquery: { check: 'not-supported', not_null: 'enforced', unique: 'not-supported', primary_key: 'not-enforced', foreign_key: 'not-enforced' },
  redshift: { check: 'not-supported', not_null: 'enforced', unique: 'not-enforced', primary_key: 'not-enforced', foreign_key: 'not-enforced' },
  databricks: { check: 'enforced', not_null: 'enforced', unique: 'not-supported', primary_key: 'not-enforced', foreign_key: 'not-enforced' },
  spark: { check: 'not-enforced', not_null: 'not-enforced', unique: 'not-enforced', primary_key: 'not-enforced', foreign_key: 'not-enforced' },
  trino: { check: 'not-supported', not_null: 'enforced', unique: 'not-supported', primary_key: 'not-supported', foreign_key: 'not-supported' },
  duckdb: { check: 'enforced', not_null: 'enforced', unique: 'enforced', primary_key: 'enforced', foreign_key: 'enforced' },
};

export function constraintSupport(adapter: Adapter, type: string): ConstraintSupport {
  return CONSTRAINT_SUPPORT[adapter][type] ?? 'not-supported';
}

/**
 * Whether a constraint of the base is still at the head. dbt compares the whole constraint (`old_constraint not in
 * new.constraints`): type, name, expression, columns and the foreign key's target, so a renamed constraint is a
 * removed one.
 */
export function sameConstraint(a: ConstraintSpec, b: ConstraintSpec): boolean {
  const list = (names: string[] | undefined) => (names ?? []).map((name) => name.toLowerCase()).sort().join(',');
  const text = (value: string | undefined) => (value ?? '').trim();
  return (
    a.type === b.type &&
    text(a.name) === text(b.name) &&
    text(a.expression) === text(b.expression) &&
    list(a.columns) === list(b.columns) &&
    text(a.to) === text(b.to) &&
    list(a.toColumns) === list(b.toColumns)
  );
}

/** Materializations that build a table, where constraints are created (dbt compares only those). */
export function buildsTable(materialized: string): boolean {
  return materialized === 'table' || materialized === 'incremental';
}

/** The adapter of a model's project. */
export function adapterOf(contract: ModelContract): Adapter {
  return contract.project.adapter;
}


/** The git base when it can be compared with, and the contracts on both sides. */
export interface ContractComparison {
  /** The base's contracts, by unique id. */
  before: Map<string, ModelContract>;
  /** The head's contracts, by unique id. */
  after: Map<string, ModelContract>;
  head: ProjectIndex;
  /** How messages name the base: against `main` (a1b2c3d). */
  against: string;
}

/**
 * The comparison the contract-change rules make, or undefined when there is nothing to compare: no base was asked
 * for, the base is unavailable (contract/base-unavailable says why), or no file differs from it.
 */
export function contractComparison(head: ProjectIndex, base: BaseState | undefined): ContractComparison | undefined {
  if (!base || base.status !== 'available' || base.index === head || base.changed.size === 0) return undefined;
  return { before: modelContracts(base.index), after: modelContracts(head), head, against: `against \`${base.ref}\` (${base.commit.slice(0, 7)})` };
}

/** A model whose contract dbt enforced at the base, with the same model at the head when it is still there. */
export interface ContractPair {
  before: ModelContract;
  after?: ModelContract;
}

/** The models with an enforced contract at the base: the only ones dbt's `same_contract` checks. */
export function enforcedAtBase(comparison: ContractComparison): ContractPair[] {
  const pairs: ContractPair[] = [];
  for (const before of comparison.before.values()) {
    if (before.enforced) pairs.push({ before, after: headContractOf(comparison.after, before) });
  }
  return pairs;
}

/** The models a consumer may rely on at the base: an enforced contract, or public access. */
export function promisedAtBase(comparison: ContractComparison): ContractPair[] {
  const pairs: ContractPair[] = [];
  for (const before of comparison.before.values()) {
    if (before.enforced || before.access === 'public') pairs.push({ before, after: headContractOf(comparison.after, before) });
  }
  return pairs;
}

/** dbt's severity for a breaking change: a warning for an unversioned model, an error for a versioned one. */
export function breakingSeverity(contract: ModelContract): Severity {
  return contract.version === undefined ? 'warning' : 'error';
}

/** What to do about a breaking change, as dbt advises it: a new model version, the old one deprecated before removal. */
export function breakingAdvice(contract: ModelContract): string {
  return contract.version === undefined
    ? 'add a new model version under `versions:` and keep this one, with a `deprecation_date`, until consumers have migrated'
    : `make the change in a new version under \`versions:\` and set a \`deprecation_date\` on v${contract.version}`;
}

/** Where a finding about a whole model is shown: the version's `v:` for a versioned model, else its `name:`. */
export function modelLocation(contract: ModelContract): FindingLocation | undefined {
  if (contract.version !== undefined && contract.entry && contract.resource.version) return { file: contract.entry.file, yamlPath: [...contract.entry.path, 'v'], target: 'value' };
  return contract.location;
}

/** Where a removed column is reported: the `columns:` key of the model's entry (of its version when it lists columns). */
export function columnsLocation(contract: ModelContract): FindingLocation | undefined {
  const { node, version } = contract.resource;
  if (!node.properties) return contract.location;
  const path = version && version.columns.length > 0 ? version.path : node.properties.path;
  return { file: node.properties.file, yamlPath: [...path, 'columns'], target: 'key' };
}

/** The first line of the root project's dbt_project.yml: where findings about the whole workspace are shown. */
export function rootProjectLocation(index: ProjectIndex): FindingLocation | undefined {
  const own = [...index.projects.values()].filter((project) => !project.isPackage);
  own.sort((a, b) => a.root.length - b.root.length || (a.root < b.root ? -1 : 1));
  const root: DbtProject | undefined = own[0];
  return root && { file: root.projectFile, span: firstLineSpan(index.text(root.projectFile)) };
}

/** dbt's `is_past_deprecation_date`: a removal after this date is the announced end of the model, not a break. */
export function isPastDeprecationDate(contract: ModelContract): boolean {
  if (contract.deprecationDate === undefined) return false;
  const date = new Date(contract.deprecationDate);
  return !Number.isNaN(date.getTime()) && date.getTime() < now().getTime();
}

/** A constraint as dbt names it in its messages: its name, else its type. */
export function constraintLabel(constraint: ConstraintSpec): string {
  return `\`${constraint.name ?? constraint.type}\``;
}

/** A data type for messages; a column without one shows as such. */
export function typeLabel(dataType: string | undefined): string {
  return dataType === undefined ? '(no data_type)' : `\`${dataType}\``;
}

/**
 * The base columns that look renamed at the head: removed, while a column of the same data type was added to the
 * same model. Removed and added columns of one type are paired in the order they are declared.
 */
export function renamedColumns(before: ModelContract, after: ModelContract): Map<string, ContractColumn> {
  const removedByType = new Map<string, string[]>();
  for (const [key, column] of before.columns) {
    const type = comparableDataType(column.dataType);
    if (after.columns.has(key) || !type) continue;
    removedByType.set(type, [...(removedByType.get(type) ?? []), key]);
  }
  const renamed = new Map<string, ContractColumn>();
  if (removedByType.size === 0) return renamed;
  for (const [key, column] of after.columns) {
    const type = comparableDataType(column.dataType);
    if (before.columns.has(key) || !type) continue;
    const removed = removedByType.get(type)?.shift();
    if (removed !== undefined) renamed.set(removed, column);
  }
  return renamed;
}
