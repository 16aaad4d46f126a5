/**
 * When the language server dies, whether and when to start it again: after a short back-off that doubles with
 * each crash, until it has crashed `maxCrashes` times within `windowMs`; then it stays stopped and the user is
 * told, with the crash count, and offered to restart it or to read its output. Free of `vscode`, so it is tested
 * without the editor; `language-client.ts` wires it into the LanguageClient's error handler.
 *
 * vscode-languageclient's own default (DefaultErrorHandler) restarts at once, up to 4 times in 3 minutes, with a
 * message that offers nothing to click. A server that crashes on some input would crash again at once on the
 * same open file, so the back-off spaces the attempts out, and the last message says what to do.
 */

export interface RestartPolicy {
  /** The crash within `windowMs` that is not followed by a restart. */
  maxCrashes: number;
  windowMs: number;
  /** The wait before the first restart; each further crash in the window doubles it, up to `maxDelayMs`. */
  firstDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { maxCrashes: 5, windowMs: 3 * 60_000, firstDelayMs: 500, maxDelayMs: 8_000 };

export type CrashDecision =
  /** Start the server again after `delayMs`; `crashes` counts this one and the others in the window. */
  | { action: 'restart'; delayMs: number; crashes: number }
  /** Leave the server stopped and tell the user. */
  | { action: 'give-up'; crashes: number };

/** The labels of the buttons of the message shown when the server is not restarted any more. */
export const RESTART_CHOICE = 'Restart';
export const SHOW_OUTPUT_CHOICE = 'Show Output';

export class CrashHistory {
  private crashes: number[] = [];
  private gaveUp = false;

  constructor(private readonly policy: RestartPolicy = DEFAULT_RESTART_POLICY) {}

  /** Records a crash at `now` (milliseconds) and decides what follows it. */
  crashed(now: number): CrashDecision {
    // After giving up, the server runs again only because the user started it, so its allowance starts afresh.
    if (this.gaveUp) this.reset();
    this.crashes = [...this.crashes.filter((at) => now - at < this.policy.windowMs), now];
    const count = this.crashes.length;
    if (count >= this.policy.maxCrashes) {
      this.gaveUp = true;
      return { action: 'give-up', crashes: count };
    }
    return { action: 'restart', crashes: count, delayMs: Math.min(this.policy.maxDelayMs, this.policy.firstDelayMs * 2 ** (count - 1)) };
  }

  /** Forgets the crashes, when the user restarts the server. */
  reset(): void {
    this.crashes = [];
    this.gaveUp = false;
  }
}

/** For the output channel, when the server is about to be started again. */
export function restartingMessage(decision: Extract<CrashDecision, { action: 'restart' }>, policy: RestartPolicy = DEFAULT_RESTART_POLICY): string {
  return (
    `The Data Platform Lens language server stopped unexpectedly (${decision.crashes} ${decision.crashes === 1 ? 'crash' : 'crashes'} in the last ${duration(policy.windowMs)}). ` +
    `It is restarted in ${duration(decision.delayMs)}, and the open files are sent to it again, unsaved changes included; ` +
    `after ${policy.maxCrashes} crashes in ${duration(policy.windowMs)} it is left stopped.`
  );
}

/** For the notification shown when the server is left stopped; its buttons are RESTART_CHOICE and SHOW_OUTPUT_CHOICE. */
export function gaveUpMessage(crashes: number, policy: RestartPolicy = DEFAULT_RESTART_POLICY): string {
  return (
    `Data Platform Lens: the language server crashed ${crashes} times in the last ${duration(policy.windowMs)}, so it is not restarted again, ` +
    `and diagnostics, hovers and lineage are unavailable until it runs. Its output may say why; "${RESTART_CHOICE}" starts it once more.`
  );
}

/** Whole minutes or seconds when exact, else milliseconds: "3 minutes", "1 s", "500 ms". */
function duration(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) return ms === 60_000 ? '1 minute' : `${ms / 60_000} minutes`;
  if (ms >= 1000 && ms % 1000 === 0) return `${ms / 1000} s`;
  return `${ms} ms`;
}
