/**
 * What a run's bytes cost, per adapter: BigQuery on demand bills bytes scanned (USD 6.25 per TiB by default); Snowflake
 * and Databricks bill compute time, so they get credits only when the user states a warehouse (size or credits per
 * hour) and a throughput, and dollars only with a price per credit. Anything else reports bytes alone.
 */
import { WAREHOUSE_CREDITS_PER_HOUR, type PricingSetting } from '../config/cost-settings';

export const TIB = 1024 ** 4;
export const BIGQUERY_ON_DEMAND_USD_PER_TIB = 6.25;

export interface RunPrice {
  usd: number | null;
  credits: number | null;
  basis: string;
}

function number(value: number): string {
  return Number(value.toPrecision(3)).toString();
}

export function priceRun(bytes: number | null, adapter: string, pricing: PricingSetting | undefined): RunPrice {
  const usdPerTib = pricing?.usdPerTib ?? (adapter === 'bigquery' ? BIGQUERY_ON_DEMAND_USD_PER_TIB : undefined);
  if (usdPerTib !== undefined) {
    const basis = pricing?.usdPerTib !== undefined ? `${adapter} USD ${number(usdPerTib)}/TiB (dplens.yml)` : `BigQuery on-demand USD ${number(usdPerTib)}/TiB`;
    return { usd: bytes === null ? null : (bytes / TIB) * usdPerTib, credits: null, basis };
  }
  const creditsPerHour = pricing?.creditsPerHour ?? (pricing?.warehouseSize ? WAREHOUSE_CREDITS_PER_HOUR[pricing.warehouseSize] : undefined);
  const unit = adapter === 'databricks' ? 'DBU' : 'credits';
  if (creditsPerHour !== undefined && pricing?.bytesPerSecond !== undefined) {
    const credits = bytes === null ? null : (bytes / pricing.bytesPerSecond / 3600) * creditsPerHour;
    const warehouse = `${pricing.warehouseSize ? `${pricing.warehouseSize} warehouse, ` : ''}${number(creditsPerHour)} ${unit}/h at ${number(pricing.bytesPerSecond)} B/s`;
    const usd = credits !== null && pricing.usdPerCredit !== undefined ? credits * pricing.usdPerCredit : null;
    const price = pricing.usdPerCredit !== undefined ? `, USD ${number(pricing.usdPerCredit)}/${adapter === 'databricks' ? 'DBU' : 'credit'}` : '';
    return { usd, credits, basis: `${warehouse}${price}${credits !== null ? `: ${number(credits)} ${unit}/run` : ''}` };
  }
  const hint = adapter === 'snowflake' || adapter === 'databricks' ? ` (set cost.pricing.${adapter} warehouseSize or creditsPerHour, and bytesPerSecond, for ${unit})` : '';
  return { usd: null, credits: null, basis: `${adapter}: bytes only, no price${hint}` };
}
