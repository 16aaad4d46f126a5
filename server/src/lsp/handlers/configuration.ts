/**
 * workspace/didChangeConfiguration: the cached settings are dropped, and every published diagnostic is sent
 * again under the new ones (a rule turned off or a severity changed shows at once). Settings are cached per
 * workspace folder, so the cache stays as small as the folder list.
 */
import type { ServerContext } from '../context';
import { republishAll } from './diagnostics';
import { refreshContractBase } from '../contract-base';

export function registerConfiguration(ctx: ServerContext): void {
  ctx.connection.onDidChangeConfiguration((params) => {
    ctx.settings.clear(params.settings);
    ctx.guard('settings change', () => republishAll(ctx), undefined);
    // The base setting may have changed: the contract rules compare with the base it names now.
    for (const session of ctx.workspaces.all()) void refreshContractBase(ctx, session);
  });
}
