/**
 * How the language server reports rules that threw (server/src/lsp/rule-failures.ts), with a recording connection:
 * each distinct failure logged once with its stack, each rule shown once, whatever the number of passes.
 * test/lsp/resilience.test.ts checks the same over stdio against the real server.
 */
import assert from 'node:assert/strict';
import { MessageType, type ShowMessageParams } from 'vscode-languageserver/node';
import type { RuleFailure } from '../../server/src/core/check';
import { ISSUES_URL } from '../../server/src/core/rules/rule-failure';
import { RuleFailureReporter } from '../../server/src/lsp/rule-failures';

function recordingConnection() {
  const logged: string[] = [];
  const shown: ShowMessageParams[] = [];
  const connection = {
    console: { error: (message: string) => logged.push(message) },
    sendNotification: (_type: unknown, params: ShowMessageParams) => {
      shown.push(params);
      return Promise.resolve();
    },
  };
  return { logged, shown, reporter: new RuleFailureReporter(connection as unknown as ConstructorParameters<typeof RuleFailureReporter>[0]) };
}

const failure = (rule: string, file: string | undefined, message: string): RuleFailure => ({ rule, file, phase: 'check', message, stack: `TypeError: ${message}\n    at check (rule.ts:1:1)` });

const CASES: { name: string; passes: RuleFailure[][]; logged: string[]; shown: string[] }[] = [
  {
    name: 'a rule failing on every pass is logged and shown once',
    passes: [[failure('a/rule', 'x.sql', 'boom')], [failure('a/rule', 'x.sql', 'boom')], [failure('a/rule', 'y.sql', 'boom')]],
    logged: ['Data Platform Lens: the rule a/rule failed on x.sql and was skipped there; the other rules still ran. TypeError: boom\n    at check (rule.ts:1:1)'],
    shown: [`Data Platform Lens: the rule a/rule failed on x.sql and was skipped; the other rules still ran. Please report it: ${ISSUES_URL}`],
  },
  {
    name: 'one pass failing on several files names the first and counts the others',
    passes: [[failure('a/rule', 'x.sql', 'boom'), failure('a/rule', 'y.sql', 'boom'), failure('a/rule', 'z.sql', 'boom')]],
    logged: ['Data Platform Lens: the rule a/rule failed on x.sql and 2 other files and was skipped there; the other rules still ran. TypeError: boom\n    at check (rule.ts:1:1)'],
    shown: [`Data Platform Lens: the rule a/rule failed on x.sql and 2 other files and was skipped; the other rules still ran. Please report it: ${ISSUES_URL}`],
  },
  {
    name: 'a second defect of the same rule is logged, but the rule is not shown again',
    passes: [[failure('a/rule', 'x.sql', 'boom')], [failure('a/rule', 'x.sql', 'bang')]],
    logged: [
      'Data Platform Lens: the rule a/rule failed on x.sql and was skipped there; the other rules still ran. TypeError: boom\n    at check (rule.ts:1:1)',
      'Data Platform Lens: the rule a/rule failed on x.sql and was skipped there; the other rules still ran. TypeError: bang\n    at check (rule.ts:1:1)',
    ],
    shown: [`Data Platform Lens: the rule a/rule failed on x.sql and was skipped; the other rules still ran. Please report it: ${ISSUES_URL}`],
  },
  {
    name: 'each rule that fails is shown once; a project rule names no file',
    passes: [[failure('a/rule', 'x.sql', 'boom'), failure('b/rule', undefined, 'boom')]],
    logged: [
      'Data Platform Lens: the rule a/rule failed on x.sql and was skipped there; the other rules still ran. TypeError: boom\n    at check (rule.ts:1:1)',
      'Data Platform Lens: the rule b/rule failed while checking the whole project and was skipped there; the other rules still ran. TypeError: boom\n    at check (rule.ts:1:1)',
    ],
    shown: [
      `Data Platform Lens: the rule a/rule failed on x.sql and was skipped; the other rules still ran. Please report it: ${ISSUES_URL}`,
      `Data Platform Lens: the rule b/rule failed while checking the whole project and was skipped; the other rules still ran. Please report it: ${ISSUES_URL}`,
    ],
  },
  { name: 'a pass without failures reports nothing', passes: [[], []], logged: [], shown: [] },
];

describe('rule failure reports in the language server', () => {
  for (const { name, passes, logged, shown } of CASES) {
    it(name, () => {
      const recorded = recordingConnection();
      for (const pass of passes) recorded.reporter.report(pass);
      assert.deepEqual(recorded.logged, logged);
      assert.deepEqual(recorded.shown.map((params) => params.message), shown);
      for (const params of recorded.shown) assert.equal(params.type, MessageType.Warning);
    });
  }

  it('logs a bounded number of distinct failures per rule, so messages that vary per edit cannot grow it without end', () => {
    const recorded = recordingConnection();
    for (let edit = 0; edit < 500; edit++) recorded.reporter.report([failure('a/rule', 'x.sql', `index ${edit} out of range`)]);
    assert.equal(recorded.logged.length, 20);
    recorded.reporter.report([failure('b/rule', 'x.sql', 'boom')]);
    assert.equal(recorded.logged.length, 21, 'another rule is still logged');
    assert.equal(recorded.shown.length, 2);
  });
});
