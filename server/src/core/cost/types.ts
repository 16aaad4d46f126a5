/**
 * The cost model's plain data: what a relation is known to hold, what one run of a model reads, and what that costs.
 */
import type { Granularity } from '../config/cost-settings';

/** What is known of one physical relation's size and partitioning, and what says so. */
export interface RelationStats {
  uniqueId: string;
  /** `source shop.events`, `model fct_orders`: how figures name it. */
  label: string;
  bytes?: number;
  rows?: number;
  partitionColumn?: string;
  granularity?: Granularity;
  partitions?: number;
  /** `catalog.json 2026-11-20`, `dplens.yml stats`, or `no stats for source shop.events`. */
  basis: string;
}

/** One physical relation a model's run reads, after views and ephemeral models are expanded. */
export interface RelationReadCost {
  stats: RelationStats;
  /** The views and ephemeral models the read goes through, outermost first. */
  via: string[];
  /** Bytes one run reads of it: all of it, or the incremental lookback; null when unknown. */
  bytes: number | null;
  /** Set when an incremental run reads only part of it: the share read and how it was estimated. */
  partial?: { fraction: number | null; note: string };
}

export interface ModelCost {
  uniqueId: string;
  name: string;
  file?: string;
  materialized: string;
  /** Bytes one (incremental, for incremental models) run reads; null when any input's size is unknown. */
  bytesPerRun: number | null;
  /** Bytes a full refresh reads (the same as bytesPerRun for non-incremental models). */
  fullRefreshBytes: number | null;
  runsPerDay: number | null;
  usdPerRun: number | null;
  usdPerDay: number | null;
  /** Snowflake credits or Databricks DBUs per run, when a warehouse and a throughput are configured. */
  creditsPerRun: number | null;
  basis: string;
  reads: RelationReadCost[];
}
