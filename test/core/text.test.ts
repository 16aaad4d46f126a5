import assert from 'node:assert/strict';
import { LineIndex } from '../../server/src/core/text';

describe('LineIndex', () => {
  it('maps offsets to positions across LF, CRLF and lone CR', () => {
    const text = 'a\nbc\r\nd\re';
    const index = new LineIndex(text);
    assert.equal(index.lineCount, 4);
    assert.deepEqual(index.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(index.positionAt(3), { line: 1, character: 1 });
    assert.deepEqual(index.positionAt(6), { line: 2, character: 0 });
    assert.deepEqual(index.positionAt(8), { line: 3, character: 0 });
    assert.equal(index.offsetAt({ line: 1, character: 1 }), 3);
  });
});
