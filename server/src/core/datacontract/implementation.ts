/**
 * Which dbt model implements each object of a data contract (an ODCS schema object, a DCS model), and what is known
 * of that model's columns, for `datacontract/implementation-mismatch`.
 *
 * An object maps to a model by, in order: an explicit mapping in dplens.yml (`contracts.implementations`), the
 * object's own `dbtModel` (ODCS `customProperties: [{property: dbtModel, value: …}]`, DCS `config: {dbtModel: …}`),
 * its ODCS `physicalName` (the model's name or the identifier dbt builds it as), and its name (ODCS `name`, DCS model
 * key). An object that maps to no model is left alone: many contracts describe tables this dbt project does not
 * build. An explicit mapping that names no model is reported, because its author meant a model to be checked.
 */
import type { Adapter, ContractImplementationSetting, DplensConfig } from '../config/dplens-config';
import { producedColumns } from '../contract/output-columns';
import type { DbtProject, ProjectIndex } from '../project/index-types';
import type { FindingLocation } from '../rules/rule';
import { columnsOf, constraintsByColumn, dataTestsOf, isContractEnforced, projectModels, resourceName, type ModelResource } from '../standards/resources';
import { locateYamlPath, type YamlPath } from '../yaml';
import type { ColumnSpec } from '../yaml/properties-types';
import type { DataContractFlavour } from './detect';
import { contractObjects, fieldGroups, isNode, type ContractField, type ContractNode } from './walk';

/** One object of a contract file, with its direct fields (the columns it promises). */
export interface ContractObject {
  file: string;
  flavour: DataContractFlavour;
  /** The ODCS `apiVersion` or DCS `dataContractSpecification`, as declared. */
  version: string | undefined;
  /** The ODCS schema object's `name`, or the DCS model's key. */
  name: string;
  node: ContractNode;
  path: YamlPath;
  fields: ContractField[];
}

export type MappingWay = 'dplens.yml' | 'dbtModel' | 'physicalName' | 'name';

export interface Implementation {
  object: ContractObject;
  model: ModelResource;
  by: MappingWay;
}

/** An explicit mapping that names a model the workspace does not have, or a contract object that does not exist. */
export interface BrokenMapping {
  /** The model the mapping names, when it names one that does not exist. */
  model?: string;
  /** The contract object the dplens.yml entry names, when the workspace has no such object. */
  object?: { file: string; name: string };
  by: 'dplens.yml' | 'dbtModel';
  at: FindingLocation;
  /** Names of the workspace's models, for a suggestion. */
  candidates: string[];
}

export interface ContractImplementations {
  implemented: Implementation[];
  broken: BrokenMapping[];
}

/** The contract objects of every data contract file of the workspace, without syntax errors. */
export function contractObjectsOf(index: ProjectIndex): ContractObject[] {
  const objects: ContractObject[] = [];
  for (const file of index.files()) {
    if (file.kind !== 'data-contract' || file.errors.length > 0) continue;
    const childrenKey = file.flavour === 'odcs' ? 'properties' : 'fields';
    const groups = fieldGroups(file.contract, file.flavour);
    for (const object of contractObjects(file.contract, file.flavour)?.fields ?? []) {
      if (object.name === undefined) continue;
      const fieldsPath = JSON.stringify([...object.path, childrenKey]);
      const fields = groups.find((group) => JSON.stringify(group.path) === fieldsPath)?.fields ?? [];
      objects.push({ file: file.path, flavour: file.flavour, version: file.version, name: object.name, node: object.node, path: object.path, fields });
    }
  }
  return objects;
}

