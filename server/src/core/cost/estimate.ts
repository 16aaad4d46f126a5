/**
 * The cost of one run of a model, offline: the bytes of the physical relations it reads (views and ephemeral models
 * expanded), narrowed to the lookback for incremental runs whose filter is on a relation's partition column, priced
 * per adapter and multiplied by the runs per day: a model's own `cost.models` entry, else the schedules of the
 * pipeline tasks that build it (pipelines/runs-per-day.ts), else the `cost.runsPerDay` default. Every figure carries
 * its basis; what cannot be known is null rather than a guess.
 */
import type { ModelCostSetting } from '../config/cost-settings';
import type { DplensConfig } from '../config/dplens-config';
import type { GraphNode, ProjectIndex } from '../project/index-types';
import { incrementalFilterOf, partitionsRead, type IncrementalFilter } from './incremental-read';
import { isExpanded, materializationOf, physicalInputs } from './physical-inputs';
import { priceRun } from './pricing';
import { relationStats } from './relation-stats';
import type { ModelCost, RelationReadCost, RelationStats } from './types';
import { modelRunsPerDay } from '../pipelines/runs-per-day';

/** The runs per day and budgets that apply to a model: its own entry in `cost.models` over the `cost` defaults. */
export function costSettingsOf(config: DplensConfig | undefined, name: string): ModelCostSetting {
  const cost = config?.cost;
  if (!cost) return {};
  return { runsPerDay: cost.runsPerDay, maxUsdPerRun: cost.maxUsdPerRun, maxUsdPerDay: cost.maxUsdPerDay, ...cost.models[name] };
}

function incrementalRead(stats: RelationStats, filter: IncrementalFilter | undefined, runsPerDay: number | null): RelationReadCost['partial'] | undefined {
  if (!filter || !stats.partitionColumn || !filter.columns.has(stats.partitionColumn)) return undefined;
  const lookback = filter.lookback ? `${filter.lookback.amount}-${filter.lookback.unit} lookback` : 'watermark filter';
  const on = `${lookback} on ${stats.label}.${stats.partitionColumn}`;
  if (!stats.granularity) return { fraction: null, note: `${on}: partition granularity unknown` };
  const read = partitionsRead(filter, stats.granularity, runsPerDay);
  if (read === undefined) return { fraction: null, note: `${on}: runs per day unknown, so the partitions since the last run are too` };
  if (!stats.partitions) return { fraction: null, note: `${on}: ${read} ${stats.granularity} partition(s), partition count unknown (set stats partitions)` };
  const fraction = Math.min(1, read / stats.partitions);
  return { fraction, note: `${on}: ${Math.min(read, stats.partitions)}/${stats.partitions} ${stats.granularity} partitions` };
}

function sum(values: (number | null)[]): number | null {
  return values.some((value) => value === null) ? null : values.reduce<number>((total, value) => total + (value ?? 0), 0);
}

