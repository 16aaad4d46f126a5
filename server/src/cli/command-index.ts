/**
 * The index the read-only commands (`dplens lineage`, `dplens cost`) work on: the workspace read as `dplens check`
 * reads it, with the same `dplens.yml` (or `--config`), `ignore:` paths and target.
 */
import { readConfigScopes } from '../core/config/config-scopes';
import { WorkspaceIndex } from '../core/project/workspace-index';
import { ignoredPaths, readExternalProfiles, readPipelineEnvironment, readWorkspace } from '../io/workspace-reader';
import { CliError, readConfigOption, resolveScope, type Scope } from './check-command';

export function indexForCommand(args: { path: string; config?: string; target?: string }, cwd: string): { index: WorkspaceIndex; scope: Scope } {
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
    environment: readPipelineEnvironment(),
  });
  return { index, scope };
}
