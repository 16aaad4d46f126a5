export { costSettingsOf, compareCosts, estimateCosts, estimateModelCost } from './estimate';
export { findLookback, incrementalFilterOf, partitionsRead, type IncrementalFilter } from './incremental-read';
export { isExpanded, materializationOf, physicalInputs, type PhysicalInput, type PhysicalInputs } from './physical-inputs';
export { BIGQUERY_ON_DEMAND_USD_PER_TIB, priceRun, TIB, type RunPrice } from './pricing';
export { catalogBasis, configuredPartitioning, relationLabel, relationStats } from './relation-stats';
export { costJson, costText } from './report';
export type { ModelCost, RelationReadCost, RelationStats } from './types';
