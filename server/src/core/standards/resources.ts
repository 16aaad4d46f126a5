/**
 * What the documentation, testing and governance rules read of models and sources: their properties entries,
 * descriptions, columns, data tests, access and contracts, with dbt-project-evaluator's resource names
 * (`model`, `model.v2`, `source.table`) for its exceptions seed, and where a finding about each is fixed.
 */
import { firstLineSpan } from '../text';
import { modelSpecOf, sourceSpecOf } from '../navigation/entities';
import type { DbtProject, GraphNode, ProjectIndex } from '../project/index-types';
import type { FindingLocation } from '../rules/rule';
import { folderConfig } from '../yaml';
import { isExcludedFromEvaluation } from './exclusions';
import type { ColumnSpec, ConstraintSpec, DataTestSpec, ModelSpec, ModelVersionSpec, SourceSpec, SourceTableSpec } from '../yaml/properties-types';

export interface ModelResource {
  project: DbtProject;
  node: GraphNode;
  /** The properties entry describing the model, if any. */
  spec?: ModelSpec;
  /** For a versioned model: its entry under `versions:`. */
  version?: ModelVersionSpec;
}

export interface SourceTableResource {
  project: DbtProject;
  node: GraphNode;
  source: SourceSpec;
  table: SourceTableSpec;
}

/**
 * The own project a rule reports a node in, if any. A file several projects share is reported on once, through its
 * first owner's node: the other owners' copies are left out.
 */
function ownProject(index: ProjectIndex, node: GraphNode): DbtProject | undefined {
  if (!node.enabled || node.isPackage || node.copyOf !== undefined) return undefined;
  const project = index.projects.get(node.projectId);
  return project && !project.isPackage ? project : undefined;
}

/** The shared lists of one index revision: a dozen rules ask for them in every pass. */
const listsByIndex = new WeakMap<ProjectIndex, { revision: number; models?: ModelResource[]; sourceTables?: SourceTableResource[] }>();

function listsOf(index: ProjectIndex): { revision: number; models?: ModelResource[]; sourceTables?: SourceTableResource[] } {
  let lists = listsByIndex.get(index);
  if (!lists || lists.revision !== index.revision) listsByIndex.set(index, (lists = { revision: index.revision }));
  return lists;
}

/** Enabled models of the workspace's own projects; installed packages are not the team's to fix. */
export function projectModels(index: ProjectIndex): readonly ModelResource[] {
  const lists = listsOf(index);
  if (lists.models) return lists.models;
  const models: ModelResource[] = [];
  for (const node of index.nodes()) {
    if (node.resourceType !== 'model') continue;
    const project = ownProject(index, node);
    if (!project || (node.file !== undefined && isExcludedFromEvaluation(index, node.file))) continue;
    models.push({ project, node, ...modelPropertiesOf(index, node) });
  }
  return (lists.models = models);
}

/** The enabled models of each own project, for the project-level figures (coverage). */
export function modelsByProject(index: ProjectIndex): Map<DbtProject, ModelResource[]> {
  const byProject = new Map<DbtProject, ModelResource[]>();
  for (const resource of projectModels(index)) {
    const list = byProject.get(resource.project);
    if (list) list.push(resource);
    else byProject.set(resource.project, [resource]);
  }
  return byProject;
}

/** A share as a percentage with two decimals, as the evaluator's coverage models report it. */
export function percentOf(part: number, total: number): number {
  return Math.round((part * 10000) / total) / 100;
}

/** A model's properties entry, and for a versioned model its entry under `versions:`. */
export function modelPropertiesOf(index: ProjectIndex, node: GraphNode): { spec?: ModelSpec; version?: ModelVersionSpec } {
  const spec = modelSpecOf(index, node);
  const version = spec && node.version !== undefined ? spec.versions.find((entry) => entry.v === String(node.version)) : undefined;
  return { spec, version };
}

/** Enabled source tables of the workspace's own projects, with their source. */
export function projectSourceTables(index: ProjectIndex): readonly SourceTableResource[] {
  const lists = listsOf(index);
  if (lists.sourceTables) return lists.sourceTables;
  const tables: SourceTableResource[] = [];
  for (const node of index.nodes()) {
    if (node.resourceType !== 'source') continue;
    if (node.properties && isExcludedFromEvaluation(index, node.properties.file)) continue;
    const project = ownProject(index, node);
    const specs = project && sourceSpecOf(index, node);
    if (project && specs) tables.push({ project, node, ...specs });
  }
  return (lists.sourceTables = tables);
}

/** dbt and the evaluator count a description only when it says something. */
export function isDescribed(description: string | undefined): boolean {
  return typeof description === 'string' && description.trim() !== '';
}

/** The evaluator's `resource_name`: `name`, `name.v2` for a version, `source.table` for a source table. */
export function resourceName(node: GraphNode): string {
  if (node.resourceType === 'source') return `${node.sourceName}.${node.tableName}`;
  return node.version !== undefined ? `${node.name}.v${node.version}` : node.name;
}

/** The name a message shows for a model: `orders`, or `orders` v2 for a version. */
export function displayName(node: GraphNode): string {
  return node.version !== undefined ? `\`${node.name}\` v${node.version}` : `\`${node.name}\``;
}

