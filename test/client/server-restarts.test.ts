/**
 * When the extension starts a dead language server again (client/src/server-restarts.ts): timelines of crashes,
 * each with the decisions expected after it, and the messages the user reads.
 */
import assert from 'node:assert/strict';
import { CrashHistory, DEFAULT_RESTART_POLICY, gaveUpMessage, RESTART_CHOICE, restartingMessage, type CrashDecision } from '../../client/src/server-restarts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** `r` + delay: restarted after that many milliseconds; `x`: left stopped. Each crash's count in its window follows a colon. */
type Expected = `r${number}:${number}` | `x:${number}`;

function shorthand(decision: CrashDecision): Expected {
  return decision.action === 'restart' ? `r${decision.delayMs}:${decision.crashes}` : `x:${decision.crashes}`;
}

const TIMELINES: { title: string; crashesAt: number[]; expected: Expected[]; resetBefore?: number }[] = [
  {
    title: 'a single crash is followed by a restart after half a second',
    crashesAt: [10 * SECOND],
    expected: ['r500:1'],
  },
  {
    title: 'crashes in quick succession double the back-off, and the fifth within 3 minutes leaves the server stopped',
    crashesAt: [0, 1 * SECOND, 3 * SECOND, 6 * SECOND, 11 * SECOND],
    expected: ['r500:1', 'r1000:2', 'r2000:3', 'r4000:4', 'x:5'],
  },
  {
    title: 'crashes spread wider than the window never add up: each is a first crash',
    crashesAt: [0, 4 * MINUTE, 8 * MINUTE, 12 * MINUTE, 16 * MINUTE, 20 * MINUTE],
    expected: ['r500:1', 'r500:1', 'r500:1', 'r500:1', 'r500:1', 'r500:1'],
  },
  {
    title: 'crashes older than 3 minutes leave the window, so the count and the back-off fall again',
    crashesAt: [0, 1 * MINUTE, 2 * MINUTE, 4 * MINUTE + 30 * SECOND, 4 * MINUTE + 40 * SECOND],
    expected: ['r500:1', 'r1000:2', 'r2000:3', 'r1000:2', 'r2000:3'],
  },
  {
    title: 'after giving up, the next crash (of a server the user started again) starts a fresh count',
    crashesAt: [0, 1 * SECOND, 2 * SECOND, 3 * SECOND, 4 * SECOND, 30 * SECOND, 31 * SECOND],
    expected: ['r500:1', 'r1000:2', 'r2000:3', 'r4000:4', 'x:5', 'r500:1', 'r1000:2'],
  },
  {
    title: 'a reset (the user restarted the server) forgets the crashes before it',
    crashesAt: [0, 1 * SECOND, 2 * SECOND, 3 * SECOND],
    resetBefore: 2,
    expected: ['r500:1', 'r1000:2', 'r500:1', 'r1000:2'],
  },
];

describe('restarting a crashed language server (client/src/server-restarts.ts)', () => {
  for (const timeline of TIMELINES) {
    it(timeline.title, () => {
      const history = new CrashHistory();
      const decisions = timeline.crashesAt.map((at, index) => {
        if (index === timeline.resetBefore) history.reset();
        return shorthand(history.crashed(at));
      });
      assert.deepEqual(decisions, timeline.expected);
    });
  }

  it('caps the back-off at maxDelayMs under a policy that allows many crashes', () => {
    const history = new CrashHistory({ ...DEFAULT_RESTART_POLICY, maxCrashes: 10 });
    const delays = Array.from({ length: 9 }, (_, index) => history.crashed(index * SECOND)).map((decision) => (decision.action === 'restart' ? decision.delayMs : -1));
    assert.deepEqual(delays, [500, 1000, 2000, 4000, 8000, 8000, 8000, 8000, 8000]);
    assert.equal(history.crashed(9 * SECOND).action, 'give-up');
  });

  it('tells the output channel how many crashes there were, when it restarts, and when it stops trying', () => {
    assert.equal(
      restartingMessage({ action: 'restart', delayMs: 1000, crashes: 2 }),
      'The Data Platform Lens language server stopped unexpectedly (2 crashes in the last 3 minutes). It is restarted in 1 s, and the open files are sent to it again, unsaved changes included; after 5 crashes in 3 minutes it is left stopped.',
    );
    assert.match(restartingMessage({ action: 'restart', delayMs: 500, crashes: 1 }), /\(1 crash in the last 3 minutes\)\. It is restarted in 500 ms,/);
  });

  it('tells the user, when it gives up, the crash count, what no longer works and what the Restart button does', () => {
    const message = gaveUpMessage(5);
    assert.equal(
      message,
      'Data Platform Lens: the language server crashed 5 times in the last 3 minutes, so it is not restarted again, and diagnostics, hovers and lineage are unavailable until it runs. Its output may say why; "Restart" starts it once more.',
    );
    assert.ok(message.includes(`"${RESTART_CHOICE}"`));
    assert.match(gaveUpMessage(3, { ...DEFAULT_RESTART_POLICY, windowMs: MINUTE }), /crashed 3 times in the last 1 minute,/);
  });
});
