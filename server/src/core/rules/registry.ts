/**
 * The rule registry: one sorted table of rule ids to modules.
 * A parity test fails when a rule file is missing here, or a listed id disagrees with its file name.
 */
import type { Rule } from './rule';
import contractAccessNarrowed from './contract/access-narrowed';
import contractBaseUnavailable from './contract/base-unavailable';
import contractColumnMissingFromContract from './contract/column-missing-from-contract';
import contractColumnMissingFromSql from './contract/column-missing-from-sql';
import contractColumnRemoved from './contract/column-removed';
import contractColumnRenamed from './contract/column-renamed';
import contractColumnTypeChanged from './contract/column-type-changed';
import contractConstraintRemoved from './contract/constraint-removed';
import contractEnforcementDisabled from './contract/enforcement-disabled';
import contractMaterializationChanged from './contract/materialization-changed';
import contractMissingDataType from './contract/missing-data-type';
import contractModelRemoved from './contract/model-removed';
import contractRelationMoved from './contract/relation-moved';
import contractTestRemoved from './contract/test-removed';
import costOverBudget from './cost/over-budget';
import dagChainedViews from './dag/chained-views';
import dagCycle from './dag/cycle';
import dagDirectJoinToSource from './dag/direct-join-to-source';
import dagDuplicateSource from './dag/duplicate-source';
import dagExposureParentMaterialization from './dag/exposure-parent-materialization';
import dagHardCodedReference from './dag/hard-coded-reference';
import dagMartsOrIntermediateDependsOnSource from './dag/marts-or-intermediate-depends-on-source';
import dagModelFanout from './dag/model-fanout';
import dagMultipleSourcesJoined from './dag/multiple-sources-joined';
import dagRejoiningUpstreamConcepts from './dag/rejoining-upstream-concepts';
import dagRootModel from './dag/root-model';
import dagSourceFanout from './dag/source-fanout';
import dagStagingDependsOnDownstream from './dag/staging-depends-on-downstream';
import dagStagingDependsOnStaging from './dag/staging-depends-on-staging';
import dagTooManyJoins from './dag/too-many-joins';
import dagUnknownRef from './dag/unknown-ref';
import dagUnknownSource from './dag/unknown-source';
import dagUnusedSource from './dag/unused-source';
import datacontractClassificationChanged from './datacontract/classification-changed';
import datacontractConstraintAdded from './datacontract/constraint-added';
import datacontractConstraintChanged from './datacontract/constraint-changed';
import datacontractConstraintRemoved from './datacontract/constraint-removed';
import datacontractDuplicateProperty from './datacontract/duplicate-property';
import datacontractEnumChanged from './datacontract/enum-changed';
import datacontractFieldRemoved from './datacontract/field-removed';
import datacontractFieldRequiredChanged from './datacontract/field-required-changed';
import datacontractFieldTypeChanged from './datacontract/field-type-changed';
import datacontractFieldUniqueChanged from './datacontract/field-unique-changed';
import datacontractImplementationMismatch from './datacontract/implementation-mismatch';
import datacontractInvalidPattern from './datacontract/invalid-pattern';
import datacontractInvalidRange from './datacontract/invalid-range';
import datacontractKeyPosition from './datacontract/key-position';
import datacontractModelRemoved from './datacontract/model-removed';
import datacontractQualityChanged from './datacontract/quality-changed';
import datacontractSchema from './datacontract/schema';
import datacontractTypeMismatch from './datacontract/type-mismatch';
import datacontractUnresolvedReference from './datacontract/unresolved-reference';
import datacontractVersionNotBumped from './datacontract/version-not-bumped';
import docsCoverage from './docs/coverage';
import docsUndocumentedColumn from './docs/undocumented-column';
import docsUndocumentedModel from './docs/undocumented-model';
import docsUndocumentedSource from './docs/undocumented-source';
import docsUndocumentedSourceTable from './docs/undocumented-source-table';
import eventEnumSymbolRemoved from './event/enum-symbol-removed';
import eventFieldAddedWithoutDefault from './event/field-added-without-default';
import eventFieldRemovedWithoutDefault from './event/field-removed-without-default';
import eventFieldRenamedWithoutAlias from './event/field-renamed-without-alias';
import eventJsonSchemaIncompatible from './event/json-schema-incompatible';
import eventSchema from './event/schema';
import eventTypeNotPromotable from './event/type-not-promotable';
import eventUnionNarrowed from './event/union-narrowed';
import governanceExposureDependsOnPrivateModel from './governance/exposure-depends-on-private-model';
import governancePublicModelWithoutContract from './governance/public-model-without-contract';
import governanceRefToDeprecatedModel from './governance/ref-to-deprecated-model';
import governanceUndocumentedPublicModel from './governance/undocumented-public-model';
import jinjaMacroRenderFailed from './jinja/macro-render-failed';
import jinjaSyntax from './jinja/syntax';
import layoutModelDirectory from './layout/model-directory';
import layoutModelWithoutProperties from './layout/model-without-properties';
import layoutSourceDirectory from './layout/source-directory';
import layoutTestDirectory from './layout/test-directory';
import namingColumnTypeSuffix from './naming/column-type-suffix';
import namingModelPrefix from './naming/model-prefix';
import namingSnakeCase from './naming/snake-case';
import namingStagingName from './naming/staging-name';
import partitionClusterByLimit from './partition/cluster-by-limit';
import partitionIncrementalWithoutFilter from './partition/incremental-without-filter';
import partitionInsertOverwriteWithoutPartition from './partition/insert-overwrite-without-partition';
import partitionInvalidPartitionConfig from './partition/invalid-partition-config';
import partitionIsIncrementalOutsideIncremental from './partition/is-incremental-outside-incremental';
import partitionLargeTableNotPartitioned from './partition/large-table-not-partitioned';
import partitionMergeWithoutUniqueKey from './partition/merge-without-unique-key';
import partitionMicrobatchConfig from './partition/microbatch-config';
import partitionUnfilteredPartitionedScan from './partition/unfiltered-partitioned-scan';
import partitionUnsupportedStrategy from './partition/unsupported-strategy';
import performanceSelectStarInMart from './performance/select-star-in-mart';
import pipelineDependencyCycle from './pipeline/dependency-cycle';
import pipelineDuplicateTask from './pipeline/duplicate-task';
import pipelineInvalidSchedule from './pipeline/invalid-schedule';
import pipelineLegacyKey from './pipeline/legacy-key';
import pipelineMissingOperator from './pipeline/missing-operator';
import pipelineMissingOwner from './pipeline/missing-owner';
import pipelineMissingRetries from './pipeline/missing-retries';
import pipelineMissingStartDate from './pipeline/missing-start-date';
import pipelinePythonCallableMissing from './pipeline/python-callable-missing';
import pipelineScheduleIntervalRemoved from './pipeline/schedule-interval-removed';
import pipelineSchema from './pipeline/schema';
import pipelineUnknownDbtSelection from './pipeline/unknown-dbt-selection';
import pipelineUnknownDependency from './pipeline/unknown-dependency';
import projectAdapterDefault from './project/adapter-default';
import projectFileTooLarge from './project/file-too-large';
import projectIncompleteArtifact from './project/incomplete-artifact';
import projectPackagesNotInstalled from './project/packages-not-installed';
import projectUnsafeExcludePattern from './project/unsafe-exclude-pattern';
import sqlUnparseable from './sql/unparseable';
import suppressionMalformed from './suppression/malformed';
import suppressionUnused from './suppression/unused';
import testingCoverage from './testing/coverage';
import testingMissingPrimaryKeyTest from './testing/missing-primary-key-test';
import testingSourceWithoutFreshness from './testing/source-without-freshness';
import yamlDeprecatedKey from './yaml/deprecated-key';
import yamlInvalidProperties from './yaml/invalid-properties';
import yamlInvalidValue from './yaml/invalid-value';
import yamlSyntax from './yaml/syntax';
import yamlDuplicateKey from './yaml/duplicate-key';
import yamlUnknownKey from './yaml/unknown-key';

