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

  it('answers like a full scan whatever order it is asked in (it finds line starts lazily)', () => {
    // A reference that scans the whole text up front, as LineIndex once did.
    const reference = (text: string) => {
      const starts = [0];
      for (let i = 0; i < text.length; i++) {
        if (text[i] === '\n') starts.push(i + 1);
        else if (text[i] === '\r') {
          if (text[i + 1] === '\n') i++;
          starts.push(i + 1);
        }
      }
      return starts;
    };
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    for (let round = 0; round < 200; round++) {
      const text = Array.from({ length: random(600) }, () => ['a', 'b', '\n', '\r\n', '\r', ' '][random(6)]).join('');
      const starts = reference(text);
      const index = new LineIndex(text);
      for (let question = 0; question < 40; question++) {
        const offset = random(text.length + 3);
        const clamped = Math.min(offset, text.length);
        let line = 0;
        while (line + 1 < starts.length && starts[line + 1] <= clamped) line++;
        assert.deepEqual(index.positionAt(offset), { line, character: clamped - starts[line] });
        const askLine = random(starts.length + 2);
        const expectedStart = starts[Math.min(askLine, starts.length - 1)];
        assert.equal(index.lineStart(askLine), expectedStart);
        const next = askLine + 1 < starts.length ? starts[askLine + 1] : text.length;
        const character = random(8);
        assert.equal(index.offsetAt({ line: askLine, character }), askLine >= starts.length ? text.length : Math.min(expectedStart + character, next));
      }
      assert.equal(index.lineCount, starts.length);
    }
  });
});
