/**
 * What the status bar item says for each state of the language server. Free of `vscode`, so it is tested
 * without the editor; `status.ts` maps the LanguageClient's states onto these.
 */
export type ServerState = 'starting' | 'running' | 'stopped' | 'failed';

export interface StatusText {
  /** With a codicon, as the status bar shows it. */
  text: string;
  tooltip: string;
  /** Whether the item uses the warning colours, so a stopped server is noticed. */
  warning: boolean;
}

export function statusText(state: ServerState): StatusText {
  switch (state) {
    case 'starting':
      return { text: '$(sync~spin) Data Platform Lens', tooltip: 'Data Platform Lens: the language server is starting. Click to show its output.', warning: false };
    case 'running':
      return { text: '$(check) Data Platform Lens', tooltip: 'Data Platform Lens: the language server is running. Click to show its output.', warning: false };
    case 'stopped':
      return { text: '$(circle-slash) Data Platform Lens', tooltip: 'Data Platform Lens: the language server is stopped. Click to show its output; run "Data Platform Lens: Restart Server" to start it again.', warning: true };
    case 'failed':
      return { text: '$(error) Data Platform Lens', tooltip: 'Data Platform Lens: the language server could not start. Click to show its output for the reason.', warning: true };
  }
}
