/**
 * The lineage of the index as OpenLineage events (spec 2-0-2): one event per node dbt builds (models, snapshots and
 * seeds), with the node's parents as inputs and its own relation as the output.
 *
 * The events are JobEvents, not RunEvents: static lineage describes what a job reads and writes, but no run of it
 * happened, and a RunEvent would have to invent a run id and claim a COMPLETE run at a time nothing ran. Spec 2-0-2
 * defines JobEvent for exactly this: metadata about a job (its inputs, outputs and facets) outside any run.
 *
 * Sources are datasets only (nobody in dbt builds them), and exposures are left out: a dashboard is no dataset.
 */
import type { Adapter } from '../../config/dplens-config';
import type { GraphNode, ProjectIndex } from '../../project/index-types';
import type { ColumnLineageBuilder } from '../column-lineage';
import { knownColumns, propertiesEntity } from '../known-columns';
import { lineageId } from '../node-ids';
import {
  columnLineageFacet,
  datasetTypeFacet,
  documentationFacet,
  jobTypeFacet,
  ownershipFacet,
  schemaFacet,
  sqlFacet,
  type ColumnLineageFacet,
  type DatasetTypeFacet,
  type DocumentationFacet,
  type JobTypeFacet,
  type OwnershipFacet,
  type SchemaFacet,
  type SqlFacet,
} from './facets';
import { datasetId, type DatasetId } from './naming';

export const OPENLINEAGE_SPEC_URL = 'https://openlineage.io/spec/2-0-2/OpenLineage.json';
export const JOB_EVENT_SCHEMA_URL = `${OPENLINEAGE_SPEC_URL}#/$defs/JobEvent`;
/** The producer every event and facet names: this tool's repository. */
export const DPLENS_PRODUCER = 'https://github.com/data-platform-lens/data-platform-lens';
/** dbt jobs are named by their unique id within this namespace unless the user gives another. */
export const DEFAULT_JOB_NAMESPACE = 'dbt';

export interface OutputDataset extends DatasetId {
  facets: {
    schema?: SchemaFacet;
    documentation?: DocumentationFacet;
    ownership?: OwnershipFacet;
    datasetType: DatasetTypeFacet;
    columnLineage?: ColumnLineageFacet;
  };
}

export interface JobEvent {
  eventTime: string;
  producer: string;
  schemaURL: string;
  job: { namespace: string; name: string; facets: { jobType: JobTypeFacet; sql?: SqlFacet } };
  inputs: DatasetId[];
  outputs: OutputDataset[];
}

export interface OpenLineageOptions {
  /** When the export was made (ISO 8601); the shell reads the clock, the core does not. */
  eventTime: string;
  producer?: string;
  jobNamespace?: string;
  /** The dataset namespace to use for every relation, when the convention's needs a host or account we do not know. */
  datasetNamespace?: string;
  /** Given, each output carries the `columnLineage` facet, and untyped schemas fall back to the traced columns. */
  columns?: ColumnLineageBuilder;
}

const EXPORTED: ReadonlySet<string> = new Set(['model', 'snapshot', 'seed']);
const DATASETS: ReadonlySet<string> = new Set(['model', 'snapshot', 'seed', 'source']);

/** Whether a node gets an event of its own: the nodes dbt builds. */
export function isExportedNode(node: GraphNode): boolean {
  return node.enabled && EXPORTED.has(node.resourceType);
}

/**
 * The events of the given nodes (those dbt does not build are skipped), ordered by job name so that the same
 * index always gives the same export.
 */
