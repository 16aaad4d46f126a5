/**
 * The Data Platform Lens extension: starts the language server and lets it do the work.
 * The client is thin: it renders what the server computes (diagnostics, lineage) and adds commands around it.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { createLanguageClient } from './language-client';
import { LineagePanel } from './lineage/panel';
import { lineageRequester } from './lineage/request';
import { LineageTree } from './lineage/tree';
import { registerStatus } from './status';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  client = createLanguageClient(context);
  const requestLineage = lineageRequester(client);
  const panel = new LineagePanel(context.extensionUri, requestLineage);
  context.subscriptions.push(panel, new LineageTree(requestLineage));
  registerStatus(context, client);
  registerCommands(context, client, panel);
  // Menus, the palette and the Lineage view appear only once the extension runs, that is in dbt workspaces.
  void vscode.commands.executeCommand('setContext', 'dplens.active', true);
  // Starting is not awaited: the server indexes in the background and never blocks the window.
  void client.start();
  context.subscriptions.push({ dispose: () => void client?.stop() });
  // The server learns about trust when it starts (it then reads profiles outside the workspace and may run git),
  // so granting trust restarts it.
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.restart()));
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
