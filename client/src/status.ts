/**
 * The status bar item: the language server's state, from the LanguageClient's state changes, and whether the
 * workspace is restricted because it is not trusted. A click shows the output channel, where the server's log and, with `dplens.trace.server`, the protocol trace are written.
 */
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { statusText, type ServerState } from './status-text';

export const SHOW_OUTPUT_COMMAND = 'dplens.showOutput';

export function registerStatus(context: vscode.ExtensionContext, client: LanguageClient): void {
  const item = vscode.window.createStatusBarItem('dplens.status', vscode.StatusBarAlignment.Left, 0);
  item.name = 'Data Platform Lens';
  item.command = SHOW_OUTPUT_COMMAND;
  let current: ServerState = client.state === State.Stopped ? 'starting' : toServerState(client.state);
  const show = (state: ServerState) => {
    current = state;
    // Trust is read at each update: it can be granted while the window is open, never taken back.
    const text = statusText(state, vscode.workspace.isTrusted);
    item.text = text.text;
    item.tooltip = text.tooltip;
    item.backgroundColor = text.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  };
  // The item is created just before the client is started, so a client not yet started is about to be.
  show(current);
  item.show();
  context.subscriptions.push(
    item,
    client.onDidChangeState((event) => show(toServerState(event.newState))),
    vscode.workspace.onDidGrantWorkspaceTrust(() => show(current)),
    vscode.commands.registerCommand(SHOW_OUTPUT_COMMAND, () => client.outputChannel.show(true)),
  );
}

function toServerState(state: State): ServerState {
  switch (state) {
    case State.Starting:
      return 'starting';
    case State.Running:
      return 'running';
    case State.StartFailed:
      return 'failed';
    default:
      return 'stopped';
  }
}
