/**
 * What the CLI asks of the terminal: whether to colour, and a progress line that never pollutes output.
 * Progress goes to stderr and only to a TTY, so `dplens check --format json > out.json` and CI logs stay clean.
 */

/**
 * Whether to colour output written to `stream`.
 * `FORCE_COLOR` wins (`0` or `false` force colour off), then `NO_COLOR` (any non-empty value, per no-color.org),
 * then the stream must be a TTY whose `TERM` is not `dumb`.
 */
export function supportsColor(stream: Pick<NodeJS.WriteStream, 'isTTY'>, env: NodeJS.ProcessEnv): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (stream.isTTY !== true) return false;
  return env.TERM !== 'dumb';
}

export type ProgressStream = Pick<NodeJS.WriteStream, 'isTTY' | 'columns' | 'write'>;

export interface ProgressOptions {
  /** The minimum time between two redraws; 100 ms keeps it at ten updates a second or fewer. */
  intervalMs?: number;
  /** The clock, replaceable in tests. */
  now?: () => number;
}

/**
 * A single progress line redrawn in place with `\r`.
 * Redraws are throttled because writing to a terminal on every file would slow a large run down.
 * The line is erased by overwriting it with spaces rather than with an ANSI erase sequence,
 * so it also works on terminals that understand no escape codes.
 */
export class ProgressIndicator {
  private readonly enabled: boolean;
  private readonly intervalMs: number;
  private readonly now: () => number;
  private lastDraw = Number.NEGATIVE_INFINITY;
  private drawnLength = 0;

  constructor(
    private readonly stream: ProgressStream = process.stderr,
    options: ProgressOptions = {},
  ) {
    this.enabled = stream.isTTY === true;
    this.intervalMs = options.intervalMs ?? 100;
    this.now = options.now ?? Date.now;
  }

  /** Shows `label`, with `done/total` when a total is known; skipped when the last redraw was too recent. */
  update(label: string, done?: number, total?: number): void {
    if (!this.enabled) return;
    const time = this.now();
    if (time - this.lastDraw < this.intervalMs) return;
    this.lastDraw = time;
    const counter = done === undefined ? '' : total === undefined ? ` ${done}` : ` ${done}/${total}`;
    this.draw(this.fit(`${label}${counter}`));
  }

  /** Erases the line so the report starts on a clean row; safe to call more than once. */
  clear(): void {
    if (!this.enabled || this.drawnLength === 0) return;
    this.stream.write(`\r${' '.repeat(this.drawnLength)}\r`);
    this.drawnLength = 0;
  }

  private draw(text: string): void {
    const padding = ' '.repeat(Math.max(0, this.drawnLength - text.length));
    this.stream.write(`\r${text}${padding}`);
    this.drawnLength = text.length;
  }

  /** A line that wraps cannot be redrawn with `\r`, so the text is cut to the terminal's width. */
  private fit(text: string): string {
    const single = text.replace(/[\r\n\u0000-\u001f\u007f]/g, ' ');
    const width = this.stream.columns;
    if (!width || width < 2 || single.length < width) return single;
    return `${single.slice(0, width - 2)}…`;
  }
}
