/**
 * Rules that threw, reported as what they are: defects of Data Platform Lens, not findings about the user's code.
 * Each distinct failure (a rule and its message) is logged once with its stack, and each rule that failed is shown
 * to the user once per session with where to report it; a rule that fails on every keystroke adds nothing after
 * its first failure.
 */
import { MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver/node';
import { distinctRuleFailures, ISSUES_URL, type RuleFailure } from '../core/rules/rule-failure';

/**
 * Distinct failures logged at most per rule: a defect whose message names what it failed on (a value, a position)
 * would otherwise grow the set with every edit. The rules are a fixed list, so the whole set stays bounded.
 */
const MAX_LOGGED_PER_RULE = 20;

export class RuleFailureReporter {
  /** The messages logged, per rule. */
  private readonly logged = new Map<string, Set<string>>();
  private readonly shown = new Set<string>();

  constructor(private readonly connection: Pick<Connection, 'console' | 'sendNotification'>) {}

  report(failures: readonly RuleFailure[]): void {
    if (failures.length === 0) return;
    for (const { failure, files } of distinctRuleFailures(failures)) {
      const where = files.length === 0 ? 'while checking the whole project' : `on ${files[0]}${files.length > 1 ? ` and ${files.length - 1} other file${files.length > 2 ? 's' : ''}` : ''}`;
      let messages = this.logged.get(failure.rule);
      if (!messages) this.logged.set(failure.rule, (messages = new Set()));
      if (!messages.has(failure.message) && messages.size < MAX_LOGGED_PER_RULE) {
        messages.add(failure.message);
        this.connection.console.error(`Data Platform Lens: the rule ${failure.rule} failed ${where} and was skipped there; the other rules still ran. ${failure.stack}`);
      }
      if (!this.shown.has(failure.rule)) {
        this.shown.add(failure.rule);
        const message = `Data Platform Lens: the rule ${failure.rule} failed ${where} and was skipped; the other rules still ran. Please report it: ${ISSUES_URL}`;
        // A client gone away cannot be told; the log above still holds the failure.
        this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message }).catch(() => undefined);
      }
    }
  }
}
