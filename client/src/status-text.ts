/**
 * What the status bar item says for each state of the language server, and in an untrusted workspace. Free of
 * `vscode`, so it is tested without the editor; `status.ts` maps the LanguageClient's states onto these.
 */
export type ServerState = 'starting' | 'running' | 'stopped' | 'failed';

export interface StatusText {
  /** With a codicon, as the status bar shows it. */
  text: string;
  tooltip: string;
  /** Whether the item uses the warning colours, so a stopped server is noticed. */
  warning: boolean;
}

/** What restricted mode means, for the tooltip of an untrusted workspace. */
export const RESTRICTED_TOOLTIP =
  'Data Platform Lens: restricted, because this workspace is not trusted. Git commands (such as "Review Changes Against Base") are not run, and files outside the workspace (such as ~/.dbt/profiles.yml) are not read. Nothing from the workspace is ever executed either way. Trust the workspace to lift these limits.';

/**
 * The item's text for a server state, in a trusted or untrusted workspace. A running server in an untrusted
 * workspace says so instead of showing a plain check mark; a stopped or failed server is the more urgent news.
 */
export function statusText(state: ServerState, trusted = true): StatusText {
  if (!trusted && (state === 'running' || state === 'starting')) {
    return { text: `${state === 'starting' ? '$(sync~spin)' : '$(shield)'} Data Platform Lens: restricted`, tooltip: `${RESTRICTED_TOOLTIP} Click to show the output.`, warning: false };
  }
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
