/**
 * Access to `../shared/reference`, the conformance material that tests may read.
 *
 * A newcomer's clone has no `../shared`: tests that need it are then reported as pending
 * with a visible notice. CI sets `DPLENS_REQUIRE_SHARED=1`, and a missing folder fails instead.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const SHARED_REFERENCE = path.resolve(__dirname, '..', '..', '..', 'shared', 'reference');

export function sharedAvailable(): boolean {
  return fs.existsSync(SHARED_REFERENCE);
}

/** The absolute path of a file or folder under `../shared/reference`. */
export function sharedPath(...segments: string[]): string {
  return path.join(SHARED_REFERENCE, ...segments);
}

/**
 * `describe`, but only when `../shared/reference` exists.
 * Otherwise one pending test says why, or a failing one when `DPLENS_REQUIRE_SHARED=1`.
 */
export function describeWithShared(title: string, body: () => void): void {
  if (sharedAvailable()) {
    describe(title, body);
    return;
  }
  describe(title, () => {
    it(`needs ${SHARED_REFERENCE}`, function () {
      if (process.env.DPLENS_REQUIRE_SHARED === '1') {
        throw new Error(`DPLENS_REQUIRE_SHARED=1 but ${SHARED_REFERENCE} is missing: these conformance tests cannot run.`);
      }
      console.warn(`  notice: ${SHARED_REFERENCE} is missing; "${title}" was not run.`);
      this.skip();
    });
  });
}
