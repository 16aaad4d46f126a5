/**
 * `dplens cost [PATH]`: read the workspace as `dplens check` does, then print what one run of each model reads and
 * costs, most expensive first, offline (catalog.json and dplens.yml `stats:` and `cost:`).
 */
import { costJson, costText, estimateCosts } from '../core/cost';
import type { CostArgs } from './args';
import { indexForCommand } from './command-index';

export function runCost(args: CostArgs, cwd: string): string {
  const { index } = indexForCommand(args, cwd);
  const costs = estimateCosts(index);
  return args.format === 'json' ? costJson(costs) : costText(costs);
}