/** The model that implements each contract object that maps to one, and the explicit mappings that are broken. */
export function contractImplementations(index: ProjectIndex): ContractImplementations {
  const models = new ModelFinder(index);
  const implemented: Implementation[] = [];
  const broken: BrokenMapping[] = [];
  const usedSettings = new Set<string>();
  for (const object of contractObjectsOf(index)) {
    const project = index.projectOf(object.file) ?? rootProject(index);
    const setting = implementationSetting(project && index.configOf(project), object);
    if (setting) {
      usedSettings.add(settingKey(setting));
      const model = models.find(setting.model, project);
      if (model) implemented.push({ object, model, by: 'dplens.yml' });
      else broken.push({ model: setting.model, by: 'dplens.yml', at: dplensLocation(index, project, setting) ?? objectLocation(object), candidates: models.names() });
      continue;
    }
    const declared = declaredModel(object);
    if (declared) {
      const model = models.find(declared.model, project);
      if (model) implemented.push({ object, model, by: 'dbtModel' });
      else broken.push({ model: declared.model, by: 'dbtModel', at: { file: object.file, yamlPath: declared.path, target: 'value' }, candidates: models.names() });
      continue;
    }
    const physicalName = object.flavour === 'odcs' && typeof object.node.physicalName === 'string' ? object.node.physicalName : undefined;
    const byPhysicalName = physicalName === undefined ? undefined : models.findRelation(lastNamePart(physicalName), project);
    if (byPhysicalName) {
      implemented.push({ object, model: byPhysicalName, by: 'physicalName' });
      continue;
    }
    const byName = models.find(object.name, project);
    if (byName) implemented.push({ object, model: byName, by: 'name' });
  }
  broken.push(...unusedSettings(index, usedSettings, models));
  return { implemented, broken };
}

/** Where findings about a whole contract object are shown: its ODCS `name:`, or its DCS model key. */
export function objectLocation(object: ContractObject): FindingLocation {
  return object.flavour === 'odcs' ? { file: object.file, yamlPath: [...object.path, 'name'], target: 'value' } : { file: object.file, yamlPath: object.path, target: 'key' };
}

/** Where findings about one field are shown: its ODCS `name:`, or its DCS field key. */
export function fieldLocation(object: ContractObject, field: ContractField): FindingLocation {
  return object.flavour === 'odcs' ? { file: object.file, yamlPath: [...field.path, 'name'], target: 'value' } : { file: object.file, yamlPath: field.path, target: 'key' };
}

function settingKey(setting: ContractImplementationSetting): string {
  return `${setting.file}#${setting.object}`;
}

function implementationSetting(config: DplensConfig | undefined, object: ContractObject): ContractImplementationSetting | undefined {
  return config?.contracts?.implementations[`${object.file}#${object.name}`];
}

/** The object's own statement of its model: ODCS `customProperties` entry `dbtModel`, DCS `config.dbtModel`. */
function declaredModel(object: ContractObject): { model: string; path: YamlPath } | undefined {
  if (object.flavour === 'dcs') {
    const config = object.node.config;
    const model = isNode(config) ? config.dbtModel : undefined;
    return typeof model === 'string' && model.trim() !== '' ? { model: model.trim(), path: [...object.path, 'config', 'dbtModel'] } : undefined;
  }
  const properties = object.node.customProperties;
  if (!Array.isArray(properties)) return undefined;
  for (const [position, entry] of properties.entries()) {
    if (!isNode(entry) || entry.property !== 'dbtModel' || typeof entry.value !== 'string' || entry.value.trim() === '') continue;
    return { model: entry.value.trim(), path: [...object.path, 'customProperties', position, 'value'] };
  }
  return undefined;
}

