/**
 * workspace/didChangeConfiguration: the cached settings are dropped, and every published diagnostic is sent
 * again under the new ones (a rule turned off or a severity changed shows at once). Closing a document
 * forgets its settings, so the cache never outgrows the open files.
 */
import type { ServerContext } from '../context';
import { republishAll } from './diagnostics';

export function registerConfiguration(ctx: ServerContext): void {
  ctx.connection.onDidChangeConfiguration((params) => {
    ctx.settings.clear(params.settings);
    ctx.guard('settings change', () => republishAll(ctx), undefined);
  });
  ctx.documents.onDidClose((event) => ctx.settings.forget(event.document.uri));
}
