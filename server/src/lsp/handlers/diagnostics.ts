/**
 * Push diagnostics: the findings of a file under the editor's settings for it (kinds of file turned off,
 * rule severities overridden), converted at the edge, published per URI.
 */
import type { Connection } from 'vscode-languageserver/node';
import { toDiagnostic } from '../convert';
import type { Finding } from '../../core/findings';
import { applySeverity, enabledFor, type SettingsCache } from '../settings';
import type { RuleFailureReporter } from '../rule-failures';
import type { WorkspaceSession } from '../workspace-session';
import type { Workspaces } from '../workspaces';

export interface DiagnosticsHost {
  connection: Connection;
  workspaces: Workspaces;
  settings: SettingsCache;
  ruleFailures: RuleFailureReporter;
}

export function publishDiagnostics(host: DiagnosticsHost, session: WorkspaceSession, files: string[]): void {
  // Rules that threw in the passes being published are reported with them: the other rules' findings still are.
  host.ruleFailures.report(session.takeRuleFailures());
  for (const file of new Set(files)) publishFindings(host, host.workspaces.uriOf(session, file), file, session.findingsFor(file));
}

/**
 * Publishes findings for one URI. The findings are taken now, so a later publication for the same file never
 * carries older ones; the settings may take one request to the client the first time a file is published.
 * Resolves once the message is written, for callers about to occupy the thread for a while.
 */
export function publishFindings(host: DiagnosticsHost, uri: string, file: string, findings: readonly Finding[]): Promise<void> {
  return host.settings.get(uri).then((settings) => {
    const shown = enabledFor(settings, file) ? findings.flatMap((finding) => applySeverity(settings, finding) ?? []) : [];
    return host.connection.sendDiagnostics({ uri, diagnostics: shown.map(toDiagnostic) });
  });
}

/** Publishes every file with findings again, for example after the settings changed. */
export function republishAll(host: DiagnosticsHost): void {
  for (const session of host.workspaces.all()) publishDiagnostics(host, session, session.filesWithFindings());
}