export const RULES: readonly Rule[] = [
  contractAccessNarrowed,
  contractBaseUnavailable,
  contractColumnMissingFromContract,
  contractColumnMissingFromSql,
  contractColumnRemoved,
  contractColumnRenamed,
  contractColumnTypeChanged,
  contractConstraintRemoved,
  contractEnforcementDisabled,
  contractMaterializationChanged,
  contractMissingDataType,
  contractModelRemoved,
  contractRelationMoved,
  contractTestRemoved,
  costOverBudget,
  dagChainedViews,
  dagCycle,
  dagDirectJoinToSource,
  dagDuplicateSource,
  dagExposureParentMaterialization,
  dagHardCodedReference,
  dagMartsOrIntermediateDependsOnSource,
  dagModelFanout,
  dagMultipleSourcesJoined,
  dagRejoiningUpstreamConcepts,
  dagRootModel,
  dagSourceFanout,
  dagStagingDependsOnDownstream,
  dagStagingDependsOnStaging,
  dagTooManyJoins,
  dagUnknownRef,
  dagUnknownSource,
  dagUnusedSource,
  datacontractClassificationChanged,
  datacontractConstraintAdded,
  datacontractConstraintChanged,
  datacontractConstraintRemoved,
  datacontractDuplicateProperty,
  datacontractEnumChanged,
  datacontractFieldRemoved,
  datacontractFieldRequiredChanged,
  datacontractFieldTypeChanged,
  datacontractFieldUniqueChanged,
  datacontractImplementationMismatch,
  datacontractInvalidPattern,
  datacontractInvalidRange,
  datacontractKeyPosition,
  datacontractModelRemoved,
  datacontractQualityChanged,
  datacontractSchema,
  datacontractTypeMismatch,
  datacontractUnresolvedReference,
  datacontractVersionNotBumped,
  docsCoverage,
  docsUndocumentedColumn,
  docsUndocumentedModel,
  docsUndocumentedSource,
  docsUndocumentedSourceTable,
  eventEnumSymbolRemoved,
  eventFieldAddedWithoutDefault,
  eventFieldRemovedWithoutDefault,
  eventFieldRenamedWithoutAlias,
  eventJsonSchemaIncompatible,
  eventSchema,
  eventTypeNotPromotable,
  eventUnionNarrowed,
  governanceExposureDependsOnPrivateModel,
  governancePublicModelWithoutContract,
  governanceRefToDeprecatedModel,
  governanceUndocumentedPublicModel,
  jinjaMacroRenderFailed,
  jinjaSyntax,
  layoutModelDirectory,
  layoutModelWithoutProperties,
  layoutSourceDirectory,
  layoutTestDirectory,
  namingColumnTypeSuffix,
  namingModelPrefix,
  namingSnakeCase,
  namingStagingName,
  partitionClusterByLimit,
  partitionIncrementalWithoutFilter,
  partitionInsertOverwriteWithoutPartition,
  partitionInvalidPartitionConfig,
  partitionIsIncrementalOutsideIncremental,
  partitionLargeTableNotPartitioned,
  partitionMergeWithoutUniqueKey,
  partitionMicrobatchConfig,
  partitionUnfilteredPartitionedScan,
  partitionUnsupportedStrategy,
  performanceSelectStarInMart,
  pipelineDependencyCycle,
  pipelineDuplicateTask,
  pipelineInvalidSchedule,
  pipelineLegacyKey,
  pipelineMissingOperator,
  pipelineMissingOwner,
  pipelineMissingRetries,
  pipelineMissingStartDate,
  pipelinePythonCallableMissing,
  pipelineScheduleIntervalRemoved,
  pipelineSchema,
  pipelineUnknownDbtSelection,
  pipelineUnknownDependency,
  projectAdapterDefault,
  projectFileTooLarge,
  projectIncompleteArtifact,
  projectPackagesNotInstalled,
  projectUnsafeExcludePattern,
  sqlUnparseable,
  suppressionMalformed,
  suppressionUnused,
  testingCoverage,
  testingMissingPrimaryKeyTest,
  testingSourceWithoutFreshness,
  yamlDeprecatedKey,
  yamlDuplicateKey,
  yamlInvalidProperties,
  yamlInvalidValue,
  yamlSyntax,
  yamlUnknownKey,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id);
}
