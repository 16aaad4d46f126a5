/**
 * The OpenLineage export of the lineage: dataset naming per warehouse, the facets, and the events.
 */
export { datasetId, datasetName, datasetNamespace, UNKNOWN_DATABASE, UNKNOWN_SCHEMA, type DatasetId, type RelationName } from './naming';
export { FACET_SCHEMA_URLS } from './facets';
export {
  DEFAULT_JOB_NAMESPACE,
  DPLENS_PRODUCER,
  isExportedNode,
  JOB_EVENT_SCHEMA_URL,
  OPENLINEAGE_SPEC_URL,
  openLineageEvents,
  openLineageNdjson,
  type JobEvent,
  type OpenLineageOptions,
  type OutputDataset,
} from './events';
