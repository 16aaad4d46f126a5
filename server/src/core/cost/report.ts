/**
 * `dplens cost` output: a text table and the versioned JSON document, most expensive first.
 */
import { formatBytes } from '../navigation/inlay-hints';
import type { ModelCost } from './types';

export function costJson(costs: readonly ModelCost[]): string {
  const models = costs.map((cost) => ({
    name: cost.name,
    bytesPerRun: cost.bytesPerRun,
    runsPerDay: cost.runsPerDay,
    usdPerRun: cost.usdPerRun,
    usdPerDay: cost.usdPerDay,
    basis: cost.basis,
  }));
  return JSON.stringify({ version: 1, currency: 'USD', models }, null, 2) + '\n';
}

function usd(value: number | null): string {
  if (value === null) return 'unknown';
  if (value === 0) return '0';
  return value < 0.01 ? '<0.01' : value.toFixed(2);
}

/** Whole runs as written; a weekly or monthly schedule's fraction to three significant digits (0.143). */
function runsText(runsPerDay: number): string {
  return Number.isInteger(runsPerDay) ? String(runsPerDay) : String(Number(runsPerDay.toPrecision(3)));
}

export function costText(costs: readonly ModelCost[]): string {
  if (costs.length === 0) return 'No models to estimate.\n';
  const rows = [
    ['model', 'bytes/run', 'runs/day', 'USD/run', 'USD/day', 'basis'],
    ...costs.map((cost) => [
      cost.name,
      cost.bytesPerRun === null ? 'unknown' : formatBytes(cost.bytesPerRun),
      cost.runsPerDay === null ? 'unknown' : runsText(cost.runsPerDay),
      usd(cost.usdPerRun),
      usd(cost.usdPerDay),
      cost.basis,
    ]),
  ];
  const widths = rows[0].slice(0, -1).map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const numeric = [false, true, true, true, true];
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : numeric[column] ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join('  ')).join('\n') + '\n';
}