/** Where a finding about a resource is fixed: its `- name:` in properties YAML, else the first line of its file. */
export function resourceLocation(index: ProjectIndex, node: GraphNode): FindingLocation | undefined {
  if (node.properties) return { file: node.properties.file, yamlPath: [...node.properties.path, 'name'], target: 'value' };
  if (!node.file) return undefined;
  return { file: node.file, span: firstLineSpan(index.text(node.file)) };
}

/** A model's columns as dbt resolves them for a version: the model's (after include/exclude), overridden by the version's. */
export function columnsOf(spec: ModelSpec | undefined, version?: ModelVersionSpec): ColumnSpec[] {
  if (!spec) return [];
  if (!version) return spec.columns;
  const byName = new Map<string, ColumnSpec>();
  const include = version.include ?? 'all';
  for (const column of spec.columns) {
    if (include !== 'all' && !include.includes(column.name)) continue;
    if (version.exclude?.includes(column.name)) continue;
    byName.set(column.name.toLowerCase(), column);
  }
  for (const column of version.columns) byName.set(column.name.toLowerCase(), column);
  return [...byName.values()];
}

/** A generic data test of a model, with the column it tests when it tests one. */
export interface AttachedTest {
  test: DataTestSpec;
  column?: string;
}

/** The generic data tests dbt attaches to a model (or to one version of it): model-level, per column, per version. */
export function dataTestsOf(spec: ModelSpec | undefined, version?: ModelVersionSpec): AttachedTest[] {
  if (!spec) return [];
  const modelLevel = (test: DataTestSpec): AttachedTest => ({ test, column: typeof test.arguments.column_name === 'string' ? test.arguments.column_name : undefined });
  const tests = [...spec.tests.map(modelLevel), ...(version?.tests ?? []).map(modelLevel)];
  for (const column of columnsOf(spec, version)) for (const test of column.tests) tests.push({ test, column: column.name });
  return tests;
}

/** Model-level and column-level constraints of a model (or version) that name a column, as `column → types`. */
export function constraintsByColumn(spec: ModelSpec | undefined, version?: ModelVersionSpec): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>();
  const add = (column: string, constraint: ConstraintSpec) => {
    const key = column.toLowerCase();
    let types = result.get(key);
    if (!types) result.set(key, (types = new Set()));
    types.add(constraint.type);
  };
  if (!spec) return result;
  for (const constraint of spec.constraints) for (const column of constraint.columns ?? []) add(column, constraint);
  for (const column of columnsOf(spec, version)) for (const constraint of column.constraints) add(column.name, constraint);
  return result;
}

/** Unique ids of the nodes that singular tests (SQL files under the test paths) read. */
export function singularTestTargets(index: ProjectIndex): Set<string> {
  const targets = new Set<string>();
  for (const node of index.nodes()) {
    if (node.resourceType !== 'test' || !node.enabled) continue;
    for (const dependency of node.dependencies) if (dependency.target) targets.add(dependency.target);
  }
  return targets;
}

/** A model's `access`: the version's config, then its merged config (SQL, YAML `config:`, dbt_project.yml), then the property; dbt's default is protected. */
export function accessOf(resource: Pick<ModelResource, 'node' | 'spec' | 'version'>): string {
  const access = resource.version?.config?.access ?? resource.node.config.access ?? resource.spec?.access;
  return typeof access === 'string' ? access : 'protected';
}

/** Whether the model's contract is enforced, from the version's config or the merged config. */
export function isContractEnforced(resource: ModelResource): boolean {
  const contract = (resource.version?.config?.contract ?? resource.node.config.contract) as unknown;
  if (typeof contract !== 'object' || contract === null) return false;
  const enforced = (contract as Record<string, unknown>).enforced;
  return enforced === true || enforced === 'true' || enforced === 'True';
}

/**
 * A source table's freshness as dbt resolves it: dbt_project.yml `sources:` config, then the source's
 * `freshness`/`config.freshness`, then the table's; `freshness: null` turns it off at that level.
 */
export function freshnessOf(resource: SourceTableResource): unknown {
  const { project, source, table } = resource;
  let freshness: unknown = folderConfig((project.parsed as unknown as Record<string, unknown>).sources, project.name, [source.name], table.name).freshness;
  for (const level of [source, table]) {
    const configured = level.config && 'freshness' in level.config ? level.config.freshness : undefined;
    if (level.freshness !== undefined) freshness = level.freshness;
    if (configured !== undefined) freshness = configured;
  }
  return freshness;
}

/** The evaluator's `is_freshness_enabled`: a `warn_after` or `error_after` with a count. */
export function isFreshnessEnabled(freshness: unknown): boolean {
  if (typeof freshness !== 'object' || freshness === null) return false;
  return ['warn_after', 'error_after'].some((key) => {
    const threshold = (freshness as Record<string, unknown>)[key];
    if (typeof threshold !== 'object' || threshold === null) return false;
    const count = (threshold as Record<string, unknown>).count;
    return count !== null && count !== undefined && count !== '';
  });
}

/** A list of names for a message, shortened after a few. */
export function nameList(names: string[], max = 5): string {
  const shown = names.slice(0, max).map((name) => `\`${name}\``).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}
