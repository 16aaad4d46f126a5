/**
 * Today's date for rules that compare against dates written in a project (a model's `deprecation_date`).
 * The core otherwise never looks at the time; the clock is injectable so tests and examples stay deterministic.
 */

export type Clock = () => Date;

const systemClock: Clock = () => new Date();
let current: Clock = systemClock;

/** The current instant, from the injected clock. */
export function now(): Date {
  return current();
}

/** Runs `body` with a fixed clock (tests), restoring the previous one afterwards. */
export function withClock<T>(clock: Clock | Date, body: () => T): T {
  const previous = current;
  current = clock instanceof Date ? () => clock : clock;
  try {
    return body();
  } finally {
    current = previous;
  }
}