export function openLineageEvents(index: ProjectIndex, nodes: Iterable<GraphNode>, options: OpenLineageOptions): JobEvent[] {
  const producer = options.producer ?? DPLENS_PRODUCER;
  const byLineageId = lineageIds(index);
  const datasetOfNode = (node: GraphNode): DatasetId => {
    const relation = index.relationOf(node.uniqueId) ?? { identifier: node.name };
    return datasetId(adapterOf(index, node), relation, options.datasetNamespace);
  };
  const datasetOf = (id: string): DatasetId | undefined => {
    const node = byLineageId.get(id);
    return node ? datasetOfNode(node) : undefined;
  };
  const events: JobEvent[] = [];
  const selected = [...nodes].filter(isExportedNode).sort((a, b) => a.uniqueId.localeCompare(b.uniqueId));
  for (const node of selected) {
    const parents = index
      .parents(node.uniqueId)
      .map((id) => index.node(id))
      .filter((parent): parent is GraphNode => parent !== undefined && parent.enabled && DATASETS.has(parent.resourceType))
      .map(datasetOfNode)
      .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
    const inputs = parents.filter((dataset, i) => i === 0 || dataset.name !== parents[i - 1].name || dataset.namespace !== parents[i - 1].namespace);
    const project = index.projects.get(node.projectId);
    const jobFacets: JobEvent['job']['facets'] = { jobType: jobTypeFacet(producer, node.resourceType) };
    const sql = node.resourceType === 'seed' || !node.file || !node.file.endsWith('.sql') ? undefined : sqlFacet(producer, index.text(node.file), project?.dialect ?? 'generic');
    if (sql) jobFacets.sql = sql;
    events.push({
      eventTime: options.eventTime,
      producer,
      schemaURL: JOB_EVENT_SCHEMA_URL,
      job: { namespace: options.jobNamespace ?? DEFAULT_JOB_NAMESPACE, name: node.uniqueId, facets: jobFacets },
      inputs,
      outputs: [{ ...datasetOfNode(node), facets: outputFacets(index, node, producer, datasetOf, options.columns) }],
    });
  }
  return events;
}

/** Newline-delimited JSON, one event a line, as OpenLineage's file transport writes and its tools read. */
export function openLineageNdjson(events: JobEvent[]): string {
  return events.map((event) => JSON.stringify(event) + '\n').join('');
}

function outputFacets(
  index: ProjectIndex,
  node: GraphNode,
  producer: string,
  datasetOf: (id: string) => DatasetId | undefined,
  columns: ColumnLineageBuilder | undefined,
): OutputDataset['facets'] {
  const entity = propertiesEntity(index, node);
  const materialized = typeof node.config.materialized === 'string' ? node.config.materialized : undefined;
  const facets: OutputDataset['facets'] = { datasetType: datasetTypeFacet(producer, node.resourceType, materialized) };
  const known = knownColumns(index, node, (upstream) => columns?.outputColumns(upstream));
  const schema = schemaFacet(producer, index.catalogEntry(node.uniqueId), entity, known?.columns);
  if (schema) facets.schema = schema;
  const documentation = documentationFacet(producer, entity?.description);
  if (documentation) facets.documentation = documentation;
  const ownership = ownershipFacet(producer, ownersOf(node, entity?.meta, entity?.config));
  if (ownership) facets.ownership = ownership;
  if (columns) {
    const lineage = columnLineageFacet(producer, columns.columnsOf(node), datasetOf);
    if (lineage) facets.columnLineage = lineage;
  }
  return facets;
}

/**
 * `meta.owner` wherever dbt users write it: the properties entry's `meta:` or `config.meta:`, or the node's
 * configuration (dbt_project.yml `+meta:` or `config(meta=...)`). A string or a list of strings.
 */
function ownersOf(node: GraphNode, meta: Record<string, unknown> | undefined, config: Record<string, unknown> | undefined): string[] {
  const configMeta = (value: unknown) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>).meta : undefined);
  for (const candidate of [meta, configMeta(config), configMeta(node.config)]) {
    if (candidate === null || typeof candidate !== 'object') continue;
    const owner = (candidate as Record<string, unknown>).owner;
    const owners = (Array.isArray(owner) ? owner : [owner]).filter((name): name is string => typeof name === 'string' && name.trim() !== '');
    if (owners.length > 0) return owners.map((name) => name.trim());
  }
  return [];
}

function adapterOf(index: ProjectIndex, node: GraphNode): Adapter {
  const project = index.projects.get(node.projectId);
  const root = project?.installedBy ? index.projects.get(project.installedBy) ?? project : project;
  return root?.adapter ?? 'postgres';
}

/**
 * Lineage ids (what column lineage names its nodes by) back to nodes; where several projects define one, the
 * workspace's own project wins over a package, as `findLineageNode` decides.
 */
function lineageIds(index: ProjectIndex): Map<string, GraphNode> {
  const byId = new Map<string, GraphNode>();
  for (const node of index.nodes()) {
    if (!node.enabled || !DATASETS.has(node.resourceType)) continue;
    const id = lineageId(node);
    const known = byId.get(id);
    const preferred = !known || Number(node.isPackage) - Number(known.isPackage) < 0 || (node.isPackage === known.isPackage && node.uniqueId < known.uniqueId);
    if (preferred) byId.set(id, node);
  }
  return byId;
}
