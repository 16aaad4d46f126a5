import assert from 'node:assert/strict';
import { fingerprintFindings, normalizeMessage } from '../../../server/src/cli/fingerprint';
import { environment, finding } from './fixture';

const FILE = 'models/a.sql';

describe('fingerprintFindings', () => {
  it('ignores line references and free-standing numbers in messages, but not digits in names', () => {
    assert.equal(normalizeMessage('Duplicates `id` on line 12 (see L40, a.sql:3:7)'), 'Duplicates `id` on line # (see L#, a.sql:#:#)');
    assert.equal(normalizeMessage('reads `stg_orders_v2`  twice'), 'reads `stg_orders_v2` twice');
  });

  it('tells identical findings in one file apart by occurrence, in position order', () => {
    const files = { [FILE]: 'select *\nselect *\n' };
    const first = finding('sql/select-star', 'warning', FILE, [0, 0, 0, 8], 'm');
    const second = finding('sql/select-star', 'warning', FILE, [1, 0, 1, 8], 'm');
    const forward = fingerprintFindings([first, second], environment(files));
    assert.notEqual(forward[0], forward[1]);
    assert.deepEqual(fingerprintFindings([second, first], environment(files)), [forward[1], forward[0]]);
  });

  it('keeps a fingerprint when only a number in the message changes with the move', () => {
    const before = fingerprintFindings([finding('r/x', 'info', FILE, [0, 0, 0, 1], 'Also defined on line 9.')], environment({ [FILE]: 'a' }));
    const after = fingerprintFindings([finding('r/x', 'info', FILE, [3, 0, 3, 1], 'Also defined on line 12.')], environment({ [FILE]: '\n\n\n  a' }));
    assert.deepEqual(after, before);
  });

  it('separates rules and files, and copes with an unreadable line', () => {
    const env = environment({});
    const [a, b, c] = fingerprintFindings(
      [finding('r/x', 'info', FILE, [0, 0, 0, 1], 'm'), finding('r/y', 'info', FILE, [0, 0, 0, 1], 'm'), finding('r/x', 'info', 'models/b.sql', [0, 0, 0, 1], 'm')],
      env,
    );
    assert.equal(new Set([a, b, c]).size, 3);
  });
});
