/**
 * dplens/reviewChanges: publishes the findings of every file changed since the base ref, open or not, so that
 * the Problems panel shows what a review of the branch would, and answers with the base and a count per file.
 *
 * The base is `dplens.baseRef` for the folder, else the merge-base with the default branch, found as the CLI's
 * `--changed` finds it (io/git.ts). Git runs only in trusted workspaces: a repository's configuration can name
 * programs to run, so an untrusted workspace gets an error saying why instead.
 */
import { ErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node';
import { pathToFileURL } from 'node:url';
import { changedFiles, GitError, resolveBase } from '../../io/git';
import { requestCancelled, type ServerContext } from '../context';
import { applySeverity, enabledFor } from '../settings';
import type { WorkspaceSession } from '../workspace-session';
import { REVIEW_CHANGES_METHOD, type ReviewChangesParams, type ReviewChangesResult } from '../protocol';
import { publishFindings } from './diagnostics';

export function registerReviewChanges(ctx: ServerContext): void {
  ctx.connection.onRequest(REVIEW_CHANGES_METHOD, async (params: ReviewChangesParams | null, token: CancellationToken): Promise<ReviewChangesResult> => {
    try {
      return await reviewChanges(ctx, params ?? {}, token);
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      ctx.connection.console.error(`Data Platform Lens: review of changes failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      throw new ResponseError(ErrorCodes.InternalError, `Data Platform Lens could not review the changes: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}

async function reviewChanges(ctx: ServerContext, params: ReviewChangesParams, token: CancellationToken): Promise<ReviewChangesResult> {
  if (!ctx.trusted) {
    throw new ResponseError(
      ErrorCodes.InvalidRequest,
      'Reviewing changes runs git, which Data Platform Lens never does in an untrusted workspace (a repository\'s git configuration can run programs). Trust the workspace to review changes against the base.',
    );
  }
  const sessions = sessionsOf(ctx, params);
  const result: ReviewChangesResult = { base: '', files: [], folders: [] };
  for (const session of sessions) {
    const folderUri = pathToFileURL(session.root).toString();
    const ref = (await ctx.settings.get(folderUri)).baseRef;
    let base: string;
    let changed: string[];
    try {
      base = resolveBase(session.root, ref || undefined);
      changed = changedFiles(session.root, base);
    } catch (error) {
      if (!(error instanceof GitError)) throw error;
      const hint = ref ? `\`dplens.baseRef\` is \`${ref}\`; check that it names a branch, tag or commit of this repository` : 'set `dplens.baseRef` to a branch or commit, such as origin/main';
      throw new ResponseError(ErrorCodes.InvalidRequest, `Data Platform Lens could not compare ${session.root} with its base: ${error.message}. Reviewing changes needs a git repository; ${hint}.`);
    }
    if (token.isCancellationRequested) throw requestCancelled('dplens/reviewChanges');
    result.folders.push({ uri: folderUri, ref, base });
    result.base ||= base;
    result.files.push(...(await publishChanged(ctx, session, changed, token)));
  }
  return result;
}

/** The folder of the given URI, or every indexed folder. */
function sessionsOf(ctx: ServerContext, params: ReviewChangesParams): readonly WorkspaceSession[] {
  const uri = params.uri;
  if (uri !== undefined) {
    const folder = ctx.workspaces.all().find((session) => pathToFileURL(session.root).toString() === uri.replace(/\/+$/, ''));
    const resolved = folder ?? ctx.workspaces.resolve(uri)?.session;
    if (!resolved) throw new ResponseError(ErrorCodes.InvalidParams, `${uri} is in no indexed workspace folder.`);
    return [resolved];
  }
  const sessions = ctx.workspaces.all();
  if (sessions.length === 0) throw new ResponseError(ErrorCodes.InvalidRequest, 'No workspace folder is indexed yet; try again once indexing has finished.');
  return sessions;
}

/**
 * Publishes the changed files the index analyses, whether open or not, and counts what is shown under the
 * folder's settings: a rule turned off in the editor stays off here too, or the next republication would hide
 * again what the review had shown.
 */
async function publishChanged(ctx: ServerContext, session: WorkspaceSession, changed: string[], token: CancellationToken): Promise<ReviewChangesResult['files']> {
  const files: ReviewChangesResult['files'] = [];
  for (const file of [...changed].sort()) ctx.analysis.flush(ctx.workspaces.uriOf(session, file));
  // The review counts every finding of the changed files, project rules' included: they run now, not after a pause.
  ctx.analysis.settle(session);
  for (const file of [...changed].sort()) {
    // A branch can change thousands of files, each published in turn: a cancelled review stops between them. What
    // it published so far is current, so it stays.
    if (token.isCancellationRequested) throw requestCancelled('dplens/reviewChanges');
    const uri = ctx.workspaces.uriOf(session, file);
    if (session.index.text(file) === undefined) continue;
    const findings = session.findingsFor(file);
    const settings = await ctx.settings.get(uri);
    const shown = enabledFor(settings, file) ? findings.filter((finding) => applySeverity(settings, finding) !== undefined).length : 0;
    await publishFindings(ctx, uri, file, findings);
    files.push({ file, uri, findings: shown });
  }
  return files;
}
