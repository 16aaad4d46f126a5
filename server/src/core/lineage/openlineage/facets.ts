/**
 * The OpenLineage facets of the export, each with the `_producer` and `_schemaURL` every facet must carry. The
 * schema URLs name the facet versions of OpenLineage spec 2-0-2, the version the export is validated against.
 */
import type { CatalogEntry } from '../../artifacts';
import type { ColumnLineage } from '../types';
import type { DescribedEntity } from '../../yaml';
import type { DatasetId } from './naming';

const FACETS = 'https://openlineage.io/spec/facets';

/** Where each facet's schema lives, as `_schemaURL` must point to it (the facet version and its `$defs` entry). */
export const FACET_SCHEMA_URLS = {
  columnLineage: `${FACETS}/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet`,
  schema: `${FACETS}/1-2-0/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet`,
  documentation: `${FACETS}/1-1-0/DocumentationDatasetFacet.json#/$defs/DocumentationDatasetFacet`,
  ownership: `${FACETS}/1-0-1/OwnershipDatasetFacet.json#/$defs/OwnershipDatasetFacet`,
  datasetType: `${FACETS}/1-0-1/DatasetTypeDatasetFacet.json#/$defs/DatasetTypeDatasetFacet`,
  sql: `${FACETS}/1-1-0/SQLJobFacet.json#/$defs/SQLJobFacet`,
  jobType: `${FACETS}/2-0-4/JobTypeJobFacet.json#/$defs/JobTypeJobFacet`,
} as const;

interface Facet {
  _producer: string;
  _schemaURL: string;
}

export interface SchemaField {
  name: string;
  type?: string;
  description?: string;
  ordinal_position?: number;
}

export interface InputField extends DatasetId {
  field: string;
  transformations: { type: 'DIRECT'; subtype: 'IDENTITY' | 'TRANSFORMATION'; description?: string }[];
}

export type SchemaFacet = Facet & { fields: SchemaField[] };
export type DocumentationFacet = Facet & { description: string; contentType: string };
export type OwnershipFacet = Facet & { owners: { name: string }[] };
export type DatasetTypeFacet = Facet & { datasetType: string; subType?: string };
export type ColumnLineageFacet = Facet & { fields: Record<string, { inputFields: InputField[] }> };
export type SqlFacet = Facet & { query: string; dialect: string };
export type JobTypeFacet = Facet & { processingType: 'BATCH'; integration: 'DBT'; jobType: string };

function facet(producer: string, key: keyof typeof FACET_SCHEMA_URLS): Facet {
  return { _producer: producer, _schemaURL: FACET_SCHEMA_URLS[key] };
}

/**
 * The columns of a relation with their types. The column list is the warehouse's own (dbt's catalog.json) when a
 * catalog has the relation, because that is what was built; else the known columns as lineage orders them (the SQL's
 * traced output, then the properties YAML, then a seed's header), since properties often document only some columns.
 * Types and descriptions the catalog lacks come from the properties, where `data_type` is declared (always for an
 * enforced contract).
 */
export function schemaFacet(producer: string, catalog: CatalogEntry | undefined, entity: DescribedEntity | undefined, known: string[] | undefined): SchemaFacet | undefined {
  const documented = new Map((entity?.columns ?? []).map((column) => [column.name.toLowerCase(), column]));
  let fields: SchemaField[];
  if (catalog && catalog.columns.length > 0) {
    fields = catalog.columns.map((column) => ({ name: column.name, type: column.type, description: documented.get(column.name.toLowerCase())?.description ?? column.comment }));
  } else if (known && known.length > 0) {
    fields = known.map((name) => {
      const column = documented.get(name.toLowerCase());
      return { name, type: column?.dataType, description: column?.description };
    });
  } else {
    return undefined;
  }
  return { ...facet(producer, 'schema'), fields: fields.map((field, i) => withoutUndefined({ ...field, ordinal_position: i + 1 })) };
}

/** dbt descriptions are Markdown. */
export function documentationFacet(producer: string, description: string | undefined): DocumentationFacet | undefined {
  const text = description?.trim();
  return text ? { ...facet(producer, 'documentation'), description: text, contentType: 'text/markdown' } : undefined;
}

export function ownershipFacet(producer: string, owners: string[]): OwnershipFacet | undefined {
  return owners.length > 0 ? { ...facet(producer, 'ownership'), owners: owners.map((name) => ({ name })) } : undefined;
}

/**
 * What the relation is in the warehouse. An ephemeral model is no relation at all (dbt inlines it as a CTE); it is
 * still exported, as a view of subtype EPHEMERAL, so that the lineage through it is not cut.
 */
export function datasetTypeFacet(producer: string, resourceType: string, materialized: string | undefined): DatasetTypeFacet {
  const base = facet(producer, 'datasetType');
  if (resourceType === 'seed') return { ...base, datasetType: 'TABLE', subType: 'SEED' };
  if (resourceType === 'snapshot') return { ...base, datasetType: 'TABLE', subType: 'SNAPSHOT' };
  switch (materialized) {
    case 'view':
      return { ...base, datasetType: 'VIEW' };
    case 'materialized_view':
      return { ...base, datasetType: 'VIEW', subType: 'MATERIALIZED' };
    case 'ephemeral':
      return { ...base, datasetType: 'VIEW', subType: 'EPHEMERAL' };
    default:
      return { ...base, datasetType: 'TABLE' };
  }
}

/**
 * Column lineage of the facet version 1-2-0: each output column and the parent columns it reads, all DIRECT (the
 * tracer follows values, not filters or joins). A pass-through or a rename is IDENTITY (a rename keeps the data and
 * says so in the description); anything more is TRANSFORMATION. Columns that could not be traced are left out
 * rather than exported with no inputs, which would claim they read nothing.
 */
export function columnLineageFacet(producer: string, entries: ColumnLineage[], datasetOf: (lineageId: string) => DatasetId | undefined): ColumnLineageFacet | undefined {
  const fields: Record<string, { inputFields: InputField[] }> = {};
  for (const entry of entries) {
    if (entry.unresolved !== undefined) continue;
    const inputFields: InputField[] = [];
    for (const origin of entry.from) {
      const dataset = datasetOf(origin.node);
      if (!dataset) continue;
      const transformation: InputField['transformations'][number] =
        origin.transform === 'transformation'
          ? { type: 'DIRECT', subtype: 'TRANSFORMATION' }
          : origin.transform === 'rename'
            ? { type: 'DIRECT', subtype: 'IDENTITY', description: `renamed from ${origin.column}` }
            : { type: 'DIRECT', subtype: 'IDENTITY' };
      inputFields.push({ namespace: dataset.namespace, name: dataset.name, field: origin.column, transformations: [transformation] });
    }
    fields[entry.column] = { inputFields };
  }
  return Object.keys(fields).length > 0 ? { ...facet(producer, 'columnLineage'), fields } : undefined;
}

/** The model's SQL as written (Jinja included): the index does not compile models, and says so by the dialect. */
export function sqlFacet(producer: string, query: string | undefined, dialect: string): SqlFacet | undefined {
  return query !== undefined && query.trim() !== '' ? { ...facet(producer, 'sql'), query, dialect } : undefined;
}

/** dbt runs each node as a finite batch job; the integration's own name for it is the resource type, upper-case. */
export function jobTypeFacet(producer: string, resourceType: string): JobTypeFacet {
  return { ...facet(producer, 'jobType'), processingType: 'BATCH', integration: 'DBT', jobType: resourceType.toUpperCase() };
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
