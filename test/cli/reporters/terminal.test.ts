import assert from 'node:assert/strict';
import { ProgressIndicator, supportsColor, type ProgressStream } from '../../../server/src/cli/terminal';

describe('supportsColor', () => {
  const tty = { isTTY: true };
  const pipe = { isTTY: false };
  const cases: [string, { isTTY: boolean }, NodeJS.ProcessEnv, boolean][] = [
    ['a TTY', tty, {}, true],
    ['a pipe', pipe, {}, false],
    ['a TTY with NO_COLOR', tty, { NO_COLOR: '1' }, false],
    ['a TTY with an empty NO_COLOR, which no-color.org says to ignore', tty, { NO_COLOR: '' }, true],
    ['a TTY with TERM=dumb', tty, { TERM: 'dumb' }, false],
    ['a TTY with TERM=xterm-256color', tty, { TERM: 'xterm-256color' }, true],
    ['a pipe with FORCE_COLOR=1', pipe, { FORCE_COLOR: '1' }, true],
    ['a pipe with an empty FORCE_COLOR', pipe, { FORCE_COLOR: '' }, true],
    ['FORCE_COLOR over NO_COLOR', pipe, { FORCE_COLOR: '1', NO_COLOR: '1' }, true],
    ['FORCE_COLOR over TERM=dumb', tty, { FORCE_COLOR: '3', TERM: 'dumb' }, true],
    ['a TTY with FORCE_COLOR=0', tty, { FORCE_COLOR: '0' }, false],
    ['a TTY with FORCE_COLOR=false', tty, { FORCE_COLOR: 'false' }, false],
  ];
  for (const [name, stream, env, expected] of cases) {
    it(`${expected ? 'colours' : 'does not colour'} ${name}`, () => {
      assert.equal(supportsColor(stream, env), expected);
    });
  }
});

describe('ProgressIndicator', () => {
  function fakeStream(isTTY: boolean, columns = 80): ProgressStream & { written: string[] } {
    const written: string[] = [];
    return {
      isTTY,
      columns,
      written,
      write: ((chunk: string) => {
        written.push(chunk);
        return true;
      }) as ProgressStream['write'],
    };
  }

  it('redraws in place at most every 100 ms and erases itself at the end', () => {
    const stream = fakeStream(true);
    let time = 1000;
    const progress = new ProgressIndicator(stream, { now: () => time });
    progress.update('Analysing', 1, 10);
    time += 50;
    progress.update('Analysing', 2, 10);
    time += 60;
    progress.update('Linting', 3, 10);
    progress.clear();
    progress.clear();
    // The second redraw pads with spaces over the longer first one; erasing needs only cover the text itself.
    assert.deepEqual(stream.written, ['\rAnalysing 1/10', '\rLinting 3/10  ', '\r            \r']);
  });

  it('cuts lines to the terminal width so they never wrap', () => {
    const stream = fakeStream(true, 10);
    new ProgressIndicator(stream, { now: () => 0 }).update('Analysing models/marts/fct_orders.sql');
    assert.deepEqual(stream.written, ['\rAnalysin…']);
  });

  it('writes nothing when the stream is not a terminal', () => {
    const stream = fakeStream(false);
    const progress = new ProgressIndicator(stream, { now: () => 0 });
    progress.update('Analysing', 1, 2);
    progress.clear();
    assert.deepEqual(stream.written, []);
  });
});
