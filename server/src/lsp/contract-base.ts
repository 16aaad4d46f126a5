/**
 * The git base of each workspace folder for the contract rules: resolved after the folder's first diagnostics are
 * out (git takes tens of milliseconds, the base index a graph build), and again when the settings change.
 * Git never runs in an untrusted workspace: a repository's configuration can run programs.
 */
import { pathToFileURL } from 'node:url';
import { eventHistoryRequest } from '../core/events/history-request';
import { contractBaseInput } from '../io/git';
import type { ServerContext } from './context';
import { publishDiagnostics } from './handlers/diagnostics';
import type { WorkspaceSession } from './workspace-session';

/** The ref the contract rules compare with: `dplens.contracts.baseRef`, else `dplens.baseRef`, else the default. */
export async function contractBaseRef(ctx: ServerContext, session: WorkspaceSession): Promise<string | undefined> {
  const settings = await ctx.settings.get(pathToFileURL(session.root).toString());
  return settings.contracts.baseRef || settings.baseRef || undefined;
}

/** Reads the base of a folder and publishes what the contract rules then find. */
export async function refreshContractBase(ctx: ServerContext, session: WorkspaceSession): Promise<void> {
  if (!ctx.trusted) return;
  try {
    const ref = await contractBaseRef(ctx, session);
    const started = performance.now();
    // The transitive compatibility modes of event schemas compare with earlier commits too: dplens.yml, as the
    // editor holds it, says which files need how many, as it does for `dplens check`.
    const historyDepth = eventHistoryRequest(session.index.text('dplens.yml'));
    const changed = session.setBase(contractBaseInput(session.root, ref, { historyDepth }));
    ctx.connection.console.info(`Data Platform Lens compared contracts of ${session.root} with the ${session.baseDescription} in ${Math.round(performance.now() - started)} ms.`);
    publishDiagnostics(ctx, session, changed);
  } catch (error) {
    // A base that cannot be read leaves the contract rules silent; every other diagnostic stays.
    ctx.connection.console.error(`Data Platform Lens could not read the contract base of ${session.root}: ${(error as Error).message}`);
  }
}
