/**
 * `dplens cost [PATH]`: read the workspace as `dplens check` does, then print what one run of each model reads and
 * costs, most expensive first, offline (catalog.json and dplens.yml `stats:` and `cost:`).
 */
import { readConfigScopes } from '../core/config/config-scopes';
import { costJson, costText, estimateCosts } from '../core/cost';
import { WorkspaceIndex } from '../core/project/workspace-index';
import { ignoredPaths, readExternalProfiles, readWorkspace } from '../io/workspace-reader';
import type { CostArgs } from './args';
import { CliError, readConfigOption, resolveScope } from './check-command';

export function runCost(args: CostArgs, cwd: string): string {
  const scope = resolveScope([args.path], cwd);
  const configFile = readConfigOption(args.config, cwd);
  const workspace = readWorkspace(scope.root, { ignore: ignoredPaths(configFile, scope.root) });
  const scopes = readConfigScopes(workspace.files, configFile);
  if (scopes.problems.length > 0) {
    const { file, problems } = scopes.problems[0];
    throw new CliError(`${configFile?.path ?? file}: ${problems[0].message}`);
  }
  const index = WorkspaceIndex.build(workspace.files, {
    config: scopes.root,
    configFor: (root) => scopes.byProjectRoot.get(root),
    targetName: args.target,
    externalProfiles: readExternalProfiles(),
  });
  const costs = estimateCosts(index);
  return args.format === 'json' ? costJson(costs) : costText(costs);
}