export function estimateModelCost(index: ProjectIndex, node: GraphNode): ModelCost {
  const project = index.projects.get(node.projectId);
  const config = project ? index.configOf(project) : undefined;
  const adapter = project?.adapter ?? 'bigquery';
  const settings = costSettingsOf(config, node.name);
  // A model's own `cost.models` entry is a deliberate override; the pipelines' schedules come before the default.
  const scheduled = modelRunsPerDay(index).get(node.uniqueId);
  const ownRunsPerDay = config?.cost?.models[node.name]?.runsPerDay;
  const fromSchedule = ownRunsPerDay === undefined && scheduled?.runsPerDay != null;
  const runsPerDay = ownRunsPerDay ?? (fromSchedule ? scheduled!.runsPerDay : settings.runsPerDay) ?? null;
  const runsBasis = fromSchedule ? `runs per day: ${scheduled!.basis}` : undefined;
  const materialized = materializationOf(node);
  const base = { uniqueId: node.uniqueId, name: node.name, file: node.file, materialized, runsPerDay };
  if (isExpanded(node)) {
    // Creating a view reads nothing; whoever selects from it pays for its inputs.
    const price = priceRun(0, adapter, config?.cost?.pricing[adapter]);
    const usdPerRun = price.usd;
    const basis = [`${materialized}: building it reads nothing; its readers pay for its inputs`, ...(runsBasis ? [runsBasis] : [])].join('; ');
    return { ...base, bytesPerRun: 0, fullRefreshBytes: 0, usdPerRun, usdPerDay: usdPerRun !== null && runsPerDay !== null ? usdPerRun * runsPerDay : null, creditsPerRun: price.credits, basis, reads: [] };
  }
  const expanded = physicalInputs(index, node);
  const filter = materialized === 'incremental' ? incrementalFilterOf(index, node) : undefined;
  const reads: RelationReadCost[] = expanded.inputs.map(({ node: input, via }) => {
    const stats = relationStats(index, config, input);
    const partial = incrementalRead(stats, filter, runsPerDay);
    const full = stats.bytes ?? null;
    const bytes = full === null ? null : partial ? (partial.fraction === null ? null : Math.round(full * partial.fraction)) : full;
    return partial ? { stats, via, bytes, partial } : { stats, via, bytes };
  });
  const fullRefreshBytes = expanded.unresolved.length > 0 ? null : sum(reads.map((read) => read.stats.bytes ?? null));
  const bytesPerRun = expanded.unresolved.length > 0 ? null : sum(reads.map((read) => read.bytes));
  const price = priceRun(bytesPerRun, adapter, config?.cost?.pricing[adapter]);
  const usdPerRun = price.usd;
  const usdPerDay = usdPerRun !== null && runsPerDay !== null ? usdPerRun * runsPerDay : null;

  const notes: string[] = [];
  for (const read of reads) if (!notes.includes(read.stats.basis)) notes.push(read.stats.basis);
  for (const read of reads) if (read.partial) notes.push(`incremental: ${read.partial.note}`);
  if (materialized === 'incremental' && !reads.some((read) => read.partial)) {
    notes.push(filter ? 'incremental: filter not on a known partition column, full scan' : 'incremental: no is_incremental() filter read, full scan');
  }
  for (const name of expanded.unresolved) notes.push(`unresolved ${name}`);
  if (expanded.cycle) notes.push('a cycle of views was cut');
  if (reads.length === 0 && expanded.unresolved.length === 0) notes.push('reads no relation');
  notes.push(price.basis);
  if (runsBasis) notes.push(runsBasis);
  else if (runsPerDay === null) notes.push(scheduled ? `runs per day not set (cost.runsPerDay); ${scheduled.basis}, which fixes no count` : 'runs per day not set (cost.runsPerDay)');
  return { ...base, bytesPerRun, fullRefreshBytes, usdPerRun, usdPerDay, creditsPerRun: price.credits, basis: notes.join('; '), reads };
}

/** Most expensive first: USD per day, then per run, then bytes per day and per run; unknowns last, then by name. */
export function compareCosts(a: ModelCost, b: ModelCost): number {
  const keys = (cost: ModelCost) => [
    cost.usdPerDay,
    cost.usdPerRun,
    cost.bytesPerRun !== null && cost.runsPerDay !== null ? cost.bytesPerRun * cost.runsPerDay : null,
    cost.bytesPerRun,
  ];
  const left = keys(a);
  const right = keys(b);
  for (let i = 0; i < left.length; i++) {
    const x = left[i];
    const y = right[i];
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    return y - x;
  }
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Every enabled model of the workspace's own projects (not packages) that dbt builds, most expensive first. */
export function estimateCosts(index: ProjectIndex): ModelCost[] {
  const costs: ModelCost[] = [];
  for (const node of index.nodes()) {
    if (node.resourceType !== 'model' || !node.enabled || node.isPackage) continue;
    if (materializationOf(node) === 'ephemeral') continue;
    costs.push(estimateModelCost(index, node));
  }
  return costs.sort(compareCosts);
}