/** `analytics.core.fct_orders` → `fct_orders`, quotes removed. */
function lastNamePart(qualified: string): string {
  const parts = qualified.split('.');
  return parts[parts.length - 1].trim().replace(/^["`[]|["`\]]$/g, '');
}

/** The dplens.yml entries that name a contract object the workspace does not have. */
function unusedSettings(index: ProjectIndex, used: ReadonlySet<string>, models: ModelFinder): BrokenMapping[] {
  const broken: BrokenMapping[] = [];
  const seen = new Set<string>();
  const configs = [...index.projects.values()].filter((project) => !project.isPackage).map((project) => ({ project, config: index.configOf(project) }));
  for (const { project, config } of configs) {
    for (const setting of Object.values(config?.contracts?.implementations ?? {})) {
      const key = settingKey(setting);
      if (used.has(key) || seen.has(key)) continue;
      seen.add(key);
      const at = dplensLocation(index, project, setting, 'key');
      if (at) broken.push({ object: { file: setting.file, name: setting.object }, by: 'dplens.yml', at, candidates: models.names() });
    }
  }
  return broken;
}

/** The entry in the dplens.yml that holds it: the project's own, else the workspace's. */
function dplensLocation(index: ProjectIndex, project: DbtProject | undefined, setting: ContractImplementationSetting, target: 'key' | 'value' = 'value'): FindingLocation | undefined {
  const candidates = [project && project.root !== '' ? `${project.root}/dplens.yml` : undefined, 'dplens.yml'];
  for (const file of candidates) {
    if (file === undefined) continue;
    const text = index.text(file);
    // Locating a key that is not there gives its nearest ancestor, so the key's own text tells the file that holds it.
    const key = text === undefined ? undefined : locateYamlPath(text, setting.path, 'key');
    if (key && text!.slice(key.start, key.end).replace(/^["']|["']$/g, '') === setting.path[setting.path.length - 1]) return { file, yamlPath: setting.path, target };
  }
  return undefined;
}

function rootProject(index: ProjectIndex): DbtProject | undefined {
  const own = [...index.projects.values()].filter((project) => !project.isPackage);
  own.sort((a, b) => a.root.length - b.root.length || (a.root < b.root ? -1 : 1));
  return own[0];
}

/** Finds models by name (`fct_orders`, `fct_orders.v2`) or by the identifier dbt builds them as, without case. */
/**
 * The models a contract object may name, by name and by relation identifier. Built on the first lookup: a project
 * without data contracts never asks, and naming every model's relation costs about 100 ms at 5,000 models.
 */
class ModelFinder {
  private maps?: { byName: Map<string, ModelResource[]>; byIdentifier: Map<string, ModelResource[]> };

  constructor(private readonly index: ProjectIndex) {}

  private lookups(): NonNullable<ModelFinder['maps']> {
    if (this.maps) return this.maps;
    const byName = new Map<string, ModelResource[]>();
    const byIdentifier = new Map<string, ModelResource[]>();
    for (const model of projectModels(this.index)) {
      add(byName, model.node.name, model);
      if (model.node.version !== undefined) add(byName, resourceName(model.node), model);
      const identifier = this.index.relationOf(model.node.uniqueId)?.identifier;
      if (identifier) add(byIdentifier, identifier, model);
    }
    return (this.maps = { byName, byIdentifier });
  }

  find(name: string, project: DbtProject | undefined): ModelResource | undefined {
    return preferred(this.lookups().byName.get(name.toLowerCase()), project);
  }

  findRelation(identifier: string, project: DbtProject | undefined): ModelResource | undefined {
    return this.find(identifier, project) ?? preferred(this.lookups().byIdentifier.get(identifier.toLowerCase()), project);
  }

  names(): string[] {
    return [...new Set(projectModels(this.index).map((model) => model.node.name))];
  }
}

function add(map: Map<string, ModelResource[]>, key: string, model: ModelResource): void {
  const list = map.get(key.toLowerCase());
  if (list) list.push(model);
  else map.set(key.toLowerCase(), [model]);
}

/**
 * One model among those of a name: the contract's own project first, and of a versioned model the version an
 * unversioned `ref()` reads (its latest version), as a consumer of the name would get it.
 */
function preferred(models: ModelResource[] | undefined, project: DbtProject | undefined): ModelResource | undefined {
  if (!models || models.length === 0) return undefined;
  const own = models.filter((model) => model.project === project);
  const pool = own.length > 0 ? own : models;
  const latest = pool.find((model) => model.node.version === undefined || (model.node.latestVersion !== undefined && String(model.node.latestVersion) === String(model.node.version)));
  return latest ?? [...pool].sort((a, b) => compareVersions(b.node.version, a.node.version))[0];
}

function compareVersions(a: string | number | undefined, b: string | number | undefined): number {
  const numeric = (value: string | number | undefined) => Number(value ?? Number.NEGATIVE_INFINITY);
  return numeric(a) - numeric(b) || String(a).localeCompare(String(b));
}

/** A column of the model as the contract check sees it. */
export interface ModelColumn {
  name: string;
  /** The column's entry in the model's properties, when it has one. */
  spec?: ColumnSpec;
  /** Its type: the properties' `data_type`, else a cast in the SQL, else what catalog.json reports. */
  dataType?: { type: string; from: 'data_type' | 'cast' | 'catalog' };
  /** Whether a `not_null` data test or constraint guards it. */
  notNull: boolean;
}

export interface ModelColumns {
  /** The columns the model has, by lower-cased name. */
  columns: Map<string, ModelColumn>;
  /**
   * Whether `columns` is every column the model builds: its SQL's output columns are known for certain, or its
   * contract is enforced (dbt then fails the build unless the SQL produces exactly the declared columns).
   */
  complete: boolean;
  /** Where the complete list comes from, for messages. */
  source?: 'sql' | 'contract';
  adapter: Adapter;
  /** The properties file of the model, when it has an entry. */
  propertiesFile?: string;
}

/** What is known of the columns of a model. */
export function modelColumns(index: ProjectIndex, model: ModelResource): ModelColumns {
  const { node, spec, version } = model;
  const declared = columnsOf(spec, version);
  const produced = producedColumns(index, node);
  const enforced = isContractEnforced(model);
  const notNullTests = new Set(dataTestsOf(spec, version).filter((attached) => attached.test.testName === 'not_null' && attached.column).map((attached) => attached.column!.toLowerCase()));
  const constraints = constraintsByColumn(spec, version);
  const catalog = new Map((index.catalogEntry(node.uniqueId)?.columns ?? []).map((column) => [column.name.toLowerCase(), column.type]));
  const columns = new Map<string, ModelColumn>();
  const entry = (name: string): ModelColumn => {
    const key = name.toLowerCase();
    let column = columns.get(key);
    if (!column) columns.set(key, (column = { name, notNull: notNullTests.has(key) || (constraints.get(key)?.has('not_null') ?? false) }));
    return column;
  };
  const yamlByKey = new Map(declared.map((column) => [column.name.toLowerCase(), column]));
  const casts = new Map<string, string>();
  if (produced.known) {
    for (const column of produced.columns) {
      entry(column.name);
      if (column.dataType) casts.set(column.name.toLowerCase(), column.dataType);
    }
  } else {
    // Without the SQL's columns, the model's entries and the catalog still say which columns exist and their types.
    for (const column of declared) entry(column.name);
    // An enforced contract's entries are the model's columns; otherwise the entries may be a partial list.
    if (!enforced) for (const name of catalog.keys()) entry(name);
  }
  for (const [key, column] of columns) {
    const yaml = yamlByKey.get(key);
    if (yaml) column.spec = yaml;
    const type = yaml?.dataType ? { type: yaml.dataType, from: 'data_type' as const } : casts.has(key) ? { type: casts.get(key)!, from: 'cast' as const } : catalog.has(key) ? { type: catalog.get(key)!, from: 'catalog' as const } : undefined;
    if (type) column.dataType = type;
  }
  const complete = produced.known || enforced;
  return {
    columns,
    complete,
    source: produced.known ? 'sql' : enforced ? 'contract' : undefined,
    adapter: model.project.adapter,
    propertiesFile: node.properties?.file,
  };
}
