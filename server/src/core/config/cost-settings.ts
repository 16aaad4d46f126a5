/**
 * The `stats:` and `cost:` sections of `dplens.yml`: relation sizes the user states (when catalog.json has none, or
 * to override it), and how the cost model prices a run, how often models run, and the budgets `cost/over-budget`
 * checks. Validated as strictly as the rest of the file: every unknown key or wrong type is a located problem.
 *
 *     stats:
 *       source.shop.events: { bytes: 2199023255552, rows: 9000000000, partitionedBy: event_date, granularity: day, partitions: 730 }
 *       model.fct_orders: { bytes: 1073741824 }
 *     cost:
 *       runsPerDay: 1
 *       maxUsdPerRun: 5
 *       maxUsdPerDay: 50
 *       models: { fct_orders: { runsPerDay: 24, maxUsdPerDay: 100 } }
 *       pricing:
 *         bigquery: { usdPerTib: 6.25 }
 *         snowflake: { warehouseSize: medium, bytesPerSecond: 500000000, usdPerCredit: 3 }
 */
import type { Span } from '../text';
import type { YamlPath } from '../yaml';

export const GRANULARITIES = ['hour', 'day', 'week', 'month', 'year'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** What the user states about one relation, keyed by `source.<source>.<table>`, `model.<name>`, `seed.<name>` or `snapshot.<name>`. */
export interface RelationStatsSetting {
  bytes?: number;
  rows?: number;
  /** The partition column. */
  partitionedBy?: string;
  granularity?: Granularity;
  /** How many partitions the relation holds (e.g. 730 days of data). */
  partitions?: number;
}

/** Snowflake warehouse sizes and their credits per hour (standard warehouses). */
export const WAREHOUSE_CREDITS_PER_HOUR: Record<string, number> = {
  xsmall: 1, small: 2, medium: 4, large: 8, xlarge: 16, '2xlarge': 32, '3xlarge': 64, '4xlarge': 128, '5xlarge': 256, '6xlarge': 512,
};

export interface PricingSetting {
  /** On-demand price per TiB scanned (BigQuery's default 6.25; any adapter billed per byte scanned). */
  usdPerTib?: number;
  /** Snowflake: the warehouse size, giving its credits per hour. */
  warehouseSize?: string;
  /** Credits (or Databricks DBUs) per hour of the compute that runs the models. */
  creditsPerHour?: number;
  /** The throughput assumption: bytes the warehouse scans per second. */
  bytesPerSecond?: number;
  usdPerCredit?: number;
}

export interface ModelCostSetting {
  runsPerDay?: number;
  maxUsdPerRun?: number;
  maxUsdPerDay?: number;
}

export interface CostSettings extends ModelCostSetting {
  /** Per model name: overrides of the runs per day and budgets. */
  models: Record<string, ModelCostSetting>;
  /** Per adapter. */
  pricing: Record<string, PricingSetting>;
}

export interface SettingProblem {
  message: string;
  span: Span;
}

type Locate = (path: YamlPath, target?: 'key' | 'value') => Span;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const STATS_KEY = /^(?:source\.[^.\s]+\.[^.\s]+|(?:model|seed|snapshot)\.[^.\s]+)$/;
const STATS_FIELDS = ['bytes', 'rows', 'partitionedBy', 'granularity', 'partitions'];

/** Reads `stats:`; entries with problems are left out. */
export function parseStatsSettings(value: unknown, at: Locate, problems: SettingProblem[]): Record<string, RelationStatsSetting> {
  const stats: Record<string, RelationStatsSetting> = {};
  if (!isPlainObject(value)) {
    problems.push({ message: '`stats` must map relations (`source.<source>.<table>`, `model.<name>`, `seed.<name>`, `snapshot.<name>`) to {bytes, rows, partitionedBy, granularity, partitions}.', span: at(['stats']) });
    return stats;
  }
  for (const [key, entry] of Object.entries(value)) {
    const path: YamlPath = ['stats', key];
    if (!STATS_KEY.test(key)) {
      problems.push({ message: `\`${key}\` in \`stats\` names no relation; write \`source.<source>.<table>\`, \`model.<name>\`, \`seed.<name>\` or \`snapshot.<name>\`.`, span: at(path, 'key') });
      continue;
    }
    if (!isPlainObject(entry)) {
      problems.push({ message: `The stats of ${key} must be a mapping of ${STATS_FIELDS.join(', ')}.`, span: at(path) });
      continue;
    }
    const setting: RelationStatsSetting = {};
    let ok = true;
    for (const [field, item] of Object.entries(entry)) {
      const where = at([...path, field]);
      switch (field) {
        case 'bytes':
        case 'rows':
          if (typeof item === 'number' && Number.isFinite(item) && item >= 0) setting[field] = item;
          else ((ok = false), problems.push({ message: `\`${field}\` of ${key} must be a number of ${field} (0 or more).`, span: where }));
          break;
        case 'partitions':
          if (typeof item === 'number' && Number.isInteger(item) && item > 0) setting.partitions = item;
          else ((ok = false), problems.push({ message: `\`partitions\` of ${key} must be a whole number above 0: how many partitions the relation holds.`, span: where }));
          break;
        case 'partitionedBy':
          if (typeof item === 'string' && item.trim() !== '') setting.partitionedBy = item.trim();
          else ((ok = false), problems.push({ message: `\`partitionedBy\` of ${key} must name the partition column.`, span: where }));
          break;
        case 'granularity':
          if (typeof item === 'string' && (GRANULARITIES as readonly string[]).includes(item.toLowerCase())) setting.granularity = item.toLowerCase() as Granularity;
          else ((ok = false), problems.push({ message: `\`granularity\` of ${key} must be one of ${GRANULARITIES.join(', ')}.`, span: where }));
          break;
        default:
          ok = false;
          problems.push({ message: `Unknown key \`${field}\` in the stats of ${key}; the known keys are ${STATS_FIELDS.join(', ')}.`, span: at([...path, field], 'key') });
      }
    }
    if (ok) stats[key] = setting;
  }
  return stats;
}

const BUDGET_FIELDS = ['runsPerDay', 'maxUsdPerRun', 'maxUsdPerDay'] as const;
const COST_FIELDS = [...BUDGET_FIELDS, 'models', 'pricing'];
const PRICING_FIELDS = ['usdPerTib', 'warehouseSize', 'creditsPerHour', 'bytesPerSecond', 'usdPerCredit'] as const;

function readBudgets(entry: Record<string, unknown>, path: YamlPath, at: Locate, problems: SettingProblem[], extra: readonly string[]): ModelCostSetting {
  const setting: ModelCostSetting = {};
  for (const [field, item] of Object.entries(entry)) {
    if ((BUDGET_FIELDS as readonly string[]).includes(field)) {
      if (typeof item === 'number' && Number.isFinite(item) && item >= 0) setting[field as (typeof BUDGET_FIELDS)[number]] = item;
      else problems.push({ message: `\`${field}\` must be a number (0 or more).`, span: at([...path, field]) });
    } else if (!extra.includes(field)) {
      const known = [...BUDGET_FIELDS, ...extra].join(', ');
      problems.push({ message: `Unknown key \`${field}\` in \`${path.join('.')}\`; the known keys are ${known}.`, span: at([...path, field], 'key') });
    }
  }
  return setting;
}

/** Reads `cost:`; `adapters` are the adapter names `pricing` may be keyed by. */
export function parseCostSettings(value: unknown, at: Locate, problems: SettingProblem[], adapters: readonly string[]): CostSettings {
  const cost: CostSettings = { models: {}, pricing: {} };
  if (!isPlainObject(value)) {
    problems.push({ message: `\`cost\` must be a mapping of ${COST_FIELDS.join(', ')}.`, span: at(['cost']) });
    return cost;
  }
  Object.assign(cost, readBudgets(value, ['cost'], at, problems, ['models', 'pricing']));
  if (value.models !== undefined) {
    if (!isPlainObject(value.models)) problems.push({ message: '`cost.models` must map model names to {runsPerDay, maxUsdPerRun, maxUsdPerDay}.', span: at(['cost', 'models']) });
    else {
      for (const [name, entry] of Object.entries(value.models)) {
        if (isPlainObject(entry)) cost.models[name] = readBudgets(entry, ['cost', 'models', name], at, problems, []);
        else problems.push({ message: `The cost settings of ${name} must be a mapping of runsPerDay, maxUsdPerRun, maxUsdPerDay.`, span: at(['cost', 'models', name]) });
      }
    }
  }
  if (value.pricing !== undefined) {
    if (!isPlainObject(value.pricing)) problems.push({ message: `\`cost.pricing\` must map adapters (${adapters.join(', ')}) to their prices.`, span: at(['cost', 'pricing']) });
    else {
      for (const [adapter, entry] of Object.entries(value.pricing)) {
        const path: YamlPath = ['cost', 'pricing', adapter];
        if (!adapters.includes(adapter)) {
          problems.push({ message: `\`${adapter}\` in \`cost.pricing\` is not an adapter; use one of ${adapters.join(', ')}.`, span: at(path, 'key') });
          continue;
        }
        if (!isPlainObject(entry)) {
          problems.push({ message: `The pricing of ${adapter} must be a mapping of ${PRICING_FIELDS.join(', ')}.`, span: at(path) });
          continue;
        }
        const pricing: PricingSetting = {};
        for (const [field, item] of Object.entries(entry)) {
          if (field === 'warehouseSize') {
            const size = typeof item === 'string' ? item.toLowerCase().replace(/[-_\s]/g, '').replace(/^x+small$/, 'xsmall').replace(/^(\d)xlarge$/, '$1xlarge') : undefined;
            if (size && size in WAREHOUSE_CREDITS_PER_HOUR) pricing.warehouseSize = size;
            else problems.push({ message: `\`warehouseSize\` must be one of ${Object.keys(WAREHOUSE_CREDITS_PER_HOUR).join(', ')}.`, span: at([...path, field]) });
          } else if ((PRICING_FIELDS as readonly string[]).includes(field)) {
            if (typeof item === 'number' && Number.isFinite(item) && item > 0) (pricing as Record<string, number>)[field] = item;
            else problems.push({ message: `\`${field}\` of ${adapter} must be a number above 0.`, span: at([...path, field]) });
          } else {
            problems.push({ message: `Unknown key \`${field}\` in the pricing of ${adapter}; the known keys are ${PRICING_FIELDS.join(', ')}.`, span: at([...path, field], 'key') });
          }
        }
        cost.pricing[adapter] = pricing;
      }
    }
  }
  return cost;
}
